import { VULN_IMPORT_MAX_CHARS } from "@infrasec/contracts";
import type { VulnStatesImportBody, VulnStatesImportResult } from "@infrasec/contracts";

/**
 * The "Apply VEX / GitLab states" dialog apart from React: which document a file is, what
 * blocks sending, the body, and the result's counts in words.
 */

export type StatesSource = "vex" | "gitlab";

export const STATES_SOURCE_LABELS: Readonly<Record<StatesSource, string>> = {
  vex: "CycloneDX VEX (JSON)",
  gitlab: "GitLab Vulnerability Report (CSV export)",
};

export const STATES_SOURCE_HELP: Readonly<Record<StatesSource, string>> = {
  vex: "Each vulnerability's analysis (not_affected, false_positive, resolved, exploitable) is applied to the asset's matching findings; in_triage leaves them as they are.",
  gitlab:
    "Each row's Status and Dismissal Reason are applied to the asset's matching findings (matched by CVE or other identifier and the package in its location).",
};

/** A CSV is a GitLab export; JSON (or an unknown name) is a CycloneDX document. */
export function guessSource(fileName: string, content: string): StatesSource {
  if (/\.csv$/i.test(fileName)) return "gitlab";
  if (/\.(json|cdx)$/i.test(fileName)) return "vex";
  return content.trimStart().startsWith("{") ? "vex" : "gitlab";
}

export function statesProblems(form: {
  content: string;
  asset: string | null;
}): Partial<Record<"content" | "asset", string>> {
  const out: Partial<Record<"content" | "asset", string>> = {};
  if (form.content.trim() === "") out.content = "Choose a file (it is empty or missing)";
  else if (form.content.length > VULN_IMPORT_MAX_CHARS)
    out.content = "The file is too large for the browser: use the CLI";
  if (!form.asset) out.asset = "Choose the asset whose findings the file describes";
  return out;
}

export function statesBody(
  content: string,
  asset: string,
  fileName: string | null,
): VulnStatesImportBody {
  return { content, asset, ...(fileName ? { fileName: fileName.slice(0, 255) } : {}) };
}

/** "4 rows matched a finding: 3 changed, 1 skipped; 2 matched none". */
export function statesSummary(
  r: Pick<VulnStatesImportResult, "matched" | "changed" | "skipped" | "unmatched">,
): string {
  const rows = (n: number) => `${n} row${n === 1 ? "" : "s"}`;
  return `${rows(r.matched)} matched a finding: ${r.changed} changed, ${r.skipped} skipped; ${r.unmatched} matched none`;
}
