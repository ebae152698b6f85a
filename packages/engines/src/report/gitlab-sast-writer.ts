import type { Severity } from "@infrasec/core";
import { stableUuid } from "./report-hash";
import { isOpen, ruleIndex, sortFindings, type ReviewReport } from "./report-model";

/** Version of the GitLab security report schema the output follows. */
export const GITLAB_SAST_SCHEMA_VERSION = "15.2.1";

const SEVERITY: Record<Severity, "Critical" | "High" | "Medium" | "Low" | "Info"> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Info",
};

/** `2026-11-25T20:53:08.123Z` → `2026-11-25T20:53:08` (the schema's pattern). */
function gitlabTime(iso: string | undefined): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/.exec(iso ?? "");
  return m ? (m[1] as string) : "1970-01-01T00:00:00";
}

/** Builds a GitLab SAST report (schema 15.x) of the open findings. */
export function toGitlabSast(report: ReviewReport): Record<string, unknown> {
  const rules = ruleIndex(report);
  const component = {
    id: "infrasec",
    name: report.tool.name,
    version: report.tool.version,
    vendor: { name: "infrasec" },
    ...(report.tool.informationUri && /^https?:\/\//.test(report.tool.informationUri)
      ? { url: report.tool.informationUri }
      : {}),
  };
  const vulnerabilities = sortFindings(report.findings)
    .filter(isOpen)
    .map((f) => {
      const rule = rules.get(f.ruleId);
      const eq = rules.equivalents(f.ruleId);
      const ref = rule?.references.find((u) => /^https?:\/\//.test(u));
      const identifiers = [
        {
          type: "infrasec_rule_id",
          name: `infrasec ${f.ruleId}`,
          value: f.ruleId,
          ...(ref ? { url: ref } : {}),
        },
        ...eq.checkov.map((id) => ({ type: "checkov", name: `Checkov ${id}`, value: id })),
        ...eq.trivy.map((id) => ({ type: "trivy", name: `Trivy ${id}`, value: id })),
      ];
      return {
        id: stableUuid(`${f.location.file}|${f.fingerprint}`),
        name: f.title,
        description: `${f.message}\n\n${rule?.description ?? ""}`.trim(),
        severity: SEVERITY[f.severity],
        ...(rule?.remediation ? { solution: rule.remediation } : {}),
        identifiers,
        ...(rule && rule.references.some((u) => /^https?:\/\//.test(u))
          ? { links: rule.references.filter((u) => /^https?:\/\//.test(u)).map((url) => ({ url })) }
          : {}),
        location: {
          file: f.location.file,
          start_line: Math.max(1, f.location.startLine),
          end_line: Math.max(1, f.location.startLine, f.location.endLine),
          class: f.resource,
        },
      };
    });
  return {
    version: GITLAB_SAST_SCHEMA_VERSION,
    scan: {
      analyzer: component,
      scanner: component,
      type: "sast",
      start_time: gitlabTime(report.startedAt),
      end_time: gitlabTime(report.finishedAt ?? report.startedAt),
      status: "success",
      messages: report.errors.map((e) => ({
        level: "warn",
        value: `${e.file}${e.line !== undefined ? `:${e.line}` : ""}: ${e.message}`,
      })),
    },
    vulnerabilities,
  };
}

/** Writes the GitLab SAST report JSON. */
export function writeGitlabSast(report: ReviewReport): string {
  return `${JSON.stringify(toGitlabSast(report), null, 2)}\n`;
}
