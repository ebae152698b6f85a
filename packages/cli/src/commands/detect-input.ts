import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import {
  createAuditdNormalizer,
  normalizeFalcoAlert,
  normalizeGenericEvent,
  normalizeOsqueryResult,
  type Logsource,
  type NormalizeResult,
  type SigmaEvent,
} from "@infrasec/engines/detect";

/** Input formats of `infrasec detect`; `auto` sniffs each record. */
export const DETECT_INPUTS = ["auto", "falco", "osquery", "auditd", "json"] as const;
/** One of DETECT_INPUTS. */
export type DetectInput = (typeof DETECT_INPUTS)[number];

/** Longest input record accepted; longer lines are skipped without being buffered whole. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** A line of input, or the marker of a line that was too long (its content was discarded). */
export type InputLine = { readonly text: string } | { readonly oversized: true };

/**
 * Splits a stream into lines with bounded memory: a line longer than `max` characters is
 * dropped as it streams in (never held whole) and reported once as oversized.
 */
export async function* readLines(
  stream: Readable,
  max = MAX_RECORD_BYTES,
): AsyncGenerator<InputLine> {
  stream.setEncoding("utf8");
  let buf = "";
  let skipping = false;
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (let nl = chunk.indexOf("\n"); nl !== -1; nl = chunk.indexOf("\n", start)) {
      const piece = chunk.slice(start, nl);
      start = nl + 1;
      if (skipping) {
        skipping = false;
        buf = "";
        continue;
      }
      const line = buf + piece;
      buf = "";
      if (line.length > max) yield { oversized: true };
      else yield { text: line.endsWith("\r") ? line.slice(0, -1) : line };
    }
    if (skipping) continue;
    buf += chunk.slice(start);
    if (buf.length > max) {
      skipping = true;
      buf = "";
      yield { oversized: true };
    }
  }
  if (!skipping && buf !== "") yield buf.length > max ? { oversized: true } : { text: buf };
}

/** Opens a FILE argument; `-` is standard input. */
export function openInput(file: string): Readable {
  return file === "-" ? process.stdin : createReadStream(file);
}

type Sniffed = Exclude<DetectInput, "auto">;

// Sensor formats are recognised by their own keys, generic JSON is the fallback.
function sniffObject(o: Record<string, unknown>): Sniffed {
  if ("output_fields" in o || ("rule" in o && "priority" in o)) return "falco";
  if (
    "hostIdentifier" in o ||
    "diffResults" in o ||
    ("name" in o && ("columns" in o || "snapshot" in o) && "action" in o)
  )
    return "osquery";
  return "json";
}

const AUDIT_LINE = /^(node=\S+ )?type=\S+ msg=audit\(/;

/**
 * Turns input records into Sigma events. One reader serves all input files of a run, so
 * auditd records of one kernel event are coalesced even across a file boundary; `flush`
 * returns auditd events still waiting for their EOE record.
 */
export class EventReader {
  private readonly auditd = createAuditdNormalizer();

  constructor(
    private readonly input: DetectInput,
    private readonly logsource?: Logsource,
  ) {}

  read(line: string): NormalizeResult {
    if (this.input === "auditd" || (this.input === "auto" && AUDIT_LINE.test(line)))
      return this.auditd.push(line);
    let kind: Sniffed = this.input === "auto" ? "json" : this.input;
    let value: unknown = line;
    if (this.input === "auto") {
      // Parsed once here; the normalizers accept the object (the line length is already bounded).
      const t = line.trimStart();
      if (!t.startsWith("{")) return { ok: false, reason: "neither JSON nor an auditd record" };
      try {
        value = JSON.parse(t);
      } catch {
        return { ok: false, reason: "malformed JSON" };
      }
      if (value !== null && typeof value === "object" && !Array.isArray(value))
        kind = sniffObject(value as Record<string, unknown>);
    }
    switch (kind) {
      case "auditd":
        return this.auditd.push(line);
      case "falco":
        return normalizeFalcoAlert(value);
      case "osquery":
        return normalizeOsqueryResult(value);
      case "json":
        return normalizeGenericEvent(value, { logsource: this.logsource });
    }
  }

  flush(): SigmaEvent[] {
    return this.auditd.flush();
  }
}
