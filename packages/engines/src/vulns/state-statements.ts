import { normalizeVulnId, purlBase } from "./vuln-ids";
import type { ImportedState } from "./state-mapping";

/**
 * One outside statement about a vulnerability's state on a component (a VEX vulnerability ×
 * affected component, or a line of GitLab's Vulnerability Report CSV), already mapped to an
 * infrasec state. Services match it to stored findings with `statementMatches`.
 */
export interface StateStatement {
  /** Where in the document: "CVE-2024-1 × pkg:npm/a@1.0.0" or "line 12". */
  where: string;
  /** The statement's vulnerability id and its aliases, normalized (CVE upper-case...). */
  ids: string[];
  /** The component it is about; null when the statement names none (then every component). */
  component: StatementComponent | null;
  target: ImportedState;
  /** The comment a change carries: "VEX: not_affected (code_not_present): …". */
  note: string;
  /** When the statement was made (VEX analysis.lastUpdated, GitLab's "Dismissed At"…), if said. */
  issuedAt: string | null;
}

export interface StatementComponent {
  /** purl without version and qualifiers, lower-cased. */
  purl: string | null;
  name: string | null;
  version: string | null;
  /** The reference as written (bom-ref, purl, GitLab location), for messages. */
  ref: string;
}

/** The fields of a stored finding the matcher reads. */
export interface MatchableFinding {
  vulnId: string;
  aliases: readonly string[];
  purl: string | null;
  package: string | null;
  version: string | null;
}

/** The version part of a purl (`pkg:npm/a@1.2.3?x=y` → "1.2.3"), decoded; null without one. */
export function purlVersion(purl: string): string | null {
  let s = purl;
  for (const sep of ["#", "?"]) {
    const k = s.indexOf(sep);
    if (k >= 0) s = s.slice(0, k);
  }
  const at = s.lastIndexOf("@");
  if (at < 0 || at < s.indexOf("/")) return null;
  try {
    return decodeURIComponent(s.slice(at + 1)) || null;
  } catch {
    return s.slice(at + 1) || null;
  }
}

/** The name part of a purl without namespace: `pkg:maven/org.x/y@1` → "y". */
function purlName(purl: string): string | null {
  const base = purlBase(purl);
  if (!base) return null;
  const name = base.slice(base.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * A component from a reference: a purl, a BOM-Link (`urn:cdx:…#<bom-ref>`) whose fragment is a
 * purl, or else a package name (version given apart).
 */
export function componentFromRef(
  ref: string,
  name: string | null = null,
  version: string | null = null,
): StatementComponent {
  const fragment = ref.startsWith("urn:cdx:") ? ref.slice(ref.indexOf("#") + 1) : ref;
  const purl = fragment.startsWith("pkg:") ? fragment : null;
  return {
    ref,
    purl: purl ? purlBase(purl) : null,
    name: name ?? (purl ? purlName(purl) : fragment),
    version: version ?? (purl ? purlVersion(purl) : null),
  };
}

const lower = (s: string | null | undefined) => (s ?? "").toLowerCase();

/**
 * Whether a statement is about a stored finding: one of its ids is the finding's vulnerability
 * or an alias, and its component (when it names one) is the finding's package, by purl when both
 * have one, else by name, and by installed version when the statement gives one.
 */
export function statementMatches(s: StateStatement, f: MatchableFinding): boolean {
  const findingIds = new Set([f.vulnId, ...f.aliases].map(normalizeVulnId));
  if (!s.ids.some((id) => findingIds.has(normalizeVulnId(id)))) return false;
  const c = s.component;
  if (!c) return true;
  if (c.purl && f.purl) {
    if (purlBase(f.purl) !== c.purl) return false;
  } else if (c.name) {
    const names = [lower(f.package), lower(purlName(f.purl ?? ""))];
    if (!names.includes(lower(c.name))) return false;
  } else {
    return false;
  }
  return !c.version || c.version === f.version;
}

/** Distinct normalized ids, the first one first. */
export function statementIds(first: string | null, others: Iterable<string>): string[] {
  const out: string[] = [];
  for (const id of [first, ...others]) {
    const t = id?.trim();
    if (t && !out.includes(normalizeVulnId(t))) out.push(normalizeVulnId(t));
  }
  return out;
}
