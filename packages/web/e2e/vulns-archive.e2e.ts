import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
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

const ASSET_KEY = "shop-zip-e2e";

function trivy(image: string, n: number): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: image,
    ArtifactType: "container_image",
    Results: [
      {
        Target: `${image} (debian 12.5)`,
        Class: "os-pkgs",
        Vulnerabilities: Array.from({ length: n }, (_, i) => ({
          VulnerabilityID: `CVE-2024-${7100 + i}`,
          PkgName: `zlib${i}`,
          InstalledVersion: "1.0.0",
          FixedVersion: "1.0.1",
          Severity: "HIGH",
        })),
      },
    ],
  });
}

/**
 * The import dialog sends the chosen file as the raw upload body: a ZIP artifact of reports is
 * accepted by the file input and imported by one job.
 */
describe.skipIf(skipE2e)("archive upload through the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    await call("POST", "/api/v1/assets", { key: ASSET_KEY, name: "zip", kind: "container_image" });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("imports the reports of a ZIP chosen in the dialog", async () => {
    await page.goto(`${server.baseUrl}/vulnerabilities/imports?upload=1`);
    const dialog = page.getByRole("dialog", { name: "Import a scanner report" });
    await dialog.waitFor();
    const input = dialog.locator('input[type="file"]');
    expect(await input.getAttribute("accept")).toMatch(/\.zip/);
    const zip = zipSync({
      "reports/trivy-web.json": strToU8(trivy("web:1", 4)),
      "reports/trivy-db.json": strToU8(trivy("db:1", 2)),
      "job.log": strToU8("log"),
    });
    await input.setInputFiles({
      name: "artifacts.zip",
      mimeType: "application/zip",
      buffer: Buffer.from(zip),
    });
    await dialog.getByText("artifacts.zip (").waitFor();
    await page.getByRole("combobox", { name: "Asset", exact: true }).fill("shop-zip");
    await page.getByRole("option", { name: new RegExp(ASSET_KEY) }).click();
    await dialog.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("heading", { name: `Import for ${ASSET_KEY}`, level: 1 }).waitFor();
    await page.getByText(/^Done /).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("count-created").textContent()).toContain("4");
  });
});
