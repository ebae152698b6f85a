import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError, ManualClock, systemActor } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createServices, type Services } from "../create-services";
import type { Ctx } from "../shared/service-context";

/**
 * VEX and GitLab state imports, exports and the bulk status change on real databases: what
 * changes, what is skipped and why, what a person's later status protects, and what an export
 * carries back.
 */

const ctx: Ctx = { actor: { ...systemActor, username: "tester" }, requestId: "t" };

/** A Trivy report with packages pkg0…pkg(n-1), CVE-2024-1000i, some with a purl. */
export function trivyReport(n: number, title = (i: number) => `Problem ${i}`): string {
  const vulns = Array.from({ length: n }, (_, i) => ({
    VulnerabilityID: `CVE-2024-${1000 + i}`,
    PkgName: `pkg${i}`,
    ...(i % 2 === 0 ? { PkgIdentifier: { PURL: `pkg:deb/debian/pkg${i}@1.0.${i}` } } : {}),
    InstalledVersion: `1.0.${i}`,
    FixedVersion: `1.0.${i + 1}`,
    Severity: "HIGH",
    Title: title(i),
    CVSS: { nvd: { V3Score: 7.5, V3Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N" } },
  }));
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: "app:1",
    ArtifactType: "container_image",
    Results: [
      { Target: "app:1 (debian 12.5)", Class: "os-pkgs", Type: "debian", Vulnerabilities: vulns },
    ],
  });
}

function vex(
  vulns: { id: string; ref?: string; analysis?: Record<string, unknown> }[],
  components: Record<string, unknown>[] = [],
): string {
  return JSON.stringify({
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    version: 1,
    components,
    vulnerabilities: vulns.map((v) => ({
      id: v.id,
      ...(v.analysis ? { analysis: v.analysis } : {}),
      ...(v.ref ? { affects: [{ ref: v.ref }] } : {}),
    })),
  });
}

async function text(chunks: AsyncGenerator<string>): Promise<string> {
  let out = "";
  for await (const c of chunks) out += c;
  return out;
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: Services;
  let clock: ManualClock;
  const byVuln = async () =>
    new Map(
      (
        await s.vulns.listFindings(ctx, { asset: "app", sort: "vulnId", limit: 500, offset: 0 })
      ).items.map((f) => [f.vulnId, f]),
    );

  beforeEach(async () => {
    db = await open();
    clock = new ManualClock("2026-11-25T12:00:00.000Z");
    s = createServices({ store: db.store, clock });
    for (const key of ["app", "other"])
      await s.assets.create(ctx, {
        key,
        name: key,
        kind: "container_image",
        criticality: 2,
        exposure: "internal",
      });
    await s.vulns.runImport(ctx, { content: trivyReport(8), asset: "app" });
    await s.vulns.runImport(ctx, { content: trivyReport(2), asset: "other" });
    clock.advance(60_000);
  });
  afterEach(async () => {
    await s.vulns.idle();
    await db.cleanup();
  });

  describe("applyVex", () => {
    it("applies each analysis to the matching findings of the asset only, saying why per row", async () => {
      const doc = vex(
        [
          {
            id: "CVE-2024-1000",
            ref: "pkg:deb/debian/pkg0@1.0.0",
            analysis: {
              state: "not_affected",
              justification: "code_not_present",
              detail: "stripped",
            },
          },
          {
            id: "CVE-2024-1001",
            ref: "pkg:deb/debian/pkg1@1.0.1",
            analysis: { state: "in_triage" },
          },
          {
            id: "CVE-2024-1002",
            ref: "pkg:deb/debian/pkg2@1.0.2",
            analysis: { state: "exploitable" },
          },
          { id: "CVE-2024-1003", ref: "pkg3", analysis: { state: "resolved", detail: "patched" } },
          {
            id: "CVE-2024-1004",
            ref: "pkg:deb/debian/pkg4@9.9.9",
            analysis: { state: "false_positive" },
          },
          { id: "CVE-2099-0001", analysis: { state: "false_positive" } },
        ],
        [{ "bom-ref": "pkg3", type: "library", name: "pkg3", version: "1.0.3" }],
      );
      const r = await s.vulnStates.applyVex(ctx, {
        asset: "app",
        content: doc,
        fileName: "a.vex.json",
      });
      expect(r).toMatchObject({ matched: 4, changed: 3, skipped: 1, unmatched: 2 });
      expect(r.rows.find((x) => x.vulnId === "CVE-2024-1001")).toMatchObject({
        outcome: "skipped",
        reason: expect.stringContaining("in_triage") as string,
      });
      expect(r.rows.find((x) => x.vulnId === "CVE-2024-1004")).toMatchObject({
        outcome: "unmatched",
      });
      const f = await byVuln();
      expect(f.get("CVE-2024-1000")).toMatchObject({
        status: "dismissed",
        dismissalReason: "not_affected",
      });
      expect(f.get("CVE-2024-1002")?.status).toBe("confirmed");
      expect(f.get("CVE-2024-1003")).toMatchObject({ status: "resolved", resolution: "manual" });
      expect(f.get("CVE-2024-1004")?.status).toBe("detected");
      // The other asset's finding of the same vulnerability is untouched.
      const other = (
        await s.vulns.listFindings(ctx, { asset: "other", sort: "vulnId", limit: 5, offset: 0 })
      ).items;
      expect(other.every((x) => x.status === "detected")).toBe(true);

      const id = f.get("CVE-2024-1000")!.id;
      const prov = (await db.store.vulns.states.provenance([id])).get(id);
      expect(prov).toEqual({
        id,
        dismissalJustification: "code_not_present",
        statusSource: "vex:a.vex.json",
      });
      const detail = await s.vulns.getFinding(ctx, id);
      expect(detail.history.at(-1)).toMatchObject({
        kind: "status",
        toStatus: "dismissed",
        reason: "not_affected",
        note: "VEX: not_affected (code_not_present): stripped",
        actorName: "tester",
      });
      const events = await db.store.audit.list({ action: "vulns.vex.apply" }, 10);
      expect(events).toHaveLength(1);
    });

    it("never overrides a status a person set later, unless the statement is newer", async () => {
      const f = (await byVuln()).get("CVE-2024-1005")!;
      await s.vulns.changeStatus(ctx, f.id, {
        status: "dismissed",
        reason: "risk_accepted",
        comment: "ok",
      });
      clock.advance(60_000);
      const stale = vex([{ id: "CVE-2024-1005", ref: "pkg5", analysis: { state: "exploitable" } }]);
      const r1 = await s.vulnStates.applyVex(ctx, { asset: "app", content: stale });
      expect(r1).toMatchObject({ changed: 0, skipped: 1 });
      expect(r1.rows[0]!.reason).toContain("a person set the status");
      const older = vex([
        {
          id: "CVE-2024-1005",
          ref: "pkg5",
          analysis: { state: "exploitable", lastUpdated: "2026-01-01T00:00:00Z" },
        },
      ]);
      expect(await s.vulnStates.applyVex(ctx, { asset: "app", content: older })).toMatchObject({
        changed: 0,
      });
      const newer = vex([
        {
          id: "CVE-2024-1005",
          ref: "pkg5",
          analysis: { state: "exploitable", lastUpdated: "2026-11-25T12:30:00Z" },
        },
      ]);
      expect(await s.vulnStates.applyVex(ctx, { asset: "app", content: newer })).toMatchObject({
        changed: 1,
      });
      expect((await byVuln()).get("CVE-2024-1005")?.status).toBe("confirmed");
    });

    it("rejects what is not CycloneDX, naming the format", async () => {
      await expect(
        s.vulnStates.applyVex(ctx, { asset: "app", content: trivyReport(1) }),
      ).rejects.toThrow(/not a CycloneDX document/);
      await expect(
        s.vulnStates.applyVex(ctx, { asset: "nope", content: vex([{ id: "CVE-2024-1000" }]) }),
      ).rejects.toMatchObject({ code: "not_found" });
    });
  });

  describe("applyGitlabCsv", () => {
    it("reads GitLab's export columns and applies states and dismissal reasons", async () => {
      const csv = [
        "Status,Group Name,Project Name,Tool,Scanner Name,Vulnerability,Details,Severity,CVE,CWE,Other Identifiers,Detected At,Location,Activity,Comments,Full Path,CVSS Vectors,Dismissal Reason",
        `dismissed,g,p,container_scanning,Trivy,CVE-2024-1006 in pkg6,,high,CVE-2024-1006,,,2026-01-01T00:00:00Z,"{""dependency""=>{""package""=>{""name""=>""pkg6""}, ""version""=>""1.0.6""}}",,"only in tests, ""really""",,,acceptable_risk`,
        `confirmed,g,p,container_scanning,Trivy,pkg7 issue,,high,CVE-2024-1007,,,2026-01-01T00:00:00Z,,,,,,`,
        `detected,g,p,container_scanning,Trivy,x,,high,CVE-2024-1001,,,2026-01-01T00:00:00Z,,,,,,`,
        `dismissed,g,p,container_scanning,Trivy,x,,high,CVE-2024-1002,,,2026-01-01T00:00:00Z,,,,,,`,
        `dismissed,g,p,container_scanning,Trivy,x,,high,CVE-2030-1,,,2026-01-01T00:00:00Z,,,,,,false_positive`,
      ].join("\r\n");
      const r = await s.vulnStates.applyGitlabCsv(ctx, { asset: "app", content: csv });
      expect(r).toMatchObject({ matched: 4, changed: 2, skipped: 2, unmatched: 1 });
      expect(r.rows.find((x) => x.where === "line 5")?.reason).toContain(
        "without a dismissal reason",
      );
      const f = await byVuln();
      expect(f.get("CVE-2024-1006")).toMatchObject({
        status: "dismissed",
        dismissalReason: "risk_accepted",
      });
      expect(f.get("CVE-2024-1007")?.status).toBe("confirmed");
      const detail = await s.vulns.getFinding(ctx, f.get("CVE-2024-1006")!.id);
      expect(detail.history.at(-1)?.note).toBe(
        'GitLab: dismissed (acceptable_risk): only in tests, "really"',
      );
    });

    it("names a missing column", async () => {
      await expect(
        s.vulnStates.applyGitlabCsv(ctx, { asset: "app", content: "Name,Severity\nx,high\n" }),
      ).rejects.toThrow(/"Status" column/);
    });
  });

  describe("bulkStatus", () => {
    it("changes all or nothing and reports changed / unchanged per id", async () => {
      const f = await byVuln();
      const ids = ["CVE-2024-1000", "CVE-2024-1001"].map((v) => f.get(v)!.id);
      await s.vulns.changeStatus(ctx, ids[1]!, {
        status: "dismissed",
        reason: "not_affected",
        comment: "x",
      });
      const r = await s.vulnStates.bulkStatus(ctx, {
        ids,
        status: "dismissed",
        reason: "not_affected",
        comment: "not reachable",
        justification: "code_not_reachable",
      });
      // ids[1] had no justification: a new one is a change too.
      expect(r).toMatchObject({ changed: 2, unchanged: 0 });
      const again = await s.vulnStates.bulkStatus(ctx, {
        ids,
        status: "dismissed",
        reason: "not_affected",
        comment: "again",
        justification: "code_not_reachable",
      });
      expect(again.results).toEqual(ids.map((id) => ({ id, result: "unchanged" })));

      const missing = "01900000-0000-7000-8000-000000000000";
      const bad = s.vulnStates.bulkStatus(ctx, {
        ids: [f.get("CVE-2024-1002")!.id, missing],
        status: "confirmed",
      });
      await expect(bad).rejects.toThrow(`ids[1]: no finding ${missing}`);
      expect((await byVuln()).get("CVE-2024-1002")?.status).toBe("detected");
      await expect(
        s.vulnStates.bulkStatus(ctx, { ids, status: "dismissed", reason: "false_positive" }),
      ).rejects.toBeInstanceOf(AppError);
      await expect(
        s.vulnStates.bulkStatus(ctx, {
          ids,
          status: "confirmed",
          justification: "code_not_present",
        }),
      ).rejects.toThrow(/only a dismissal takes a justification/);
      expect(await db.store.audit.list({ action: "vulns.finding.bulk_status" }, 10)).toHaveLength(
        1,
      );
    });
  });

  describe("exportFindings", () => {
    it("writes CycloneDX VEX that comes back unchanged, with justification and ratings", async () => {
      const f = await byVuln();
      await s.vulns.changeStatus(ctx, f.get("CVE-2024-1000")!.id, { status: "confirmed" });
      await s.vulnStates.bulkStatus(ctx, {
        ids: [f.get("CVE-2024-1001")!.id],
        status: "dismissed",
        reason: "not_affected",
        comment: "dead code",
        justification: "code_not_reachable",
      });
      const out = await s.vulnStates.exportFindings(ctx, { format: "cyclonedx-vex", asset: "app" });
      expect(out.mediaType).toBe("application/vnd.cyclonedx+json");
      const bom = JSON.parse(await text(out.chunks)) as {
        vulnerabilities: {
          id: string;
          analysis: Record<string, unknown>;
          affects: { ref: string }[];
          ratings: Record<string, unknown>[];
        }[];
        components: { "bom-ref": string }[];
      };
      expect(bom.vulnerabilities).toHaveLength(8);
      const v1 = bom.vulnerabilities.find((v) => v.id === "CVE-2024-1001")!;
      expect(v1.analysis).toMatchObject({
        state: "not_affected",
        justification: "code_not_reachable",
        detail: "dead code",
      });
      expect(v1.ratings[0]).toMatchObject({ method: "CVSSv31", score: 7.5, severity: "high" });
      const refs = new Set(bom.components.map((c) => c["bom-ref"]));
      expect(bom.vulnerabilities.every((v) => refs.has(v.affects[0]!.ref))).toBe(true);
      // Applying the export to the same asset changes nothing: every state comes back as it left.
      clock.advance(60_000);
      const back = await s.vulnStates.applyVex(ctx, { asset: "app", content: JSON.stringify(bom) });
      expect(back).toMatchObject({ matched: 8, changed: 0, unmatched: 0 });
    });

    it("writes spreadsheet-safe CSV over several pages", async () => {
      await s.vulns.runImport(ctx, {
        content: trivyReport(1200, (i) => (i === 3 ? '=HYPERLINK("x")' : `t${i}`)),
        asset: "other",
      });
      const out = await s.vulnStates.exportFindings(ctx, { format: "csv", asset: "other" });
      const lines = (await text(out.chunks)).trimEnd().split("\r\n");
      expect(lines).toHaveLength(1201);
      expect(lines[0]).toMatch(/^id,asset,vuln_id/);
      expect(lines.find((l) => l.includes("HYPERLINK"))).toContain(`"'=HYPERLINK(""x"")"`);
      expect(new Set(lines.map((l) => l.split(",")[0])).size).toBe(1201);
    });

    it("writes a GitLab dependency-scanning report without resolved findings", async () => {
      const f = await byVuln();
      await s.vulns.changeStatus(ctx, f.get("CVE-2024-1002")!.id, {
        status: "resolved",
        comment: "fixed",
      });
      await s.vulns.changeStatus(ctx, f.get("CVE-2024-1003")!.id, {
        status: "dismissed",
        reason: "false_positive",
        comment: "wrong package",
      });
      const out = await s.vulnStates.exportFindings(ctx, { format: "gitlab", asset: "app" });
      const report = JSON.parse(await text(out.chunks)) as {
        version: string;
        scan: { type: string };
        vulnerabilities: {
          id: string;
          flags?: unknown[];
          details: Record<string, { value: string }>;
        }[];
      };
      expect(report.scan.type).toBe("dependency_scanning");
      expect(report.vulnerabilities).toHaveLength(7);
      const fp = report.vulnerabilities.find((v) => v.id === f.get("CVE-2024-1003")!.id)!;
      expect(fp.flags).toHaveLength(1);
      expect(fp.details.infrasec_state!.value).toContain("GitLab dismissed (false_positive)");
    });
  });
});
