import { afterEach, beforeEach, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import type { Ctx } from "../shared/service-context";
import { exceptionWorld, system, type ExceptionWorld } from "./vulns-exceptions-test-kit";

/**
 * Exceptions below the HTTP layer on both dialects: request validation (scope, duration by
 * severity, decision-log link), the approver rule, what approval does to findings, rejection,
 * revocation and the list filters.
 */

const CRIT = { id: "CVE-2024-0001", pkg: "openssl", severity: "critical" };
const HIGH = { id: "CVE-2024-0002", pkg: "zlib", severity: "high" };
const LOW = { id: "CVE-2024-0003", pkg: "curl", severity: "low" };

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let w: ExceptionWorld;
  let eng: Ctx;
  let sec: Ctx;
  beforeEach(async () => {
    db = await open();
    w = await exceptionWorld(db);
    eng = await w.person("erin", "engineer");
    sec = await w.person("sam", "security_engineer");
  });
  afterEach(async () => {
    await w.s.vulns.idle();
    await db.cleanup();
  });

  it("checks the duration against the worst covered severity, with a clear message", async () => {
    const f = await w.scan([CRIT, LOW]);
    const x = w.s.vulnExceptions;
    const ids = [f.get(CRIT.id)!.id, f.get(LOW.id)!.id];
    await expect(
      x.request(eng, { scope: { findingIds: ids }, days: 31, justification: "vendor fix late" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      message: "days: critical exceptions may last at most 30 days (requested 31)",
    });
    const low = await x.request(eng, {
      scope: { findingIds: [ids[1]!] },
      days: 365,
      justification: "internal only",
    });
    expect(low).toMatchObject({ status: "requested", severity: "low", maxDays: 365 });
    expect(low.durationDays).toBe(365);
    // Nothing changes on the findings until approval.
    expect(low.findings).toMatchObject([{ id: ids[1], status: "detected", covered: false }]);
    // A vulnerability id with no finding yet is judged as critical unless a severity is given.
    await expect(
      x.request(eng, { scope: { vulnId: "CVE-2030-9" }, days: 60, justification: "j" }),
    ).rejects.toThrow("critical exceptions may last at most 30 days");
    const future = await x.request(eng, {
      scope: { vulnId: "CVE-2030-9" },
      days: 60,
      severity: "high",
      justification: "not shipped yet",
    });
    expect(future).toMatchObject({ severity: "high", findings: [] });
  });

  it("refuses unknown assets, missing findings, empty scopes and blank justifications", async () => {
    const x = w.s.vulnExceptions;
    await w.scan([HIGH]);
    await expect(
      x.request(eng, { scope: { assets: ["app", "nope"] }, days: 10, justification: "j" }),
    ).rejects.toMatchObject({ message: "scope.assets[1]: asset nope not found" });
    await expect(
      x.request(eng, {
        scope: { findingIds: ["01900000-0000-7000-8000-000000000000"] },
        days: 10,
        justification: "j",
      }),
    ).rejects.toThrow("scope.findingIds: finding(s) not found");
    await expect(
      x.request(eng, { scope: { assets: ["web"] }, days: 10, justification: "j" }),
    ).rejects.toThrow("scope: matches no open finding");
    await expect(
      x.request(eng, { scope: { assets: ["app"] }, days: 10, justification: "  " }),
    ).rejects.toThrow("justification: required");
    await expect(
      x.request(eng, { scope: { assets: ["app"] }, justification: "j" }),
    ).rejects.toThrow("give either days or expiresAt");
  });

  it("links a decision-log entry and refuses other work items", async () => {
    await w.scan([HIGH]);
    const task = await w.s.workItems.create(sec, { kind: "task", title: "patch zlib" });
    const decision = await w.s.workItems.create(sec, {
      kind: "decision",
      title: "accept zlib on app until Q1",
      draft: true,
    });
    const x = w.s.vulnExceptions;
    await expect(
      x.request(eng, {
        scope: { vulnId: HIGH.id },
        days: 30,
        justification: "j",
        decisionItem: `#${task.number}`,
      }),
    ).rejects.toThrow(`work item #${task.number} is a task, not a decision-log entry`);
    await expect(
      x.request(eng, {
        scope: { vulnId: HIGH.id },
        days: 30,
        justification: "j",
        decisionItem: "#999",
      }),
    ).rejects.toThrow("decisionItem: work item #999 not found");
    const e = await x.request(eng, {
      scope: { vulnId: HIGH.id },
      days: 30,
      justification: "j",
      decisionItem: String(decision.number),
    });
    expect(e.decisionItem).toEqual({
      id: decision.id,
      number: decision.number,
      title: "accept zlib on app until Q1",
    });
  });

  it("needs another person with the approve permission; approval dismisses what it covers", async () => {
    const f = await w.scan([CRIT, HIGH]);
    await w.scan([CRIT], "web");
    const x = w.s.vulnExceptions;
    const e = await x.request(eng, {
      scope: { vulnId: CRIT.id },
      days: 20,
      justification: "no vendor fix, WAF rule in place",
    });
    expect(e.findings).toHaveLength(2);
    await expect(x.approve(eng, e.id)).rejects.toMatchObject({ code: "forbidden" });
    const lead = await w.person("lee", "security_engineer");
    const own = await x.request(lead, { scope: { vulnId: HIGH.id }, days: 5, justification: "j" });
    await expect(x.approve(lead, own.id)).rejects.toThrow(
      "you requested this exception: another person with the vulns:approve_exception permission must approve it",
    );

    w.clock.advance(3_600_000);
    const approved = await x.approve(sec, e.id, "ok for 20 days");
    expect(approved).toMatchObject({
      status: "approved",
      decidedBy: { name: "sam" },
      decisionNote: "ok for 20 days",
      coveredCount: 2,
      startsAt: w.clock.now().toISOString(),
    });
    expect(Date.parse(approved.expiresAt) - Date.parse(approved.startsAt)).toBe(20 * 86_400_000);
    expect(approved.findings.map((c) => [c.assetKey, c.status, c.dismissalReason])).toEqual([
      ["app", "dismissed", "risk_accepted"],
      ["web", "dismissed", "risk_accepted"],
    ]);
    const detail = await w.s.vulns.getFinding(system, f.get(CRIT.id)!.id);
    expect(detail.history.at(-1)).toMatchObject({
      kind: "status",
      fromStatus: "detected",
      toStatus: "dismissed",
      reason: "risk_accepted",
      note: `exception ${e.id} approved`,
      actorName: "sam",
    });
    // The high finding is outside the scope.
    expect((await w.s.vulns.getFinding(system, f.get(HIGH.id)!.id)).status).toBe("detected");
    await expect(x.approve(sec, e.id)).rejects.toMatchObject({ code: "conflict" });
    const events = await db.store.notifications.listEvents(0, 100);
    expect(events.filter((v) => v.type === "vulns.exception.approved")).toMatchObject([
      { recipientId: eng.actor.userId, payload: { exceptionId: e.id, covered: 2 } },
    ]);
    const audit = await db.store.audit.list({ targetId: e.id }, 10);
    expect(audit.map((a) => a.action).sort()).toEqual([
      "vulns.exception.approve",
      "vulns.exception.request",
    ]);
  });

  it("dismisses deviations as mitigating control; rejection needs a note", async () => {
    const f = await w.scan([HIGH, LOW]);
    const x = w.s.vulnExceptions;
    const dev = await x.request(eng, {
      kind: "deviation",
      scope: { package: "zlib", assets: ["app"] },
      days: 90,
      justification: "egress blocked",
      compensatingControls: "network policy denies egress",
    });
    await x.approve(sec, dev.id);
    const zlib = await w.s.vulns.getFinding(system, f.get(HIGH.id)!.id);
    expect([zlib.status, zlib.dismissalReason]).toEqual(["dismissed", "mitigating_control"]);

    const other = await x.request(eng, {
      scope: { package: "curl" },
      days: 10,
      justification: "j",
    });
    await expect(x.reject(sec, other.id, " ")).rejects.toThrow("a note is required to reject");
    const rejected = await x.reject(sec, other.id, "fix is available, patch it");
    expect(rejected).toMatchObject({
      status: "rejected",
      decisionNote: "fix is available, patch it",
    });
    expect((await w.s.vulns.getFinding(system, f.get(LOW.id)!.id)).status).toBe("detected");
    await expect(x.revoke(sec, other.id)).rejects.toThrow(
      `exception ${other.id} is rejected: only approved exceptions can be revoked`,
    );
  });

  it("revocation reopens what is still dismissed by it and leaves other changes alone", async () => {
    const f = await w.scan([CRIT, HIGH]);
    const x = w.s.vulnExceptions;
    const e = await x.request(eng, { scope: { assets: ["app"] }, days: 30, justification: "j" });
    await x.approve(sec, e.id);
    // Someone resolves one finding by hand meanwhile.
    await w.s.vulns.changeStatus(sec, f.get(HIGH.id)!.id, {
      status: "resolved",
      comment: "patched",
    });
    w.clock.advance(86_400_000);
    const revoked = await x.revoke(sec, e.id, "control removed");
    expect(revoked.status).toBe("revoked");
    const crit = await w.s.vulns.getFinding(system, f.get(CRIT.id)!.id);
    expect(crit.status).toBe("detected");
    expect(crit.history.at(-1)).toMatchObject({ note: `exception ${e.id} revoked` });
    expect((await w.s.vulns.getFinding(system, f.get(HIGH.id)!.id)).status).toBe("resolved");
  });

  it("lists by status, asset, vulnerability, covered finding and expiry window", async () => {
    const f = await w.scan([CRIT, HIGH]);
    await w.scan([LOW], "web");
    const x = w.s.vulnExceptions;
    const a = await x.request(eng, { scope: { vulnId: CRIT.id }, days: 5, justification: "j" });
    w.clock.advance(1000);
    const b = await x.request(eng, { scope: { assets: ["web"] }, days: 100, justification: "j" });
    await x.approve(sec, a.id);
    await x.approve(sec, b.id);
    w.clock.advance(1000);
    const c = await x.request(eng, { scope: { vulnId: HIGH.id }, days: 10, justification: "j" });
    const ids = async (q: Parameters<typeof x.list>[1]) =>
      (await x.list(system, q)).items.map((e) => e.id);
    const page = { limit: 50, offset: 0 };
    expect(await ids({ ...page })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ ...page, status: "requested" })).toEqual([c.id]);
    expect(await ids({ ...page, asset: "web" })).toEqual([b.id]);
    expect(await ids({ ...page, asset: "app" })).toEqual([a.id]);
    expect(await ids({ ...page, vulnId: "cve-2024-0002" })).toEqual([c.id]);
    expect(await ids({ ...page, finding: f.get(CRIT.id)!.id })).toEqual([a.id]);
    expect(await ids({ ...page, expiringWithinDays: 7 })).toEqual([a.id]);
    const listed = (await x.list(system, { ...page, status: "approved" })).items;
    expect(listed.find((e) => e.id === a.id)).toMatchObject({
      expiringSoon: true,
      coveredCount: 1,
    });
    expect(listed.find((e) => e.id === b.id)).toMatchObject({
      expiringSoon: false,
      scope: { assets: [{ key: "web" }] },
    });
  });
});
