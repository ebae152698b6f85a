import { afterEach, beforeEach, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * EPSS and CISA KEV enrichment, stored priority and fix actions through the real HTTP server
 * (issue 4), on SQLite and PostgreSQL.
 */

interface Row {
  id: string;
  vulnId: string;
  assetKey: string;
  slaDueAt: string | null;
  cvssScore: number | null;
  priority: { score: number; band: string } | null;
  kev: boolean | null;
  epss: { score: number; percentile: number | null } | null;
}

interface Vuln {
  id: string;
  pkg: string;
  installed: string;
  fixed: string;
  severity: string;
  vector?: string;
}

const VULNS: Vuln[] = [
  {
    id: "CVE-2024-0001",
    pkg: "openssl",
    installed: "3.0.11",
    fixed: "3.0.12",
    severity: "HIGH",
    vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  },
  {
    id: "CVE-2024-0002",
    pkg: "openssl",
    installed: "3.0.11",
    fixed: "3.0.13",
    severity: "CRITICAL",
  },
  { id: "CVE-2024-0003", pkg: "zlib", installed: "1.2.13", fixed: "1.3.1", severity: "MEDIUM" },
  { id: "CVE-2024-0004", pkg: "curl", installed: "8.0.0", fixed: "", severity: "LOW" },
];

function trivy(image: string, vulns: Vuln[]): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: image,
    ArtifactType: "container_image",
    Results: [
      {
        Target: `${image} (debian 12.5)`,
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: vulns.map((v) => ({
          VulnerabilityID: v.id,
          PkgName: v.pkg,
          InstalledVersion: v.installed,
          FixedVersion: v.fixed,
          Status: v.fixed ? "fixed" : "affected",
          Severity: v.severity,
          ...(v.vector ? { CVSS: { nvd: { V3Vector: v.vector } } } : {}),
        })),
      },
    ],
  });
}

const EPSS = [
  "#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000",
  "cve,epss,percentile",
  "CVE-2024-0001,0.91000,0.99000",
  "CVE-2024-0003,0.05000,0.50000",
  "CVE-1999-0001,0.00100,0.01000",
  "",
].join("\n");

const KEV = JSON.stringify({
  title: "CISA Catalog of Known Exploited Vulnerabilities",
  catalogVersion: "2026.11.20",
  dateReleased: "2026-11-20T15:00:00.000Z",
  count: 1,
  vulnerabilities: [
    {
      cveID: "CVE-2024-0002",
      vendorProject: "OpenSSL",
      product: "OpenSSL",
      vulnerabilityName: "OpenSSL buffer overflow",
      dateAdded: "2026-11-20",
      shortDescription: "…",
      requiredAction: "Apply updates per vendor instructions.",
      dueDate: "2026-12-01",
      knownRansomwareCampaignUse: "Known",
      notes: "",
      cwes: ["CWE-787"],
    },
  ],
});

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let t: TestServer;
  let admin: Record<string, string>;
  let viewer: Record<string, string>;

  beforeEach(async () => {
    db = await open();
    t = await createTestServer(db);
    admin = bearer(await t.tokenFor("admin"));
    viewer = bearer(await t.tokenFor("viewer"));
    for (const [key, exposure, criticality] of [
      ["shop-api", "internet_facing", 2],
      ["batch", "internal", 4],
    ] as const) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/assets",
        headers: admin,
        payload: { key, name: key, kind: "container_image", criticality, exposure },
      });
      expect(res.statusCode, res.body).toBe(201);
      const imp = await t.app.inject({
        method: "POST",
        url: "/api/v1/vulns/imports",
        headers: admin,
        payload: { content: trivy(`registry.example.com/${key}:1`, VULNS), asset: key },
      });
      expect(imp.statusCode, imp.body).toBe(202);
      await t.services.vulns.idle();
    }
  });
  afterEach(async () => {
    await t.services.vulns.idle();
    await t.close();
    await db.cleanup();
  });

  async function get<T>(url: string): Promise<T> {
    const res = await t.app.inject({ url, headers: viewer });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  }
  const post = (url: string, payload: unknown, headers = admin) =>
    t.app.inject({ method: "POST", url, headers, payload: payload as object });
  const list = (q = "") =>
    get<{ items: Row[]; total: number }>(`/api/v1/vulns/findings?limit=500${q}`);

  it("computes priority at import, scores vector-only CVSS, then enriches from EPSS and KEV", async () => {
    const before = await list("&asset=shop-api&sort=vulnId");
    expect(before.total).toBe(4);
    for (const f of before.items) {
      expect(f.priority).not.toBeNull();
      expect(f.kev).toBeNull();
      expect(f.epss).toBeNull();
    }
    // The scanner gave only a vector: the score comes from the CVSS library.
    expect(before.items[0]).toMatchObject({ vulnId: "CVE-2024-0001", cvssScore: 9.8 });
    const vectorOnly = await get<{ cvss: unknown; priority: { factors: { input: string }[] } }>(
      `/api/v1/vulns/findings/${before.items[0]!.id}`,
    );
    expect(vectorOnly.cvss).toEqual({
      version: "3.1",
      score: 9.8,
      vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    });
    expect(vectorOnly.priority.factors[0]!.input).toBe("CVSS 9.8");

    const epss = await post("/api/v1/vulns/enrichment/epss", { content: EPSS });
    expect(epss.statusCode, epss.body).toBe(200);
    expect(epss.json()).toMatchObject({
      source: {
        source: "epss",
        version: "v2025.03.14",
        date: "2025-03-14T00:00:00.000Z",
        recordCount: 3,
        importedBy: expect.stringMatching(/^admin/) as string,
      },
      findingsUpdated: 4, // CVE-2024-0001 and -0003 on both assets
      deadlinesCapped: 0,
    });

    const kev = await post("/api/v1/vulns/enrichment/kev", { content: KEV });
    expect(kev.statusCode, kev.body).toBe(200);
    // Every finding moves from "KEV not checked" (null) to a flag; two are listed.
    expect(kev.json()).toMatchObject({
      source: { source: "kev", version: "2026.11.20", recordCount: 1 },
      findingsUpdated: 8,
      deadlinesCapped: 2,
    });

    const inKev = await list("&kev=true");
    expect(inKev.items.map((f) => [f.vulnId, f.assetKey]).sort()).toEqual([
      ["CVE-2024-0002", "batch"],
      ["CVE-2024-0002", "shop-api"],
    ]);
    expect((await list("&kev=false")).total).toBe(6);
    const top = (await list("&sort=-priority")).items[0]!;
    // critical 47.5 (no CVSS) + KEV 25 + internet-facing 10 + criticality 2 → 10 = 92.5.
    expect(top).toMatchObject({
      vulnId: "CVE-2024-0002",
      assetKey: "shop-api",
      kev: true,
      priority: { score: 92.5, band: "P1" },
      slaDueAt: "2026-12-01T00:00:00.000Z",
    });
    const d = await get<{
      kevEntry: unknown;
      priority: {
        score: number;
        explanation: string;
        factors: { factor: string; points: number }[];
      };
      history: { kind: string; note: string | null; changes: Record<string, unknown> | null }[];
    }>(`/api/v1/vulns/findings/${top.id}`);
    expect(d.kevEntry).toEqual({
      cve: "CVE-2024-0002",
      dateAdded: "2026-11-20",
      dueDate: "2026-12-01",
      ransomware: true,
    });
    expect(d.priority.explanation).toBe(
      "P1 (92.5/100) = severity 47.5 [critical (no CVSS score)] + exploitation 25 [in CISA KEV] + exposure 10 [internet_facing] + criticality 10 [criticality 2]",
    );
    const capped = d.history.find((h) => h.note?.startsWith("capped by the CISA KEV"));
    expect(capped).toMatchObject({
      kind: "updated",
      note: "capped by the CISA KEV due date 2026-12-01T00:00:00.000Z",
    });
    expect(capped!.changes!.slaDueAt).toEqual([expect.any(String), "2026-12-01T00:00:00.000Z"]);

    const epssRow = (await list("&vulnId=CVE-2024-0001&asset=shop-api")).items[0]!;
    expect(epssRow.epss).toEqual({ score: 0.91, percentile: 0.99 });
    expect(epssRow.kev).toBe(false);

    const status = await get<Record<string, unknown>>("/api/v1/vulns/enrichment");
    expect(status).toMatchObject({
      epss: { version: "v2025.03.14", recordCount: 3 },
      kev: { version: "2026.11.20", recordCount: 1 },
      priorityModel: "infrasec-priority@1",
      openFindings: 8,
      withEpss: 4,
      inKev: 2,
    });

    // A later catalog without the entry: the flag goes (removals are respected).
    const removed = JSON.parse(KEV) as { vulnerabilities: Record<string, unknown>[] };
    removed.vulnerabilities[0]!.cveID = "CVE-2020-0001";
    expect(
      (await post("/api/v1/vulns/enrichment/kev", { content: JSON.stringify(removed) })).statusCode,
    ).toBe(200);
    expect((await list("&kev=true")).total).toBe(0);
  });

  it("enriches at import once the feeds are loaded, and re-scores a severity override", async () => {
    expect((await post("/api/v1/vulns/enrichment/kev", { content: KEV })).statusCode).toBe(200);
    const asset = await post("/api/v1/assets", {
      key: "edge",
      name: "edge",
      kind: "container_image",
      criticality: 1,
      exposure: "internet_facing",
    });
    expect(asset.statusCode, asset.body).toBe(201);
    const imp = await post("/api/v1/vulns/imports", {
      content: trivy("registry.example.com/edge:1", VULNS),
      asset: "edge",
    });
    expect(imp.statusCode, imp.body).toBe(202);
    await t.services.vulns.idle();
    const rows = (await list("&asset=edge&sort=vulnId")).items;
    expect(rows.map((f) => f.kev)).toEqual([false, true, false, false]);
    // Capped at import: the KEV due date is earlier than the 30-day critical deadline.
    expect(rows[1]!.slaDueAt).toBe("2026-12-01T00:00:00.000Z");

    const zlib = rows[2]!;
    const before = zlib.priority!.score;
    const edit = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/vulns/findings/${zlib.id}`,
      headers: admin,
      payload: { severity: "critical", comment: "bundled in the edge proxy" },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const after = (await list("&asset=edge&vulnId=CVE-2024-0003")).items[0]!;
    // medium 27.5 → critical 47.5 severity points.
    expect(after.priority!.score).toBe(before + 20);
  });

  it("groups open fixable findings into upgrades, most impact first", async () => {
    const res = await get<{ items: Record<string, unknown>[]; total: number }>(
      "/api/v1/vulns/fix-actions",
    );
    expect(res.total).toBe(2);
    expect(res.items[0]).toMatchObject({
      package: "openssl",
      fixedVersion: "3.0.13",
      installedVersions: ["3.0.11"],
      findingCount: 4,
      assetCount: 2,
      vulnIds: ["CVE-2024-0001", "CVE-2024-0002"],
      maxSeverity: "critical",
      summary: "upgrade openssl to 3.0.13 fixes 4 findings on 2 assets",
    });
    expect(res.items[1]).toMatchObject({ package: "zlib", fixedVersion: "1.3.1", findingCount: 2 });
    const one = await get<{ items: { summary: string }[] }>(
      "/api/v1/vulns/fix-actions?asset=shop-api&severity=medium",
    );
    expect(one.items.map((a) => a.summary)).toEqual([
      "upgrade zlib to 1.3.1 fixes 1 finding on 1 asset",
    ]);
    const missing = await t.app.inject({
      url: "/api/v1/vulns/fix-actions?asset=nope",
      headers: viewer,
    });
    expect(missing.statusCode).toBe(404);
  });

  it("rejects broken feeds with the place, keeps the previous set, and needs vulns:write", async () => {
    expect((await post("/api/v1/vulns/enrichment/epss", { content: EPSS })).statusCode).toBe(200);
    const bad = await post("/api/v1/vulns/enrichment/epss", {
      content: EPSS.replace("CVE-2024-0003,0.05000", "CVE-2024-0003,1.7"),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: {
        code: "parse_failed",
        details: [{ line: 4, message: expect.stringContaining('epss "1.7" is not a number') }],
      },
    });
    // The failed import rolled back: the earlier scores are still there.
    expect((await get<{ withEpss: number }>("/api/v1/vulns/enrichment")).withEpss).toBe(4);

    const badKev = await post("/api/v1/vulns/enrichment/kev", {
      content: KEV.replace('"dueDate":"2026-12-01"', '"dueDate":"soon"'),
    });
    expect(badKev.statusCode).toBe(400);
    expect(badKev.json()).toMatchObject({
      error: { details: [{ path: "$.vulnerabilities[0].dueDate" }] },
    });

    expect((await post("/api/v1/vulns/enrichment/kev", { content: KEV }, viewer)).statusCode).toBe(
      403,
    );
    const unknownField = await post("/api/v1/vulns/enrichment/kev", { content: KEV, extra: 1 });
    expect(unknownField.statusCode).toBe(400);
  });
});
