import type { AccessDiffDto } from "@infrasec/contracts";

/** The older snapshot is the baseline (ties broken by id, which is time-ordered UUIDv7). */
export function diffOrder<T extends { id: string; createdAt: string }>(a: T, b: T): [T, T] {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? [a, b] : [b, a];
  return a.id < b.id ? [a, b] : [b, a];
}

export type DiffTone = "bad" | "good" | "neutral";

export interface DiffRow {
  principal: string;
  /** Path id or grants, when the section has details. */
  details: string[];
}

export interface DiffSection {
  key: string;
  title: string;
  tone: DiffTone;
  /** The snapshot a principal of this section is best opened in (removed ones: the old). */
  openIn: "old" | "new";
  rows: DiffRow[];
}

/**
 * The diff as sections in reading order: what got riskier first (new admins, new paths, widened
 * permissions), then what got safer, then who came and went. Paths of one principal are grouped.
 */
export function diffSections(d: AccessDiffDto): DiffSection[] {
  const names = (list: readonly string[]) => list.map((principal) => ({ principal, details: [] }));
  const grouped = (list: readonly { principal: string; pathId: string }[]) => {
    const by = new Map<string, string[]>();
    for (const e of list) by.set(e.principal, [...(by.get(e.principal) ?? []), e.pathId]);
    return [...by].map(([principal, details]) => ({ principal, details }));
  };
  const grants = (list: readonly { principal: string; grants: readonly string[] }[]) =>
    list.map((g) => ({ principal: g.principal, details: [...g.grants] }));
  return [
    {
      key: "newAdmins",
      openIn: "new" as const,
      title: "New admins",
      tone: "bad" as const,
      rows: names(d.newAdmins),
    },
    {
      key: "newEscalations",
      openIn: "new" as const,
      title: "New escalation paths",
      tone: "bad" as const,
      rows: grouped(d.newEscalations),
    },
    {
      key: "widened",
      openIn: "new" as const,
      title: "Widened permissions",
      tone: "bad" as const,
      rows: grants(d.widened),
    },
    {
      key: "removedAdmins",
      openIn: "old" as const,
      title: "Admins removed",
      tone: "good" as const,
      rows: names(d.removedAdmins),
    },
    {
      key: "removedEscalations",
      openIn: "old" as const,
      title: "Escalation paths removed",
      tone: "good" as const,
      rows: grouped(d.removedEscalations),
    },
    {
      key: "narrowed",
      openIn: "new" as const,
      title: "Removed permissions",
      tone: "good" as const,
      rows: grants(d.narrowed),
    },
    {
      key: "addedPrincipals",
      openIn: "new" as const,
      title: "New principals",
      tone: "neutral" as const,
      rows: names(d.addedPrincipals),
    },
    {
      key: "removedPrincipals",
      openIn: "old" as const,
      title: "Principals removed",
      tone: "neutral" as const,
      rows: names(d.removedPrincipals),
    },
  ];
}

export function diffIsEmpty(d: AccessDiffDto): boolean {
  return diffSections(d).every((s) => s.rows.length === 0);
}
