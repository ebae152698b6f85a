import type { Clock } from "@infrasec/core";
import { newId } from "@infrasec/core";
import { computeSlaClock } from "@infrasec/engines/vulns";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { Repos } from "@infrasec/storage";
import { vulnContentHash } from "@infrasec/storage";
import { enrichForWrite } from "./import-enrichment";
import type { IncomingFinding } from "./reconcile-fns";
import { OPEN_STATUSES, findingChanges } from "./reconcile-fns";
import type {
  AssetFacts,
  FindingEvent,
  FindingRecord,
  ImportCounts,
  OccurrenceRecord,
  ReconcileRow,
} from "./vulns-types";

/** What every batch of one reconciliation shares. */
export interface BatchContext {
  tx: Repos;
  clock: Clock;
  jobId: string;
  asset: AssetFacts;
  scanner: string;
  scope: string;
  policy: SlaPolicy;
  actorName: string;
  counts: ImportCounts;
  /** Covers new and reactivated findings with approved exceptions (vulns-exceptions-import). */
  coverByExceptions: (created: FindingRecord[], reactivatedIds: string[]) => Promise<unknown>;
}

/** A stored finding's compared columns with what the import sets on it. */
type RewriteFields = ReconcileRow &
  Pick<
    FindingRecord,
    | "identityVersion"
    | "identityTuple"
    | "identityBasis"
    | "occurrenceCount"
    | "lastSeenAt"
    | "lastJobId"
  > &
  Partial<Pick<FindingRecord, "resolution" | "resolvedAt" | "updatedAt">>;

const OPEN: readonly string[] = OPEN_STATUSES;

/**
 * Whether an import would leave a stored finding as it is, decided from its reconcile key
 * alone: the content hashes are equal (every compared value is), it is not resolved (it would
 * be reactivated) and its SLA clock needs no start (a fix without a due date computes one).
 */
export function unchangedByHash(
  incoming: { contentHash: string; fixedVersion: string | null },
  stored: { contentHash: string | null; status: string; slaDueAt: string | null },
): boolean {
  return (
    stored.contentHash === incoming.contentHash &&
    stored.status !== "resolved" &&
    !(stored.slaDueAt === null && incoming.fixedVersion && OPEN.includes(stored.status))
  );
}

/**
 * Reconciles one batch of incoming findings with the stored ones of the same hashes
 * (`existing`: the compared columns of the findings the content hash could not settle) and
 * writes the result: inserts and rewrites with their enrichment in the same statements,
 * sightings of unchanged findings (`unchangedIds`, already counted, plus those found unchanged
 * here), occurrences, events and exception cover.
 */
export async function applyBatch(
  b: BatchContext,
  batch: readonly IncomingFinding[],
  existing: ReadonlyMap<string, ReconcileRow>,
  unchangedIds: string[],
): Promise<void> {
  const { tx, counts } = b;
  const now = b.clock.now().toISOString();
  const nowMs = b.clock.now().getTime();
  const policyId = `${b.policy.id}@${b.policy.version}`;
  const inserts: FindingRecord[] = [];
  const rewrites: RewriteFields[] = [];
  const touched = unchangedIds;
  const hashes: { id: string; contentHash: string }[] = [];
  const occurrences: OccurrenceRecord[] = [];
  const occurrenceOwners: string[] = [];
  const events: FindingEvent[] = [];
  const event = (
    findingId: string,
    kind: string,
    e: Partial<Pick<FindingEvent, "fromStatus" | "toStatus" | "note" | "changes">>,
  ): FindingEvent => ({
    id: newId(nowMs),
    findingId,
    at: now,
    kind,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    reason: null,
    note: e.note ?? null,
    changes: e.changes ?? null,
    actorName: b.actorName,
    jobId: b.jobId,
  });
  const slaDue = (f: IncomingFinding, detectedAt: string): string | null => {
    const c = computeSlaClock(
      {
        severity: f.severity,
        detectedAt,
        thirdParty: f.kind === "package",
        fixAvailableAt: f.fixedVersion ? now : null,
        asset: {
          criticality: b.asset.criticality,
          environment: b.asset.environment,
          exposure: b.asset.exposure,
        },
      },
      b.policy,
      b.clock,
    );
    return c.dueAt ? c.dueAt.toISOString() : null;
  };

  for (const f of batch) {
    const before = existing.get(f.identity.hash);
    if (!before) {
      const id = newId(nowMs);
      inserts.push({
        id,
        assetId: b.asset.id,
        identityHash: f.identity.hash,
        identityVersion: f.identity.version,
        identityFn: f.identity.fn,
        identityTuple: [...f.identity.tuple],
        identityBasis: f.identity.basis,
        kind: f.kind,
        vulnId: f.vulnId,
        aliases: f.aliases,
        title: f.title,
        package: f.package,
        purl: f.purl,
        version: f.version,
        fixedVersion: f.fixedVersion,
        fixState: f.fixState,
        severity: f.severity,
        severitySource: f.severitySource,
        scannerSeverity: f.scannerSeverity,
        cvssScore: f.cvssScore,
        cvssVector: f.cvssVector,
        cwes: f.cwes,
        status: "detected",
        dismissalReason: null,
        resolution: null,
        resolvedAt: null,
        scanner: b.scanner,
        scope: b.scope,
        coverageTarget: f.coverageTarget,
        coverageClass: f.coverageClass,
        scanners: f.scanners,
        firstSeenAt: now,
        lastSeenAt: now,
        firstJobId: b.jobId,
        lastJobId: b.jobId,
        slaPolicy: policyId,
        slaDueAt: slaDue(f, now),
        occurrencesHash: f.occurrencesHash,
        occurrenceCount: f.occurrences.length,
        editedFields: [],
        createdAt: now,
        updatedAt: now,
      });
      f.occurrences.forEach((o, idx) => occurrences.push({ findingId: id, idx, data: { ...o } }));
      counts.created++;
      continue;
    }
    const edited = before.editedFields;
    const after: RewriteFields = {
      ...before,
      vulnId: f.vulnId,
      aliases: f.aliases,
      title: f.title,
      purl: f.purl,
      fixedVersion: edited.includes("fixedVersion") ? before.fixedVersion : f.fixedVersion,
      fixState: f.fixState,
      severity: edited.includes("severity") ? before.severity : f.severity,
      severitySource: edited.includes("severity") ? before.severitySource : f.severitySource,
      scannerSeverity: f.scannerSeverity,
      cvssScore: f.cvssScore,
      cvssVector: f.cvssVector,
      cwes: f.cwes,
      occurrencesHash: f.occurrencesHash,
      occurrenceCount: f.occurrences.length,
      identityVersion: f.identity.version,
      identityFn: f.identity.fn,
      identityTuple: [...f.identity.tuple],
      identityBasis: f.identity.basis,
      scanner: b.scanner,
      scope: b.scope,
      coverageTarget: f.coverageTarget,
      coverageClass: f.coverageClass,
      scanners: [...new Set([...before.scanners, ...f.scanners])].sort(),
      lastSeenAt: now,
      lastJobId: b.jobId,
    };
    const changes = findingChanges(before, after, edited);
    const reactivate = before.status === "resolved";
    // The clock starts when a fix appears (third-party packages): set it then.
    if (after.slaDueAt === null && after.fixedVersion && OPEN.includes(before.status)) {
      after.slaDueAt = slaDue(f, before.firstSeenAt);
    }
    const moved =
      before.scanner !== after.scanner ||
      before.scope !== after.scope ||
      before.coverageTarget !== after.coverageTarget ||
      before.coverageClass !== after.coverageClass ||
      before.scanners.join() !== after.scanners.join() ||
      before.identityFn !== after.identityFn ||
      before.slaDueAt !== after.slaDueAt;
    if (reactivate) {
      after.status = "detected";
      after.resolution = null;
      after.resolvedAt = null;
      events.push(
        event(before.id, "reactivated", {
          fromStatus: "resolved",
          toStatus: "detected",
          note: "seen again by a later scan",
          changes: Object.keys(changes).length ? changes : null,
        }),
      );
      counts.reactivated++;
    } else if (Object.keys(changes).length > 0) {
      events.push(event(before.id, "updated", { changes }));
      counts.updated++;
    } else {
      counts.unchanged++;
    }
    if (reactivate || Object.keys(changes).length > 0 || moved) {
      after.updatedAt = now;
      rewrites.push(after);
      if (before.occurrencesHash !== after.occurrencesHash) {
        occurrenceOwners.push(before.id);
        f.occurrences.forEach((o, idx) =>
          occurrences.push({ findingId: before.id, idx, data: { ...o } }),
        );
      }
    } else {
      touched.push(before.id);
      // Unchanged but without its content hash (a row older than migration 002200, or one a
      // person edited): store the hash of what it holds, so equal re-imports skip it next time.
      const stored = vulnContentHash(before);
      if (before.contentHash !== stored) hashes.push({ id: before.id, contentHash: stored });
    }
  }

  // Rewrites are read whole (most findings of a re-import are unchanged and only the compared
  // columns were read); they were read in this transaction, so the compared columns agree.
  const changed = new Map(rewrites.map((r) => [r.id, r]));
  const whole = rewrites.length
    ? (await tx.vulns.findByIds(rewrites.map((r) => r.id))).map((w): FindingRecord => ({
        ...w,
        ...changed.get(w.id),
      }))
    : [];
  // Priority, EPSS, KEV (and the KEV cap) of what the batch creates or rewrites: one feed
  // lookup per batch, written by the INSERT and the upsert themselves.
  const capEvents = await enrichForWrite(tx, [...inserts, ...whole], {
    asset: b.asset,
    policy: b.policy,
    now,
    nowMs,
    actorName: b.actorName,
    jobId: b.jobId,
  });
  await tx.vulns.insertMany(inserts);
  if (whole.length > 0) await tx.vulns.updateMany(whole);
  if (touched.length > 0) await tx.vulns.touchSeen(touched, now, b.jobId);
  if (hashes.length > 0) await tx.vulns.setContentHashes(hashes);
  if (occurrenceOwners.length > 0) {
    await tx.vulns.replaceOccurrences(occurrenceOwners, occurrences);
  } else {
    await tx.vulns.insertOccurrences(occurrences);
  }
  await tx.vulns.insertEvents([...events, ...capEvents]);
  await b.coverByExceptions(
    inserts,
    events.filter((e) => e.kind === "reactivated").map((e) => e.findingId),
  );
}
