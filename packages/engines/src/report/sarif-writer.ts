import type { Finding, Severity } from "@infrasec/core";
import { ruleIndex, sortFindings, type ReportRuleMeta, type ReviewReport } from "./report-model";

type Level = "error" | "warning" | "note" | "none";

/** SARIF level per severity (GitHub and GitLab read `level`; `security-severity` sorts). */
export const SARIF_LEVELS: Record<Severity, Level> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub code-scanning scale: ≥9 critical, ≥7 high, ≥4 medium, >0 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "0.0",
};

const TAXONOMY = "infrasec-frameworks";
const FINGERPRINT_KEY = "infrasecFingerprint/v1";

/** File path → SARIF URI reference (forward slashes, percent-encoded). */
function toUri(file: string): string {
  return encodeURI(file.replace(/\\/g, "/"));
}

function artifact(file: string): { uri: string; uriBaseId?: string } {
  const uri = toUri(file);
  return /^([a-z]+:|\/)/i.test(uri) ? { uri } : { uri, uriBaseId: "%SRCROOT%" };
}

function helpMarkdown(r: ReportRuleMeta): string {
  const refs = r.references.map((u) => `- <${u}>`).join("\n");
  return `${r.description}\n\n**Remediation:** ${r.remediation}${refs ? `\n\n**References**\n${refs}` : ""}`;
}

function baselineState(f: Finding): "new" | "unchanged" | "absent" | undefined {
  return f.status === "new"
    ? "new"
    : f.status === "existing"
      ? "unchanged"
      : f.status === "fixed"
        ? "absent"
        : undefined;
}

/** Builds the SARIF 2.1.0 log object (one run). */
export function toSarif(report: ReviewReport): Record<string, unknown> {
  const rules = ruleIndex(report);
  // Rules that findings reference but the catalogue lacks still need a descriptor for ruleIndex.
  const catalogue: ReportRuleMeta[] = [...report.rules];
  for (const f of sortFindings(report.findings)) {
    if (!rules.get(f.ruleId) && !catalogue.some((r) => r.id === f.ruleId)) {
      catalogue.push({
        id: f.ruleId,
        title: f.title,
        severity: f.severity,
        description: f.title,
        remediation: "",
        references: [],
        frameworks: [],
        equivalents: {},
      });
    }
  }
  const indexOf = new Map(catalogue.map((r, i) => [r.id, i]));
  const taxa = [...new Set(catalogue.flatMap((r) => r.frameworks))].sort();
  const taxonIndex = new Map(taxa.map((t, i) => [t, i]));
  const driverRules = catalogue.map((r) => ({
    id: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${r.description}\n\nRemediation: ${r.remediation}`, markdown: helpMarkdown(r) },
    ...(r.references[0] ? { helpUri: r.references[0] } : {}),
    defaultConfiguration: { level: SARIF_LEVELS[r.severity] },
    ...(r.frameworks.length > 0
      ? {
          relationships: r.frameworks.map((t) => ({
            target: {
              id: t,
              index: taxonIndex.get(t),
              toolComponent: { name: TAXONOMY, index: 0 },
            },
            kinds: ["relevant"],
          })),
        }
      : {}),
    properties: {
      tags: ["security", ...r.frameworks, ...(r.framework ? [r.framework] : [])],
      "security-severity": SECURITY_SEVERITY[r.severity],
      severity: r.severity,
      precision: "high",
      equivalents: r.equivalents,
    },
  }));
  const results = sortFindings(report.findings).map((f) => {
    const unknown = f.status === "unknown";
    const state = baselineState(f);
    return {
      ruleId: f.ruleId,
      ruleIndex: indexOf.get(f.ruleId) ?? 0,
      kind: unknown ? "review" : f.status === "fixed" ? "pass" : "fail",
      level: unknown || f.status === "fixed" ? "none" : SARIF_LEVELS[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(f.location.file),
            region: {
              startLine: Math.max(1, f.location.startLine),
              endLine: Math.max(1, f.location.startLine, f.location.endLine),
              ...(f.location.startColumn ? { startColumn: f.location.startColumn } : {}),
            },
          },
          logicalLocations: [
            { name: f.resource, fullyQualifiedName: f.resource, kind: "resource" },
          ],
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...(state ? { baselineState: state } : {}),
      ...(f.suppression
        ? {
            suppressions: [
              {
                kind: /config|external|baseline/i.test(f.suppression.source)
                  ? "external"
                  : "inSource",
                status: "accepted",
                justification: f.suppression.reason,
                properties: {
                  source: f.suppression.source,
                  ...(f.suppression.until ? { until: f.suppression.until } : {}),
                  ...(f.suppression.owner ? { owner: f.suppression.owner } : {}),
                },
              },
            ],
          }
        : {}),
      properties: {
        severity: f.severity,
        status: f.status,
        resource: f.resource,
        ...(f.attributePath ? { attributePath: f.attributePath } : {}),
        ...(f.needs ? { needs: f.needs } : {}),
        equivalents: rules.equivalents(f.ruleId),
      },
    };
  });
  const overrides = (report.overrides ?? []).filter((o) => indexOf.has(o.ruleId));
  const invocation = {
    executionSuccessful: true,
    ...(overrides.length > 0
      ? {
          ruleConfigurationOverrides: overrides.map((o) => ({
            descriptor: { id: o.ruleId, index: indexOf.get(o.ruleId) },
            configuration: {
              level: SARIF_LEVELS[o.severity],
              properties: {
                severity: o.severity,
                "security-severity": SECURITY_SEVERITY[o.severity],
              },
            },
          })),
        }
      : {}),
    ...(report.startedAt ? { startTimeUtc: report.startedAt } : {}),
    ...(report.finishedAt ? { endTimeUtc: report.finishedAt } : {}),
    toolExecutionNotifications: [
      ...report.errors.map((e) => ({
        level: "error",
        message: { text: e.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifact(e.file),
              ...(e.line !== undefined && e.line >= 1 ? { region: { startLine: e.line } } : {}),
            },
          },
        ],
      })),
      ...suppressionNotifications(report),
    ],
  };
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            ...(report.tool.informationUri ? { informationUri: report.tool.informationUri } : {}),
            rules: driverRules,
            ...(taxa.length > 0 ? { supportedTaxonomies: [{ name: TAXONOMY, index: 0 }] } : {}),
          },
        },
        ...(taxa.length > 0
          ? {
              taxonomies: [
                {
                  name: TAXONOMY,
                  shortDescription: {
                    text: "Compliance frameworks the rules map to (CIS, Pod Security Standards, NSA).",
                  },
                  taxa: taxa.map((t) => ({ id: t, name: t })),
                },
              ],
            }
          : {}),
        invocations: [invocation],
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

/**
 * Stale and expired suppressions as warnings of the invocation: they suppress nothing, so they
 * have no result to hang on; `descriptor` names the rule when it is one of ours.
 */
function suppressionNotifications(report: ReviewReport): object[] {
  const known = new Set(report.rules.map((r) => r.id));
  return (report.suppressions ?? [])
    .filter((s) => s.state !== "active")
    .map((s) => ({
      level: "warning",
      message: {
        text:
          s.state === "expired"
            ? `expired suppression of ${s.rules.join(", ")} (until ${s.until ?? "?"}): it no longer suppresses`
            : `stale suppression of ${s.rules.join(", ")}: it matches no finding`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(s.file),
            ...(s.line >= 1 ? { region: { startLine: s.line } } : {}),
          },
        },
      ],
      ...(s.rules.length === 1 && known.has(s.rules[0]!)
        ? { associatedRule: { id: s.rules[0] } }
        : {}),
      properties: {
        suppressionState: s.state,
        source: s.source,
        rules: s.rules,
        reason: s.reason,
        ...(s.until ? { until: s.until } : {}),
        ...(s.owner ? { owner: s.owner } : {}),
      },
    }));
}

/** Writes SARIF 2.1.0 with full rule metadata, taxa, fingerprints, baseline states and suppressions. */
export function writeSarif(report: ReviewReport): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
