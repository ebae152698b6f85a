import { vulnParseError } from "./parse-error";
import { parseReport } from "./parse-report";
import { isObject, parseJsonText } from "./json-shape";
import { fromVexAnalysis } from "./state-mapping";
import { componentFromRef, statementIds } from "./state-statements";
import type { StateStatement } from "./state-statements";
import { purlBase } from "./vuln-ids";

const EXPECTED = "CycloneDX VEX document";

/**
 * The VEX statements of a CycloneDX document (a VEX, or an SBOM/VDR whose vulnerabilities carry
 * `analysis`), JSON or XML, 1.4–1.7: one per vulnerability × `affects[].ref`, through the engine's
 * CycloneDX readers, so ids and aliases are resolved as imports resolve them. Vulnerabilities
 * without an analysis are statements that leave findings as they are. Throws `parse_failed`.
 */
export function readVexStatements(content: string): StateStatement[] {
  const report = parseReport(content, { asset: "vex" });
  if (report.format !== "cyclonedx-json" && report.format !== "cyclonedx-xml") {
    throw vulnParseError(EXPECTED, `this is a ${report.format} report, not a CycloneDX document`);
  }
  const issued =
    report.format === "cyclonedx-json" ? analysisTimes(content) : new Map<string, string>();
  return report.records.map((r) => {
    const ref = r.location.detail ?? null;
    // A ref that names no component of the document is taken as a purl (or a BOM-Link to one)
    // when it is one, else as a package name, as the import reads it.
    const fragment = ref?.startsWith("urn:cdx:") ? ref.slice(ref.indexOf("#") + 1) : ref;
    const component = !ref
      ? null
      : r.purl || !fragment?.startsWith("pkg:")
        ? { ref, purl: purlBase(r.purl), name: r.package, version: r.version }
        : componentFromRef(ref);
    const vex = r.vex;
    const analysis = vex
      ? [vex.state, vex.justification && `(${vex.justification})`, vex.response?.join(", ")]
          .filter(Boolean)
          .join(" ")
      : null;
    return {
      where: `${r.reportedId}${ref ? ` × ${ref}` : ""}`,
      ids: statementIds(r.vulnId, [r.reportedId, ...r.aliases]),
      component,
      target: vex
        ? fromVexAnalysis(vex)
        : { action: "leave", why: "the vulnerability carries no VEX analysis" },
      note: `VEX: ${analysis ?? "no analysis"}${vex?.detail ? `: ${vex.detail}` : ""}`,
      issuedAt: issued.get(r.reportedId) ?? null,
    };
  });
}

/**
 * When each vulnerability's analysis was last updated (`analysis.lastUpdated`, else
 * `analysis.firstIssued`, else the vulnerability's `updated`), by reported id. The readers do not
 * keep these, and "a person set it later" needs them.
 */
function analysisTimes(content: string): Map<string, string> {
  const out = new Map<string, string>();
  const doc = parseJsonText(content, EXPECTED);
  const vulns = isObject(doc) && Array.isArray(doc.vulnerabilities) ? doc.vulnerabilities : [];
  for (const v of vulns as unknown[]) {
    if (!isObject(v)) continue;
    const id = typeof v.id === "string" ? v.id : null;
    const a = isObject(v.analysis) ? v.analysis : {};
    const at = [a.lastUpdated, a.firstIssued, v.updated].find(
      (x): x is string => typeof x === "string" && !Number.isNaN(Date.parse(x)),
    );
    if (id && at) out.set(id, new Date(at).toISOString());
  }
  return out;
}
