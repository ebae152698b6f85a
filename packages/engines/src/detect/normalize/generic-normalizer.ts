import type { EventContext, FieldValue, Logsource } from "../detect-types";
import { asObject, type FieldMap, type NormalizeResult } from "./normalize-types";

/** ECS (Elastic Common Schema) dotted names → Sigma Linux taxonomy; first present wins. */
export const ECS_FIELD_MAP: FieldMap = [
  ["Image", "process.executable"],
  ["CommandLine", "process.command_line"],
  ["ProcessId", "process.pid"],
  ["ParentImage", "process.parent.executable"],
  ["ParentCommandLine", "process.parent.command_line"],
  ["ParentProcessId", "process.parent.pid"],
  ["CurrentDirectory", "process.working_directory"],
  ["User", "user.name"],
  ["TargetFilename", "file.path"],
  ["DestinationIp", "destination.ip"],
  ["DestinationPort", "destination.port"],
  ["SourceIp", "source.ip"],
  ["SourcePort", "source.port"],
];

/** Options of the generic JSON normalizer. */
export interface GenericOptions {
  /** Logsource for events that carry none (neither `logsource` nor ECS `event.category`). */
  readonly logsource?: Logsource;
}

const ECS_CATEGORY: Record<string, string> = {
  process: "process_creation",
  file: "file_event",
  network: "network_connection",
};

function get(o: Record<string, unknown>, dotted: string): unknown {
  if (Object.hasOwn(o, dotted)) return o[dotted];
  let cur: unknown = o;
  for (const part of dotted.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function timeOf(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v < 1e11 ? v * 1000 : v; // seconds or ms
  if (typeof v === "string") {
    const n = /^\d+(\.\d+)?$/.test(v) ? timeOf(Number(v)) : Date.parse(v);
    return n !== undefined && Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function logsourceOf(v: unknown): Logsource | undefined {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const out: { product?: string; category?: string; service?: string } = {};
  for (const k of ["product", "category", "service"] as const)
    if (typeof o[k] === "string") out[k] = o[k].toLowerCase();
  return Object.keys(out).length > 0 ? out : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * Normalizes one generic JSON event. Two shapes are accepted:
 * - an already normalized event `{ logsource, fields, timestamp? }` (what infrasec exports);
 * - a flat or nested JSON object (ECS or sensor-native keys): the object itself becomes `fields`,
 *   ECS names are copied to their Sigma names, `event.category` (process, file, network) gives
 *   the category, `@timestamp` / `timestamp` / `time` the time.
 * Events without a time get timestamp NaN: plain rules still match, correlations skip them.
 */
export function normalizeGenericEvent(input: unknown, opts: GenericOptions = {}): NormalizeResult {
  const parsed = asObject(input);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const time = timeOf(o.timestamp ?? o["@timestamp"] ?? o.time);
  const declared = logsourceOf(o.logsource);
  if (declared && o.fields !== null && typeof o.fields === "object" && !Array.isArray(o.fields)) {
    return {
      ok: true,
      events: [
        {
          logsource: declared,
          fields: o.fields as Record<string, FieldValue>,
          timestamp: time ?? Number.NaN,
          source: "generic",
          raw: str(o.raw),
          context: o.context ?? undefined,
          original: o,
        },
      ],
    };
  }
  const fields: Record<string, FieldValue> = { ...(o as Record<string, FieldValue>) };
  const provenance: Record<string, string> = {};
  for (const [sigma, ...sources] of ECS_FIELD_MAP) {
    if (fields[sigma] !== undefined) continue;
    for (const s of sources) {
      const v = get(o, s);
      if (v === undefined || v === null || typeof v === "object") continue;
      fields[sigma] = v as FieldValue;
      provenance[sigma] = s;
      break;
    }
  }
  const ecsCat = get(o, "event.category");
  const cat = (Array.isArray(ecsCat) ? ecsCat : [ecsCat])
    .map((c) => (typeof c === "string" ? ECS_CATEGORY[c] : undefined))
    .find(Boolean);
  const logsource: Logsource =
    declared ??
    (cat ? { product: "linux", category: cat } : (opts.logsource ?? { product: "linux" }));
  const context: EventContext = {
    host: str(get(o, "host.name")) ?? str(o.hostname) ?? str(o.host),
    containerId: str(get(o, "container.id")),
    containerName: str(get(o, "container.name")),
    image: str(get(o, "container.image.name")),
    namespace: str(get(o, "orchestrator.namespace")) ?? str(get(o, "kubernetes.namespace")),
    pod: str(get(o, "kubernetes.pod.name")),
  };
  return {
    ok: true,
    events: [
      {
        logsource,
        fields,
        timestamp: time ?? Number.NaN,
        source: "generic",
        raw: str(o.message),
        context,
        provenance,
        original: o,
      },
    ],
  };
}
