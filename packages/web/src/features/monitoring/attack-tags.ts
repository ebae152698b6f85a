/**
 * Sigma rule tags as people read them. SigmaHQ's tag convention (`attack.t1059.004`,
 * `attack.execution`, `attack.g0007`, `attack.s0002`, `cve.2021-44228`, `detection.emerging_threats`)
 * is turned into short labels, with a link to MITRE ATT&CK or the CVE record where there is one.
 */

export type TagKind = "technique" | "tactic" | "group" | "software" | "cve" | "other";

export interface TagView {
  /** The tag as written in the rule. */
  tag: string;
  kind: TagKind;
  /** `T1059.004`, `Execution`, `G0007`, `CVE-2021-44228`, or the tag itself. */
  label: string;
  url?: string;
}

const TECHNIQUE = /^attack\.(t\d{4})(?:\.(\d{3}))?$/i;
const GROUP = /^attack\.(g\d{4})$/i;
const SOFTWARE = /^attack\.(s\d{4})$/i;
const CVE = /^cve\.(\d{4}-\d{4,})$/i;
const TACTIC = /^attack\.([a-z_-]+)$/i;

const ATTACK = "https://attack.mitre.org";

/** `privilege_escalation` / `privilege-escalation` → `Privilege Escalation`. */
function tacticLabel(slug: string): string {
  return slug
    .split(/[_-]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join(" ");
}

export function tagView(tag: string): TagView {
  const t = tag.trim();
  let m = TECHNIQUE.exec(t);
  if (m) {
    const id = m[1]!.toUpperCase();
    const sub = m[2];
    return {
      tag,
      kind: "technique",
      label: sub ? `${id}.${sub}` : id,
      url: sub ? `${ATTACK}/techniques/${id}/${sub}/` : `${ATTACK}/techniques/${id}/`,
    };
  }
  if ((m = GROUP.exec(t)))
    return {
      tag,
      kind: "group",
      label: m[1]!.toUpperCase(),
      url: `${ATTACK}/groups/${m[1]!.toUpperCase()}/`,
    };
  if ((m = SOFTWARE.exec(t)))
    return {
      tag,
      kind: "software",
      label: m[1]!.toUpperCase(),
      url: `${ATTACK}/software/${m[1]!.toUpperCase()}/`,
    };
  if ((m = CVE.exec(t))) {
    const id = `CVE-${m[1]!}`;
    return { tag, kind: "cve", label: id, url: `https://www.cve.org/CVERecord?id=${id}` };
  }
  if ((m = TACTIC.exec(t))) return { tag, kind: "tactic", label: tacticLabel(m[1]!) };
  return { tag, kind: "other", label: t };
}

const ORDER: Record<TagKind, number> = {
  tactic: 0,
  technique: 1,
  group: 2,
  software: 3,
  cve: 4,
  other: 5,
};

/** Tags sorted tactics first, then techniques, groups, software, CVEs and the rest; duplicates dropped. */
export function tagViews(tags: readonly string[]): TagView[] {
  const seen = new Set<string>();
  const out: TagView[] = [];
  for (const tag of tags) {
    const key = tag.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(tagView(tag));
  }
  return out.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.label.localeCompare(b.label));
}

/** The ATT&CK technique ids of a rule's tags (`T1059.004`), for compact table cells. */
export function techniqueIds(tags: readonly string[]): string[] {
  return tagViews(tags)
    .filter((t) => t.kind === "technique")
    .map((t) => t.label);
}
