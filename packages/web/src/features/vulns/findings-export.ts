import type { VulnExportFormat, VulnExportQuery } from "@infrasec/contracts";
import type { FindingsView } from "./vulns-query";

/**
 * The export menu of the findings list: each format with what it is for, and the list's
 * current filters as the export route takes them (every match, not one page).
 */

export const EXPORT_CHOICES: readonly {
  format: VulnExportFormat;
  label: string;
  help: string;
  extension: string;
}[] = [
  {
    format: "cyclonedx-vex",
    label: "CycloneDX VEX",
    help: "CycloneDX 1.6 JSON with each finding's analysis state",
    extension: "cdx.json",
  },
  {
    format: "gitlab",
    label: "GitLab security report",
    help: "GitLab container or dependency scanning report JSON",
    extension: "gitlab.json",
  },
  { format: "csv", label: "CSV", help: "One row per finding, spreadsheet-safe", extension: "csv" },
];

/** Filters of the list view the export route accepts; `ignored` names those it does not. */
export function exportFilters(view: FindingsView): {
  filters: Omit<VulnExportQuery, "format">;
  ignored: string[];
} {
  const filters: Omit<VulnExportQuery, "format"> = {};
  if (view.status !== "all") filters.status = view.status;
  if (view.asset) filters.asset = view.asset;
  if (view.severity) filters.severity = view.severity;
  if (view.vulnId) filters.vulnId = view.vulnId;
  if (view.package) filters.package = view.package;
  if (view.q) filters.q = view.q;
  if (view.sla) filters.sla = view.sla;
  const ignored: string[] = [];
  if (view.kev) ignored.push("KEV");
  return { filters, ignored };
}

/** "findings-2026-06-01-12-00-00.csv": the name a download gets. */
export function exportFileName(extension: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return `findings-${stamp}.${extension}`;
}
