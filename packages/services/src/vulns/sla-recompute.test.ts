import { afterEach, beforeEach, expect, it } from "vitest";
import type { KyselyPlugin, RawNode } from "kysely";
import { HANDBOOK_SLA_POLICY } from "@infrasec/engines/vulns";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import { createStore } from "@infrasec/storage";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createServices } from "../create-services";
import type { Ctx } from "../shared/service-context";
import { exceptionWorld, system, trivy, type ExceptionWorld } from "./vulns-exceptions-test-kit";

/**
 * Deadlines that follow changes, on both dialects: a person's severity edit, an asset's
 * criticality change, a policy edit (background task, open findings only), with the KEV cap
 * and exception pauses still applied, SLA events once per transition, history saying why, and
 * the bound of 1,000 findings per deadline UPDATE.
 */

const DAY = 86_400_000;
const CRIT = { id: "CVE-2024-0001", pkg: "openssl", severity: "critical" };
const HIGH = { id: "CVE-2024-0002", pkg: "zlib", severity: "high" };
const LOW = { id: "CVE-2024-0003", pkg: "curl", severity: "low" };

const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

/** Counts the deadline UPDATEs the database executes (raw `with v … update` statements). */
function deadlineUpdateCounter(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        const node = args.node as unknown as Partial<RawNode>;
        if (
          node.kind === "RawNode" &&
          node.sqlFragments?.join("?").includes("update vuln_findings set sla_due_at")
        )
          n++;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    },
    count: () => n,
  };
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let w: ExceptionWorld;
  let sec: Ctx;
  let admin: Ctx;

  async function setup(policy?: SlaPolicy) {
    w = await exceptionWorld(db, policy);
    sec = await w.person("sam", "security_engineer");
    admin = await w.person("ada", "admin");
  }
  const finding = (id: string) => w.s.vulns.getFinding(system, id);
  const resolve = (id: string) =>
    w.s.vulns.changeStatus(sec, id, { status: "resolved", comment: "patched" });
  const slaEvents = async (id: string, kind: string) =>
    (await finding(id)).history.filter((h) => h.kind === kind).length;

  beforeEach(async () => {
    db = await open();
  });
  afterEach(async () => {
    await w.s.vulns.idle();
    await w.s.slaRecompute.idle();
    await db.cleanup();
  });

  it("moves the deadline on a severity edit, clears a breach, and records the reverse once", async () => {
    await setup();
    const f = (await w.scan([CRIT])).get(CRIT.id)!;
    const detected = (await finding(f.id)).firstSeenAt;
    expect(f.slaDueAt).toBe(plus(detected, 30));
    w.clock.advance(31 * DAY);
    await w.s.vulnSla.sweep();
    expect(await slaEvents(f.id, "sla_breached")).toBe(1);

    const low = await w.s.vulns.editFinding(sec, f.id, { severity: "low", comment: "internal" });
    expect(low.slaDueAt).toBe(plus(detected, 180));
    expect(low.slaState).toBe("on_track");
    expect(low.deadline).toMatchObject({ dueAt: plus(detected, 180), matchesStored: true });
    expect(low.deadline!.explanation[0]).toBe("low: 180 days (GitLab handbook remediation SLAs)");
    const why = low.history.find((h) => h.reason === "sla_recompute")!;
    expect(why).toMatchObject({
      kind: "updated",
      actorName: "sam",
      changes: { slaDueAt: [plus(detected, 30), plus(detected, 180)] },
    });
    expect(why.note).toContain("severity edited (critical → low)");
    expect(await db.store.vulnSla.countByState()).toMatchObject({ on_track: 1 });
    // Back on track is no event; the sweep agrees and records nothing more.
    const swept = await w.s.vulnSla.sweep();
    expect(swept.changed).toBe(0);
    expect(await slaEvents(f.id, "sla_breached")).toBe(1);

    // The reverse: the deadline moves into the past again, one breached event (not two).
    const crit = await w.s.vulns.editFinding(sec, f.id, { severity: "critical", comment: "no" });
    expect(crit.slaDueAt).toBe(plus(detected, 30));
    expect(crit.slaState).toBe("breached");
    expect(await slaEvents(f.id, "sla_breached")).toBe(2);
    await w.s.vulnSla.sweep();
    expect(await slaEvents(f.id, "sla_breached")).toBe(2);
  });

  it("shortens the deadlines of the changed asset's open findings only", async () => {
    await setup({
      ...HANDBOOK_SLA_POLICY,
      overrides: [{ when: { criticality: [4] }, factor: 0.5, reason: "crown jewels" }],
    });
    const app = await w.scan([CRIT, HIGH]);
    const web = (await w.scan([CRIT], "web")).get(CRIT.id)!;
    const closed = await resolve(app.get(HIGH.id)!.id);
    expect(closed.status).toBe("resolved");
    const open = await finding(app.get(CRIT.id)!.id);

    const [asset] = await db.store.assets.findByKeys(["app"]);
    await w.s.assets.update(system, asset!.id, { criticality: 4 });
    await w.s.slaRecompute.idle();

    const after = await finding(open.id);
    expect(after.slaDueAt).toBe(plus(open.firstSeenAt, 15));
    expect(after.deadline!.explanation).toContain('override "crown jewels": 15 days');
    expect(after.history.find((h) => h.reason === "sla_recompute")!.note).toContain(
      "asset app: criticality 2 → 4",
    );
    expect((await finding(closed.id)).slaDueAt).toBe(closed.slaDueAt);
    expect((await finding(web.id)).slaDueAt).toBe(web.slaDueAt);
  });

  it("recomputes every open finding in the background on a policy edit, not closed ones", async () => {
    await setup();
    const f = await w.scan([CRIT, HIGH, LOW]);
    const lowBefore = await resolve(f.get(LOW.id)!.id);
    expect(lowBefore.status).toBe("resolved");

    const r = await w.s.vulnSlaPolicy.update(admin, {
      targets: {
        ...HANDBOOK_SLA_POLICY.targets,
        critical: { remediateDays: 10 },
        low: { remediateDays: 200 },
      },
    });
    expect(r.stamp).toBe("gitlab-handbook@2");
    expect(r.recompute).toMatchObject({ scope: "policy", total: 2, policy: "gitlab-handbook@2" });
    await w.s.slaRecompute.idle();
    const task = await w.s.vulnSlaPolicy.recompute(system, r.recompute.id);
    expect(task).toMatchObject({ status: "done", done: 2, changed: 1 });

    const crit = await finding(f.get(CRIT.id)!.id);
    expect(crit.slaDueAt).toBe(plus(crit.firstSeenAt, 10));
    expect(crit.slaPolicy).toBe("gitlab-handbook@2");
    expect((await finding(f.get(HIGH.id)!.id)).slaPolicy).toBe("gitlab-handbook@2");
    const low = await finding(lowBefore.id);
    expect(low.slaDueAt).toBe(lowBefore.slaDueAt);
    expect(low.slaPolicy).toBe("gitlab-handbook@1");
    // Engineers cannot edit the policy; a broken one names the field.
    const eng = await w.person("erin", "engineer");
    await expect(w.s.vulnSlaPolicy.update(eng, { dueSoonDays: 3 })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      w.s.vulnSlaPolicy.update(admin, {
        targets: { ...HANDBOOK_SLA_POLICY.targets, high: { remediateDays: 0 } },
      }),
    ).rejects.toThrow("targets.high.remediateDays: 0 is not a whole number of days ≥ 1");
  });

  it("imports with the edited policy; the sweep repairs findings left with an older stamp", async () => {
    await setup();
    await w.s.vulnSlaPolicy.update(admin, {
      targets: { ...HANDBOOK_SLA_POLICY.targets, critical: { remediateDays: 5 } },
    });
    await w.s.slaRecompute.idle();
    const f = (await w.scan([CRIT])).get(CRIT.id)!;
    const firstSeen = (await finding(f.id)).firstSeenAt;
    expect(f.slaDueAt).toBe(plus(firstSeen, 5));
    expect((await w.s.vulnSla.sweep()).deadlinesRecomputed).toBe(0);
    // A recomputation that failed half-way leaves the old stamp and deadline behind.
    await db.handle.db
      .updateTable("vuln_findings")
      .set({ sla_policy: "gitlab-handbook@1", sla_due_at: plus(firstSeen, 30) })
      .where("id", "=", f.id)
      .execute();
    const r = await w.s.vulnSla.sweep();
    expect(r.deadlinesRecomputed).toBe(1);
    const after = await finding(f.id);
    expect(after.slaDueAt).toBe(plus(firstSeen, 5));
    expect(after.slaPolicy).toBe("gitlab-handbook@2");
    expect(after.history.find((h) => h.reason === "sla_recompute")!.actorName).toBe("sla-sweep");
    expect((await w.s.vulnSla.sweep()).deadlinesRecomputed).toBe(0);
  });

  it("keeps the KEV cap and exception pauses through a recompute", async () => {
    await setup();
    const f = await w.scan([LOW, HIGH]);
    await w.s.vulnEnrichment.importKev(sec, {
      content: JSON.stringify({
        catalogVersion: "2026.11.20",
        dateReleased: "2026-11-20T15:00:00.000Z",
        count: 1,
        vulnerabilities: [
          {
            cveID: LOW.id,
            vendorProject: "curl",
            product: "curl",
            vulnerabilityName: "curl bug",
            dateAdded: "2026-11-20",
            shortDescription: "…",
            requiredAction: "Update.",
            dueDate: "2026-12-20",
            knownRansomwareCampaignUse: "Unknown",
            notes: "",
          },
        ],
      }),
    });
    const kevDue = "2026-12-20T00:00:00.000Z";
    expect((await finding(f.get(LOW.id)!.id)).slaDueAt).toBe(kevDue);

    // An exception covers HIGH for 5 days, then is revoked: its clock was paused 5 days.
    const eng = await w.person("erin", "engineer");
    const e = await w.s.vulnExceptions.request(eng, {
      scope: { findingIds: [f.get(HIGH.id)!.id] },
      days: 20,
      justification: "waiting for the vendor",
    });
    await w.s.vulnExceptions.approve(sec, e.id);
    w.clock.advance(5 * DAY);
    await w.s.vulnExceptions.revoke(sec, e.id);
    const high = await finding(f.get(HIGH.id)!.id);
    expect(high.status).toBe("detected");
    expect(high.slaDueAt).toBe(plus(high.firstSeenAt, 35));

    await w.s.vulnSlaPolicy.update(admin, {
      targets: { ...HANDBOOK_SLA_POLICY.targets, high: { remediateDays: 40 } },
    });
    await w.s.slaRecompute.idle();
    const low = await finding(f.get(LOW.id)!.id);
    expect(low.slaDueAt).toBe(kevDue);
    expect(low.deadline!.explanation).toContain(`capped by the CISA KEV due date ${kevDue}`);
    const high2 = await finding(high.id);
    expect(high2.slaDueAt).toBe(plus(high.firstSeenAt, 45));
    expect(high2.deadline!.explanation).toContain("paused 5 days by approved exceptions");
  });

  it("writes at most 1,000 findings per deadline UPDATE (2,500 findings: 3 statements)", async () => {
    await setup();
    const many = Array.from({ length: 2500 }, (_, i) => ({
      id: `CVE-2025-${String(10000 + i)}`,
      pkg: `pkg${i}`,
      severity: ["critical", "high", "medium", "low"][i % 4]!,
    }));
    await w.s.vulns.runImport(system, { content: trivy(many), asset: "app" });
    const counter = deadlineUpdateCounter();
    const counted = createServices({
      store: createStore({ db: db.handle.db.withPlugin(counter.plugin), dialect: db.dialect }),
      clock: w.clock,
    });
    const r = await counted.vulnSlaPolicy.update(admin, {
      targets: { ...HANDBOOK_SLA_POLICY.targets, medium: { remediateDays: 60 } },
    });
    expect(r.recompute.total).toBe(2500);
    await counted.slaRecompute.idle();
    expect(await counted.vulnSlaPolicy.recompute(system, r.recompute.id)).toMatchObject({
      status: "done",
      done: 2500,
      changed: 625,
    });
    expect(counter.count()).toBe(3);
    const stale = await db.store.vulnSlaRecompute.countDrift(
      ["detected", "confirmed", "in_progress"],
      "gitlab-handbook@2",
    );
    expect(stale).toBe(0);
  });
});
