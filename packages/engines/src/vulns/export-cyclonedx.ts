import { toVexAnalysis } from "./state-mapping";
import type { ExportFinding, ExportMeta, ExportWriter } from "./export-types";

/** CycloneDX rating method of a CVSS vector. */
export function cvssMethod(vector: string | null): string {
  if (!vector) return "other";
  if (vector.startsWith("CVSS:4")) return "CVSSv4";
  if (vector.startsWith("CVSS:3.1")) return "CVSSv31";
  if (vector.startsWith("CVSS:3")) return "CVSSv3";
  if (/^\(?AV:[LAN]/.test(vector)) return "CVSSv2";
  return "other";
}

const CDX_SEVERITIES = new Set(["critical", "high", "medium", "low", "info"]);

function advisorySource(id: string): { name: string; url?: string } {
  if (/^CVE-/i.test(id)) return { name: "NVD", url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (/^GHSA-/i.test(id)) return { name: "GitHub", url: `https://github.com/advisories/${id}` };
  return { name: "OSV", url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` };
}

interface Component {
  ref: string;
  json: Record<string, unknown>;
}

/** The component a finding affects: its package at its version, else its asset. */
function componentOf(f: ExportFinding): Component {
  if (f.package || f.purl) {
    const version = f.version ?? undefined;
    const purl = f.purl ? `${f.purl}${version ? `@${encodeURIComponent(version)}` : ""}` : null;
    const name = f.package ?? f.purl!.slice(f.purl!.lastIndexOf("/") + 1);
    const ref = purl ?? `infrasec:package:${name}@${version ?? ""}`;
    return {
      ref,
      json: {
        type: "library",
        "bom-ref": ref,
        name,
        ...(version ? { version } : {}),
        ...(purl ? { purl } : {}),
      },
    };
  }
  const ref = `infrasec:asset:${f.assetKey}`;
  return { ref, json: { type: "application", "bom-ref": ref, name: f.assetKey } };
}

/** One CycloneDX vulnerability per finding, affecting its component. */
export function cyclonedxVulnerability(f: ExportFinding, componentRef: string) {
  const severity = CDX_SEVERITIES.has(f.severity) ? f.severity : "unknown";
  const rating: Record<string, unknown> = { severity, method: cvssMethod(f.cvssVector) };
  if (f.cvssScore !== null) rating.score = f.cvssScore;
  if (f.cvssVector) rating.vector = f.cvssVector;
  const cwes = f.cwes
    .map((c) => Number(/(\d+)$/.exec(c)?.[1]))
    .filter((n) => Number.isInteger(n) && n > 0);
  const analysis = {
    ...toVexAnalysis(
      { status: f.status, reason: f.dismissalReason, justification: f.justification },
      f.statusNote,
    ),
    lastUpdated: f.updatedAt,
  };
  return {
    "bom-ref": f.id,
    id: f.vulnId,
    source: advisorySource(f.vulnId),
    ...(f.aliases.length
      ? { references: f.aliases.map((id) => ({ id, source: advisorySource(id) })) }
      : {}),
    ratings: [rating],
    ...(cwes.length ? { cwes } : {}),
    ...(f.title ? { description: f.title } : {}),
    ...(f.fixedVersion
      ? { recommendation: `Upgrade ${f.package ?? "the component"} to ${f.fixedVersion}` }
      : {}),
    analysis,
    affects: [{ ref: componentRef }],
    properties: [
      { name: "infrasec:asset", value: f.assetKey },
      { name: "infrasec:status", value: f.status },
      ...(f.dismissalReason
        ? [{ name: "infrasec:dismissal_reason", value: f.dismissalReason }]
        : []),
    ],
  };
}

/**
 * CycloneDX 1.6 JSON VEX: `vulnerabilities[]` stream first, the components they affect follow
 * (key order is free in JSON), so only the distinct components are held, not the findings.
 */
export function cyclonedxVexWriter(meta: ExportMeta): ExportWriter {
  const components = new Map<string, Record<string, unknown>>();
  let first = true;
  return {
    mediaType: "application/vnd.cyclonedx+json",
    extension: "cdx.json",
    start: () =>
      `{"bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":"urn:uuid:${meta.serial}","version":1,` +
      `"metadata":${JSON.stringify({
        timestamp: meta.at,
        tools: {
          components: [{ type: "application", name: "infrasec", version: meta.toolVersion }],
        },
      })},"vulnerabilities":[`,
    item(f) {
      const c = componentOf(f);
      if (!components.has(c.ref)) components.set(c.ref, c.json);
      const text = JSON.stringify(cyclonedxVulnerability(f, c.ref));
      const out = first ? text : `,${text}`;
      first = false;
      return out;
    },
    end: () => `],"components":${JSON.stringify([...components.values()])}}\n`,
  };
}
