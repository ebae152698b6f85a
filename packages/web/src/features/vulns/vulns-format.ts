import type { MantineColor } from "@mantine/core";
import { VULN_IMPORT_MAX_CHARS, VULN_OPEN_STATUSES } from "@infrasec/contracts";
import type { Severity } from "@infrasec/core";
import type {
  VulnDismissalReason,
  VulnEditBody,
  VulnFinding,
  VulnFindingEvent,
  VulnFindingStatus,
  VulnImportJob,
  VulnJobStatus,
} from "@infrasec/contracts";

/**
 * How vulnerability findings and import jobs read in the UI: status and reason labels, the SLA
 * in words, the status changes offered for each status, what a status change requires, bulk
 * plans, occurrences and history entries in one line, and job progress.
 */

const DAY_MS = 86_400_000;

export const FINDING_STATUS_LABELS: Readonly<Record<VulnFindingStatus, string>> = {
  detected: "detected",
  confirmed: "confirmed",
  in_progress: "in progress",
  resolved: "resolved",
  dismissed: "dismissed",
};

export const FINDING_STATUS_COLORS: Readonly<Record<VulnFindingStatus, MantineColor>> = {
  detected: "red",
  confirmed: "orange",
  in_progress: "blue",
  resolved: "green",
  dismissed: "gray",
};

export const DISMISSAL_REASON_LABELS: Readonly<Record<VulnDismissalReason, string>> = {
  risk_accepted: "risk accepted",
  false_positive: "false positive",
  not_affected: "not affected",
  mitigating_control: "mitigating control",
  out_of_scope: "out of scope",
};

export const JOB_STATUS_LABELS: Readonly<Record<VulnJobStatus, string>> = {
  queued: "queued",
  running: "running",
  waiting_confirmation: "waiting for confirmation",
  done: "done",
  failed: "failed",
};

export const JOB_STATUS_COLORS: Readonly<Record<VulnJobStatus, MantineColor>> = {
  queued: "gray",
  running: "blue",
  waiting_confirmation: "yellow",
  done: "green",
  failed: "red",
};

export function isOpenStatus(status: VulnFindingStatus): boolean {
  return (VULN_OPEN_STATUSES as readonly string[]).includes(status);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export interface SlaText {
  text: string;
  color: MantineColor;
  overdue: boolean;
}

/**
 * The SLA of a finding in words: "overdue by 3 days", "due today", "due in 12 days". Closed
 * findings and findings without a due date (no fix yet for a package) have no running clock.
 */
export function slaText(
  f: Pick<VulnFinding, "status" | "slaDueAt" | "slaState">,
  now: number,
): SlaText {
  if (!isOpenStatus(f.status)) return { text: "—", color: "dimmed", overdue: false };
  if (!f.slaDueAt) return { text: "no SLA", color: "dimmed", overdue: false };
  const due = new Date(f.slaDueAt).getTime();
  if (Number.isNaN(due)) return { text: f.slaDueAt, color: "dimmed", overdue: false };
  if (due <= now) {
    const days = Math.floor((now - due) / DAY_MS);
    return {
      text: days === 0 ? "overdue today" : `overdue by ${plural(days, "day")}`,
      color: "red",
      overdue: true,
    };
  }
  const days = Math.ceil((due - now) / DAY_MS);
  const text = days <= 1 ? "due within a day" : `due in ${plural(days, "day")}`;
  return { text, color: f.slaState === "due_soon" ? "orange" : "green", overdue: false };
}

/**
 * The status changes offered for a status, in the order people use them. The server allows any
 * change; the UI offers the forward ones for open findings and a reopen for closed ones.
 */
export function nextStatuses(status: VulnFindingStatus): VulnFindingStatus[] {
  switch (status) {
    case "detected":
      return ["confirmed", "in_progress", "resolved", "dismissed"];
    case "confirmed":
      return ["in_progress", "resolved", "dismissed"];
    case "in_progress":
      return ["resolved", "dismissed"];
    case "resolved":
    case "dismissed":
      return ["detected"];
  }
}

export function statusActionLabel(to: VulnFindingStatus): string {
  switch (to) {
    case "detected":
      return "Reopen";
    case "confirmed":
      return "Confirm";
    case "in_progress":
      return "Start work";
    case "resolved":
      return "Resolve";
    case "dismissed":
      return "Dismiss";
  }
}

export const STATUS_ACTION_COLORS: Readonly<Record<VulnFindingStatus, MantineColor>> = {
  detected: "red",
  confirmed: "orange",
  in_progress: "blue",
  resolved: "green",
  dismissed: "gray",
};

/** What a change to `to` needs, as the service checks it. */
export function statusNeeds(to: VulnFindingStatus): { reason: boolean; comment: boolean } {
  return { reason: to === "dismissed", comment: to === "dismissed" || to === "resolved" };
}

/** Field problems of a status change before it is sent (the server checks the same). */
export function statusChangeProblems(
  to: VulnFindingStatus,
  reason: VulnDismissalReason | null,
  comment: string,
): Partial<Record<"reason" | "comment", string>> {
  const needs = statusNeeds(to);
  const out: Partial<Record<"reason" | "comment", string>> = {};
  if (needs.reason && !reason) out.reason = "Choose why the finding is dismissed";
  if (needs.comment && !comment.trim())
    out.comment = to === "dismissed" ? "Required to dismiss" : "A note is required to resolve";
  return out;
}

/** Selected findings split by whether the bulk change to `to` is offered for their status. */
export function bulkPlan(
  findings: readonly Pick<VulnFinding, "id" | "status">[],
  to: VulnFindingStatus,
): { eligible: string[]; skipped: string[] } {
  const eligible: string[] = [];
  const skipped: string[] = [];
  for (const f of findings) (nextStatuses(f.status).includes(to) ? eligible : skipped).push(f.id);
  return { eligible, skipped };
}

/** The confirmation sentence of a bulk status change, stating the counts. */
export function describeBulk(to: VulnFindingStatus, eligible: number, skipped: number): string {
  const base = `${statusActionLabel(to)} ${plural(eligible, "finding")}.`;
  if (skipped === 0) return base;
  return `${base} ${plural(skipped, "selected finding")} cannot change to ${FINDING_STATUS_LABELS[to]} from ${skipped === 1 ? "its" : "their"} status and ${skipped === 1 ? "is" : "are"} left as ${skipped === 1 ? "it is" : "they are"}.`;
}

/** "openssl@3.0.2 → 3.0.13", "openssl@3.0.2 (no fix yet)", or the title for non-package findings. */
export function packageLine(
  f: Pick<VulnFinding, "package" | "version" | "fixedVersion" | "fixState">,
): { installed: string | null; fix: string | null } {
  const installed = f.package ? (f.version ? `${f.package}@${f.version}` : f.package) : null;
  const fix =
    f.fixedVersion ?? (f.fixState && f.fixState !== "fixed" ? humanState(f.fixState) : null);
  return { installed, fix };
}

function humanState(v: string): string {
  return v.replace(/_/g, " ");
}

const OCCURRENCE_LABELS: Readonly<Record<string, string>> = {
  detail: "target",
  path: "path",
  startLine: "line",
  endLine: "to line",
  layer: "layer",
  port: "port",
  protocol: "protocol",
  service: "service",
};
const OCCURRENCE_ORDER = Object.keys(OCCURRENCE_LABELS);

/** An occurrence's fields as label/value pairs, known fields first in a fixed order. */
export function occurrenceParts(o: Record<string, unknown>): { label: string; value: string }[] {
  const keys = Object.keys(o).sort((a, b) => {
    const ia = OCCURRENCE_ORDER.indexOf(a);
    const ib = OCCURRENCE_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  return keys
    .filter((k) => o[k] !== null && o[k] !== undefined && o[k] !== "")
    .map((k) => ({
      label: OCCURRENCE_LABELS[k] ?? k,
      value:
        typeof o[k] === "string" || typeof o[k] === "number" ? String(o[k]) : JSON.stringify(o[k]),
    }));
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (Array.isArray(v)) return v.length === 0 ? "—" : v.map(show).join(", ");
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean"
    ? String(v)
    : JSON.stringify(v);
}

/** `{field: [before, after]}` as "field: before → after" lines. */
export function changeLines(changes: Record<string, unknown> | null): string[] {
  if (!changes) return [];
  return Object.entries(changes).map(([field, v]) =>
    Array.isArray(v) && v.length === 2
      ? `${field}: ${show(v[0])} → ${show(v[1])}`
      : `${field}: ${show(v)}`,
  );
}

/** The headline of a history entry. */
export function describeEvent(e: VulnFindingEvent): string {
  const to = e.toStatus as VulnFindingStatus | null;
  const reason = e.reason
    ? ` (${DISMISSAL_REASON_LABELS[e.reason as VulnDismissalReason] ?? humanState(e.reason)})`
    : "";
  switch (e.kind) {
    case "detected":
      return "first detected";
    case "status":
      return `status ${e.fromStatus ? humanState(e.fromStatus) : "—"} → ${to ? (FINDING_STATUS_LABELS[to] ?? humanState(to)) : "—"}${reason}`;
    case "closed":
      return "resolved: absent from a re-scan that covered it";
    case "reactivated":
      return "reactivated: seen again after it was resolved";
    case "updated":
      return "updated by an import";
    case "edited":
      return "edited by hand";
    default:
      return humanState(e.kind);
  }
}

export function isJobActive(status: VulnJobStatus): boolean {
  return status === "queued" || status === "running";
}

/** Progress in percent; a finished job is 100 whatever the last heartbeat said. */
export function jobPercent(job: Pick<VulnImportJob, "status" | "progress">): number {
  if (job.status === "done") return 100;
  return Math.max(0, Math.min(100, Math.round(job.progress * 100)));
}

export const JOB_COUNT_KEYS = [
  "created",
  "updated",
  "unchanged",
  "closed",
  "reactivated",
  "unknown",
] as const satisfies readonly (keyof VulnImportJob["counts"])[];

export const JOB_COUNT_HELP: Readonly<Record<(typeof JOB_COUNT_KEYS)[number], string>> = {
  created: "new findings",
  updated: "tracked fields changed",
  unchanged: "seen again, nothing changed",
  closed: "open findings absent from a scan that covered them",
  reactivated: "resolved findings seen again",
  unknown: "absent, but their target was not covered: left open",
};

/** Where a parse error points: "line 3", "Results.0.Target", "file.json line 3". */
export function errorPlace(d: VulnImportJob["errorDetails"][number]): string | null {
  const parts = [d.file, d.path, d.line !== undefined ? `line ${d.line}` : undefined].filter(
    (x): x is string => !!x,
  );
  return parts.length > 0 ? parts.join(" ") : null;
}

/** The confirmation sentence of a job that waits because it would close many findings. */
export function describeWaiting(job: Pick<VulnImportJob, "toClose" | "openInScope">): string {
  const pct = job.openInScope > 0 ? Math.round((job.toClose / job.openInScope) * 100) : 100;
  return `This import would close ${plural(job.toClose, "finding")} of ${job.openInScope} open in its scope (${pct}%). Nothing was written yet: confirm to apply it, or leave it if the scan was incomplete.`;
}

/** Scanner and scope accept what the contract accepts. */
export const NAME_PATTERN = /^[\w.:@/+-]+$/;

export function nameProblem(value: string): string | null {
  if (value === "") return null;
  if (value.length > 128) return "At most 128 characters";
  return NAME_PATTERN.test(value) ? null : "Letters, digits and . _ : @ / + - only";
}

/**
 * The PATCH body of an override: only the fields that differ from the finding (an empty fixed
 * version clears it), and the required comment. Nothing changed or no comment is a problem to
 * show instead of a request.
 */
export function overrideBody(
  f: Pick<VulnFinding, "severity" | "fixedVersion">,
  severity: Severity,
  fixedVersion: string,
  comment: string,
): { ok: true; body: VulnEditBody } | { ok: false; problem: string } {
  const fixed = fixedVersion.trim() === "" ? null : fixedVersion.trim();
  const body: VulnEditBody = { comment: comment.trim() };
  if (severity !== f.severity) body.severity = severity;
  if (fixed !== f.fixedVersion) body.fixedVersion = fixed;
  if (body.severity === undefined && body.fixedVersion === undefined)
    return { ok: false, problem: "Change the severity or the fixed version first" };
  if (!body.comment) return { ok: false, problem: "Say why (kept in the history)" };
  return { ok: true, body };
}

/** Problems of the import form before it is sent (the server checks the same). */
export function importProblems(form: {
  content: string;
  asset: string | null;
  scanner: string;
  scope: string;
}): Partial<Record<"content" | "asset" | "scanner" | "scope", string>> {
  const out: Partial<Record<"content" | "asset" | "scanner" | "scope", string>> = {};
  if (form.content.trim() === "") out.content = "Choose a report file (it is empty or missing)";
  else if (form.content.length > VULN_IMPORT_MAX_CHARS)
    out.content = "The report is too large for the browser: use the CLI";
  if (!form.asset) out.asset = "Choose the asset the report is about";
  const scanner = nameProblem(form.scanner.trim());
  if (scanner) out.scanner = scanner;
  const scope = nameProblem(form.scope.trim());
  if (scope) out.scope = scope;
  return out;
}
