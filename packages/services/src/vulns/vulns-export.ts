import { newId } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import { exportWriter } from "@infrasec/engines/vulns";
import type {
  DismissalReason,
  ExportFinding,
  ExportFormat,
  FindingStatus,
  VexJustification,
} from "@infrasec/engines/vulns";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { requirePermission } from "../shared/service-context";
import { OPEN_STATUSES } from "./reconcile-fns";

const DAY = 86_400_000;
/** Findings read per statement: memory stays flat whatever the export's size. */
export const EXPORT_PAGE_SIZE = 500;

export interface ExportQuery {
  format: ExportFormat;
  asset?: string;
  severity?: Severity;
  status?: FindingStatus | "open" | "closed";
  vulnId?: string;
  package?: string;
  q?: string;
  sla?: "breached" | "due_soon" | "on_track" | "none";
}

export interface FindingsExport {
  mediaType: string;
  fileName: string;
  /** The document, in pieces, read page by page as it is consumed. */
  chunks: AsyncGenerator<string>;
}

/**
 * Exports filtered findings as CycloneDX VEX, a GitLab security report, CSV or SARIF. Checks
 * permission and resolves the asset before the first byte, so errors are proper HTTP answers;
 * then streams keyset pages of findings through the engine's writer.
 */
export function createFindingsExport(
  deps: ServiceDeps,
  opts: {
    resolveAsset: (ref: string) => Promise<{ id: string; key: string }>;
    toolVersion: string;
    /** The due-soon window of the policy in force (the stored one after an edit). */
    dueSoonDays: () => Promise<number>;
  },
) {
  const { store, clock } = deps;
  return async function exportFindings(ctx: Ctx, query: ExportQuery): Promise<FindingsExport> {
    requirePermission(ctx, "vulns:read");
    const asset = query.asset ? await opts.resolveAsset(query.asset) : null;
    const now = clock.now();
    const soonDays = query.sla ? await opts.dueSoonDays() : 0;
    const statuses =
      query.status === "open"
        ? OPEN_STATUSES
        : query.status === "closed"
          ? ["resolved", "dismissed"]
          : query.status
            ? [query.status]
            : undefined;
    const filter = {
      assetId: asset?.id,
      severities: query.severity ? [query.severity] : undefined,
      statuses,
      vulnId: query.vulnId,
      package: query.package,
      q: query.q,
      sla: query.sla
        ? {
            state: query.sla,
            now: now.toISOString(),
            soon: new Date(now.getTime() + soonDays * DAY).toISOString(),
          }
        : undefined,
      openStatuses: OPEN_STATUSES,
    };
    const writer = exportWriter(query.format, {
      at: now.toISOString(),
      serial: newId(now.getTime()),
      toolVersion: opts.toolVersion,
    });
    async function* chunks(): AsyncGenerator<string> {
      yield writer.start();
      let after: string | null = null;
      for (;;) {
        const page = await store.vulns.states.exportPage(filter, after, EXPORT_PAGE_SIZE);
        if (page.length === 0) break;
        const notes = await store.vulns.states.statusNotes(page.map((f) => f.id));
        let text = "";
        for (const f of page) {
          const row: ExportFinding = {
            ...f,
            status: f.status as FindingStatus,
            dismissalReason: f.dismissalReason as DismissalReason | null,
            justification: f.dismissalJustification as VexJustification | null,
            statusNote: notes.get(f.id) ?? null,
          };
          text += writer.item(row);
        }
        if (text) yield text;
        if (page.length < EXPORT_PAGE_SIZE) break;
        after = page.at(-1)!.id;
      }
      yield writer.end();
    }
    const stamp = now.toISOString().replace(/[:.]/g, "-");
    return {
      mediaType: writer.mediaType,
      fileName: `infrasec-findings-${stamp}.${writer.extension}`,
      chunks: chunks(),
    };
  };
}
