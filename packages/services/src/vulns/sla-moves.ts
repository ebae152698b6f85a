import { newId } from "@infrasec/core";
import type { SlaEvent } from "@infrasec/engines/vulns";
import type { Repos } from "@infrasec/storage";
import { sweepEvent } from "./vulns-sla-sweep";
import type { groupMoves } from "./vulns-sla-sweep";

/** What applying moves counts: stored states changed and events recorded by kind. */
export interface SlaMoveCounts {
  changed: number;
  events: Record<SlaEvent, number>;
}

/**
 * Applies grouped SLA-state moves inside the caller's transaction: per (status, from, to) one
 * compare-and-set UPDATE (only rows still in `from` move, so concurrent sweeps and
 * recomputations record a transition once), then, for the rows that moved, the event
 * slaTransition names as a finding event (kind sla_*) and, for due soon and breached, an
 * outbound event. Shared by the sweep and by deadline recomputation.
 */
export async function applySlaMoves(
  tx: Repos,
  moves: ReturnType<typeof groupMoves>,
  at: string,
  counts: SlaMoveCounts,
): Promise<void> {
  const events: Parameters<typeof tx.vulns.insertEvents>[0][number][] = [];
  for (const m of moves) {
    const moved = new Set(
      await tx.vulnSla.setState(
        m.rows.map((r) => r.id),
        m.status,
        m.from,
        m.to,
      ),
    );
    counts.changed += moved.size;
    const ev: SlaEvent | null = sweepEvent(m.from, m.to);
    if (!ev) continue;
    for (const r of m.rows) {
      if (!moved.has(r.id)) continue;
      counts.events[ev]++;
      events.push({
        id: newId(Date.parse(at)),
        findingId: r.id,
        at,
        kind: `sla_${ev}`,
        fromStatus: null,
        toStatus: null,
        reason: null,
        note: r.slaDueAt ? `due ${r.slaDueAt}` : null,
        changes: { slaState: [m.from, m.to], slaDueAt: r.slaDueAt },
        actorName: "sla-sweep",
        jobId: null,
      });
      if (ev === "due_soon" || ev === "breached") {
        await tx.notifications.appendEvent({
          id: newId(Date.parse(at)),
          type: `vulns.sla.${ev}`,
          recipientId: null,
          payload: {
            findingId: r.id,
            vulnId: r.vulnId,
            severity: r.severity,
            assetId: r.assetId,
            assetKey: r.assetKey,
            ownerTeam: r.ownerTeam,
            slaDueAt: r.slaDueAt,
          },
          createdAt: at,
        });
      }
    }
  }
  if (events.length > 0) await tx.vulns.insertEvents(events);
}
