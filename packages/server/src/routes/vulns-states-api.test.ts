import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * Finding states over HTTP on SQLite and PostgreSQL: the bulk status route (all or nothing, the
 * first invalid id named), VEX and GitLab CSV imports, and exports as files.
 */

interface Finding {
  id: string;
  vulnId: string;
  status: string;
  dismissalReason: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; details: { path?: string; message: string }[] };
}

function trivy(n: number): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: "registry.example.com/shop/api:1",
    ArtifactType: "container_image",
    Results: [
      {
        Target: "registry.example.com/shop/api:1 (debian 12.5)",
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: Array.from({ length: n }, (_, i) => ({
          VulnerabilityID: `CVE-2024-${1000 + i}`,
          PkgName: `pkg${i}`,
          PkgIdentifier: { PURL: `pkg:deb/debian/pkg${i}@1.0.${i}?arch=amd64` },
          InstalledVersion: `1.0.${i}`,
          FixedVersion: `1.0.${i + 1}`,
          Title: i === 0 ? "@SUM(1+1)" : `pkg${i}: flaw`,
          Severity: "HIGH",
        })),
      },
    ],
  });
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let t: TestServer;
  let admin: Record<string, string>;
  let viewer: Record<string, string>;
  let ids: Map<string, string>;

  beforeEach(async () => {
    db = await open();
    t = await createTestServer(db);
    admin = bearer(await t.tokenFor("admin"));
    viewer = bearer(await t.tokenFor("viewer"));
    const asset = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets",
      headers: admin,
      payload: { key: "shop-api", name: "shop api", kind: "container_image", criticality: 2 },
    });
    expect(asset.statusCode, asset.body).toBe(201);
    const job = await t.app.inject({
      method: "POST",
      url: "/api/v1/vulns/imports",
      headers: admin,
      payload: { content: trivy(5), asset: "shop-api" },
    });
    expect(job.statusCode, job.body).toBe(202);
    await t.services.vulns.idle();
    t.clock.advance(60_000);
    ids = new Map((await list()).map((f) => [f.vulnId, f.id]));
    expect(ids.size).toBe(5);
  });
  afterEach(async () => {
    await t.services.vulns.idle();
    await t.close();
    await db.cleanup();
  });

  async function list(): Promise<Finding[]> {
    const res = await t.app.inject({ url: "/api/v1/vulns/findings?limit=50", headers: viewer });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Finding[] }>().items;
  }
  const post = (url: string, payload: unknown, headers = admin) =>
    t.app.inject({ method: "POST", url, headers, payload: payload as object });

  describe("POST /api/v1/vulns/findings/bulk-status", () => {
    it("changes every finding or none, per id changed / unchanged", async () => {
      const two = [ids.get("CVE-2024-1000")!, ids.get("CVE-2024-1001")!];
      const res = await post("/api/v1/vulns/findings/bulk-status", {
        ids: two,
        status: "dismissed",
        reason: "not_affected",
        justification: "code_not_reachable",
        comment: "never loaded",
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        results: two.map((id) => ({ id, result: "changed" })),
        changed: 2,
        unchanged: 0,
      });
      const missing = "01900000-0000-7000-8000-000000000000";
      const bad = await post("/api/v1/vulns/findings/bulk-status", {
        ids: [ids.get("CVE-2024-1002"), missing],
        status: "confirmed",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<ErrorBody>().error.message).toContain(`ids[1]: no finding ${missing}`);
      const byId = new Map((await list()).map((f) => [f.id, f]));
      expect(byId.get(ids.get("CVE-2024-1002")!)?.status).toBe("detected");
      expect(byId.get(two[0]!)).toMatchObject({
        status: "dismissed",
        dismissalReason: "not_affected",
      });
    });

    it("validates like the single route and bounds the request", async () => {
      const one = [ids.get("CVE-2024-1000")!];
      const noComment = await post("/api/v1/vulns/findings/bulk-status", {
        ids: one,
        status: "dismissed",
        reason: "false_positive",
      });
      expect(noComment.statusCode).toBe(400);
      expect(noComment.json<ErrorBody>().error.details[0]?.path).toBe("comment");
      const notUuid = await post("/api/v1/vulns/findings/bulk-status", {
        ids: [one[0], "nope"],
        status: "confirmed",
      });
      expect(notUuid.statusCode).toBe(400);
      expect(notUuid.json<ErrorBody>().error.details[0]?.path).toBe("body.ids.1");
      const tooMany = await post("/api/v1/vulns/findings/bulk-status", {
        ids: Array.from({ length: 1001 }, () => one[0]),
        status: "confirmed",
      });
      expect(tooMany.statusCode).toBe(400);
      const forbidden = await post(
        "/api/v1/vulns/findings/bulk-status",
        { ids: one, status: "confirmed" },
        viewer,
      );
      expect(forbidden.statusCode).toBe(403);
    });
  });

  describe("state imports", () => {
    it("applies a VEX document and a GitLab CSV, with counts and per-row reasons", async () => {
      const vex = {
        bomFormat: "CycloneDX",
        specVersion: "1.5",
        version: 1,
        vulnerabilities: [
          {
            id: "CVE-2024-1001",
            analysis: { state: "false_positive", detail: "wrong package" },
            affects: [{ ref: "pkg:deb/debian/pkg1@1.0.1" }],
          },
          { id: "CVE-2024-9999", analysis: { state: "false_positive" } },
        ],
      };
      const r = await post("/api/v1/vulns/vex", {
        asset: "shop-api",
        content: JSON.stringify(vex),
        fileName: "shop.vex.json",
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ matched: 1, changed: 1, skipped: 0, unmatched: 1 });
      const csv =
        "Status,Vulnerability,CVE,Location,Dismissal Reason\n" +
        'dismissed,x,CVE-2024-1002,"{""dependency"":{""package"":{""name"":""pkg2""},""version"":""1.0.2""}}",mitigating_control\n';
      const g = await post("/api/v1/vulns/gitlab-states", { asset: "shop-api", content: csv });
      expect(g.statusCode, g.body).toBe(200);
      expect(g.json()).toMatchObject({ changed: 1, unmatched: 0 });
      const byVuln = new Map((await list()).map((f) => [f.vulnId, f]));
      expect(byVuln.get("CVE-2024-1001")?.dismissalReason).toBe("false_positive");
      expect(byVuln.get("CVE-2024-1002")?.dismissalReason).toBe("mitigating_control");

      const broken = await post("/api/v1/vulns/vex", { asset: "shop-api", content: "{" });
      expect(broken.statusCode).toBe(400);
      const forbidden = await post(
        "/api/v1/vulns/vex",
        { asset: "shop-api", content: "{}" },
        viewer,
      );
      expect(forbidden.statusCode).toBe(403);
    });
  });

  describe("GET /api/v1/vulns/export", () => {
    it("answers files in each format for readers", async () => {
      const csv = await t.app.inject({
        url: "/api/v1/vulns/export?format=csv&asset=shop-api",
        headers: viewer,
      });
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.headers["content-disposition"]).toMatch(/attachment; filename=".*\.csv"/);
      expect(csv.body.trimEnd().split("\r\n")).toHaveLength(6);
      expect(csv.body).toContain("'@SUM(1+1)");

      const vex = await t.app.inject({
        url: "/api/v1/vulns/export?format=cyclonedx-vex",
        headers: viewer,
      });
      expect(vex.statusCode).toBe(200);
      expect(vex.json<{ vulnerabilities: unknown[] }>().vulnerabilities).toHaveLength(5);
      const sarif = await t.app.inject({
        url: "/api/v1/vulns/export?format=sarif&status=open",
        headers: viewer,
      });
      expect(sarif.json<{ runs: { results: unknown[] }[] }>().runs[0]!.results).toHaveLength(5);

      const noFormat = await t.app.inject({ url: "/api/v1/vulns/export", headers: viewer });
      expect(noFormat.statusCode).toBe(400);
      const noAsset = await t.app.inject({
        url: "/api/v1/vulns/export?format=csv&asset=nope",
        headers: viewer,
      });
      expect(noAsset.statusCode).toBe(404);
      const anonymous = await t.app.inject({ url: "/api/v1/vulns/export?format=csv" });
      expect(anonymous.statusCode).toBe(401);
    });
  });
});
