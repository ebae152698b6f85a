import { toGitlabState } from "./state-mapping";
import type { ExportFinding, ExportMeta, ExportWriter } from "./export-types";

const GITLAB_SEVERITY: Record<string, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Info",
};

/** GitLab schema timestamps: yyyy-mm-ddThh:mm:ss, no zone, no fraction. */
const gitlabTime = (iso: string) => iso.slice(0, 19);

// GitLab accepts CVSS v3.0/3.1 vectors of known metrics only; others are left out, not sent broken.
const CVSS3 = /^CVSS:3\.[01]\/(?:[A-Z]{1,3}:[A-Z]\/)*[A-Z]{1,3}:[A-Z]$/;

function identifier(id: string) {
  if (/^CVE-/i.test(id))
    return { type: "cve", name: id, value: id, url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (/^GHSA-/i.test(id))
    return { type: "ghsa", name: id, value: id, url: `https://github.com/advisories/${id}` };
  return { type: "osv", name: id, value: id };
}

/**
 * A finding as a GitLab dependency-scanning vulnerability, or null when GitLab's
 * dependency-scanning shape cannot hold it (no package) or it should not be reported (resolved:
 * absent from a report is how GitLab learns that something is no longer detected).
 *
 * GitLab security reports have no state field: GitLab keeps triage state on its side. The state
 * travels as what GitLab reads: a `flagged-as-likely-false-positive` flag for false positives and
 * not-affected dismissals, and an "infrasec state" entry in `details` naming the GitLab state and
 * dismissal reason to set (see docs/vulns/states-and-exports.md).
 */
export function gitlabVulnerability(f: ExportFinding): Record<string, unknown> | null {
  if (f.status === "resolved" || !f.package || !f.version) return null;
  const gl = toGitlabState({
    status: f.status,
    reason: f.dismissalReason,
    justification: f.justification,
  });
  const stateText = `${gl.state}${gl.dismissalReason ? ` (${gl.dismissalReason})` : ""}${
    f.statusNote ? `: ${f.statusNote.slice(0, 2000)}` : ""
  }`;
  const cwes = f.cwes.flatMap((c) => {
    const n = /(\d+)$/.exec(c)?.[1];
    return n ? [{ type: "cwe", name: `CWE-${n}`, value: n }] : [];
  });
  const vector = f.cvssVector && CVSS3.test(f.cvssVector) ? f.cvssVector : null;
  const falsePositive =
    f.status === "dismissed" &&
    (f.dismissalReason === "false_positive" || f.dismissalReason === "not_affected");
  return {
    id: f.id,
    name: (f.title ?? `${f.vulnId} in ${f.package}`).slice(0, 255),
    description: `${f.vulnId} in ${f.package} ${f.version} on ${f.assetKey}`,
    severity: GITLAB_SEVERITY[f.severity] ?? "Unknown",
    ...(f.fixedVersion
      ? { solution: `Upgrade ${f.package} to ${f.fixedVersion}`.slice(0, 7000) }
      : {}),
    identifiers: [f.vulnId, ...f.aliases].map(identifier).concat(cwes),
    ...(vector && vector.length >= 32 && vector.length <= 128
      ? { cvss_vectors: [{ vendor: "infrasec", vector }] }
      : {}),
    details: {
      infrasec_state: {
        name: "infrasec state",
        type: "text",
        value: `${f.status} → GitLab ${stateText}`,
      },
    },
    ...(falsePositive
      ? {
          flags: [
            {
              type: "flagged-as-likely-false-positive",
              origin: "infrasec",
              description: `dismissed in infrasec as ${f.dismissalReason}${f.justification ? ` (${f.justification})` : ""}`,
            },
          ],
        }
      : {}),
    location: {
      file: f.coverageTarget || f.assetKey,
      dependency: { package: { name: f.package }, version: f.version },
    },
  };
}

/** A GitLab dependency-scanning report (schema 15.2.1), vulnerabilities streamed. */
export function gitlabReportWriter(meta: ExportMeta): ExportWriter {
  let first = true;
  const tool = {
    id: "infrasec",
    name: "infrasec",
    version: meta.toolVersion,
    vendor: { name: "infrasec" },
  };
  return {
    mediaType: "application/json",
    extension: "gl-dependency-scanning-report.json",
    start: () => `{"version":"15.2.1","vulnerabilities":[`,
    item(f) {
      const v = gitlabVulnerability(f);
      if (!v) return "";
      const text = JSON.stringify(v);
      const out = first ? text : `,${text}`;
      first = false;
      return out;
    },
    end: () =>
      `],"scan":${JSON.stringify({
        analyzer: tool,
        scanner: tool,
        type: "dependency_scanning",
        status: "success",
        start_time: gitlabTime(meta.at),
        end_time: gitlabTime(meta.at),
      })}}\n`,
  };
}
