import type { FieldValue, SigmaEvent } from "../detect-types";
import {
  asObject,
  type DeclaredLosses,
  type FieldMap,
  type NormalizeResult,
} from "./normalize-types";

/** osquery tables this normalizer maps to Sigma categories. */
export type OsqueryTable = "process_events" | "socket_events" | "file_events";

const MAPS: Record<OsqueryTable, { category: string; map: FieldMap }> = {
  process_events: {
    category: "process_creation",
    map: [
      ["Image", "path"],
      ["CommandLine", "cmdline"],
      ["ProcessId", "pid"],
      ["ParentProcessId", "parent"],
      ["CurrentDirectory", "cwd"],
      ["User", "username"],
      ["LogonId", "auid"],
    ],
  },
  socket_events: {
    category: "network_connection",
    map: [
      ["Image", "path"],
      ["ProcessId", "pid"],
      ["DestinationIp", "remote_address"],
      ["DestinationPort", "remote_port"],
      ["SourceIp", "local_address"],
      ["SourcePort", "local_port"],
    ],
  },
  file_events: { category: "file_event", map: [["TargetFilename", "target_path"]] },
};

/** Sigma fields osquery rows cannot fill (ParentImage needs a join on `parent`; users need a join on uid). */
export const OSQUERY_LOSSES: DeclaredLosses = {
  process_creation: [
    "ParentImage",
    "ParentCommandLine",
    "User (uid only unless the query joins users)",
  ],
  network_connection: ["User", "Initiated"],
  file_event: ["Image", "User", "ProcessId"],
};

/** Options of the osquery normalizer. */
export interface OsqueryOptions {
  /** Map a scheduled query name to the table it reads; otherwise guessed from the name and columns. */
  readonly tables?: Readonly<Record<string, OsqueryTable>>;
  /** Skip `added` rows of the initial result (`counter` 0): they describe state, not activity. Default true. */
  readonly skipInitialAdds?: boolean;
  /** Skip `removed` rows. Default true. */
  readonly skipRemoved?: boolean;
}

const TABLES = Object.keys(MAPS) as OsqueryTable[];

function tableOf(
  name: string,
  cols: Record<string, unknown>,
  opts: OsqueryOptions,
): OsqueryTable | undefined {
  const t = opts.tables?.[name];
  if (t) return t;
  for (const k of TABLES) if (name.includes(k)) return k;
  if ("target_path" in cols) return "file_events";
  if ("remote_address" in cols) return "socket_events";
  if ("cmdline" in cols && "path" in cols) return "process_events";
  return undefined;
}

function scalarCols(v: unknown): Record<string, FieldValue> | undefined {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
  const out: Record<string, FieldValue> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    if (x === null || typeof x === "string" || typeof x === "number" || typeof x === "boolean")
      out[k] = x;
  return out;
}

function toEvent(
  o: Record<string, unknown>,
  cols: Record<string, FieldValue>,
  action: string,
  opts: OsqueryOptions,
): SigmaEvent | undefined {
  const name = typeof o.name === "string" ? o.name : "";
  const table = tableOf(name, cols, opts);
  const fields: Record<string, FieldValue> = { ...cols, action, query: name };
  const provenance: Record<string, string> = {};
  if (table) {
    // One source column per Sigma field in these maps: no search needed.
    for (const [sigma, s] of MAPS[table].map) {
      const v = s === undefined ? undefined : cols[s];
      if (v !== undefined && v !== "") {
        fields[sigma] = v;
        provenance[sigma] = `columns.${s}`;
      }
    }
  }
  const secs = Number(cols.time ?? o.unixTime);
  const timestamp =
    Number.isFinite(secs) && secs > 0
      ? secs * 1000
      : Date.parse(typeof o.calendarTime === "string" ? o.calendarTime : "");
  if (!Number.isFinite(timestamp)) return undefined;
  const host =
    typeof o.hostIdentifier === "string"
      ? o.hostIdentifier
      : typeof o.hostname === "string"
        ? o.hostname
        : undefined;
  return {
    logsource: table ? { product: "linux", category: MAPS[table].category } : { product: "linux" },
    fields,
    timestamp,
    source: "osquery",
    context: { host },
    provenance,
    original: o,
  };
}

/**
 * Normalizes one osquery result-log line: event format (`action` + `columns`), snapshot
 * (`snapshot: [...]`) and batch (`diffResults`). String numerics (`numerics: false`) are kept
 * as strings; numeric modifiers coerce them.
 */
export function normalizeOsqueryResult(input: unknown, opts: OsqueryOptions = {}): NormalizeResult {
  const parsed = asObject(input);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const skipInitial = opts.skipInitialAdds ?? true;
  const skipRemoved = opts.skipRemoved ?? true;
  const rows: { action: string; cols: Record<string, FieldValue> }[] = [];
  const collect = (list: unknown, action: string): void => {
    if (!Array.isArray(list)) return;
    for (const r of list.slice(0, 10_000)) {
      const cols = scalarCols(r);
      if (cols) rows.push({ action, cols });
    }
  };
  if (Array.isArray(o.snapshot)) collect(o.snapshot, "snapshot");
  else if (o.diffResults && typeof o.diffResults === "object") {
    const d = o.diffResults as Record<string, unknown>;
    collect(d.added, "added");
    collect(d.removed, "removed");
  } else {
    const cols = scalarCols(o.columns);
    if (!cols || typeof o.action !== "string")
      return { ok: false, reason: "osquery line without columns/action, snapshot or diffResults" };
    rows.push({ action: o.action, cols });
  }
  const initial = o.counter === 0 || o.counter === "0";
  const events: SigmaEvent[] = [];
  let skipped = 0;
  for (const r of rows) {
    if (
      (r.action === "removed" && skipRemoved) ||
      (r.action === "added" && initial && skipInitial)
    ) {
      skipped++;
      continue;
    }
    const e = toEvent(o, r.cols, r.action, opts);
    if (!e) return { ok: false, reason: "osquery line without a valid time" };
    events.push(e);
  }
  return skipped > 0
    ? {
        ok: true,
        events,
        skipped: `${skipped} row(s) skipped (removed or initial counter-0 result)`,
      }
    : { ok: true, events };
}
