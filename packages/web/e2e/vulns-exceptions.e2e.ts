import { readFile } from "node:fs/promises";
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

const ASSET_KEY = "payments-api-e2e";
const IMAGE = "registry.example.com/payments/api:3";
const ENGINEER = { username: "erin", password: "engineer-Password-0123456" };
const SECENG = { username: "sam", password: "security-Password-0123456" };

/** A Trivy schema-2 image report: one critical, one high, one medium and one low finding. */
function trivyReport(): string {
  const vuln = (n: number, pkg: string, severity: string) => ({
    VulnerabilityID: `CVE-2025-${7100 + n}`,
    PkgName: pkg,
    PkgIdentifier: { PURL: `pkg:deb/debian/${pkg}@2.0.${n}?arch=amd64` },
    InstalledVersion: `2.0.${n}`,
    FixedVersion: `2.0.${n + 1}`,
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
          vuln(1, "zlib1g", "CRITICAL"),
          vuln(2, "openssl", "HIGH"),
          vuln(3, "curl", "MEDIUM"),
          vuln(4, "libexpat1", "LOW"),
        ],
      },
    ],
  });
}

type Call = Awaited<ReturnType<typeof apiSession>>;
interface FindingRow {
  id: string;
  vulnId: string;
  severity: string;
}

/** Imports the report through the API and waits for its job to finish. */
async function seedFindings(call: Call): Promise<FindingRow[]> {
  const job = await call<{ id: string }>("POST", "/api/v1/vulns/imports", {
    content: trivyReport(),
    asset: ASSET_KEY,
    fileName: "trivy-payments.json",
  });
  // A plain loop: expect.poll only runs inside a test, and this runs in beforeAll.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { status } = await call<{ status: string }>("GET", `/api/v1/vulns/imports/${job.id}`);
    if (status === "done") break;
    if (status === "failed" || Date.now() > deadline)
      throw new Error(`the seed import ended ${status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const list = await call<{ items: FindingRow[] }>(
    "GET",
    `/api/v1/vulns/findings?asset=${ASSET_KEY}`,
  );
  return list.items;
}

function nav(page: Page, name: string) {
  return page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name, exact: true });
}

describe.skipIf(skipE2e)(
  "vulnerability exceptions, bulk changes and exports through the real UI",
  () => {
    let server: ServerHandle;
    let browser: Browser;
    let engineerContext: BrowserContext;
    let secengContext: BrowserContext;
    let engineer: Page;
    let seceng: Page;
    let findings: FindingRow[];
    const byVuln = (vulnId: string) => findings.find((f) => f.vulnId === vulnId)!;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      const admin = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
      await admin("POST", "/api/v1/assets", {
        key: ASSET_KEY,
        name: "payments api image (e2e)",
        kind: "container_image",
        criticality: 1,
        exposure: "internet_facing",
        identifiers: [{ type: "image", value: IMAGE }],
      });
      await admin("POST", "/api/v1/users", { ...ENGINEER, role: "engineer" });
      await admin("POST", "/api/v1/users", { ...SECENG, role: "security_engineer" });
      findings = await seedFindings(admin);
      // Exploitation feeds: the critical finding is in KEV with a due date and a high EPSS.
      await admin("POST", "/api/v1/vulns/enrichment/epss", {
        content:
          "#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000\ncve,epss,percentile\nCVE-2025-7101,0.97312,0.99910\n",
      });
      await admin("POST", "/api/v1/vulns/enrichment/kev", {
        content: JSON.stringify({
          catalogVersion: "2025.03.14",
          dateReleased: "2025-03-14T15:00:00.000Z",
          count: 1,
          vulnerabilities: [
            {
              cveID: "CVE-2025-7101",
              vendorProject: "zlib",
              product: "zlib",
              vulnerabilityName: "zlib e2e flaw",
              dateAdded: "2025-03-10",
              shortDescription: "e2e",
              requiredAction: "Apply the update.",
              dueDate: "2025-03-31",
              knownRansomwareCampaignUse: "Known",
            },
          ],
        }),
      });
      expect(findings).toHaveLength(4);
      engineerContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      secengContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      engineer = await engineerContext.newPage();
      seceng = await secengContext.newPage();
      await signIn(engineer, server.baseUrl, ENGINEER.username, ENGINEER.password);
      await signIn(seceng, server.baseUrl, SECENG.username, SECENG.password);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it("lets an engineer request an exception for a critical finding after fixing a too-long duration", async () => {
      const page = engineer;
      await nav(page, "Findings").click();
      await page.getByRole("link", { name: "CVE-2025-7101" }).click();
      await page.getByRole("heading", { name: "CVE-2025-7101 in zlib1g", level: 1 }).waitFor();
      // The detail explains the priority and shows the SLA state.
      await page.getByRole("table", { name: "Priority factors" }).waitFor();
      expect(await page.getByTestId("priority-arithmetic").textContent()).toMatch(
        / = [\d.]+ of 100/,
      );
      await page.getByTestId("sla-state").waitFor();
      await page.getByText("KEV · due 2025-03-31").first().waitFor();
      await page
        .getByText(
          "CVE-2025-7101 listed on 2025-03-10 · CISA due date 2025-03-31 (passed) · known use in ransomware campaigns",
        )
        .waitFor();
      await page
        .getByText(/^0\.973 \(97 % chance of exploitation activity within 30 days/)
        .waitFor();
      expect(
        await page
          .getByRole("table", { name: "Priority factors" })
          .getByText("in CISA KEV")
          .count(),
      ).toBe(1);
      await page.getByText("No exception covers this finding.").waitFor();

      await page.getByRole("button", { name: "Request exception…" }).click();
      const dialog = page.getByRole("dialog", { name: "Request an exception" });
      await dialog.waitFor();
      await dialog.getByText("Critical findings: at most 30 days.").waitFor();
      await dialog.getByLabel("Duration (days from approval)").fill("60");
      // Warned as you type; the server decides and answers with its own message.
      await dialog
        .getByText(
          "Longer than the 30 days allowed for critical findings: the request will be refused.",
        )
        .waitFor();
      await dialog
        .getByLabel("Justification")
        .fill("The vendor has not shipped a fixed zlib1g for this base image yet.");
      await dialog.getByRole("button", { name: "Request exception", exact: true }).click();
      const refused = dialog
        .getByRole("alert")
        .filter({ hasText: "The exception was not requested" });
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(/30 days/);
      await page.screenshot({ path: "/tmp/infrasec-e2e-exception-too-long.png", fullPage: true });

      await dialog.getByLabel("Duration (days from approval)").fill("30");
      await dialog.getByRole("button", { name: "Request exception", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByText("Waiting for a decision").waitFor();
      await page.getByRole("link", { name: "Exception: 1 finding (requested)" }).click();
      await page.getByRole("heading", { name: "Exception: 1 finding", level: 1 }).waitFor();
    });

    it("does not let the engineer approve, and says why", async () => {
      const page = engineer;
      const approve = page.getByRole("button", { name: "Approve…" });
      await approve.waitFor();
      expect(await approve.isDisabled()).toBe(true);
      expect(await page.getByTestId("decision-disabled-reason").first().textContent()).toContain(
        "vulns:approve_exception",
      );
    });

    it("never lets a requester approve their own exception, in the UI or the API", async () => {
      const own = await apiSession(server.baseUrl, SECENG.username, SECENG.password);
      const high = byVuln("CVE-2025-7102");
      const requested = await own<{ id: string }>("POST", "/api/v1/vulns/exceptions", {
        kind: "deviation",
        scope: { findingIds: [high.id] },
        days: 30,
        justification: "WAF rule blocks the vulnerable TLS renegotiation path.",
      });
      await expect(
        own("POST", `/api/v1/vulns/exceptions/${requested.id}/approve`, {}),
      ).rejects.toThrow(/HTTP 40[39]/);
      await seceng.goto(`${server.baseUrl}/vulnerabilities/exceptions/${requested.id}`);
      await seceng.getByRole("heading", { name: "Exception: 1 finding", level: 1 }).waitFor();
      expect(await seceng.getByRole("button", { name: "Approve…" }).isDisabled()).toBe(true);
      await seceng
        .getByText("You requested this exception: another person must approve or reject it.")
        .waitFor();
    });

    it("lets a security engineer approve from the queue; the finding shows dismissed with the exception link", async () => {
      const page = seceng;
      await nav(page, "Exceptions").click();
      await page.getByRole("heading", { name: "Exceptions", level: 1 }).waitFor();
      const queue = page.getByRole("table", { name: "Exceptions" });
      // Requested tab: the engineer's risk acceptance and the security engineer's own deviation.
      await expect.poll(() => queue.locator("tbody tr").count()).toBe(2);
      const row = queue.locator("tbody tr").filter({ hasText: "risk acceptance" });
      expect(await row.textContent()).toContain(ENGINEER.username);
      await row.getByRole("link", { name: "1 finding" }).click();
      await page.getByRole("heading", { name: "Exception: 1 finding", level: 1 }).waitFor();
      await page
        .getByRole("table", { name: "Covered findings" })
        .getByText("CVE-2025-7101")
        .waitFor();

      await page.getByRole("button", { name: "Approve…" }).click();
      const dialog = page.getByRole("dialog", { name: "Approve the exception" });
      await dialog.getByLabel("Note").fill("Accepted until the vendor ships the fix.");
      await dialog.getByRole("button", { name: "Approve", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      const covered = page.getByRole("table", { name: "Covered findings" });
      await covered.getByText("dismissed · risk accepted").waitFor();
      await page.getByLabel("Exception history").getByText("approved").waitFor();
      await page.screenshot({ path: "/tmp/infrasec-e2e-exception-approved.png", fullPage: true });

      await covered.getByRole("link", { name: "CVE-2025-7101" }).click();
      await page.getByRole("heading", { name: "CVE-2025-7101 in zlib1g", level: 1 }).waitFor();
      await page.getByText("dismissed · risk accepted").first().waitFor();
      await page.getByText("Covered by").waitFor();
      await page.getByRole("link", { name: "Exception: 1 finding (approved)" }).waitFor();
      await page.screenshot({ path: "/tmp/infrasec-e2e-finding-covered.png", fullPage: true });
    });

    it("confirms several findings in one bulk change and lists each result", async () => {
      const page = seceng;
      await nav(page, "Findings").click();
      const table = page.getByRole("table", { name: "Findings" });
      // Open findings: the critical one is dismissed by the exception.
      await table.getByText("CVE-2025-7102").waitFor();
      await expect.poll(() => table.locator("tbody tr").count()).toBe(3);
      await page.getByRole("checkbox", { name: "Select all findings on this page" }).check();
      const bar = page.getByRole("region", { name: "Bulk actions" });
      await bar.getByText("3 selected").waitFor();
      await bar.getByRole("button", { name: "Confirm…" }).click();
      const dialog = page.getByRole("dialog", { name: "Confirm 3" });
      await dialog.getByText("Confirm 3 findings.").waitFor();
      await dialog.getByRole("button", { name: "Confirm 3" }).click();
      await dialog.waitFor({ state: "detached" });
      const result = page.getByTestId("bulk-outcome");
      await result.getByText("3 findings changed to confirmed").waitFor();
      for (const id of ["CVE-2025-7102", "CVE-2025-7103", "CVE-2025-7104"])
        await result.getByText(`${id} on ${ASSET_KEY}`).waitFor();
      await expect
        .poll(() => table.getByText("confirmed", { exact: true }).count(), { timeout: 15_000 })
        .toBe(3);
    });

    it("exports the filtered findings as CSV", async () => {
      const page = seceng;
      await page.getByRole("button", { name: "Export (3)" }).click();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("menuitem", { name: /^CSV/ }).click(),
      ]);
      const path = await download.path();
      const text = await readFile(path, "utf8");
      const lines = text.trim().split(/\r?\n/);
      expect(lines).toHaveLength(4); // header + the three open findings
      for (const id of ["CVE-2025-7102", "CVE-2025-7103", "CVE-2025-7104"])
        expect(text).toContain(id);
      // The dismissed finding is not open, so the filtered export leaves it out.
      expect(text).not.toContain("CVE-2025-7101");
    });

    it("applies a VEX document to the asset's findings and shows what matched, changed and why", async () => {
      const page = seceng;
      const component = (pkg: string, n: number) => ({
        "bom-ref": `${pkg}-ref`,
        type: "library",
        name: pkg,
        version: `2.0.${n}`,
        purl: `pkg:deb/debian/${pkg}@2.0.${n}?arch=amd64`,
      });
      const vex = JSON.stringify({
        bomFormat: "CycloneDX",
        specVersion: "1.6",
        version: 1,
        components: [component("curl", 3), component("libexpat1", 4)],
        vulnerabilities: [
          {
            // Stated after the bulk confirmation: it wins over the person's status.
            id: "CVE-2025-7104",
            analysis: {
              state: "not_affected",
              justification: "code_not_reachable",
              detail: "the XML parser is never called",
              lastUpdated: new Date().toISOString(),
            },
            affects: [{ ref: "libexpat1-ref" }],
          },
          {
            // Undated: the status a person set stays.
            id: "CVE-2025-7103",
            analysis: { state: "not_affected", justification: "requires_configuration" },
            affects: [{ ref: "curl-ref" }],
          },
          {
            id: "CVE-2025-9999",
            analysis: { state: "false_positive" },
            affects: [{ ref: "curl-ref" }],
          },
        ],
      });
      await nav(page, "Imports").click();
      await page.getByRole("button", { name: "Apply VEX / GitLab states" }).click();
      const dialog = page.getByRole("dialog", { name: "Apply VEX / GitLab states" });
      await dialog.locator('input[type="file"]').setInputFiles({
        name: "payments.vex.json",
        mimeType: "application/json",
        buffer: Buffer.from(vex),
      });
      await dialog.getByText("payments.vex.json (").waitFor();
      await page.getByRole("combobox", { name: "Asset", exact: true }).fill("payments");
      await page.getByRole("option", { name: new RegExp(ASSET_KEY) }).click();
      await dialog.getByRole("button", { name: "Apply", exact: true }).click();
      await dialog.getByTestId("states-matched").waitFor();
      const count = async (k: string) =>
        (await dialog.getByTestId(`states-${k}`).textContent())?.trim();
      expect(await count("matched")).toBe("2 matched");
      expect(await count("changed")).toBe("1 changed");
      expect(await count("skipped")).toBe("1 skipped");
      expect(await count("unmatched")).toBe("1 unmatched");
      const rows = dialog.getByRole("table", { name: "Rows applied" });
      expect(
        await rows.locator("tbody tr").filter({ hasText: "CVE-2025-7103" }).textContent(),
      ).toMatch(/a person set the status/);
      await page.screenshot({ path: "/tmp/infrasec-e2e-vex-applied.png", fullPage: true });
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
    });

    it("lists an exception ending within a week on the expiring tab, and revokes it", async () => {
      const asEngineer = await apiSession(server.baseUrl, ENGINEER.username, ENGINEER.password);
      const admin = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
      const medium = byVuln("CVE-2025-7103");
      const short = await asEngineer<{ id: string }>("POST", "/api/v1/vulns/exceptions", {
        scope: { findingIds: [medium.id] },
        days: 3,
        justification: "curl is replaced by the next base image, due this week.",
      });
      await admin("POST", `/api/v1/vulns/exceptions/${short.id}/approve`, {});

      const page = seceng;
      await nav(page, "Exceptions").click();
      await page.getByRole("tab", { name: /Expiring/ }).click();
      await page.waitForURL(/tab=expiring/);
      const queue = page.getByRole("table", { name: "Exceptions" });
      await expect.poll(() => queue.locator("tbody tr").count()).toBe(1);
      await queue.getByText("ends in 3 days").waitFor();
      await page.screenshot({ path: "/tmp/infrasec-e2e-exceptions-queue.png", fullPage: true });

      await queue.getByRole("link", { name: "1 finding" }).click();
      await page.getByRole("button", { name: "Revoke…" }).click();
      const dialog = page.getByRole("dialog", { name: "Revoke the exception" });
      await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByText("revoked: the findings it covered reopened").waitFor();
      // The finding is open again with the status it had before the exception.
      await page
        .getByRole("table", { name: "Covered findings" })
        .getByText("confirmed", { exact: true })
        .waitFor();
    });

    it("lets an engineer request one exception for a selection from the findings list", async () => {
      const page = engineer;
      await nav(page, "Findings").click();
      const table = page.getByRole("table", { name: "Findings" });
      // Open now: the high finding and the medium one the revocation reopened.
      await expect.poll(() => table.locator("tbody tr").count()).toBe(2);
      await page.getByRole("checkbox", { name: "Select all findings on this page" }).check();
      const bar = page.getByRole("region", { name: "Bulk actions" });
      // An engineer may request exceptions but not change statuses.
      expect(await bar.getByRole("button", { name: "Confirm…" }).count()).toBe(0);
      await bar.getByRole("button", { name: "Request exception…" }).click();
      const dialog = page.getByRole("dialog", { name: "Request an exception" });
      await dialog.getByText("High findings: at most 90 days.").waitFor();
      expect(await dialog.getByRole("radio", { name: /This vulnerability/ }).isDisabled()).toBe(
        true,
      );
      await dialog.getByText("The selection holds 2 vulnerabilities.").waitFor();
      expect(await dialog.getByRole("radio", { name: "These 2 findings" }).isChecked()).toBe(true);
      await dialog.getByLabel("Duration (days from approval)").fill("90");
      await dialog
        .getByLabel("Justification")
        .fill("Both packages are replaced by the next base image.");
      await dialog.getByLabel("Decision-log item").fill("DEC-1");
      await dialog.getByRole("button", { name: "Request exception", exact: true }).click();
      await dialog.getByText("A decision-log item number such as #12 (or its id)").waitFor();
      await dialog.getByLabel("Decision-log item").fill("");
      await dialog.getByRole("button", { name: "Request exception", exact: true }).click();
      await page.getByRole("heading", { name: "Exception: 2 findings", level: 1 }).waitFor();
      await page.getByText("Findings it would cover (2)").waitFor();
    });

    it("lets a security engineer reject a request only with a note", async () => {
      const url = engineer.url();
      expect(url).toMatch(/\/vulnerabilities\/exceptions\/[0-9a-f-]{36}$/);
      const page = seceng;
      await page.goto(url);
      await page.getByRole("heading", { name: "Exception: 2 findings", level: 1 }).waitFor();
      await page.getByRole("button", { name: "Reject…" }).click();
      const dialog = page.getByRole("dialog", { name: "Reject the exception" });
      await dialog.getByRole("button", { name: "Reject", exact: true }).click();
      await dialog.getByText("A note is required to reject").waitFor();
      await dialog.getByLabel("Note").fill("Patch both packages in the next sprint instead.");
      await dialog.getByRole("button", { name: "Reject", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      const history = page.getByLabel("Exception history");
      await history.getByText("rejected").waitFor();
      await history.getByText("Patch both packages in the next sprint instead.").waitFor();
      // Rejected: nothing was covered, and nothing is left to decide.
      await page.getByText("This exception is rejected: nothing left to decide.").waitFor();
    });
  },
);
