/** Families of vulnerability ids, in canonical preference order (CVE first). */
export type VulnIdFamily = "cve" | "ghsa" | "osv" | "vendor" | "rule";

const CVE = /^CVE-\d{4}-\d{4,}$/i;
const GHSA = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/i;
// OSV database prefixes (https://ossf.github.io/osv-schema/#id-modified-fields).
const OSV =
  /^(GO|PYSEC|RUSTSEC|OSV|GSD|MAL|BIT|CURL|DLA|DSA|DTSA|UVI|PSF|R|RSEC|USN|ALSA|ALBA|ALEA|LBSEC|MGASA|RLSA|RXSA|SUSE-[A-Z]+|openSUSE-[A-Z]+|UBUNTU|CGA|ECHO|HSEC|MINI|BELL|V8)-/i;
const VENDOR =
  /^(RHSA|RHBA|RHEA|ELSA|ALAS\d?|ALINUX\d*-SA|DSA|DLA|USN|TEMP|SNYK|NSWG|JFSA|XRAY|CISCO|MSRC|KB)-?/i;

/** The family of an id; anything unrecognised is treated as a scanner rule or vendor id. */
export function vulnIdFamily(id: string): VulnIdFamily {
  if (CVE.test(id)) return "cve";
  if (GHSA.test(id)) return "ghsa";
  if (VENDOR.test(id)) return "vendor";
  if (OSV.test(id)) return "osv";
  return "rule";
}

/** Canonical spelling: CVE upper-case; GHSA with an upper prefix and a lower body; others trimmed. */
export function normalizeVulnId(id: string): string {
  const t = id.trim();
  if (CVE.test(t)) return t.toUpperCase();
  if (GHSA.test(t)) return `GHSA${t.slice(4).toLowerCase()}`;
  return t;
}

const FAMILY_RANK: Record<VulnIdFamily, number> = { cve: 0, ghsa: 1, osv: 2, vendor: 3, rule: 4 };

/** Orders ids by preference (CVE, GHSA, OSV, vendor, other), then alphabetically: stable choice. */
export function compareVulnIds(a: string, b: string): number {
  const d = FAMILY_RANK[vulnIdFamily(a)] - FAMILY_RANK[vulnIdFamily(b)];
  return d !== 0 ? d : a < b ? -1 : a > b ? 1 : 0;
}

/** Which alias group each id belongs to, and the canonical id chosen for every group. */
export interface AliasIndex {
  /** Canonical id of `id`'s group, or `id` itself when it is in no group. */
  canonical(id: string): string;
  /** All ids of `id`'s group (including `id`), sorted by preference. */
  group(id: string): string[];
}

/**
 * Builds alias groups from statements "these ids name the same vulnerability" (OSV aliases, Grype
 * related vulnerabilities, CycloneDX references, external advisory data). Groups are unions of
 * statements, except that two groups holding *different CVEs* are never joined: a scanner that
 * lists two CVEs as aliases of one advisory would otherwise chain unrelated findings together.
 * Within a group the canonical id is the CVE if there is one, else the preferred id.
 */
export function buildAliasIndex(statements: Iterable<readonly string[]>): AliasIndex {
  const parent = new Map<string, string>();
  const cveOf = new Map<string, string | null>();
  const find = (x: string): string => {
    let r = x;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    // Path compression keeps lookups near-constant on large reports.
    let c = x;
    while (c !== r) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  const add = (x: string): void => {
    if (!parent.has(x)) {
      parent.set(x, x);
      cveOf.set(x, vulnIdFamily(x) === "cve" ? x : null);
    }
  };
  for (const st of statements) {
    const ids = [...new Set(st.map(normalizeVulnId).filter((s) => s !== ""))];
    const first = ids[0];
    if (first === undefined) continue;
    add(first);
    for (const id of ids.slice(1)) {
      add(id);
      const ra = find(first);
      const rb = find(id);
      if (ra === rb) continue;
      const ca = cveOf.get(ra) ?? null;
      const cb = cveOf.get(rb) ?? null;
      if (ca !== null && cb !== null && ca !== cb) continue;
      parent.set(rb, ra);
      cveOf.set(ra, ca ?? cb);
    }
  }
  const members = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const r = find(id);
    const list = members.get(r);
    if (list) list.push(id);
    else members.set(r, [id]);
  }
  for (const list of members.values()) list.sort(compareVulnIds);
  return {
    canonical(id: string): string {
      const n = normalizeVulnId(id);
      if (!parent.has(n)) return n;
      return members.get(find(n))![0]!;
    },
    group(id: string): string[] {
      const n = normalizeVulnId(id);
      if (!parent.has(n)) return [n];
      return members.get(find(n))!;
    },
  };
}

/**
 * Package URL without version, qualifiers and subpath: `pkg:npm/%40scope/a@1?x=y` →
 * `pkg:npm/%40scope/a`. Package identity uses it so that an upgrade keeps the same package key.
 */
export function purlBase(purl: string | null | undefined): string | null {
  if (!purl?.startsWith("pkg:")) return null;
  let s = purl;
  for (const sep of ["#", "?"]) {
    const k = s.indexOf(sep);
    if (k >= 0) s = s.slice(0, k);
  }
  const at = s.lastIndexOf("@");
  if (at > s.indexOf("/")) s = s.slice(0, at);
  return s.toLowerCase();
}

/** Ecosystem (purl type) of a package URL: `pkg:apk/alpine/x` → `apk`. */
export function purlType(purl: string | null | undefined): string | null {
  const m = /^pkg:([a-z0-9.+-]+)\//i.exec(purl ?? "");
  return m ? m[1]!.toLowerCase() : null;
}
