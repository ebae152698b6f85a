import type { ExportFinding, ExportMeta, ExportWriter } from "./export-types";

const LEVEL: Record<string, string> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/**
 * A finding as a SARIF 2.1.0 result. Dismissed findings carry an accepted external suppression
 * (SARIF's way of saying "triaged, not a problem here") with the reason as justification;
 * resolved ones have `baselineState: "absent"`.
 */
export function sarifResult(f: ExportFinding): Record<string, unknown> {
  const where = f.package ? `${f.package}${f.version ? ` ${f.version}` : ""}` : f.assetKey;
  return {
    ruleId: f.vulnId,
    level: LEVEL[f.severity] ?? "warning",
    message: { text: `${f.vulnId}${f.title ? `: ${f.title}` : ""} (${where})` },
    locations: [
      {
        // Targets are names like "app:1 (debian 12.5)": encoded to stay a URI reference.
        physicalLocation: { artifactLocation: { uri: encodeURI(f.coverageTarget || f.assetKey) } },
        logicalLocations: [{ name: where, kind: "module" }],
      },
    ],
    partialFingerprints: { "infrasecFindingId/v1": f.id },
    ...(f.status === "resolved" ? { baselineState: "absent" } : {}),
    ...(f.status === "dismissed"
      ? {
          suppressions: [
            {
              kind: "external",
              status: "accepted",
              justification: [f.dismissalReason, f.justification, f.statusNote]
                .filter(Boolean)
                .join(": "),
            },
          ],
        }
      : {}),
    properties: {
      asset: f.assetKey,
      status: f.status,
      severity: f.severity,
      ...(f.cvssScore !== null ? { "security-severity": String(f.cvssScore) } : {}),
      ...(f.aliases.length ? { aliases: f.aliases } : {}),
    },
  };
}

/** A SARIF 2.1.0 log with one run; results streamed. */
export function sarifWriter(meta: ExportMeta): ExportWriter {
  let first = true;
  return {
    mediaType: "application/sarif+json",
    extension: "sarif",
    start: () =>
      `{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{` +
      `"tool":{"driver":{"name":"infrasec","version":${JSON.stringify(meta.toolVersion)}}},` +
      `"invocations":[{"executionSuccessful":true,"endTimeUtc":${JSON.stringify(meta.at)}}],"results":[`,
    item(f) {
      const text = JSON.stringify(sarifResult(f));
      const out = first ? text : `,${text}`;
      first = false;
      return out;
    },
    end: () => `]}]}\n`,
  };
}
