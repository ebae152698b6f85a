import { VULN_BULK_STATUS_MAX_IDS } from "@infrasec/contracts";
import type {
  VulnBulkStatusBody,
  VulnBulkStatusResult,
  VulnDismissalReason,
  VulnFinding,
  VulnFindingStatus,
} from "@infrasec/contracts";

/**
 * Bulk status changes go through one request (`POST /api/v1/vulns/findings/bulk-status`): the
 * server applies the single-finding rules to every id in one transaction, all or nothing, and
 * answers per id whether it changed or already had the status. These helpers build the body
 * and turn the answer into lines people can read.
 */

/** The request body; more ids than one request takes is a problem to show, not to send. */
export function bulkStatusBody(
  ids: readonly string[],
  status: VulnFindingStatus,
  body: { reason?: VulnDismissalReason; comment?: string },
): VulnBulkStatusBody {
  if (ids.length === 0) throw new Error("Select at least one finding");
  if (ids.length > VULN_BULK_STATUS_MAX_IDS)
    throw new Error(
      `At most ${VULN_BULK_STATUS_MAX_IDS} findings per bulk change (${ids.length} selected)`,
    );
  return { ids: [...ids], status, ...body };
}

export interface BulkOutcomeRow {
  id: string;
  /** "CVE-2024-1 on shop-api", or the id when the finding is no longer listed. */
  label: string;
  result: "changed" | "unchanged";
}

export interface BulkOutcome {
  status: VulnFindingStatus;
  changed: number;
  unchanged: number;
  rows: BulkOutcomeRow[];
}

/** The server's per-id answer with each finding named, in request order. */
export function bulkOutcome(
  status: VulnFindingStatus,
  result: VulnBulkStatusResult,
  findings: readonly Pick<VulnFinding, "id" | "vulnId" | "assetKey">[],
): BulkOutcome {
  const byId = new Map(findings.map((f) => [f.id, f]));
  return {
    status,
    changed: result.changed,
    unchanged: result.unchanged,
    rows: result.results.map((r) => {
      const f = byId.get(r.id);
      return { id: r.id, label: f ? `${f.vulnId} on ${f.assetKey}` : r.id, result: r.result };
    }),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "3 findings changed to confirmed, 1 already was". */
export function describeOutcome(o: BulkOutcome, statusLabel: string): string {
  const changed = `${plural(o.changed, "finding")} changed to ${statusLabel}`;
  return o.unchanged === 0
    ? changed
    : `${changed}, ${o.unchanged} already ${o.unchanged === 1 ? "was" : "were"}`;
}
