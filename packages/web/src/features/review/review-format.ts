import type { ReviewProject, ReviewRun, ReviewRunDetail } from "@infrasec/contracts";
import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";

/** Formatting of review runs shared by the runs list, the projects overview and the run page. */

export function shortSha(commit: string): string {
  return /^[0-9a-f]{12,}$/i.test(commit) ? commit.slice(0, 8) : commit;
}

export const OUTCOME_COLORS = { passed: "green", failed: "red" } as const;

/** How the run's statuses came about, for the run header. */
export function modeLabel(run: Pick<ReviewRun, "mode" | "baseRef">): string {
  switch (run.mode) {
    case "change":
      return `change mode in CI${run.baseRef ? ` (against ${run.baseRef})` : ""}`;
    case "classified":
      return "classified by the server against the base run";
    case "full":
      return "full scan: no base run yet, every open finding counts as new";
  }
}

/**
 * GitLab links derived from a pipeline or merge-request URL of the same project
 * (`https://gitlab.example/group/repo/-/pipelines/42` → `…/group/repo/-/commit/<sha>`).
 */
export function commitUrl(
  run: Pick<ReviewRun, "commit" | "pipelineUrl" | "mergeRequest">,
): string | null {
  for (const url of [safeHttpUrl(run.pipelineUrl), safeHttpUrl(run.mergeRequest?.url)]) {
    const m = url ? /^(https?:\/\/.+?)\/-\/(?:pipelines|merge_requests|jobs)\/\d+/.exec(url) : null;
    if (m) return `${m[1]}/-/commit/${encodeURIComponent(run.commit)}`;
  }
  return null;
}

/** New findings at high or critical severity: what the projects overview counts. */
export function newHighCritical(detail: Pick<ReviewRunDetail, "matrix">): {
  critical: number;
  high: number;
} {
  return { critical: detail.matrix.critical.new, high: detail.matrix.high.new };
}

/** Rows of the severity × status table, most severe first, leaving out empty severities. */
export function severityRows(
  matrix: ReviewRunDetail["matrix"],
): { severity: Severity; counts: ReviewRunDetail["matrix"][Severity]; total: number }[] {
  return SEVERITIES.map((severity) => {
    const counts = matrix[severity];
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return { severity, counts, total };
  }).filter((r) => r.total > 0);
}

export interface TrendSummary {
  /** Open findings of the latest run minus those of the run before (null with one run). */
  delta: number | null;
  direction: "up" | "down" | "flat" | "none";
  /** "3 more open than the run before", "2 fewer open…", "no change", "first run". */
  label: string;
}

export function trendSummary(trend: ReviewProject["trend"]): TrendSummary {
  const last = trend.at(-1);
  const prev = trend.at(-2);
  if (!last || !prev) return { delta: null, direction: "none", label: "first run" };
  const delta = last.open - prev.open;
  if (delta === 0) return { delta, direction: "flat", label: "no change since the run before" };
  const n = Math.abs(delta);
  return delta > 0
    ? { delta, direction: "up", label: `${n} more open than the run before` }
    : { delta, direction: "down", label: `${n} fewer open than the run before` };
}

/** Polyline points of a sparkline of open findings (oldest left), in a width × height box. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return "";
  const max = Math.max(...values, 1);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const pad = 2;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? i * step : width / 2;
      const y = pad + (height - 2 * pad) * (1 - v / max);
      return `${round(x)},${round(y)}`;
    })
    .join(" ");
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The MR, branch or tag a run reviewed, in one short label. */
export function runRefLabel(run: Pick<ReviewRun, "ref" | "mergeRequest">): string {
  return run.mergeRequest ? `!${run.mergeRequest.iid} (${run.ref})` : run.ref;
}

/**
 * Links uploaded by CI are only followed when they are http(s): an upload could carry a
 * `javascript:` URL, which must never become a clickable link.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}
