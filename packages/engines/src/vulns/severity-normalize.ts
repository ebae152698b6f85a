import type { Severity } from "@infrasec/core";
import type { CvssScore, SeveritySource } from "./vulns-types";

/** CVSS base score → severity (domain brief §5; 0.0 is informational). */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  if (score > 0) return "low";
  return "info";
}

/**
 * A scanner's severity word → Severity. Accepts the spellings of Trivy (CRITICAL), GitLab
 * (Critical, Unknown), Grype (Negligible), CycloneDX (none, unknown) and Nessus risk factors.
 * Unknown words give null so the caller can fall back.
 */
export function severityFromText(text: string | null | undefined): Severity | null {
  switch ((text ?? "").trim().toLowerCase()) {
    case "critical":
      return "critical";
    case "high":
    case "important":
      return "high";
    case "medium":
    case "moderate":
      return "medium";
    case "low":
      return "low";
    case "info":
    case "informational":
    case "negligible":
    case "none":
    case "note":
      return "info";
    default:
      return null;
  }
}

/** Nessus `severity` attribute 0..4 → Severity. */
export function severityFromNessus(n: number): Severity {
  return (["info", "low", "medium", "high", "critical"] as const)[
    Math.max(0, Math.min(4, Math.trunc(n)))
  ]!;
}

/** Preferred raters, most trusted first, when a report carries several scores of one version. */
const SOURCE_ORDER = ["nvd", "ghsa", "github", "redhat"];

/** Picks the score of one CVSS version, preferring NVD, then GHSA, then the named source. */
export function pickCvss(
  cvss: readonly CvssScore[],
  version: CvssScore["version"],
  prefer?: string,
): CvssScore | null {
  const withScore = cvss.filter((c) => c.version === version && c.score !== null);
  if (withScore.length === 0) return null;
  const order = prefer ? [...SOURCE_ORDER, prefer.toLowerCase()] : SOURCE_ORDER;
  for (const src of order) {
    const hit = withScore.find((c) => c.source.toLowerCase() === src);
    if (hit) return hit;
  }
  return withScore[0]!;
}

/**
 * Normalised severity in the handbook's source order: CVSS v3 base, then v2, then the scanner;
 * CVSS v4 is used only when nothing else is known. Returns which source decided.
 */
export function normalizeSeverity(
  cvss: readonly CvssScore[],
  scanner: Severity | null,
  preferSource?: string,
): { severity: Severity; source: SeveritySource } {
  const v3 = pickCvss(cvss, "3", preferSource);
  if (v3?.score != null) return { severity: severityFromScore(v3.score), source: "cvss_v3" };
  const v2 = pickCvss(cvss, "2", preferSource);
  if (v2?.score != null) return { severity: severityFromScore(v2.score), source: "cvss_v2" };
  if (scanner) return { severity: scanner, source: "scanner" };
  const v4 = pickCvss(cvss, "4", preferSource);
  if (v4?.score != null) return { severity: severityFromScore(v4.score), source: "cvss_v4" };
  return { severity: "info", source: "scanner" };
}

/** CVSS version from a vector string prefix ("CVSS:3.1/…", "CVSS:4.0/…"; bare vectors are v2). */
export function cvssVersionOfVector(vector: string): CvssScore["version"] {
  if (vector.startsWith("CVSS:4")) return "4";
  if (vector.startsWith("CVSS:3")) return "3";
  return /(^|\/)Au:/.test(vector) ? "2" : "3";
}
