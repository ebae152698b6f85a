import type { EventContext, FieldValue, SigmaEvent } from "@infrasec/engines/detect";
import {
  createAuditdNormalizer,
  normalizeFalcoAlert,
  normalizeOsqueryResult,
} from "@infrasec/engines/detect";

/** A source name of the ingestion endpoint ("auto" recognises each line). */
export type IngestSource = "auto" | "falco" | "osquery" | "auditd" | "json";

export interface ReadResult {
  events: SigmaEvent[];
  accepted: number;
  rejected: { line: number; reason: string }[];
}

const MAX_LINE_CHARS = 1024 * 1024;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

// Which normalizer a JSON object belongs to, by the keys each sensor always writes.
function detect(o: Json): "falco" | "osquery" | "json" {
  if (isObj(o.output_fields) && ("rule" in o || "priority" in o)) return "falco";
  if (typeof o.name === "string" && ("columns" in o || "snapshot" in o) && "action" in o)
    return "osquery";
  if (typeof o.name === "string" && "snapshot" in o) return "osquery";
  return "json";
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const path = (o: Json, p: string): unknown =>
  p.split(".").reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), o);

// ECS → Sigma names for generic JSON; the original keys stay reachable by dotted names.
const ECS_MAP: readonly [string, string][] = [
  ["Image", "process.executable"],
  ["CommandLine", "process.command_line"],
  ["ProcessId", "process.pid"],
  ["ParentImage", "process.parent.executable"],
  ["ParentCommandLine", "process.parent.command_line"],
  ["User", "user.name"],
  ["TargetFilename", "file.path"],
  ["DestinationIp", "destination.ip"],
  ["DestinationPort", "destination.port"],
  ["SourceIp", "source.ip"],
  ["SourcePort", "source.port"],
];

/**
 * Generic JSON / ECS: the object's keys are the fields (nested objects reachable by dotted
 * names), ECS names are mirrored to Sigma names, `logsource` may be given explicitly.
 */
export function normalizeGenericJson(o: Json): SigmaEvent | string {
  const tsRaw = o["@timestamp"] ?? o.timestamp ?? o.time;
  const ts =
    typeof tsRaw === "number"
      ? tsRaw < 1e12
        ? tsRaw * 1000
        : tsRaw
      : typeof tsRaw === "string"
        ? Date.parse(tsRaw)
        : Number.NaN;
  if (!Number.isFinite(ts)) return "event without a valid @timestamp, timestamp or time";
  const fields: Record<string, FieldValue> = { ...(o as Record<string, FieldValue>) };
  const provenance: Record<string, string> = {};
  for (const [sigma, ecs] of ECS_MAP) {
    const v = path(o, ecs);
    if (v !== undefined && fields[sigma] === undefined && !isObj(v)) {
      fields[sigma] = v as FieldValue;
      provenance[sigma] = ecs;
    }
  }
  const ls = isObj(o.logsource) ? o.logsource : {};
  const category =
    str(ls.category) ??
    (path(o, "process.executable") !== undefined ? "process_creation" : undefined);
  const context: EventContext = {
    host: str(path(o, "host.name")) ?? str(o.hostname) ?? str(o.host),
    containerId: str(path(o, "container.id")),
    containerName: str(path(o, "container.name")),
    image: str(path(o, "container.image.name")),
    namespace: str(path(o, "orchestrator.namespace")),
    pod: str(path(o, "orchestrator.resource.name")),
  };
  return {
    logsource: {
      product: str(ls.product) ?? "linux",
      ...(category ? { category } : {}),
      ...(str(ls.service) ? { service: str(ls.service) } : {}),
    },
    fields,
    timestamp: ts,
    source: "generic",
    context,
    provenance,
    original: o,
  };
}

/** Gives events without a host the request's default host. */
function withHost(e: SigmaEvent, host: string | undefined): SigmaEvent {
  if (!host || e.context?.host) return e;
  return { ...e, context: { ...e.context, host } };
}

/**
 * Reads the lines of one ingestion request into Sigma events. Bad lines are rejected with their
 * 1-based number and the reason; the others go on. Auditd records are coalesced per event
 * within the request (records of one event split across requests are read per record).
 */
export function readEvents(
  lines: readonly (string | Json)[],
  source: IngestSource,
  host?: string,
): ReadResult {
  const out: ReadResult = { events: [], accepted: 0, rejected: [] };
  const auditd = createAuditdNormalizer({ view: "coalesced" });
  let usedAuditd = false;
  lines.forEach((line, i) => {
    const n = i + 1;
    if (typeof line === "string") {
      const text = line.trim();
      if (text === "") return;
      if (text.length > MAX_LINE_CHARS) {
        out.rejected.push({ line: n, reason: "event larger than 1 MiB" });
        return;
      }
      if (source === "auditd" || (source === "auto" && text.startsWith("type="))) {
        usedAuditd = true;
        const r = auditd.push(text);
        if (!r.ok) out.rejected.push({ line: n, reason: r.reason });
        else {
          out.accepted++;
          out.events.push(...r.events.map((e) => withHost(e, host)));
        }
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        out.rejected.push({ line: n, reason: "malformed JSON" });
        return;
      }
      line = parsed as Json;
    }
    if (!isObj(line)) {
      out.rejected.push({ line: n, reason: "event is not a JSON object" });
      return;
    }
    const kind = source === "auto" ? detect(line) : source === "auditd" ? "json" : source;
    if (kind === "json") {
      const e = normalizeGenericJson(line);
      if (typeof e === "string") out.rejected.push({ line: n, reason: e });
      else {
        out.accepted++;
        out.events.push(withHost(e, host));
      }
      return;
    }
    const r = kind === "falco" ? normalizeFalcoAlert(line) : normalizeOsqueryResult(line);
    if (!r.ok) out.rejected.push({ line: n, reason: r.reason });
    else {
      out.accepted++;
      out.events.push(...r.events.map((e) => withHost(e, host)));
    }
  });
  if (usedAuditd) out.events.push(...auditd.flush().map((e) => withHost(e, host)));
  return out;
}
