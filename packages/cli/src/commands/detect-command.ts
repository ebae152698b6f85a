import type { Command } from "commander";
import { AppError } from "@infrasec/core";
import {
  createDetector,
  type DetectionMatch,
  type FieldValue,
  type Logsource,
  type SigmaEvent,
  type SigmaLevel,
} from "@infrasec/engines/detect";
import type { GlobalOptions } from "../cli-context";
import { DETECT_INPUTS, EventReader, openInput, readLines, type DetectInput } from "./detect-input";
import { formatIssue, loadDetectRules } from "./detect-rules";
import { registerDetectWorkerCommand } from "./detect-worker-command";

const LEVELS: readonly SigmaLevel[] = ["informational", "low", "medium", "high", "critical"];
const FAIL_ON = [...LEVELS, "none"] as const;

interface DetectCliOptions {
  rules: string[];
  builtin?: boolean;
  input: string;
  format?: string;
  failOn: string;
  logsource?: string;
  naive?: boolean;
  lateness: string;
}

/** The stable per-match output of `--format json` (one object per line on stdout). */
export interface DetectJsonMatch {
  readonly ruleId: string;
  readonly title: string;
  readonly level: SigmaLevel;
  readonly author: string | null;
  readonly eventIndex: number | null;
  readonly timestamp: string | null;
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly correlation: null | {
    readonly type: string;
    readonly group: Readonly<Record<string, string>>;
    readonly count: number;
  };
}

/** The run summary written to stderr (as one JSON line with `--format json`). */
export interface DetectSummary {
  readonly inputs: number;
  readonly recordsRead: number;
  readonly eventsRead: number;
  readonly eventsRejected: number;
  readonly rejectedReasons: Readonly<Record<string, number>>;
  readonly matches: number;
  readonly matchesPerRule: readonly {
    ruleId: string;
    title: string;
    level: string;
    count: number;
  }[];
  readonly rulesLoaded: number;
  readonly correlationsLoaded: number;
  readonly rulesSkipped: number;
  readonly lateEvents: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

const usage = (message: string, path: string): AppError =>
  new AppError("validation_failed", message, [{ path, message }]);

function iso(t: number): string | null {
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** A match in the output contract; `eventIndex` comes from the input record that produced the event. */
export function toJsonMatch(m: DetectionMatch, eventIndex: number | null): DetectJsonMatch {
  return {
    ruleId: m.ruleId,
    title: m.title,
    level: m.level,
    author: m.author ?? null,
    eventIndex,
    timestamp: iso(m.timestamp),
    fields: m.fields,
    correlation: m.correlation
      ? { type: m.correlation.type, group: m.correlation.group, count: m.correlation.count }
      : null,
  };
}

function textLine(j: DetectJsonMatch): string {
  const fields = Object.entries(j.fields)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  const corr = j.correlation
    ? ` ${j.correlation.type} count=${j.correlation.count} group=${JSON.stringify(j.correlation.group)}`
    : "";
  return `${j.timestamp ?? "-"}  ${j.level.padEnd(13)} ${j.title} [${j.ruleId}] by ${j.author ?? "unknown"}  event #${j.eventIndex ?? "-"}${corr}${fields ? `  ${fields}` : ""}\n`;
}

function summaryText(s: DetectSummary): string {
  const reasons = Object.entries(s.rejectedReasons)
    .map(([r, n]) => `  ${n} × ${r}\n`)
    .join("");
  const rules = s.matchesPerRule
    .map(
      (r) => `  ${String(r.count).padStart(6)}  ${r.level.padEnd(13)} ${r.title} [${r.ruleId}]\n`,
    )
    .join("");
  return (
    `detect: ${s.eventsRead} event(s) from ${s.recordsRead} record(s) in ${s.inputs} input(s); ` +
    `${s.eventsRejected} rejected; ${s.matches} match(es); ${s.rulesLoaded} rule(s) and ` +
    `${s.correlationsLoaded} correlation(s) loaded, ${s.rulesSkipped} skipped; ` +
    `${s.seconds.toFixed(3)} s, ${Math.round(s.eventsPerSecond)} events/s\n` +
    (reasons ? `rejected:\n${reasons}` : "") +
    (rules ? `matches per rule:\n${rules}` : "") +
    (s.lateEvents && s.correlationsLoaded
      ? `late events (not fed to correlations): ${s.lateEvents}\n`
      : "")
  );
}

function parseLogsource(v: string | undefined): Logsource | undefined {
  if (v === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const part of v.split(",")) {
    const [k, val] = part.split(/[=:]/, 2).map((x) => x?.trim());
    if (!k || !val || !["product", "category", "service"].includes(k))
      throw usage("--logsource takes product=…,category=…,service=…", "--logsource");
    out[k] = val.toLowerCase();
  }
  return out;
}

const collectList = (v: string, prev: string[]): string[] => [...prev, v];

/** Options checked before any input is read; every mistake is a usage error (exit 2). */
function checkOptions(o: DetectCliOptions, files: string[]): void {
  if (o.rules.length === 0 && !o.builtin)
    throw usage("give at least one --rules DIR or --builtin", "--rules");
  if (!(DETECT_INPUTS as readonly string[]).includes(o.input))
    throw usage(`--input must be one of ${DETECT_INPUTS.join(", ")}`, "--input");
  if (o.format !== undefined && o.format !== "json" && o.format !== "text")
    throw usage("--format must be json or text", "--format");
  if (!(FAIL_ON as readonly string[]).includes(o.failOn))
    throw usage(`--fail-on must be one of ${FAIL_ON.join(", ")}`, "--fail-on");
  if (!/^\d+$/.test(o.lateness)) throw usage("--lateness takes milliseconds", "--lateness");
  if (files.length === 0) throw usage("give at least one FILE (or - for standard input)", "FILE");
  if (files.filter((f) => f === "-").length > 1)
    throw usage("standard input (-) can be read only once", "FILE");
}

/** Runs detection over the inputs, writing matches to stdout; returns the summary. */
export async function runDetect(
  o: DetectCliOptions,
  files: string[],
  json: boolean,
  write: (s: string) => void = (s) => void process.stdout.write(s),
  warn: (s: string) => void = (s) => void process.stderr.write(s),
): Promise<DetectSummary> {
  const { set } = loadDetectRules(o.rules, o.builtin === true);
  for (const issue of set.issues)
    warn(json ? `${JSON.stringify({ issue })}\n` : `${formatIssue(issue)}\n`);
  if (set.rules.length === 0 && set.correlations.length === 0)
    throw new AppError("config_invalid", "no valid rule loaded", [
      { path: "--rules", message: "every rule file was invalid or empty" },
    ]);
  const detector = createDetector(set, { naive: o.naive, allowedLatenessMs: Number(o.lateness) });
  const reader = new EventReader(o.input as DetectInput, parseLogsource(o.logsource));
  const indexOf = new WeakMap<SigmaEvent, number>();
  const perRule = new Map<
    string,
    { ruleId: string; title: string; level: string; count: number }
  >();
  const rejected = new Map<string, number>();
  let records = 0;
  let events = 0;
  let matches = 0;
  const reject = (reason: string): void =>
    void rejected.set(reason, (rejected.get(reason) ?? 0) + 1);
  const emit = (list: readonly DetectionMatch[]): void => {
    for (const m of list) {
      matches++;
      const r = perRule.get(m.ruleId) ?? {
        ruleId: m.ruleId,
        title: m.title,
        level: m.level,
        count: 0,
      };
      r.count++;
      perRule.set(m.ruleId, r);
      const j = toJsonMatch(m, m.event ? (indexOf.get(m.event) ?? null) : null);
      write(json ? `${JSON.stringify(j)}\n` : textLine(j));
    }
  };
  const feed = (list: readonly SigmaEvent[], index: number): void => {
    for (const e of list) {
      events++;
      if (!indexOf.has(e)) indexOf.set(e, index);
      emit(detector.process(e));
    }
  };
  const started = performance.now();
  for (const file of files) {
    let stream;
    try {
      stream = openInput(file);
      for await (const line of readLines(stream)) {
        const index = records++;
        if (!("text" in line)) {
          reject("record larger than 1 MiB");
          continue;
        }
        if (line.text.trim() === "") {
          records--; // blank lines are not records
          continue;
        }
        const r = reader.read(line.text);
        if (!r.ok) reject(r.reason);
        else feed(r.events, index);
      }
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "ENOENT" || err.code === "EISDIR" || err.code === "EACCES")
        throw new AppError("config_invalid", `${file}: cannot read (${err.code})`, [
          { file, path: "FILE", message: err.message },
        ]);
      throw e;
    }
  }
  feed(reader.flush(), records > 0 ? records - 1 : 0);
  emit(detector.flush());
  const seconds = (performance.now() - started) / 1000;
  return {
    inputs: files.length,
    recordsRead: records,
    eventsRead: events,
    eventsRejected: [...rejected.values()].reduce((a, b) => a + b, 0),
    rejectedReasons: Object.fromEntries(rejected),
    matches,
    matchesPerRule: [...perRule.values()].sort(
      (a, b) => b.count - a.count || a.title.localeCompare(b.title),
    ),
    rulesLoaded: set.rules.length,
    correlationsLoaded: set.correlations.length,
    rulesSkipped: new Set(
      set.issues.filter((i) => i.severity === "error").map((i) => `${i.file}#${i.document}`),
    ).size,
    lateEvents: detector.stats.lateEvents,
    seconds,
    eventsPerSecond: seconds > 0 ? events / seconds : events,
  };
}

/** Whether the gate fails: some match at or above the --fail-on level. */
export function gateFails(s: DetectSummary, failOn: string): number {
  if (failOn === "none") return 0;
  const min = LEVELS.indexOf(failOn as SigmaLevel);
  return s.matchesPerRule
    .filter((r) => LEVELS.indexOf(r.level as SigmaLevel) >= min)
    .reduce((a, r) => a + r.count, 0);
}

/** `infrasec detect`: offline Sigma detection over NDJSON or raw auditd logs (works without a server). */
export function registerDetectCommand(program: Command): void {
  const detect = program
    .command("detect")
    .description(
      "run Sigma rules over Falco, osquery, auditd or generic JSON events (NDJSON or raw auditd lines; - reads stdin). " +
        "Exit 0: no match at or above --fail-on; 1: matches; 2: usage or rule/input errors",
    )
    .argument("<file...>", "input files (NDJSON or raw auditd logs); - for standard input")
    .option("--rules <dir>", "Sigma rule folder or file (repeatable)", collectList, [])
    .option("--builtin", "add the built-in Linux host and container pack")
    .option("--input <format>", `input format: ${DETECT_INPUTS.join(", ")}`, "auto")
    .option(
      "--format <format>",
      "output: json (one match per line) or text (default text, json with --json)",
    )
    .option(
      "--fail-on <level>",
      `exit 1 when a match is at or above: ${FAIL_ON.join(", ")}`,
      "informational",
    )
    .option(
      "--logsource <tags>",
      "logsource of generic JSON events without one, e.g. product=linux,category=process_creation",
    )
    .option("--lateness <ms>", "event-time lateness allowed to correlations", "60000")
    .option("--naive", "reference mode: evaluate every rule on every event (no index)")
    .action(async (files: string[], o: DetectCliOptions, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const json = o.format ? o.format === "json" : globals.json === true;
      checkOptions(o, files);
      const summary = await runDetect(o, files, json);
      process.stderr.write(json ? `${JSON.stringify({ summary })}\n` : summaryText(summary));
      const failing = gateFails(summary, o.failOn);
      if (failing > 0)
        throw new AppError(
          "integrity_failed",
          `detect: ${failing} match(es) at or above ${o.failOn}`,
        );
    });
  registerDetectWorkerCommand(detect);
}
