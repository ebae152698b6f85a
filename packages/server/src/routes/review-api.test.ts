import { afterEach, beforeEach, expect, it } from "vitest";
import { toJsonReport } from "@infrasec/engines/report";
import { review } from "@infrasec/engines/review";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/** A pod manifest; the flags decide which findings the real engine reports. */
function pod(opts: { hostNetwork?: boolean; hostPID?: boolean; header?: string }): string {
  return `${opts.header ?? ""}apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: web
spec:
${opts.hostNetwork ? "  hostNetwork: true\n" : ""}${opts.hostPID ? "  hostPID: true\n" : ""}  containers:
    - name: api
      image: nginx:1.25
      securityContext:
        privileged: true
`;
}

/** A real JSON report of the engine (no change mode: every open finding is `new`). */
function reportOf(yaml: string, today = "2026-11-25"): Record<string, unknown> {
  const r = review({ files: { "deploy/app.yaml": yaml } }, { today });
  return JSON.parse(JSON.stringify(toJsonReport(r))) as Record<string, unknown>;
}

const SUPPRESSIONS = [
  '# infrasec:ignore K8S-PSS-005 reason="legacy agent" until=2026-12-10 owner=alice',
  '# infrasec:ignore K8S-NOPE-999 reason="left over"',
  '# infrasec:ignore K8S-IMG-002 reason="old waiver" until=2026-01-31',
  "",
].join("\n");

const meta = (extra: Record<string, unknown> = {}) => ({
  project: "group/infra",
  ref: "main",
  commit: "a".repeat(40),
  defaultBranch: "main",
  failOn: "high",
  ...extra,
});

interface RunBody {
  id: string;
  mode: string;
  baseRunId: string | null;
  gate: { outcome: string; failing: number; failOn: string };
  counts: { total: number; byStatus: Record<string, number>; bySeverity: Record<string, number> };
  suppressions: Record<string, number>;
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let t: TestServer;
  beforeEach(async () => {
    db = await open();
    t = await createTestServer(db);
  });
  afterEach(async () => {
    await t.close();
    await db.cleanup();
  });

  const upload = (token: string, body: object) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/review/runs",
      headers: bearer(token),
      payload: body,
    });

  it("stores an uploaded run with counts, lists it, and writes the audit event", async () => {
    const ci = await t.tokenFor("engineer", ["review:run", "review:read"]);
    const report = reportOf(pod({ hostNetwork: true, header: SUPPRESSIONS }));
    const res = await upload(ci, {
      metadata: meta({ pipelineUrl: "https://gl.example/p/1" }),
      report,
    });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json<RunBody>();
    const findings = report.findings as { status: string; severity: string }[];
    expect(run.mode).toBe("full");
    expect(run.counts.total).toBe(findings.length);
    expect(run.counts.byStatus.suppressed).toBe(1);
    expect(run.counts.byStatus.new).toBe(findings.length - 1);
    // hostNetwork is high and new: the gate at high fails.
    expect(run.gate).toMatchObject({ failOn: "high", outcome: "failed" });
    expect(run.gate.failing).toBe(
      findings.filter((f) => f.status === "new" && ["critical", "high"].includes(f.severity))
        .length,
    );
    expect(run.suppressions).toEqual({ active: 1, expired: 1, stale: 1 });

    const viewer = await t.tokenFor("viewer");
    const list = await t.app.inject({
      url: "/api/v1/review/runs?project=group/infra&outcome=failed",
      headers: bearer(viewer),
    });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: run.id, ref: "main" }] });
    const none = await t.app.inject({
      url: "/api/v1/review/runs?outcome=passed",
      headers: bearer(viewer),
    });
    expect(none.json()).toMatchObject({ total: 0 });
    const detail = await t.app.inject({
      url: `/api/v1/review/runs/${run.id}`,
      headers: bearer(viewer),
    });
    expect(detail.json()).toMatchObject({
      id: run.id,
      pipelineUrl: "https://gl.example/p/1",
      matrix: { critical: { suppressed: 1 }, high: { new: 1 } },
    });
    const high = await t.app.inject({
      url: `/api/v1/review/runs/${run.id}/findings?severity=high`,
      headers: bearer(viewer),
    });
    expect(high.json()).toMatchObject({
      total: 1,
      items: [
        { ruleId: "K8S-PSS-002", status: "new", resource: "Pod/web/api", file: "deploy/app.yaml" },
      ],
    });

    const admin = await t.tokenFor("admin");
    const events = await t.app.inject({
      url: "/api/v1/audit?action=review.run.upload",
      headers: bearer(admin),
    });
    expect(events.json()).toMatchObject({
      items: [{ action: "review.run.upload", targetId: run.id }],
    });
  });

  it("classifies a second plain upload against the base run: new, existing and fixed", async () => {
    const ci = await t.tokenFor("engineer");
    const first = (
      await upload(ci, { metadata: meta(), report: reportOf(pod({ hostNetwork: true })) })
    ).json<RunBody>();
    // The merge request drops hostNetwork and adds hostPID; its report carries no change-mode statuses.
    const res = await upload(ci, {
      metadata: meta({
        ref: "feature/x",
        commit: "b".repeat(40),
        mergeRequest: { iid: 7 },
        baseRef: "main",
      }),
      report: reportOf(pod({ hostPID: true })),
    });
    expect(res.statusCode, res.body).toBe(201);
    const second = res.json<RunBody>();
    expect(second).toMatchObject({ mode: "classified", baseRunId: first.id });
    expect(second.counts.byStatus).toMatchObject({ new: 1, fixed: 1 });
    expect(second.counts.byStatus.existing).toBe((first.counts.byStatus.new ?? 0) - 1);
    const viewer = await t.tokenFor("viewer");
    const get = (q: string) =>
      t.app.inject({
        url: `/api/v1/review/runs/${second.id}/findings?${q}`,
        headers: bearer(viewer),
      });
    expect((await get("status=new")).json()).toMatchObject({
      total: 1,
      items: [{ ruleId: "K8S-PSS-003" }],
    });
    expect((await get("status=fixed")).json()).toMatchObject({
      total: 1,
      items: [{ ruleId: "K8S-PSS-002" }],
    });
    expect((await get("file=DEPLOY&ruleId=K8S-PSS-005")).json()).toMatchObject({
      total: 1,
      items: [{ status: "existing" }],
    });
    const mr = await t.app.inject({
      url: "/api/v1/review/runs?mergeRequest=7",
      headers: bearer(viewer),
    });
    expect(mr.json()).toMatchObject({
      total: 1,
      items: [{ id: second.id, mergeRequest: { iid: 7 } }],
    });

    // A report already in change mode keeps its statuses.
    const change = { ...reportOf(pod({})), mode: "change" };
    const kept = (
      await upload(ci, { metadata: meta({ ref: "feature/y" }), report: change })
    ).json<RunBody>();
    expect(kept).toMatchObject({ mode: "change", baseRunId: null });
    expect(kept.counts.byStatus.existing).toBe(0);

    const projects = await t.app.inject({
      url: "/api/v1/review/projects",
      headers: bearer(viewer),
    });
    expect(projects.json()).toMatchObject({
      items: [
        {
          project: "group/infra",
          defaultBranch: "main",
          runs: 3,
          latestRun: { id: first.id },
          trend: [{ runId: first.id }],
        },
      ],
    });
  });

  it("answers 400 naming the field of a bad report and 403 to a viewer's upload", async () => {
    const ci = await t.tokenFor("engineer");
    const report = reportOf(pod({ hostNetwork: true }));
    const findings = report.findings as Record<string, unknown>[];
    findings[1] = { ...findings[1], severity: "severe" };
    const bad = await upload(ci, { metadata: meta(), report });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: "validation_failed", details: [{ path: "body.report.findings.1.severity" }] },
    });
    const wrongTotal = reportOf(pod({}));
    (wrongTotal.summary as { total: number }).total = 999;
    const inconsistent = await upload(ci, { metadata: meta(), report: wrongTotal });
    expect(inconsistent.statusCode).toBe(400);
    expect(inconsistent.json()).toMatchObject({
      error: { details: [{ path: "report.summary.total" }] },
    });
    const noProject = await upload(ci, {
      metadata: { ...meta(), project: "bad project!" },
      report: reportOf(pod({})),
    });
    expect(noProject.json()).toMatchObject({
      error: { details: [{ path: "body.metadata.project" }] },
    });

    const viewer = await t.tokenFor("viewer");
    const denied = await upload(viewer, { metadata: meta(), report: reportOf(pod({})) });
    expect(denied.statusCode).toBe(403);
    const readOnly = await t.tokenFor("engineer", ["review:read"]);
    expect(
      (await upload(readOnly, { metadata: meta(), report: reportOf(pod({})) })).statusCode,
    ).toBe(403);
  });

  it("serves the rule catalogue with filters and a rule's docs and open findings", async () => {
    const viewer = await t.tokenFor("viewer");
    const get = (url: string) => t.app.inject({ url, headers: bearer(viewer) });
    const all = (await get("/api/v1/review/rules")).json<{ total: number }>();
    expect(all.total).toBeGreaterThanOrEqual(250);
    const k8sCritical = (
      await get("/api/v1/review/rules?framework=kubernetes&severity=critical&limit=1000")
    ).json<{ items: { framework: string; severity: string }[]; total: number }>();
    expect(k8sCritical.total).toBeGreaterThan(0);
    expect(
      k8sCritical.items.every((r) => r.framework === "kubernetes" && r.severity === "critical"),
    ).toBe(true);
    const q = (await get("/api/v1/review/rules?q=privileged&provider=kubernetes")).json<{
      items: { id: string }[];
    }>();
    expect(q.items.map((r) => r.id)).toContain("K8S-PSS-005");
    expect((await get("/api/v1/review/rules?framework=cobol")).statusCode).toBe(400);

    const ci = await t.tokenFor("engineer");
    await upload(ci, { metadata: meta(), report: reportOf(pod({ hostNetwork: true })) });
    const rule = await get("/api/v1/review/rules/K8S-PSS-002");
    expect(rule.statusCode).toBe(200);
    expect(rule.json()).toMatchObject({
      id: "K8S-PSS-002",
      framework: "kubernetes",
      openFindings: 1,
      projects: [{ project: "group/infra", open: 1 }],
      docs: expect.stringContaining("## K8S-PSS-002"),
    });
    expect((await get("/api/v1/review/rules/NOPE-1")).statusCode).toBe(404);
  });

  it("lists the suppressions of the latest runs with their expiry states", async () => {
    const ci = await t.tokenFor("engineer");
    await upload(ci, {
      metadata: meta(),
      report: reportOf(pod({ hostNetwork: true, header: SUPPRESSIONS })),
    });
    const viewer = await t.tokenFor("viewer");
    const get = (q = "") =>
      t.app.inject({ url: `/api/v1/review/suppressions${q}`, headers: bearer(viewer) });
    const all = (await get()).json<{
      items: {
        rules: string[];
        state: string;
        expiresInDays: number | null;
        owner: string | null;
        matched: number;
      }[];
    }>();
    expect(all.items.map((s) => [s.rules[0], s.state, s.expiresInDays])).toEqual([
      ["K8S-IMG-002", "expired", -298],
      ["K8S-PSS-005", "active", 15],
      ["K8S-NOPE-999", "stale", null],
    ]);
    expect(all.items[1]).toMatchObject({ owner: "alice", matched: 1, project: "group/infra" });
    expect((await get("?expiringWithinDays=30&state=active")).json()).toMatchObject({
      total: 1,
      items: [{ rules: ["K8S-PSS-005"] }],
    });
    // Once the date passes, the active suppression shows as expired.
    t.clock.set("2026-12-11T09:00:00.000Z");
    expect((await get("?ruleId=K8S-PSS-005")).json()).toMatchObject({
      items: [{ state: "expired", expiresInDays: -1 }],
    });
  });
});
