import { afterEach, beforeEach, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import type { Ctx } from "../shared/service-context";
import { exceptionWorld, system, type ExceptionWorld } from "./vulns-exceptions-test-kit";

/**
 * The due-soon window comes from the policy in force, read per request: after an edit of
 * dueSoonDays (no restart), the findings list's `sla=due_soon` filter and each finding's
 * slaState, the export's filter and one asset's dashboard follow the stored policy, on both
 * dialects.
 */

const DAY = 86_400_000;
const HIGH = { id: "CVE-2024-0002", pkg: "zlib", severity: "high" };
const LOW = { id: "CVE-2024-0003", pkg: "curl", severity: "low" };

async function text(chunks: AsyncGenerator<string>): Promise<string> {
  let out = "";
  for await (const c of chunks) out += c;
  return out;
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let w: ExceptionWorld;
  let admin: Ctx;

  beforeEach(async () => {
    db = await open();
    w = await exceptionWorld(db);
    admin = await w.person("ada", "admin");
  });
  afterEach(async () => {
    await w.s.vulns.idle();
    await w.s.slaRecompute.idle();
    await db.cleanup();
  });

  const dueSoon = () =>
    w.s.vulns.listFindings(system, {
      asset: "app",
      sla: "due_soon",
      sort: "vulnId",
      limit: 50,
      offset: 0,
    });
  const exportedDueSoon = async () => {
    const out = await w.s.vulnStates.exportFindings(system, {
      format: "csv",
      asset: "app",
      sla: "due_soon",
    });
    // Header line, then one line per finding.
    return (await text(out.chunks)).trimEnd().split("\r\n").slice(1);
  };

  it("follows an edit of dueSoonDays in the list filter, slaState, export and dashboard", async () => {
    // High: 30 days, low: 180 days (handbook). 20 days on, high has 10 days left.
    const f = await w.scan([HIGH, LOW]);
    w.clock.advance(20 * DAY);

    // Handbook window: 7 days, so nothing is due soon yet.
    expect((await dueSoon()).items).toHaveLength(0);
    expect(await exportedDueSoon()).toHaveLength(0);
    const before = await w.s.vulnMetrics.dashboard(system, { asset: "app", days: 30, months: 3 });
    expect(before.totals.dueSoon).toBe(0);

    await w.s.vulnSlaPolicy.update(admin, { dueSoonDays: 14 });
    await w.s.slaRecompute.idle();

    const list = await dueSoon();
    expect(list.items.map((i) => i.vulnId)).toEqual([HIGH.id]);
    expect(list.items[0]!.slaState).toBe("due_soon");
    const lowView = await w.s.vulns.getFinding(system, f.get(LOW.id)!.id);
    expect(lowView.slaState).toBe("on_track");
    const rows = await exportedDueSoon();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(HIGH.id);
    const after = await w.s.vulnMetrics.dashboard(system, { asset: "app", days: 30, months: 3 });
    expect(after.totals.dueSoon).toBe(1);

    // Narrowing the window again takes the finding back out.
    await w.s.vulnSlaPolicy.update(admin, { dueSoonDays: 5 });
    expect((await dueSoon()).items).toHaveLength(0);
  });
});
