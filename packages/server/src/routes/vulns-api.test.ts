import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * The vulnerability API end to end through the real HTTP server (issue 4): imports as jobs,
 * reconciliation outcomes, the mass-close guardrail, parse failures, status changes and
 * permissions, on SQLite and PostgreSQL.
 */

interface Job {
  id: string;
  status: string;
  progress: number;
  counts: Record<string, number>;
  openInScope: number;
  toClose: number;
  error: string | null;
  errorDetails: { path?: string; line?: number; message: string }[];
}
interface Finding {
  id: string;
  vulnId: string;
  package: string;
  severity: string;
  status: string;
  resolution: string | null;
  dismissalReason: string | null;
  slaDueAt: string | null;
  slaState: string;
  updatedAt: string;
  editedFields: string[];
}
interface Detail extends Finding {
  occurrences: Record<string, unknown>[];
  identity: { tuple: string[]; hash: string; basis: string };
  history: {
    kind: string;
    fromStatus: string | null;
    toStatus: string | null;
    note: string | null;
    reason: string | null;
    changes: Record<string, unknown> | null;
  }[];
}

const OS_TARGET = "registry.example.com/shop/api:1 (debian 12.5)";

/** A Trivy schema-2 image report with vulnerabilities number `ids` (package p<i>). */
function trivy(
  ids: number[],
  opts: { severity?: (i: number) => string; target?: string; cls?: string } = {},
): string {
  return JSON.stringify({
    SchemaVersion: 2,
    Trivy: { Version: "0.58.0" },
    ArtifactName: "registry.example.com/shop/api:1",
    ArtifactType: "container_image",
    Metadata: { RepoTags: ["registry.example.com/shop/api:1"] },
    Results: [
      {
        Target: opts.target ?? OS_TARGET,
        Class: opts.cls ?? "os-pkgs",
        Type: "debian",
        Vulnerabilities: ids.map((i) => ({
          VulnerabilityID: `CVE-2024-${String(1000 + i)}`,
          PkgName: `pkg${i}`,
          PkgIdentifier: { PURL: `pkg:deb/debian/pkg${i}@1.0.${i}?arch=amd64` },
          InstalledVersion: `1.0.${i}`,
          FixedVersion: `1.0.${i + 1}`,
          Status: "fixed",
          Layer: { DiffID: `sha256:${"a".repeat(64)}` },
          Title: `pkg${i}: flaw`,
          Severity: opts.severity?.(i) ?? ["LOW", "MEDIUM", "HIGH", "CRITICAL"][i % 4],
        })),
      },
    ],
  });
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);

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
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets",
      headers: admin,
      payload: {
        key: "shop-api",
        name: "shop api image",
        kind: "container_image",
        criticality: 2,
        exposure: "internet_facing",
        identifiers: [{ type: "image", value: "registry.example.com/shop/api:1" }],
      },
    });
    expect(res.statusCode).toBe(201);
  });
  afterEach(async () => {
    await t.services.vulns.idle();
    await t.close();
    await db.cleanup();
  });

  async function importReport(content: string, extra: Record<string, unknown> = {}) {
    // Each import a minute later, as in life: history is ordered by time.
    t.clock.advance(60_000);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/vulns/imports",
      headers: admin,
      payload: { content, asset: "shop-api", ...extra },
    });
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json<Job>();
    expect(job.status).toBe("queued");
    return waitJob(job.id);
  }

  async function waitJob(id: string): Promise<Job> {
    await t.services.vulns.idle();
    const res = await t.app.inject({ url: `/api/v1/vulns/imports/${id}`, headers: viewer });
    expect(res.statusCode).toBe(200);
    return res.json<Job>();
  }

  async function findings(query = ""): Promise<{ items: Finding[]; total: number }> {
    const res = await t.app.inject({
      url: `/api/v1/vulns/findings?limit=500${query}`,
      headers: viewer,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  async function detail(id: string): Promise<Detail> {
    const res = await t.app.inject({ url: `/api/v1/vulns/findings/${id}`, headers: viewer });
    expect(res.statusCode).toBe(200);
    return res.json<Detail>();
  }

  it("imports as a job, lists the findings, and an identical re-import changes nothing", async () => {
    const report = trivy(range(10));
    const job = await importReport(report);
    expect(job).toMatchObject({
      status: "done",
      progress: 1,
      counts: { created: 10, updated: 0, unchanged: 0, closed: 0, reactivated: 0, unknown: 0 },
    });
    const list = await findings("&sort=vulnId");
    expect(list.total).toBe(10);
    expect(list.items[0]).toMatchObject({
      vulnId: "CVE-2024-1000",
      package: "pkg0",
      status: "detected",
      severity: "low",
    });
    // SLA at creation from the handbook policy: critical 30 days from detection (fix available).
    const critical = list.items.find((f) => f.severity === "critical")!;
    expect(critical.slaDueAt).toBe("2026-12-25T12:01:00.000Z");
    expect(critical.slaState).toBe("on_track");

    const d = await detail(critical.id);
    expect(d.identity.basis).toContain('package "pkg3"');
    expect(d.identity.tuple).toEqual(["package", "shop-api", "pkg3", "1.0.3", "CVE-2024-1003"]);
    expect(d.occurrences).toEqual([
      expect.objectContaining({ layer: `sha256:${"a".repeat(64)}`, detail: OS_TARGET }),
    ]);
    expect(d.history.map((h) => h.kind)).toEqual(["detected"]);

    t.clock.advance(3_600_000);
    const again = await importReport(report);
    expect(again.counts).toEqual({
      created: 0,
      updated: 0,
      unchanged: 10,
      closed: 0,
      reactivated: 0,
      unknown: 0,
    });
    const after = await findings("&sort=vulnId");
    expect(after.items.map((f) => f.updatedAt)).toEqual(list.items.map((f) => f.updatedAt));
    expect((await detail(critical.id)).history).toHaveLength(1);

    // Filters and search.
    expect((await findings("&severity=critical")).total).toBe(2);
    expect((await findings("&q=pkg7")).items.map((f) => f.vulnId)).toEqual(["CVE-2024-1007"]);
    expect((await findings("&vulnId=CVE-2024-1002")).total).toBe(1);
    expect((await findings("&package=pkg2")).total).toBe(1);
    expect((await findings("&asset=shop-api&status=open")).total).toBe(10);
    expect((await findings("&sla=breached")).total).toBe(0);
    expect((await findings("&sla=none")).total).toBe(0);
    const sorted = await findings("&sort=-severity");
    expect(sorted.items[0]!.severity).toBe("critical");

    const audit = await t.app.inject({ url: "/api/v1/audit?action=vulns.import", headers: admin });
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it("closes a finding a covering re-scan no longer shows and reactivates it when it comes back", async () => {
    await importReport(trivy(range(10)));
    const missing = await importReport(trivy(range(9)));
    expect(missing.counts).toMatchObject({ closed: 1, unchanged: 9, created: 0, unknown: 0 });
    const [closed] = (await findings("&vulnId=CVE-2024-1009")).items;
    expect(closed).toMatchObject({ status: "resolved", resolution: "absent", slaState: "none" });
    expect((await findings("&status=open")).total).toBe(9);

    const back = await importReport(trivy(range(10)));
    expect(back.counts).toMatchObject({ reactivated: 1, unchanged: 9, closed: 0 });
    const d = await detail(closed!.id);
    expect(d.status).toBe("detected");
    expect(d.history.map((h) => [h.kind, h.toStatus])).toEqual([
      ["detected", "detected"],
      ["closed", "resolved"],
      ["reactivated", "detected"],
    ]);
  });

  it("does not close findings of targets the report did not cover: they are unknown", async () => {
    await importReport(trivy(range(10)));
    // A filesystem-only scan: the OS packages were not scanned this time.
    const partial = await importReport(
      trivy([20], { target: "app/package-lock.json", cls: "lang-pkgs" }),
    );
    expect(partial.counts).toMatchObject({ created: 1, closed: 0, unknown: 10 });
    expect((await findings("&status=open")).total).toBe(11);
  });

  it("waits for confirmation when more than 20% of the open findings would close", async () => {
    await importReport(trivy(range(10)));
    const waiting = await importReport(trivy(range(5)));
    expect(waiting).toMatchObject({
      status: "waiting_confirmation",
      openInScope: 10,
      toClose: 5,
    });
    // Nothing applied yet.
    expect((await findings("&status=open")).total).toBe(10);
    const denied = await t.app.inject({
      method: "POST",
      url: `/api/v1/vulns/imports/${waiting.id}/confirm`,
      headers: viewer,
    });
    expect(denied.statusCode).toBe(403);
    const confirm = await t.app.inject({
      method: "POST",
      url: `/api/v1/vulns/imports/${waiting.id}/confirm`,
      headers: admin,
    });
    expect(confirm.statusCode).toBe(202);
    const done = await waitJob(waiting.id);
    expect(done).toMatchObject({ status: "done", counts: { closed: 5, unchanged: 5 } });
    expect((await findings("&status=open")).total).toBe(5);
    const twice = await t.app.inject({
      method: "POST",
      url: `/api/v1/vulns/imports/${waiting.id}/confirm`,
      headers: admin,
    });
    expect(twice.statusCode).toBe(409);
  });

  it("fails the job with the parser's error naming the place, storing nothing", async () => {
    const broken = trivy(range(3)).replace('"PkgName":"pkg1"', '"PkgName":pkg1');
    const job = await importReport(broken);
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/Trivy JSON report: invalid JSON/);
    expect(job.error).toMatch(/line 1, column \d+/);
    expect(job.errorDetails[0]).toMatchObject({ line: 1 });
    expect((await findings()).total).toBe(0);

    const wrong = await importReport(JSON.stringify({ hello: "world" }));
    expect(wrong.status).toBe("failed");
    expect(wrong.error).toMatch(/report/i);

    const noAsset = await t.app.inject({
      method: "POST",
      url: "/api/v1/vulns/imports",
      headers: admin,
      payload: { content: trivy([1]), asset: "nope" },
    });
    expect(noAsset.statusCode).toBe(404);
    const empty = await t.app.inject({
      method: "POST",
      url: "/api/v1/vulns/imports",
      headers: admin,
      payload: { content: "", asset: "shop-api" },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { details: [{ path: "body.content" }] } });
  });

  it("changes status: confirm, dismiss with a typed reason and comment, resolve with a note", async () => {
    await importReport(trivy(range(3)));
    const [f] = (await findings("&sort=vulnId")).items;
    const post = (headers: Record<string, string>, payload: unknown) => {
      t.clock.advance(1000);
      return t.app.inject({
        method: "POST",
        url: `/api/v1/vulns/findings/${f!.id}/status`,
        headers,
        payload: payload as Record<string, unknown>,
      });
    };
    expect((await post(viewer, { status: "confirmed" })).statusCode).toBe(403);
    const confirmed = await post(admin, { status: "confirmed" });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<Detail>().status).toBe("confirmed");

    const noReason = await post(admin, { status: "dismissed", comment: "tests only" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({
      error: { code: "validation_failed", details: [{ path: "reason" }] },
    });
    const noComment = await post(admin, { status: "dismissed", reason: "false_positive" });
    expect(noComment.json()).toMatchObject({ error: { details: [{ path: "comment" }] } });
    const badReason = await post(admin, { status: "dismissed", reason: "bored", comment: "x" });
    expect(badReason.json()).toMatchObject({ error: { details: [{ path: "body.reason" }] } });

    const dismissed = await post(admin, {
      status: "dismissed",
      reason: "not_affected",
      comment: "the vulnerable function is not compiled in",
    });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json<Detail>()).toMatchObject({
      status: "dismissed",
      dismissalReason: "not_affected",
    });
    // Dismissed findings survive re-import.
    const again = await importReport(trivy(range(3)));
    expect(again.counts).toMatchObject({ unchanged: 3 });
    expect((await detail(f!.id)).status).toBe("dismissed");

    const noNote = await post(admin, { status: "resolved" });
    expect(noNote.json()).toMatchObject({ error: { details: [{ path: "comment" }] } });
    const resolved = await post(admin, { status: "resolved", comment: "patched by hand" });
    expect(resolved.json<Detail>()).toMatchObject({ status: "resolved", dismissalReason: null });
    const history = (await detail(f!.id)).history;
    expect(history.map((h) => [h.kind, h.fromStatus, h.toStatus, h.reason])).toEqual([
      ["detected", null, "detected", null],
      ["status", "detected", "confirmed", null],
      ["status", "confirmed", "dismissed", "not_affected"],
      ["status", "dismissed", "resolved", null],
    ]);
    const audit = await t.app.inject({
      url: "/api/v1/audit?action=vulns.finding.status",
      headers: admin,
    });
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(3);
  });

  it("keeps a person's severity override when a later import changes the severity", async () => {
    await importReport(trivy(range(2)));
    const [f] = (await findings("&sort=vulnId")).items;
    expect(f!.severity).toBe("low");
    const edit = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/vulns/findings/${f!.id}`,
      headers: admin,
      payload: { severity: "high", comment: "internet-facing parser" },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json<Detail>()).toMatchObject({ severity: "high", editedFields: ["severity"] });
    const rescored = await importReport(trivy(range(2), { severity: () => "MEDIUM" }));
    // pkg0: the scanner's severity changed (low → medium), an update with history, but the
    // overridden severity stays; pkg1 was medium already.
    expect(rescored.counts).toMatchObject({ updated: 1, unchanged: 1 });
    const after = await detail(f!.id);
    expect(after.severity).toBe("high");
    expect(after.history.at(-1)).toMatchObject({
      kind: "updated",
      changes: { scannerSeverity: ["low", "medium"] },
    });
    const rescored2 = await importReport(trivy(range(2), { severity: () => "CRITICAL" }));
    expect(rescored2.counts).toMatchObject({ updated: 2, unchanged: 0 });
    const other = (await findings("&vulnId=CVE-2024-1001")).items[0]!;
    expect(other.severity).toBe("critical");
    expect((await detail(other.id)).history.at(-1)).toMatchObject({ kind: "updated" });
    expect((await detail(f!.id)).severity).toBe("high");
  });

  describe("permissions", () => {
    it("lets a viewer read but not import (403)", async () => {
      const denied = await t.app.inject({
        method: "POST",
        url: "/api/v1/vulns/imports",
        headers: viewer,
        payload: { content: trivy([1]), asset: "shop-api" },
      });
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ error: { code: "forbidden" } });
      expect(
        (await t.app.inject({ url: "/api/v1/vulns/findings", headers: viewer })).statusCode,
      ).toBe(200);
      expect(
        (await t.app.inject({ url: "/api/v1/vulns/imports", headers: viewer })).statusCode,
      ).toBe(200);
      expect((await t.app.inject({ url: "/api/v1/vulns/findings" })).statusCode).toBe(401);
    });
  });
});
