import type { EventContext, FieldValue, SigmaEvent } from "../detect-types";
import {
  asObject,
  type DeclaredLosses,
  type FieldMap,
  type NormalizeResult,
} from "./normalize-types";

/** Falco `output_fields` → Sigma Linux taxonomy (first present source wins). */
export const FALCO_FIELD_MAP: FieldMap = [
  ["Image", "proc.exepath", "proc.exe"],
  ["CommandLine", "proc.cmdline"],
  ["ProcessId", "proc.pid"],
  ["ParentProcessId", "proc.ppid"],
  ["ParentImage", "proc.pexepath", "proc.pexe"],
  ["ParentCommandLine", "proc.pcmdline"],
  ["CurrentDirectory", "proc.cwd"],
  ["User", "user.name"],
  ["LogonId", "user.loginuid"],
];

const NETWORK_MAP: FieldMap = [
  ["DestinationIp", "fd.rip", "fd.sip"],
  ["DestinationPort", "fd.rport", "fd.sport"],
  ["SourceIp", "fd.lip", "fd.cip"],
  ["SourcePort", "fd.lport", "fd.cport"],
];

/**
 * What Falco cannot carry: `output_fields` holds only what the Falco rule's output references,
 * and `proc.cmdline` starts with the process name, not argv[0]'s path.
 */
export const FALCO_LOSSES: DeclaredLosses = {
  process_creation: [
    "CommandLine (starts with the name, not the path)",
    "ParentImage unless proc.pexepath is output",
    "CurrentDirectory unless proc.cwd is output",
  ],
  file_event: ["TargetFilename unless fd.name is output"],
  network_connection: ["Initiated"],
};

const EXEC = new Set(["execve", "execveat"]);
const FILE = new Set([
  "open",
  "openat",
  "openat2",
  "creat",
  "rename",
  "renameat",
  "renameat2",
  "unlink",
  "unlinkat",
  "mkdir",
  "mkdirat",
  "link",
  "linkat",
  "symlink",
  "symlinkat",
  "chmod",
  "fchmodat",
]);
const NET = new Set(["connect", "accept", "accept4", "bind", "listen", "sendto"]);

function categoryOf(f: Record<string, unknown>): string | undefined {
  const evt = typeof f["evt.type"] === "string" ? f["evt.type"] : undefined;
  if (evt && EXEC.has(evt)) return "process_creation";
  if (evt && FILE.has(evt)) return "file_event";
  if (evt && NET.has(evt)) return "network_connection";
  if (f["fd.rip"] != null || f["fd.sip"] != null || f["fd.rport"] != null)
    return "network_connection";
  if (typeof f["fd.name"] === "string" && (f["fd.type"] === undefined || f["fd.type"] === "file"))
    return "file_event";
  if (f["proc.cmdline"] != null || f["proc.exepath"] != null) return "process_creation";
  return undefined;
}

function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function applyMap(
  map: FieldMap,
  src: Record<string, unknown>,
  fields: Record<string, FieldValue>,
  prov: Record<string, string>,
): void {
  for (const [sigma, ...sources] of map) {
    for (const s of sources) {
      const v = src[s];
      // Falco writes <NA> or null for unknown values: treat as absent.
      if (v === undefined || v === null || v === "<NA>" || !isScalar(v)) continue;
      if (sigma.endsWith("Image") && s.endsWith(".exe") && !String(v).startsWith("/")) continue;
      fields[sigma] = v;
      prov[sigma] = s;
      break;
    }
  }
}

function timestampOf(o: Record<string, unknown>, f: Record<string, unknown>): number | undefined {
  if (typeof o.time === "string") {
    const t = Date.parse(o.time);
    if (Number.isFinite(t)) return t;
  }
  const ns = f["evt.time"];
  if (typeof ns === "number") return Math.floor(ns / 1e6);
  return undefined;
}

/**
 * Normalizes one Falco alert (JSON output, `json_include_output_property` on). Sigma fields
 * are added beside the original `output_fields` keys, so rules on either name work; keyword
 * detections search the alert's `output` text.
 */
export function normalizeFalcoAlert(input: unknown): NormalizeResult {
  const parsed = asObject(input);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const of = o.output_fields;
  const f =
    of !== null && typeof of === "object" && !Array.isArray(of)
      ? (of as Record<string, unknown>)
      : {};
  const timestamp = timestampOf(o, f);
  if (timestamp === undefined) return { ok: false, reason: "falco alert without a valid 'time'" };
  const fields: Record<string, FieldValue> = {};
  const provenance: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (isScalar(v)) fields[k] = v;
  const category = categoryOf(f);
  applyMap(FALCO_FIELD_MAP, f, fields, provenance);
  if (category === "network_connection") applyMap(NETWORK_MAP, f, fields, provenance);
  if (category === "file_event" && typeof f["fd.name"] === "string") {
    fields.TargetFilename = f["fd.name"];
    provenance.TargetFilename = "fd.name";
  }
  for (const k of ["rule", "priority", "source", "hostname"] as const)
    if (typeof o[k] === "string") fields[k] = o[k];
  if (Array.isArray(o.tags)) fields.tags = o.tags.filter((t): t is string => typeof t === "string");
  const str = (k: string): string | undefined =>
    typeof f[k] === "string" && f[k] !== "<NA>" ? f[k] : undefined;
  const context: EventContext = {
    host: typeof o.hostname === "string" ? o.hostname : undefined,
    containerId: str("container.id"),
    containerName: str("container.name"),
    image: str("container.image.repository"),
    namespace: str("k8s.ns.name"),
    pod: str("k8s.pod.name"),
  };
  const source = typeof o.source === "string" ? o.source : "syscall";
  const logsource =
    source === "syscall"
      ? { product: "linux", ...(category ? { category } : {}) }
      : { product: source };
  const event: SigmaEvent = {
    logsource,
    fields,
    timestamp,
    source: "falco",
    raw: typeof o.output === "string" ? o.output : undefined,
    context,
    provenance,
    original: o,
  };
  return { ok: true, events: [event] };
}
