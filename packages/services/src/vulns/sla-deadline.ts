import type { Clock, Environment, Exposure, Severity } from "@infrasec/core";
import { computeSlaClock } from "@infrasec/engines/vulns";
import type { SlaClock, SlaPolicy } from "@infrasec/engines/vulns";
import type { DeadlineInputRow, Repos } from "@infrasec/storage";
import { enrichmentOf } from "./finding-priority";

/**
 * A stored finding's deadline: the SLA engine's `computeSlaClock` over what the finding, its
 * asset, the KEV catalog and its exception history hold now. Recomputations (severity edits,
 * asset changes, policy edits, the sweep's drift repair) and the finding detail's "why" all go
 * through `findingDeadline`, so there is one copy of the maths (imports call the same engine
 * function with the same inputs as they arrive).
 */

/** The feed and exception facts of a page of findings, read in two statements. */
export interface DeadlineFacts {
  kev: Map<string, { dueDate: string; dateAdded: string }>;
  epss: Map<string, number>;
  exceptions: Map<string, { from: string; to: string | null }[]>;
}

/** Reads KEV/EPSS (one lookup) and exception windows (one read per 1,000) for a page. */
export async function deadlineFacts(
  tx: Repos,
  rows: readonly DeadlineInputRow[],
): Promise<DeadlineFacts> {
  const facts: DeadlineFacts = { kev: new Map(), epss: new Map(), exceptions: new Map() };
  if (rows.length === 0) return facts;
  const ids = rows.flatMap((r) => [r.vulnId, ...r.aliases].map((id) => id.toUpperCase()));
  const lookup = await tx.vulns.enrichment.lookup([...new Set(ids)]);
  for (const r of rows) {
    const e = enrichmentOf(r, lookup);
    if (e.kevDue) facts.kev.set(r.id, e.kevDue);
    if (e.epss) facts.epss.set(r.id, e.epss.score);
  }
  for (const w of await tx.vulnSlaRecompute.exceptionWindows(rows.map((r) => r.id))) {
    const list = facts.exceptions.get(w.findingId) ?? [];
    list.push({ from: w.from, to: w.to });
    facts.exceptions.set(w.findingId, list);
  }
  return facts;
}

/**
 * The clock of one stored finding under `policy` at `clock`'s time. Inputs: severity (a
 * person's edit included: it is the stored severity), first detection, third-party or not,
 * when a fix appeared (created with one: at detection), asset criticality, environment and
 * exposure, KEV due date, EPSS, approved exception windows, last reactivation.
 */
export function findingDeadline(
  row: DeadlineInputRow,
  facts: DeadlineFacts,
  policy: SlaPolicy,
  clock: Clock,
): SlaClock {
  return computeSlaClock(
    {
      severity: row.severity as Severity,
      detectedAt: row.firstSeenAt,
      thirdParty: row.kind === "package",
      // A clock that started stays started if the scanner later drops the fixed version.
      fixAvailableAt: row.fixAppearedAt ?? (row.fixedVersion ? row.firstSeenAt : null),
      kev: facts.kev.get(row.id) ?? null,
      epss: facts.epss.get(row.id) ?? null,
      asset: {
        criticality: row.criticality,
        environment: row.environment as Environment,
        exposure: row.exposure as Exposure,
      },
      exceptions: facts.exceptions.get(row.id) ?? [],
      reactivatedAt: row.reactivatedAt,
      // The stored deadline is the deadline of the open clock: resolution closes the clock but
      // does not move the date (met / missed compare the resolution with it).
      resolvedAt: null,
    },
    policy,
    clock,
  );
}

/** A finding's deadline under the current policy now, with the engine's reasons. */
export interface DeadlineWhy {
  policy: string;
  dueAt: string | null;
  startAt: string | null;
  targetDays: number | null;
  pausedMs: number;
  explanation: string[];
  /** False while a recomputation has not reached the finding (or the sweep has not yet). */
  matchesStored: boolean;
}

/** The finding detail's "why" of its deadline: the same function as every recomputation. */
export async function deadlineWhy(
  db: Repos,
  clock: Clock,
  policy: SlaPolicy,
  id: string,
  storedDue: string | null,
): Promise<DeadlineWhy | null> {
  const [row] = await db.vulnSlaRecompute.inputs({ kind: "ids", ids: [id] }, 1);
  if (!row) return null;
  const c = findingDeadline(row, await deadlineFacts(db, [row]), policy, clock);
  const dueAt = c.dueAt ? c.dueAt.toISOString() : null;
  return {
    policy: c.policy,
    dueAt,
    startAt: c.startAt ? c.startAt.toISOString() : null,
    targetDays: c.targetDays,
    pausedMs: c.pausedMs,
    explanation: c.explanation,
    matchesStored: dueAt === storedDue,
  };
}
