import type { Store } from "@infrasec/storage";
import { OPEN_STATUSES } from "./reconcile-fns";

const DAY = 86_400_000;
/** How far back the first refresh of an empty summary goes (the dashboard's longest look-back). */
const BACKFILL_DAYS = 800;
const CLOSED_STATUSES = ["resolved", "dismissed"] as const;
/** Age buckets start after these many whole days: 0–7, 8–30, 31–90, 91–180, 181+. */
export const AGE_EDGE_DAYS = [8, 31, 91, 181] as const;

/**
 * Brings vuln_daily_counts up to `now`: recomputes the days from the last refresh's day to today
 * (so the end of a day a sweep last saw is completed) and today's open snapshot, in one
 * transaction. Earlier days stay as recorded (append-only daily flows); the open snapshot is
 * kept for the newest day only; an empty summary is backfilled.
 */
export async function refreshDailyCounts(
  store: Store,
  now: Date,
  dueSoonDays: number,
): Promise<void> {
  const nowMs = now.getTime();
  const iso = (t: number) => new Date(t).toISOString();
  const today = iso(nowMs).slice(0, 10);
  await store.transaction(async (tx) => {
    const last = await tx.vulnDailyCounts.lastSnapshot();
    const fromDay = last ? last.day : iso(nowMs - BACKFILL_DAYS * DAY).slice(0, 10);
    await tx.vulnDailyCounts.refresh(
      {
        fromDay,
        today,
        now: iso(nowMs),
        soon: iso(nowMs + dueSoonDays * DAY),
        in7: iso(nowMs + 7 * DAY),
        ageEdges: AGE_EDGE_DAYS.map((d) => iso(nowMs - d * DAY)) as [
          string,
          string,
          string,
          string,
        ],
        open: OPEN_STATUSES,
        closed: CLOSED_STATUSES,
      },
      iso(nowMs),
    );
  });
}
