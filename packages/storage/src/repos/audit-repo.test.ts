import { afterEach, beforeEach, expect, it } from "vitest";
import { sql } from "kysely";
import { newId } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "../testing/dialects";

const event = (n: number) => ({
  id: newId(),
  at: `2026-11-25T10:00:${String(n).padStart(2, "0")}.000Z`,
  actorId: null,
  actorName: "alice",
  action: "asset.create",
  targetType: "asset",
  targetId: `a${n}`,
  requestId: `req-${n}`,
  summary: `created asset a${n}`,
  changes: JSON.stringify({ name: [null, `a${n}`] }),
});

forEachDialect(({ open }) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("appends a linear chain that verifies", async () => {
    for (let i = 1; i <= 5; i++) await t.store.transaction((r) => r.audit.append(event(i)));
    const v = await t.store.audit.verify(2);
    expect(v).toEqual({ checked: 5, firstBroken: null });
    const latest = await t.store.audit.list({}, 2);
    expect(latest.map((e) => e.seq)).toEqual([5, 4]);
    expect(latest[1]!.hash).toBe(latest[0]!.prevHash);
  });

  it("names the first edited event", async () => {
    for (let i = 1; i <= 4; i++) await t.store.transaction((r) => r.audit.append(event(i)));
    await sql`update audit_events set summary = 'nothing to see' where seq = 2`.execute(
      t.handle.db,
    );
    const v = await t.store.audit.verify();
    expect(v.firstBroken?.seq).toBe(2);
    expect(v.firstBroken?.reason).toMatch(/edited/);
  });

  it("detects a deleted event in the middle and at the end", async () => {
    for (let i = 1; i <= 4; i++) await t.store.transaction((r) => r.audit.append(event(i)));
    await sql`delete from audit_events where seq = 4`.execute(t.handle.db);
    expect((await t.store.audit.verify()).firstBroken?.reason).toMatch(/deleted from the end/);
    await sql`delete from audit_events where seq = 2`.execute(t.handle.db);
    expect((await t.store.audit.verify()).firstBroken).toMatchObject({ seq: 2 });
  });

  it("rolls the event back with the transaction that failed", async () => {
    await expect(
      t.store.transaction(async (r) => {
        await r.audit.append(event(1));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await t.store.audit.list({}, 10)).toHaveLength(0);
    expect((await t.store.audit.verify()).firstBroken).toBeNull();
  });

  it("keeps the chain linear under concurrent appends", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.store.transaction((r) => r.audit.append(event(i + 1))),
      ),
    );
    expect(await t.store.audit.verify()).toEqual({ checked: 12, firstBroken: null });
  });

  it("filters by actor, action, target and text", async () => {
    await t.store.transaction((r) => r.audit.append(event(1)));
    await t.store.transaction((r) =>
      r.audit.append({
        ...event(2),
        actorName: "bob",
        action: "user.create",
        summary: "created user 100%_done",
      }),
    );
    expect(await t.store.audit.list({ actor: "bob" }, 10)).toHaveLength(1);
    expect(await t.store.audit.list({ action: "asset.create" }, 10)).toHaveLength(1);
    expect(await t.store.audit.list({ targetType: "asset", targetId: "a2" }, 10)).toHaveLength(1);
    expect(await t.store.audit.list({ q: "100%_" }, 10)).toHaveLength(1);
    expect(await t.store.audit.list({ q: "%" }, 10)).toHaveLength(1);
    expect(await t.store.audit.list({ since: "2026-11-25T10:00:02.000Z" }, 10)).toHaveLength(1);
  });
});
