import { afterEach, beforeEach, expect, it } from "vitest";
import { HANDBOOK_SLA_POLICY } from "@infrasec/engines/vulns";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import type { Ctx } from "../shared/service-context";
import { exceptionWorld, system, type ExceptionWorld } from "./vulns-exceptions-test-kit";

/**
 * Exceptions over time on both dialects: expiry reopens exactly what an exception still
 * dismisses and resumes the clock by the policy (pause shifts the due date, restart starts a
 * fresh one), the "expiring" event goes out once, and findings an import brings later are
 * covered by a running exception whose scope matches them.
 */

const DAY = 86_400_000;
const CRIT = { id: "CVE-2024-0001", pkg: "openssl", severity: "critical" };
const HIGH = { id: "CVE-2024-0002", pkg: "zlib", severity: "high" };

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let w: ExceptionWorld;
  let eng: Ctx;
  let sec: Ctx;
  async function setup(policy = HANDBOOK_SLA_POLICY) {
    w = await exceptionWorld(db, policy);
    eng = await w.person("erin", "engineer");
    sec = await w.person("sam", "security_engineer");
  }
  beforeEach(async () => {
    db = await open();
  });
  afterEach(async () => {
    await w.s.vulns.idle();
    await db.cleanup();
  });

  it("expires on time, reopens covered findings and shifts paused clocks", async () => {
    await setup();
    const f = await w.scan([CRIT, HIGH]);
    const crit = f.get(CRIT.id)!;
    const high = f.get(HIGH.id)!;
    const x = w.s.vulnExceptions;
    const e = await x.request(eng, { scope: { assets: ["app"] }, days: 10, justification: "j" });
    await x.approve(sec, e.id);
    // A person re-dismisses one finding as a false positive meanwhile: expiry leaves it alone.
    await w.s.vulns.changeStatus(sec, high.id, { status: "detected" });
    await w.s.vulns.changeStatus(sec, high.id, {
      status: "dismissed",
      reason: "false_positive",
      comment: "not reachable",
    });

    w.clock.advance(9 * DAY);
    expect(await x.expireDue()).toEqual({ expired: 0, reopened: 0, expiringNotices: 1 });
    expect(await x.expireDue()).toEqual({ expired: 0, reopened: 0, expiringNotices: 0 });

    // The sweep runs two days after the end: the clock resumes from the end date.
    w.clock.advance(3 * DAY);
    expect(await x.expireDue()).toEqual({ expired: 1, reopened: 1, expiringNotices: 0 });
    expect(await x.expireDue()).toEqual({ expired: 0, reopened: 0, expiringNotices: 0 });
    const ended = await x.get(system, e.id);
    expect(ended.status).toBe("expired");
    const reopened = await w.s.vulns.getFinding(system, crit.id);
    expect(reopened.status).toBe("detected");
    expect(reopened.dismissalReason).toBeNull();
    expect(Date.parse(reopened.slaDueAt!) - Date.parse(crit.slaDueAt!)).toBe(10 * DAY);
    expect(reopened.history.at(-1)).toMatchObject({
      kind: "status",
      fromStatus: "dismissed",
      toStatus: "detected",
      note: `exception ${e.id} expired`,
      actorName: "system",
    });
    expect((await w.s.vulns.getFinding(system, high.id)).dismissalReason).toBe("false_positive");

    const events = (await db.store.notifications.listEvents(0, 100)).map((v) => v.type);
    expect(events.filter((t) => t.startsWith("vulns.exception."))).toEqual([
      "vulns.exception.approved",
      "vulns.exception.expiring",
      "vulns.exception.expired",
    ]);
    const audit = await db.store.audit.list({ action: "vulns.exception.expire" }, 10);
    expect(audit).toMatchObject([{ targetId: e.id, actorName: "system" }]);
  });

  it("restarts the clock from the end of the exception when the policy says so", async () => {
    await setup({ ...HANDBOOK_SLA_POLICY, exceptionEffect: "restart" });
    const f = await w.scan([CRIT]);
    const x = w.s.vulnExceptions;
    const e = await x.request(eng, { scope: { vulnId: CRIT.id }, days: 7, justification: "j" });
    const approved = await x.approve(sec, e.id);
    w.clock.advance(8 * DAY);
    await x.expireDue();
    const after = await w.s.vulns.getFinding(system, f.get(CRIT.id)!.id);
    // Handbook: critical remediation in 30 days, counted again from the expiry.
    expect(after.slaDueAt).toBe(new Date(Date.parse(approved.expiresAt) + 30 * DAY).toISOString());
  });

  it("keeps the old due date when the policy has no exception effect", async () => {
    await setup({ ...HANDBOOK_SLA_POLICY, exceptionEffect: "none" });
    const f = await w.scan([CRIT]);
    const x = w.s.vulnExceptions;
    const e = await x.request(eng, { scope: { vulnId: CRIT.id }, days: 7, justification: "j" });
    await x.approve(sec, e.id);
    w.clock.advance(8 * DAY);
    await x.expireDue();
    const after = await w.s.vulns.getFinding(system, f.get(CRIT.id)!.id);
    expect(after.slaDueAt).toBe(f.get(CRIT.id)!.slaDueAt);
  });

  it("covers findings an import brings later, unless they are worse than judged", async () => {
    await setup();
    await w.scan([HIGH]);
    const x = w.s.vulnExceptions;
    const e = await x.request(eng, {
      scope: { vulnId: "CVE-2025-7777" },
      days: 60,
      severity: "high",
      justification: "not yet seen; vendor says not exploitable here",
    });
    await x.approve(sec, e.id);
    const later = await w.scan(
      [HIGH, { id: "CVE-2025-7777", pkg: "libxml2", severity: "high" }],
      "app",
    );
    const covered = await w.s.vulns.getFinding(system, later.get("CVE-2025-7777")!.id);
    expect([covered.status, covered.dismissalReason]).toEqual(["dismissed", "risk_accepted"]);
    expect(covered.history.at(-1)).toMatchObject({
      note: `exception ${e.id} covers it (matched at import)`,
    });
    // On another asset the same vulnerability rated critical stays open.
    const web = await w.scan(
      [{ id: "CVE-2025-7777", pkg: "libxml2", severity: "critical" }],
      "web",
    );
    expect(web.get("CVE-2025-7777")!.status).toBe("detected");
    expect((await x.get(system, e.id)).coveredCount).toBe(1);
  });
});
