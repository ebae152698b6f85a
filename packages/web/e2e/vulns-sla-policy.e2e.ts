import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  apiSession,
  launchBrowser,
  signIn,
  skipE2e,
  startServer,
} from "./server-harness";
import type { ServerHandle } from "./server-harness";

type Call = Awaited<ReturnType<typeof apiSession>>;

const ASSET_KEY = "policy-e2e-api";
const IMAGE = "registry.example.com/policy/api:1";
const VIEWER = { username: "vera", password: "viewer-Password-0123456" };

/** Two high findings and a low one with fixes, so the recompute has open findings to visit. */
function trivyReport(): string {
  const vuln = (n: number, pkg: string, severity: string) => ({
    VulnerabilityID: `CVE-2025-${7200 + n}`,
    PkgName: pkg,
    PkgIdentifier: { PURL: `pkg:deb/debian/${pkg}@3.0.${n}?arch=amd64` },
    InstalledVersion: `3.0.${n}`,
    FixedVersion: `3.0.${n + 1}`,
    Status: "fixed",
    Title: `${pkg}: e2e flaw ${n}`,
    Severity: severity,
  });
  return JSON.stringify({
    SchemaVersion: 2,
    Trivy: { Version: "0.58.0" },
    ArtifactName: IMAGE,
    ArtifactType: "container_image",
    Metadata: { RepoTags: [IMAGE] },
    Results: [
      {
        Target: `${IMAGE} (debian 12.5)`,
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: [
          vuln(1, "openssl", "HIGH"),
          vuln(2, "zlib1g", "HIGH"),
          vuln(3, "curl", "LOW"),
        ],
      },
    ],
  });
}

interface PolicyView {
  policy: { version: number; targets: { high: { remediateDays: number | null } } };
  updatedBy: string | null;
  recompute: { status: string; total: number; done: number } | null;
}

/** The error Mantine shows under an input (linked by aria-describedby), or "" when none. */
async function fieldError(page: Page, input: Locator): Promise<string> {
  if ((await input.getAttribute("aria-invalid")) !== "true") return "";
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(" ").trim();
}

describe.skipIf(skipE2e)("the patching policy page in the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let call: Call;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    await call("POST", "/api/v1/assets", {
      key: ASSET_KEY,
      name: "policy api image (e2e)",
      kind: "container_image",
      criticality: 2,
      exposure: "internal",
      identifiers: [{ type: "image", value: IMAGE }],
    });
    let job = await call<{ id: string; status: string }>("POST", "/api/v1/vulns/imports", {
      content: trivyReport(),
      asset: ASSET_KEY,
      fileName: "policy.json",
    });
    for (let i = 0; i < 100 && (job.status === "queued" || job.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 200));
      job = await call("GET", `/api/v1/vulns/imports/${job.id}`);
    }
    expect(job.status).toBe("done");
    await call("POST", "/api/v1/users", { ...VIEWER, role: "viewer" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets an admin shorten High to 20 days and follows the recompute to the end", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page
      .getByRole("navigation", { name: "Main navigation" })
      .getByRole("link", { name: "Patching policy", exact: true })
      .click();
    await page.getByRole("heading", { name: "Patching policy", level: 1 }).waitFor();
    await page.getByTestId("target-high").getByText("30 days").waitFor();
    expect(await page.getByTestId("policy-version").textContent()).toBe("version 1");

    await page.getByRole("button", { name: "Edit policy" }).click();
    const high = page.getByLabel("high remediate days");
    expect(await high.inputValue()).toBe("30");
    // The server's range check comes back next to the field, and nothing is saved.
    await high.fill("0");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect.poll(() => fieldError(page, high), { timeout: 15_000 }).toMatch(/(>=\s?1|≥ 1)/);
    await page.getByRole("alert").filter({ hasText: "The policy was not changed" }).waitFor();
    expect((await call<PolicyView>("GET", "/api/v1/vulns/sla/policy")).policy.version).toBe(1);

    await high.fill("20");
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.getByTestId("policy-version").getByText("version 2").waitFor({ timeout: 15_000 });
    await page
      .getByTestId("recompute-status")
      .getByText(/done: 3 findings recomputed, 2 deadlines moved/)
      .waitFor({ timeout: 30_000 });
    await page.getByTestId("target-high").getByText("20 days").waitFor();
    expect(await page.getByTestId("policy-edited").textContent()).toContain(`by ${ADMIN_USERNAME}`);
    await page.screenshot({ path: "/tmp/infrasec-e2e-vulns-sla-policy.png", fullPage: true });

    const api = await call<PolicyView>("GET", "/api/v1/vulns/sla/policy");
    expect(api.policy.version).toBe(2);
    expect(api.policy.targets.high.remediateDays).toBe(20);
    expect(api.recompute).toMatchObject({ status: "done", total: 3, done: 3 });
    await context.close();
  });

  it("shows a read-only user the policy without an edit button or form", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, VIEWER.username, VIEWER.password);
    await page.goto(`${server.baseUrl}/vulnerabilities/policy`);
    await page.getByRole("heading", { name: "Patching policy", level: 1 }).waitFor();
    await page.getByTestId("target-high").getByText("20 days").waitFor();
    expect(await page.getByRole("button", { name: "Edit policy" }).count()).toBe(0);
    expect(await page.getByRole("form", { name: "Edit patching policy" }).count()).toBe(0);
    expect(await page.getByLabel("high remediate days").count()).toBe(0);
    await context.close();
  });
});
