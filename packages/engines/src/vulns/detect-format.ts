import { vulnParseError } from "./parse-error";
import { isObject } from "./json-shape";
import type { JsonObject } from "./json-shape";
import type { VulnReportFormat } from "./vulns-types";

/** Human names of the formats, used in every error message. */
export const FORMAT_NAMES: Readonly<Record<VulnReportFormat, string>> = {
  trivy: "Trivy JSON report",
  grype: "Grype JSON report",
  sarif: "SARIF 2.1.0 log",
  "cyclonedx-json": "CycloneDX JSON BOM",
  "cyclonedx-xml": "CycloneDX XML BOM",
  "osv-scanner": "OSV-Scanner JSON report",
  gitlab: "GitLab security report (schema 15.x)",
  nessus: "Nessus v2 XML (.nessus)",
};

const ALL =
  "a vulnerability report (Trivy, Grype, SARIF, CycloneDX, OSV-Scanner, GitLab JSON; CycloneDX or Nessus XML)";

/** Whether the text is JSON or XML, from its first significant character. */
export function detectSyntax(text: string): "json" | "xml" {
  const m = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  const c = m?.[0];
  if (c === "{" || c === "[") return "json";
  if (c === "<") return "xml";
  if (c === undefined) throw vulnParseError(ALL, "the file is empty", { line: 1, column: 1 });
  const line = text.slice(0, m!.index).split("\n").length;
  throw vulnParseError(ALL, `input is neither JSON nor XML (starts with ${JSON.stringify(c)})`, {
    line,
  });
}

/**
 * The format of a parsed JSON document, from its top-level shape. Detection looks at keys
 * only, so it costs nothing next to parsing; an unknown shape names what was found.
 */
export function detectJsonFormat(doc: unknown): VulnReportFormat {
  if (Array.isArray(doc)) {
    const first: unknown = doc[0];
    if (
      first === undefined ||
      (isObject(first) && ("Target" in first || "Vulnerabilities" in first))
    )
      return "trivy";
    throw vulnParseError(ALL, "a top-level array that is not a legacy Trivy report", {
      path: "$[0]",
    });
  }
  if (!isObject(doc))
    throw vulnParseError(ALL, `a JSON ${typeof doc} is not a report`, { path: "$" });
  const d: JsonObject = doc;
  if (d.bomFormat === "CycloneDX") return "cyclonedx-json";
  if ("SchemaVersion" in d || "ClusterName" in d || ("ArtifactName" in d && "Results" in d))
    return "trivy";
  if (
    Array.isArray(d.runs) &&
    ((typeof d.$schema === "string" && d.$schema.includes("sarif")) || d.version === "2.1.0")
  )
    return "sarif";
  if (Array.isArray(d.matches) && ("descriptor" in d || "source" in d)) return "grype";
  if (isObject(d.scan) && "vulnerabilities" in d) return "gitlab";
  if (
    Array.isArray(d.results) &&
    d.results.every((r) => isObject(r) && ("packages" in r || "source" in r))
  ) {
    return "osv-scanner";
  }
  if ("vulnerabilities" in d && typeof d.version === "string" && /^1[45]\./.test(d.version))
    return "gitlab";
  const keys = Object.keys(d).slice(0, 8).join(", ");
  throw vulnParseError(ALL, `unrecognised JSON report (top-level keys: ${keys || "none"})`, {
    path: "$",
  });
}

/** The format of a parsed XML document, from its root element. */
export function detectXmlFormat(doc: JsonObject): VulnReportFormat {
  if (isObject(doc.NessusClientData_v2)) return "nessus";
  if (isObject(doc.bom)) return "cyclonedx-xml";
  const root = Object.keys(doc).find((k) => !k.startsWith("?"));
  throw vulnParseError(
    ALL,
    `unrecognised XML root element <${root ?? "none"}> (expected <bom> or <NessusClientData_v2>)`,
    {
      path: `/${root ?? ""}`,
    },
  );
}

/**
 * A best guess of the format from the first 64 KiB of text, before parsing. Used only to name
 * the expected format in errors about broken files ("Trivy JSON report: unterminated string at
 * line 5"); detection proper is done on the parsed document.
 */
export function sniffFormat(text: string): VulnReportFormat | null {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (/<NessusClientData_v2\b/.test(head)) return "nessus";
  if (/<(?:\w+:)?bom\b[^>]*cyclonedx/i.test(head)) return "cyclonedx-xml";
  if (/"bomFormat"\s*:\s*"CycloneDX"/.test(head)) return "cyclonedx-json";
  if (/"SchemaVersion"\s*:|"ClusterName"\s*:|"ArtifactType"\s*:/.test(head)) return "trivy";
  if (/sarif-2\.1\.0|"runs"\s*:/.test(head)) return "sarif";
  if (
    /"descriptor"\s*:\s*\{\s*"name"\s*:\s*"grype"|"matches"\s*:\s*\[\s*\{\s*"vulnerability"/.test(
      head,
    )
  )
    return "grype";
  if (
    /"scan"\s*:\s*\{[^]*"analyzer"|"scan"\s*:\s*\{[^]*"scanner"/.test(head) &&
    /"vulnerabilities"\s*:/.test(head)
  )
    return "gitlab";
  if (/"results"\s*:\s*\[\s*\{\s*"source"\s*:/.test(head)) return "osv-scanner";
  return null;
}
