import type { FieldValue, SigmaEvent } from "../detect-types";
import { coalesceAuditRecords } from "./auditd-coalescer";
import { parseAuditLine, type AuditRecord } from "./auditd-line-parser";
import type { NormalizeResult } from "./normalize-types";

/** Record types that belong to a multi-record kernel event ended by EOE. */
const MULTI = new Set([
  "SYSCALL",
  "EXECVE",
  "CWD",
  "PATH",
  "PROCTITLE",
  "SOCKADDR",
  "EOE",
  "BPRM_FCAPS",
  "MMAP",
  "FD_PAIR",
  "OBJ_PID",
  "NETFILTER_CFG",
  "IPC",
  "KERN_MODULE",
]);

/** Options of the auditd normalizer. */
export interface AuditdOptions {
  /** `records`: one event per line (SigmaHQ `service: auditd` rules); `coalesced`: one per kernel event; default both. */
  readonly view?: "records" | "coalesced" | "both";
  /** Kernel events waiting for EOE; the oldest is coalesced early beyond this bound. */
  readonly maxPending?: number;
}

/** Streaming auditd normalizer: lines in, events out; `flush` emits events still waiting for EOE. */
export interface AuditdNormalizer {
  push(line: string): NormalizeResult;
  flush(): SigmaEvent[];
  readonly stats: { evictedPending: number };
}

/** The per-record view: raw auditd keys, as SigmaHQ `service: auditd` rules expect. */
export function auditRecordEvent(rec: AuditRecord): SigmaEvent {
  const fields: Record<string, FieldValue> = { type: rec.type, ...rec.fields, ...rec.enriched };
  return {
    logsource: { product: "linux", service: "auditd" },
    fields,
    timestamp: rec.timestamp,
    source: "auditd",
    raw: rec.raw,
    context: { host: rec.node },
    original: rec.raw,
  };
}

/**
 * Creates a normalizer for raw auditd logs. Records of one kernel event may arrive out of
 * order; they are grouped by (node, timestamp:serial) until EOE, the bound, or flush.
 */
export function createAuditdNormalizer(opts: AuditdOptions = {}): AuditdNormalizer {
  const view = opts.view ?? "both";
  const maxPending = opts.maxPending ?? 4096;
  const pending = new Map<string, AuditRecord[]>();
  const stats = { evictedPending: 0 };
  const finish = (key: string, out: SigmaEvent[]): void => {
    const recs = pending.get(key);
    pending.delete(key);
    if (!recs) return;
    const e = coalesceAuditRecords(recs);
    if (e) out.push(e);
  };
  return {
    stats,
    push(line: string): NormalizeResult {
      if (line.trim() === "") return { ok: true, events: [] };
      const rec = parseAuditLine(line);
      if (!rec) return { ok: false, reason: "not an auditd record (type=… msg=audit(…))" };
      const out: SigmaEvent[] = [];
      if (view !== "coalesced" && rec.type !== "EOE") out.push(auditRecordEvent(rec));
      if (view === "records" || !MULTI.has(rec.type)) return { ok: true, events: out };
      const key = `${rec.node ?? ""}|${rec.timestamp}:${rec.serial}`;
      if (rec.type === "EOE") {
        finish(key, out);
        return { ok: true, events: out };
      }
      const list = pending.get(key);
      if (list) list.push(rec);
      else {
        if (pending.size >= maxPending) {
          stats.evictedPending++;
          finish(pending.keys().next().value!, out);
        }
        pending.set(key, [rec]);
      }
      return { ok: true, events: out };
    },
    flush(): SigmaEvent[] {
      const out: SigmaEvent[] = [];
      for (const key of [...pending.keys()]) finish(key, out);
      return out;
    },
  };
}
