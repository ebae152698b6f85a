import ae from "ae-cvss-calculator";
import type { Severity } from "@infrasec/core";

/**
 * CVSS vectors of every version scored with ae-cvss-calculator (ADR 0202). The library is
 * lenient: it accepts repeated metrics, missing base metrics (score 0) and ignores what it does
 * not know, so this module validates the vector's shape first and names the bad part.
 */

export type CvssVersion = "2.0" | "3.0" | "3.1" | "4.0";

export interface CvssResult {
  version: CvssVersion;
  /** Base score 0–10 (CVSS-B for v4.0: base metrics, threat and environmental ignored). */
  score: number;
  /** The vector as given, trimmed. */
  vector: string;
  severity: Severity;
}

/** A vector that cannot be scored; `part` is the offending `KEY:VALUE` when one is to blame. */
export class CvssVectorError extends Error {
  constructor(
    message: string,
    readonly vector: string,
    readonly part?: string,
  ) {
    super(message);
    this.name = "CvssVectorError";
  }
}

/** Longest vector accepted: a v4.0 vector with every supplemental metric is about 300 characters. */
export const CVSS_VECTOR_MAX = 512;

const BASE_METRICS: Readonly<Record<CvssVersion, readonly string[]>> = {
  "2.0": ["AV", "AC", "Au", "C", "I", "A"],
  "3.0": ["AV", "AC", "PR", "UI", "S", "C", "I", "A"],
  "3.1": ["AV", "AC", "PR", "UI", "S", "C", "I", "A"],
  "4.0": ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"],
};

/** The version a vector declares; v2 vectors have no prefix (optionally "(AV:…)" or "CVSS:2.0/"). */
export function cvssVersionOf(vector: string): CvssVersion | null {
  const m = /^CVSS:(\d\.\d)\//.exec(vector.trim());
  if (!m) return /^\(?AV:[LAN]\//.test(vector.trim()) ? "2.0" : null;
  const v = m[1];
  return v === "2.0" || v === "3.0" || v === "3.1" || v === "4.0" ? v : null;
}

/**
 * Parses and scores a vector of CVSS v2.0, v3.0, v3.1 or v4.0. Throws CvssVectorError naming
 * the version and the part at fault ("CVSS 3.1 vector: part 2 "AC:Q": unknown value Q for AC").
 */
export function scoreCvss(vectorText: string): CvssResult {
  const vector = vectorText.trim();
  if (vector.length === 0) throw new CvssVectorError("CVSS vector is empty", vector);
  if (vector.length > CVSS_VECTOR_MAX) {
    throw new CvssVectorError(
      `CVSS vector is ${vector.length} characters long (at most ${CVSS_VECTOR_MAX})`,
      vector.slice(0, 64),
    );
  }
  const version = cvssVersionOf(vector);
  if (!version) {
    const prefix = /^CVSS:[^/]*/.exec(vector)?.[0];
    throw new CvssVectorError(
      prefix
        ? `unsupported CVSS version "${prefix}" (2.0, 3.0, 3.1 and 4.0 are supported)`
        : `not a CVSS vector: "${vector.slice(0, 40)}" (expected CVSS:3.1/AV:…, CVSS:4.0/AV:… or a v2 AV:…/AC:… vector)`,
      vector,
      prefix,
    );
  }
  const body = vector
    .replace(/^CVSS:\d\.\d\//, "")
    .replace(/^\((.*)\)$/, "$1")
    .replace(/\/$/, "");
  const label = `CVSS ${version} vector`;
  const seen = new Set<string>();
  body.split("/").forEach((part, i) => {
    const m = /^([A-Za-z]+):([A-Za-z0-9]+)$/.exec(part);
    if (!m) {
      throw new CvssVectorError(
        `${label}: part ${i + 1} "${part}" is not METRIC:VALUE`,
        vector,
        part,
      );
    }
    if (seen.has(m[1]!)) {
      throw new CvssVectorError(
        `${label}: part ${i + 1} "${part}" repeats metric ${m[1]}`,
        vector,
        part,
      );
    }
    seen.add(m[1]!);
  });
  const missing = BASE_METRICS[version].filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new CvssVectorError(
      `${label}: missing base metric${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
      vector,
    );
  }
  const parsed = construct(version, version === "2.0" ? body : vector, label, vector, body);
  if (!parsed.isBaseFullyDefined()) {
    const undefinedPart = body
      .split("/")
      .find((p) => BASE_METRICS[version].includes(p.split(":")[0]!) && p.endsWith(":X"));
    throw new CvssVectorError(
      `${label}: base metrics must be defined${undefinedPart ? ` ("${undefinedPart}" is not)` : ""}`,
      vector,
      undefinedPart,
    );
  }
  const scores = parsed.calculateScores();
  // v4.0: CVSS-B (base metrics only). Threat metrics (E) would count exploitation twice: the
  // priority model takes it from KEV and EPSS. v2/v3: the base score (temporal ignored).
  const base =
    "baseMetricsOnly" in scores && typeof scores.baseMetricsOnly === "number"
      ? scores.baseMetricsOnly
      : "base" in scores && typeof scores.base === "number"
        ? scores.base
        : scores.overall;
  const score = Math.round(base * 10) / 10;
  return { version, score, vector, severity: cvssSeverity(score, version) };
}

/** Like scoreCvss, but null instead of an error (for imports that keep going). */
export function tryScoreCvss(vector: string | null | undefined): CvssResult | null {
  if (!vector) return null;
  try {
    return scoreCvss(vector);
  } catch (e) {
    if (e instanceof CvssVectorError) return null;
    throw e;
  }
}

/**
 * Qualitative severity of a score. v3.x and v4.0 share the bands (None 0, Low 0.1–3.9, Medium
 * 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0); v2 has no Critical band (High is 7.0–10.0).
 */
export function cvssSeverity(score: number, version: CvssVersion): Severity {
  if (score >= 9) return version === "2.0" ? "high" : "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  if (score > 0) return "low";
  return "info";
}

type Parsed = InstanceType<
  typeof ae.Cvss2 | typeof ae.Cvss3P0 | typeof ae.Cvss3P1 | typeof ae.Cvss4P0
>;

function construct(
  version: CvssVersion,
  input: string,
  label: string,
  vector: string,
  body: string,
): Parsed {
  try {
    switch (version) {
      case "2.0":
        return new ae.Cvss2(input);
      case "3.0":
        return new ae.Cvss3P0(input);
      case "3.1":
        return new ae.Cvss3P1(input);
      case "4.0":
        return new ae.Cvss4P0(input);
    }
  } catch (e) {
    // The library names the component ("Unknown component value Q for component AV"): point
    // at the part that holds it.
    const message = e instanceof Error ? e.message : String(e);
    const m = /value (\S+) for component (\S+)/i.exec(message);
    const parts = body.split("/");
    const idx = m ? parts.findIndex((p) => p === `${m[2]}:${m[1]}`) : -1;
    if (idx >= 0) {
      throw new CvssVectorError(
        `${label}: part ${idx + 1} "${parts[idx]}": unknown value ${m![1]} for ${m![2]}`,
        vector,
        parts[idx],
      );
    }
    const unknown = /component (\S+)/i.exec(message)?.[1];
    const uidx = unknown ? parts.findIndex((p) => p.startsWith(`${unknown}:`)) : -1;
    throw new CvssVectorError(
      `${label}: ${uidx >= 0 ? `part ${uidx + 1} "${parts[uidx]}": ` : ""}${message}`,
      vector,
      uidx >= 0 ? parts[uidx] : undefined,
    );
  }
}
