import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { AppError } from "@infrasec/core";
import { loadConfig } from "@infrasec/server";
import type { Backend } from "./backend/backend";
import { createLocalBackend } from "./backend/local-backend";
import { createRemoteBackend } from "./backend/remote-backend";

/** Global options every management command accepts. */
export interface GlobalOptions {
  server?: string;
  json?: boolean;
  dataDir?: string;
}

/**
 * The CLI's own config file (remote mode): `{ "server": "https://…", "token": "isk_…" }` at
 * INFRASEC_CLI_CONFIG or ~/.config/infrasec/cli.json. Environment variables win over it.
 */
function cliFile(env: NodeJS.ProcessEnv): { server?: string; token?: string } {
  const path = env.INFRASEC_CLI_CONFIG ?? join(homedir(), ".config", "infrasec", "cli.json");
  if (!existsSync(path)) return {};
  try {
    const v = JSON.parse(readFileSync(path, "utf8")) as { server?: unknown; token?: unknown };
    return {
      server: typeof v.server === "string" ? v.server : undefined,
      token: typeof v.token === "string" ? v.token : undefined,
    };
  } catch (e) {
    throw new AppError("config_invalid", `${path}: ${(e as Error).message}`, [
      { file: path, message: "invalid JSON" },
    ]);
  }
}

/** Remote when --server (or INFRASEC_SERVER, or the CLI config file) names one; local otherwise. */
export async function openBackend(
  opts: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Backend> {
  const file = cliFile(env);
  const server = opts.server ?? env.INFRASEC_SERVER ?? file.server;
  if (server) {
    if (!/^https?:\/\//.test(server)) {
      throw new AppError("config_invalid", `--server must be an http(s) URL (got "${server}")`, [
        { path: "--server", message: "not an http(s) URL" },
      ]);
    }
    const token = env.INFRASEC_TOKEN ?? file.token;
    if (!token) {
      throw new AppError(
        "config_invalid",
        "remote mode needs a token: set INFRASEC_TOKEN or put it in ~/.config/infrasec/cli.json",
        [{ path: "INFRASEC_TOKEN", message: "missing" }],
      );
    }
    return createRemoteBackend(server, token);
  }
  const config = loadConfig(env, process.cwd(), { dataDir: opts.dataDir });
  return createLocalBackend(config);
}

/** Runs `fn` with a backend and always closes it. */
export async function withBackend<T>(
  opts: GlobalOptions,
  fn: (b: Backend) => Promise<T>,
): Promise<T> {
  const b = await openBackend(opts);
  try {
    return await fn(b);
  } finally {
    await b.close();
  }
}
