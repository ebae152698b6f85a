import { hash } from "node:crypto";
import type { RecordKind, VulnIdentity, VulnReportFormat } from "./vulns-types";

/**
 * Versions of the identity tuple shapes. The version is hashed, so bumping one re-keys every
 * finding of that kind; stored tuples let the service migrate keys by replay (ADR 0201).
 */
export const IDENTITY_VERSIONS: Readonly<Record<RecordKind, string>> = {
  package: "pkg@1",
  config: "config@1",
  secret: "secret@1",
  code: "code@1",
  host: "host@1",
};

/** Version of each format's identity function (how it maps report fields onto the tuple). */
export const FORMAT_IDENTITY_VERSIONS: Readonly<Record<VulnReportFormat, string>> = {
  trivy: "trivy@1",
  grype: "grype@1",
  sarif: "sarif@1",
  "cyclonedx-json": "cyclonedx@1",
  "cyclonedx-xml": "cyclonedx@1",
  "osv-scanner": "osv-scanner@1",
  gitlab: "gitlab@1",
  nessus: "nessus@1",
};

// Ecosystems whose namespace is part of the package's name (Maven group, Go module path, npm
// scope). For OS packages the purl namespace is the distro, which scanners spell differently.
const NAMESPACED = new Set([
  "maven",
  "golang",
  "npm",
  "composer",
  "swift",
  "github",
  "bitbucket",
  "gitlab",
  "hex",
]);

/**
 * Package key used in identity: the package name as its ecosystem writes it, lower-cased, with
 * Maven's `group:artifact` and purl's `group/artifact` made equal. Version and qualifiers never
 * enter it (the installed version is a separate tuple field).
 */
export function packageKey(name: string, purl: string | null): string {
  const m = /^pkg:([a-z0-9.+-]+)\/([^@?#]+)/i.exec(purl ?? "");
  if (m) {
    const type = m[1]!.toLowerCase();
    const parts = m[2]!.split("/").map((p) => safeDecode(p));
    const pkgName = parts[parts.length - 1]!;
    const ns = parts.slice(0, -1).join("/");
    return (NAMESPACED.has(type) && ns ? `${ns}/${pkgName}` : pkgName).toLowerCase();
  }
  return name.replace(/:/g, "/").toLowerCase();
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What identity needs from a record; mutable text and severity are deliberately absent. */
export interface IdentityInput {
  kind: RecordKind;
  target: string;
  package: string | null;
  purl: string | null;
  version: string | null;
  locus: string | null;
  vulnId: string;
  reportedId: string;
}

/**
 * The identity of a record: tuple `[kind, asset, package-or-location, installed version,
 * canonical vulnerability id]`, its sha256 over the JCS serialization of `[version, ...tuple]`,
 * and a sentence saying why two records with that hash are the same finding.
 */
export function computeIdentity(r: IdentityInput, format: VulnReportFormat): VulnIdentity {
  const version = IDENTITY_VERSIONS[r.kind];
  const where =
    r.kind === "package"
      ? packageKey(r.package ?? r.locus ?? "", r.purl)
      : (r.locus ?? r.package ?? "");
  const tuple = [r.kind, r.target, where, r.kind === "package" ? (r.version ?? "") : "", r.vulnId];
  return {
    version,
    fn: FORMAT_IDENTITY_VERSIONS[format],
    tuple,
    hash: hashTuple(version, tuple),
    basis: explain(r, where),
  };
}

/**
 * sha256 over RFC 8785 (JCS) of an array of strings. For strings JCS is exactly ECMAScript's
 * JSON.stringify, so the serialization is unambiguous (no bare concatenation: ["ab","c"] and
 * ["a","bc"] differ).
 */
export function hashTuple(version: string, tuple: readonly string[]): string {
  // One-shot crypto.hash: several times faster than createHash() for short inputs.
  return hash("sha256", JSON.stringify([version, ...tuple]), "hex");
}

function explain(r: IdentityInput, where: string): string {
  const vuln = r.reportedId !== r.vulnId ? `${r.vulnId} (reported as ${r.reportedId})` : r.vulnId;
  switch (r.kind) {
    case "package":
      return `same asset "${r.target}", package "${where}", installed version "${r.version ?? ""}" and vulnerability ${vuln}`;
    case "host":
      return `same host "${r.target}", port "${where}" and check ${vuln}`;
    case "code":
      return `same asset "${r.target}", location/fingerprint "${where}" and rule ${vuln}`;
    default:
      return `same asset "${r.target}", ${r.kind === "secret" ? "file" : "file/resource"} "${where}" and rule ${vuln}`;
  }
}
