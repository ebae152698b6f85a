import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
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

const ASSET_KEY = "shop-api-e2e";
const IMAGE = "registry.example.com/shop/api:7";

/**
 * A small Trivy schema-2 image report: one low, one high and one critical vulnerability, or (a
 * re-scan after patching) the same target without any.
 */
function trivyReport(withVulns = true): string {
  const vuln = (n: number, pkg: string, severity: string) => ({
    VulnerabilityID: `CVE-2024-${4100 + n}`,
    PkgName: pkg,
    PkgIdentifier: { PURL: `pkg:deb/debian/${pkg}@1.0.${n}?arch=amd64` },
    InstalledVersion: `1.0.${n}`,
    FixedVersion: `1.0.${n + 1}`,
    Status: "fixed",
    Layer: { DiffID: `sha256:${"b".repeat(64)}` },
    Title: `${pkg}: e2e flaw ${n}`,
    Severity: severity,
  });
  return JSON.stringify(
    {
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
          Vulnerabilities: withVulns
            ? [
                vuln(1, "libexpat1", "LOW"),
                vuln(2, "openssl", "HIGH"),
                vuln(3, "zlib1g", "CRITICAL"),
              ]
            : [],
        },
      ],
    },
    null,
    2,
  );
}

/** A link of the main navigation (breadcrumbs name the same pages). */
function nav(page: Page, name: string) {
  return page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name, exact: true });
}

async function chooseOption(page: Page, label: string, option: string | RegExp) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page
    .getByRole("option", { name: option, exact: typeof option === "string" })
    .first()
    .click();
}

/** Opens the import dialog, picks the file and the asset, and submits. */
async function uploadReport(page: Page, fileName: string, content: string) {
  await nav(page, "Imports").click();
  await page.getByRole("heading", { name: "Imports", level: 1 }).waitFor();
  await page.getByRole("button", { name: "Import report" }).click();
  const dialog = page.getByRole("dialog", { name: "Import a scanner report" });
  await dialog.waitFor();
  await dialog.locator('input[type="file"]').setInputFiles({
    name: fileName,
    mimeType: "application/json",
    buffer: Buffer.from(content),
  });
  await dialog.getByText(`${fileName} (`).waitFor();
  await page.getByRole("combobox", { name: "Asset", exact: true }).fill("shop");
  await page.getByRole("option", { name: new RegExp(ASSET_KEY) }).click();
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByRole("heading", { name: `Import for ${ASSET_KEY}`, level: 1 }).waitFor();
}

describe.skipIf(skipE2e)("vulnerability findings and imports through the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    await call("POST", "/api/v1/assets", {
      key: ASSET_KEY,
      name: "shop api image (e2e)",
      kind: "container_image",
      criticality: 2,
      exposure: "internet_facing",
      identifiers: [{ type: "image", value: IMAGE }],
    });
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("uploads a Trivy report through the dialog and follows the job to its end", async () => {
    await nav(page, "Findings").click();
    await page.getByRole("heading", { name: "Findings", level: 1 }).waitFor();
    await page.getByText("No findings yet").waitFor();

    await uploadReport(page, "trivy-shop-api.json", trivyReport());
    await page.getByText(/^Done /).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("count-created").textContent()).toContain("3");
    expect(await page.getByTestId("count-closed").textContent()).toContain("0");
    await page.screenshot({ path: "/tmp/infrasec-e2e-vulns-job.png", fullPage: true });

    // The job is listed with its result.
    await nav(page, "Imports").click();
    const jobs = page.getByRole("table", { name: "Import jobs" });
    await jobs.getByText("3 new, 0 updated, 0 closed").waitFor();
    await jobs.getByText("trivy-shop-api.json").waitFor();
  });

  it("names the place of a parse error on a failed import", async () => {
    await uploadReport(page, "broken.json", '{"SchemaVersion": 2, "Results": [');
    await page.getByText("Import failed", { exact: true }).waitFor({ timeout: 30_000 });
    const alert = page.getByRole("alert").filter({ hasText: "Import failed" });
    expect(await alert.textContent()).toMatch(/line \d+/);
  });

  it("lists the findings, filters by severity and keeps the filter in the URL", async () => {
    await nav(page, "Findings").click();
    const table = page.getByRole("table", { name: "Findings" });
    await table.getByText("CVE-2024-4103").waitFor();
    expect(await table.locator("tbody tr").count()).toBe(3);
    // Most severe first, package → fix and the SLA in words.
    expect(await table.locator("tbody tr").first().textContent()).toContain("critical");
    await table.getByText("openssl@1.0.2").waitFor();
    await table.getByText("→ 1.0.3").waitFor();
    expect(await table.getByText(/^due in \d+ days$/).count()).toBe(3);

    await chooseOption(page, "Severity", "high");
    await page.waitForURL(/severity=high/);
    await table.getByText("CVE-2024-4101").waitFor({ state: "detached" });
    expect(await table.locator("tbody tr").count()).toBe(1);
    await page.screenshot({ path: "/tmp/infrasec-e2e-vulns-findings.png", fullPage: true });
  });

  it("opens a finding and dismisses it with a reason and a comment", async () => {
    await page.getByRole("link", { name: "CVE-2024-4102" }).click();
    await page.getByRole("heading", { name: "CVE-2024-4102 in openssl", level: 1 }).waitFor();
    await page.getByTestId("identity-basis").waitFor();
    await page
      .getByRole("table", { name: "Occurrences" })
      .getByText("debian 12.5", { exact: false })
      .first()
      .waitFor();
    await page.getByText("first detected").waitFor();

    await page.getByRole("button", { name: "Dismiss…" }).click();
    const dialog = page.getByRole("dialog", { name: "Dismiss" });
    await dialog.waitFor();
    // Both the reason and the comment are required before anything is sent.
    await dialog.getByRole("button", { name: "Dismiss", exact: true }).click();
    await dialog.getByText("Choose why the finding is dismissed").waitFor();
    await dialog.getByText("Required to dismiss").waitFor();
    await chooseOption(page, "Reason", "false positive");
    await dialog.getByLabel("Comment").fill("openssl is not linked by the shop api binary");
    await dialog.getByRole("button", { name: "Dismiss", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    const history = page.getByLabel("History", { exact: true });
    await history.getByText("status detected → dismissed (false positive)").waitFor();
    await history.getByText("openssl is not linked by the shop api binary").waitFor();
    await page.getByText("dismissed · false positive").first().waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-vulns-finding.png", fullPage: true });
  });

  it("confirms the remaining open findings in bulk", async () => {
    await nav(page, "Findings").click();
    const table = page.getByRole("table", { name: "Findings" });
    await table.getByText("CVE-2024-4103").waitFor();
    // The dismissed finding is no longer open.
    expect(await table.locator("tbody tr").count()).toBe(2);
    await page.getByRole("checkbox", { name: "Select all findings on this page" }).check();
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await bar.getByText("2 selected").waitFor();
    await bar.getByRole("button", { name: "Confirm…" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm 2" });
    await dialog.getByText("Confirm 2 findings.").waitFor();
    await dialog.getByRole("button", { name: "Confirm 2" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect
      .poll(() => table.getByText("confirmed", { exact: true }).count(), { timeout: 15_000 })
      .toBe(2);
  });

  it("overrides a finding's severity and marks it as edited", async () => {
    await nav(page, "Findings").click();
    await page.getByRole("link", { name: "CVE-2024-4103" }).click();
    await page.getByRole("heading", { name: "CVE-2024-4103 in zlib1g", level: 1 }).waitFor();
    const form = page.getByRole("form", { name: "Override" });
    await chooseOption(page, "Severity", "medium");
    await form.getByRole("button", { name: "Save override" }).click();
    await form.getByText("Say why (kept in the history)").waitFor();
    await form.getByLabel("Why").fill("zlib1g is only used at build time");
    await form.getByRole("button", { name: "Save override" }).click();
    const history = page.getByLabel("History", { exact: true });
    await history.getByText("edited by hand").waitFor();
    await history.getByText("severity: critical → medium").waitFor();
    await page.getByText("edited", { exact: true }).first().waitFor();
  });

  it("holds a re-scan that would close most findings until it is confirmed", async () => {
    await uploadReport(page, "trivy-patched.json", trivyReport(false));
    const waiting = page.getByText("This import would close many findings");
    await waiting.waitFor({ timeout: 30_000 });
    await page
      .getByText(/would close 2 findings of 2 open in its scope \(100%\)/)
      .first()
      .waitFor();
    await page.getByRole("button", { name: "Confirm", exact: true }).click();
    await page
      .getByRole("dialog", { name: "Apply the import" })
      .getByRole("button", { name: "Close 2 findings" })
      .click();
    await page.getByText(/^Done /).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("count-closed").textContent()).toContain("2");

    await nav(page, "Findings").click();
    await page
      .getByText("No finding matches these filters")
      .or(page.getByText("No findings yet"))
      .first()
      .waitFor();
    await chooseOption(page, "Status", "resolved");
    const table = page.getByRole("table", { name: "Findings" });
    await table.getByText("CVE-2024-4103").waitFor();
    expect(await table.locator("tbody tr").count()).toBe(2);
  });
});
