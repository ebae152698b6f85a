import type { AuditEventRecord, AuditQuery } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { requirePermission } from "../shared/service-context";

export interface AuditEventView {
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
  changes: Record<string, unknown> | null;
  hash: string;
}

export const toAuditView = (e: AuditEventRecord): AuditEventView => ({
  seq: e.seq,
  id: e.id,
  at: e.at,
  actorId: e.actorId,
  actorName: e.actorName,
  action: e.action,
  targetType: e.targetType,
  targetId: e.targetId,
  requestId: e.requestId,
  summary: e.summary,
  changes: e.changes ? (JSON.parse(e.changes) as Record<string, unknown>) : null,
  hash: e.hash,
});

const CSV_COLUMNS = [
  "seq",
  "id",
  "at",
  "actorName",
  "action",
  "targetType",
  "targetId",
  "requestId",
  "summary",
  "changes",
  "hash",
] as const;

/** RFC 4180 quoting, plus a leading quote on formula-like cells so spreadsheets don't run them. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function createAuditService({ store }: ServiceDeps) {
  return {
    async list(
      ctx: Ctx,
      f: AuditQuery,
      limit: number,
      before?: number,
    ): Promise<{ items: AuditEventView[]; nextBefore: number | null }> {
      requirePermission(ctx, "audit:read");
      const rows = await store.audit.list(f, limit + 1, before);
      const page = rows.slice(0, limit);
      return {
        items: page.map(toAuditView),
        nextBefore: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
      };
    },

    /** Streams the filtered log, newest first, as NDJSON lines or CSV rows (header first). */
    async *export(ctx: Ctx, f: AuditQuery, format: "ndjson" | "csv"): AsyncGenerator<string> {
      requirePermission(ctx, "audit:export");
      if (format === "csv") yield `${CSV_COLUMNS.join(",")}\n`;
      let before: number | undefined;
      for (;;) {
        const rows = await store.audit.list(f, 1000, before);
        for (const r of rows) {
          const v = toAuditView(r);
          yield format === "ndjson"
            ? `${JSON.stringify(v)}\n`
            : `${CSV_COLUMNS.map((c) => csvCell(v[c])).join(",")}\n`;
        }
        if (rows.length < 1000) return;
        before = rows.at(-1)!.seq;
      }
    },

    async verify(ctx: Ctx): Promise<{
      ok: boolean;
      checked: number;
      firstBroken: { seq: number; id: string; reason: string } | null;
    }> {
      requirePermission(ctx, "audit:read");
      const r = await store.audit.verify();
      return { ok: r.firstBroken === null, ...r };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
