import { createHash } from "node:crypto";

/** The fields covered by an audit event's hash, in a fixed order. */
export interface HashedAuditFields {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
  summary: string;
  changes: string | null;
  prevHash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/**
 * sha256 over a JSON array of the fields in a fixed order: editing any field, deleting an event
 * or reordering events changes some hash downstream, so `verify` finds the first broken event.
 */
export function auditHash(e: HashedAuditFields): string {
  const canonical = JSON.stringify([
    e.seq,
    e.id,
    e.at,
    e.actorId,
    e.actorName,
    e.action,
    e.targetType,
    e.targetId,
    e.requestId,
    e.summary,
    e.changes,
    e.prevHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
