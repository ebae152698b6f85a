// Starts a real infrasec server (built CLI, built web app, temp SQLite data dir) on a free
// loopback port for the end-to-end tests, and a headless Chromium to drive it.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CLI_BIN = join(REPO_ROOT, "packages/cli/bin/infrasec.mjs");
export const WEB_DIST = join(REPO_ROOT, "packages/web/dist/index.html");

/** Outside CI a machine without Chromium skips the e2e tests; in CI they must run. */
export const skipE2e = !existsSync(CHROMIUM_PATH) && process.env.CI !== "true";

export const ADMIN_USERNAME = "admin";
export const ADMIN_PASSWORD = "e2e-Admin-Password-0123456789";

export interface ServerHandle {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitReady(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (exited(child)) {
      throw new Error(`infrasec serve exited (code ${child.exitCode}) before ready:\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`infrasec serve not ready after ${timeoutMs} ms (${last}):\n${output()}`);
}

export async function startServer(timeoutMs = 60_000): Promise<ServerHandle> {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing`);
  if (!existsSync(WEB_DIST))
    throw new Error(`${WEB_DIST} is missing: run \`npm run build:web\` first`);
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "infrasec-e2e-"));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    INFRASEC_PORT: String(port),
    INFRASEC_DATA_DIR: dataDir,
    INFRASEC_ADMIN_PASSWORD: ADMIN_PASSWORD,
  };
  delete env.DATABASE_URL; // always the embedded SQLite in its own temp dir
  let log = "";
  const child = spawn(process.execPath, [CLI_BIN, "serve"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const output = () => log.slice(-8000);

  const stop = async () => {
    if (!exited(child)) {
      const done = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await done;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitReady(baseUrl, child, output, timeoutMs);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, port, dataDir, output, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Signs in through the real sign-in page; replaces a one-time password when asked to. */
export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
  newPassword?: string,
) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: false }).first().fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const home = page.getByRole("heading", { name: "Home", level: 1 });
  const change = page.getByRole("heading", { name: "Choose a new password" });
  await home.or(change).first().waitFor({ timeout: 20_000 });
  if (await change.isVisible()) {
    const next = newPassword ?? `${password}-changed`;
    await page.getByLabel("Current password").fill(password);
    await page.getByLabel(/^New password/).fill(next);
    await page.getByLabel("Confirm new password").fill(next);
    await page.getByRole("button", { name: "Change password" }).click();
    await home.waitFor({ timeout: 20_000 });
  }
}

/** A signed-in API session (cookie + CSRF token) for setting up test data quickly. */
export async function apiSession(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const session = (await res.json()) as { csrfToken: string | null };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        ...(session.csrfToken ? { "x-csrf-token": session.csrfToken } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
