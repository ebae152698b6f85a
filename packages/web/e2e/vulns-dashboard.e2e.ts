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

type Call = Awaited<ReturnType<typeof apiSession>>;

const OPENSSL = ["3.0.11-1~deb12u2", "3.0.13-1~deb12u1"] as const;

interface Vuln {
  id: string;
  pkg: string;
  installed: string;
  fixed: string | null;
  severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
  score: number;
}

/** Two images of a shop: openssl on both (one upgrade fixes four findings), a KEV on one. */
const ASSETS = [
  {
    key: "shop-api-dash-e2e",
    image: "registry.example.com/shop/api:9",
    ownerTeam: "payments",
    criticality: 1,
    exposure: "internet_facing",
    vulns: [
      {
        id: "CVE-2024-0727",
        pkg: "openssl",
        installed: OPENSSL[0],
        fixed: OPENSSL[1],
        severity: "MEDIUM",
        score: 5.5,
      },
      {
        id: "CVE-2023-6129",
        pkg: "openssl",
        installed: OPENSSL[0],
        fixed: OPENSSL[1],
        severity: "MEDIUM",
        score: 6.5,
      },
      {
        id: "CVE-2023-5678",
        pkg: "openssl",
        installed: OPENSSL[0],
        fixed: OPENSSL[1],
        severity: "MEDIUM",
        score: 5.3,
      },
      {
        id: "CVE-2023-44487",
        pkg: "libnghttp2-14",
        installed: "1.52.0-1",
        fixed: "1.52.0-1+deb12u1",
        severity: "HIGH",
        score: 7.5,
      },
      {
        id: "CVE-2023-45853",
        pkg: "zlib1g",
        installed: "1:1.2.13.dfsg-1",
        fixed: null,
        severity: "CRITICAL",
        score: 9.8,
      },
    ] as Vuln[],
  },
  {
    key: "shop-web-dash-e2e",
    image: "registry.example.com/shop/web:9",
    ownerTeam: "web",
    criticality: 3,
    exposure: "internal",
    vulns: [
      {
        id: "CVE-2024-0727",
        pkg: "openssl",
        installed: OPENSSL[0],
        fixed: OPENSSL[1],
        severity: "MEDIUM",
        score: 5.5,
      },
      {
        id: "CVE-2024-45491",
        pkg: "libexpat1",
        installed: "2.5.0-1",
        fixed: "2.5.0-1+deb12u1",
        severity: "CRITICAL",
        score: 9.8,
      },
    ] as Vuln[],
  },
];

function trivyReport(a: (typeof ASSETS)[number]): string {
  return JSON.stringify({
    SchemaVersion: 2,
    Trivy: { Version: "0.58.1" },
    ArtifactName: a.image,
    ArtifactType: "container_image",
    Metadata: { RepoTags: [a.image] },
    Results: [
      {
        Target: `${a.image} (debian 12.5)`,
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: a.vulns.map((v) => ({
          VulnerabilityID: v.id,
          PkgName: v.pkg,
          PkgIdentifier: { PURL: `pkg:deb/debian/${v.pkg}@${v.installed}` },
          InstalledVersion: v.installed,
          ...(v.fixed ? { FixedVersion: v.fixed } : {}),
          Status: v.fixed ? "fixed" : "affected",
          Title: `${v.pkg}: e2e ${v.id}`,
          Severity: v.severity,
          CVSS: { nvd: { V3Score: v.score } },
        })),
      },
    ],
  });
}

const EPSS_CSV = [
  "#model_version:v2025.03.14,score_date:2026-11-20T00:00:00+0000",
  "cve,epss,percentile",
  "CVE-2023-44487,0.94421,0.99312",
  "CVE-2023-45853,0.00743,0.80861",
  "CVE-2024-0727,0.00131,0.48828",
  "",
].join("\n");

const KEV_JSON = JSON.stringify({
  title: "CISA Catalog of Known Exploited Vulnerabilities (e2e extract)",
  catalogVersion: "2026.11.20",
  dateReleased: "2026-11-20T15:00:00.000Z",
  count: 1,
  vulnerabilities: [
    {
      cveID: "CVE-2023-44487",
      vendorProject: "IETF",
      product: "HTTP/2",
      vulnerabilityName: "HTTP/2 Rapid Reset Attack Vulnerability",
      dateAdded: "2023-10-10",
      shortDescription: "HTTP/2 Rapid Reset.",
      requiredAction: "Apply mitigations per vendor instructions.",
      dueDate: "2023-10-31",
      knownRansomwareCampaignUse: "Unknown",
      notes: "",
      cwes: ["CWE-400"],
    },
  ],
});

interface Dashboard {
  totals: {
    open: number;
    breached: number;
    dueSoon: number;
    onTrack: number;
    noSla: number;
    openBySeverity: Record<string, number>;
  };
  openByAge: { buckets: string[]; rows: { severity: string; counts: number[]; total: number }[] };
}

async function importAndWait(call: Call, asset: string, content: string) {
  let job = await call<{ id: string; status: string; error: string | null }>(
    "POST",
    "/api/v1/vulns/imports",
    { content, asset, fileName: `${asset}.json` },
  );
  for (let i = 0; i < 100 && (job.status === "queued" || job.status === "running"); i++) {
    await new Promise((r) => setTimeout(r, 200));
    job = await call("GET", `/api/v1/vulns/imports/${job.id}`);
  }
  if (job.status !== "done") throw new Error(`import ${asset}: ${job.status} ${job.error}`);
}

function nav(page: Page, name: string) {
  return page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name, exact: true });
}

async function uploadFeed(page: Page, feed: "EPSS" | "KEV", name: string, content: string) {
  const card = page.getByRole("region", { name: feed, exact: true });
  await card.locator('input[type="file"]').setInputFiles({
    name,
    mimeType: feed === "EPSS" ? "text/csv" : "application/json",
    buffer: Buffer.from(content),
  });
  await page.getByText(`${feed} imported`).first().waitFor({ timeout: 30_000 });
}

describe.skipIf(skipE2e)(
  "vulnerability dashboard, enrichment and fix actions in the real UI",
  () => {
    let server: ServerHandle;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let call: Call;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
      for (const a of ASSETS) {
        await call("POST", "/api/v1/assets", {
          key: a.key,
          name: `${a.key} image`,
          kind: "container_image",
          ownerTeam: a.ownerTeam,
          criticality: a.criticality,
          exposure: a.exposure,
          identifiers: [{ type: "image", value: a.image }],
        });
        await importAndWait(call, a.key, trivyReport(a));
      }
      context = await browser.newContext({ viewport: { width: 1366, height: 1000 } });
      page = await context.newPage();
      await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it("shows the API's numbers on the dashboard and links a bar to the findings behind it", async () => {
      const api = await call<Dashboard>("GET", "/api/v1/vulns/dashboard");
      expect(api.totals.open).toBe(7);
      await nav(page, "Dashboard").click();
      await page.getByRole("heading", { name: "Vulnerability dashboard", level: 1 }).waitFor();
      await page.getByTestId("total-open").waitFor();
      const shown = async (id: string) => Number(await page.getByTestId(id).textContent());
      expect(await shown("total-open")).toBe(api.totals.open);
      expect(await shown("total-breached")).toBe(api.totals.breached);
      expect(await shown("total-due-soon")).toBe(api.totals.dueSoon);
      expect(await shown("total-on-track")).toBe(api.totals.onTrack);
      expect(await shown("total-no-sla")).toBe(api.totals.noSla);
      for (const s of ["critical", "high", "medium", "low"]) {
        expect(await shown(`open-${s}`)).toBe(api.totals.openBySeverity[s]);
      }
      // The table alternative of the age chart holds the same numbers.
      const ageTable = page.getByRole("table", { name: "Open findings by severity and age" });
      await page.getByText("Show the numbers").first().click();
      const critical = api.openByAge.rows.find((r) => r.severity === "critical")!;
      const row = ageTable.getByRole("row").filter({ hasText: /^critical/ });
      expect(await row.textContent()).toBe(`critical${critical.counts.join("")}${critical.total}`);
      await page.screenshot({ path: "/tmp/infrasec-e2e-vulns-dashboard.png", fullPage: true });

      // A bar segment is a link to the open findings of that severity.
      await page
        .getByRole("link", { name: `0-7 d, critical: ${critical.counts[0]} findings` })
        .click();
      await page.waitForURL(/\/vulnerabilities\/findings\?.*severity=critical/);
      const table = page.getByRole("table", { name: "Findings" });
      await table.getByRole("link", { name: "CVE-2023-45853" }).waitFor();
      await expect
        .poll(() => table.locator("tbody tr").count(), { timeout: 15_000 })
        .toBe(api.totals.openBySeverity.critical);
    });

    it("runs the SLA sweep from the SLA events page", async () => {
      await nav(page, "SLA events").click();
      await page.getByRole("heading", { name: "SLA events", level: 1 }).waitFor();
      await page.getByRole("button", { name: "Run SLA sweep now" }).click();
      await page.getByText("SLA sweep done").waitFor();
      await page
        .getByText(/7 findings checked/)
        .first()
        .waitFor();
      // Nothing is due within a week of a fresh import: no event, and the page says why.
      await page.getByText("No SLA events").waitFor();
    });

    it("imports EPSS and KEV files, then lists the KEV finding first by priority", async () => {
      await nav(page, "Enrichment").click();
      await page.getByRole("heading", { name: "Enrichment", level: 1 }).waitFor();
      await page.getByText("never imported").first().waitFor();
      await uploadFeed(page, "EPSS", "epss_scores-e2e.csv", EPSS_CSV);
      await page.getByTestId("EPSS-version").getByText("v2025.03.14").waitFor();
      expect(await page.getByTestId("EPSS-count").textContent()).toBe("3");
      await uploadFeed(page, "KEV", "kev-e2e.json", KEV_JSON);
      await page.getByTestId("KEV-version").getByText("2026.11.20").waitFor();
      await page
        .getByTestId("coverage-kev")
        .getByText(/^1 of 7 open findings/)
        .waitFor();
      await page.screenshot({ path: "/tmp/infrasec-e2e-vulns-enrichment.png", fullPage: true });
      // The KEV coverage opens the findings list filtered to KEV.
      await page.getByTestId("coverage-kev").click();
      await page.waitForURL(/kev=true/);
      const kevOnly = page.getByRole("table", { name: "Findings" });
      await kevOnly.getByRole("link", { name: "CVE-2023-44487" }).waitFor();
      expect(await kevOnly.locator("tbody tr").count()).toBe(1);

      await nav(page, "Findings").click();
      const table = page.getByRole("table", { name: "Findings" });
      await table.getByRole("link", { name: "CVE-2023-44487" }).waitFor();
      // By severity the critical ones come first; by priority the exploited one does. The
      // KEV-only page stays on screen until the unfiltered list arrives: wait for it.
      await expect
        .poll(() => table.locator("tbody tr").count(), { timeout: 15_000 })
        .toBeGreaterThan(1);
      expect(await table.locator("tbody tr").first().textContent()).toContain("critical");
      await page.getByRole("button", { name: "Sort by priority" }).click();
      await page.waitForURL(/sort=-priority/);
      await expect
        .poll(() => table.locator("tbody tr").first().textContent(), { timeout: 15_000 })
        .toContain("CVE-2023-44487");
      const first = table.locator("tbody tr").first();
      await first.getByText("KEV", { exact: true }).waitFor();
      await first.getByText(/^P1 · \d+$/).waitFor();
      expect(await table.getByText("KEV", { exact: true }).count()).toBe(1);
    });

    it("groups the four openssl findings on two assets into one fix action", async () => {
      const api = await call<{
        items: { package: string; summary: string; findingCount: number }[];
      }>("GET", "/api/v1/vulns/fix-actions");
      const openssl = api.items.find((a) => a.package === "openssl")!;
      expect(openssl.findingCount).toBe(4);
      await nav(page, "Fix actions").click();
      await page.getByRole("heading", { name: "Fix actions", level: 1 }).waitFor();
      const row = page.getByTestId("fix-openssl");
      await row.getByText(openssl.summary).waitFor();
      expect(openssl.summary).toMatch(/openssl.*3\.0\.13-1~deb12u1.*4 findings.*2 assets/);
      // zlib has no fixed version: no action for it.
      expect(await page.getByTestId("fix-zlib1g").count()).toBe(0);
      await page.screenshot({ path: "/tmp/infrasec-e2e-vulns-fix-actions.png", fullPage: true });

      await row.getByRole("link", { name: "4 findings fixed by upgrading openssl" }).click();
      await page.waitForURL(/package=openssl/);
      const table = page.getByRole("table", { name: "Findings" });
      await expect.poll(() => table.locator("tbody tr").count(), { timeout: 15_000 }).toBe(4);
    });
  },
);
