import type { AccessReport } from "./report-types";

/** What a snapshot contributes to a diff: per principal, admin state, paths and grants. */
export interface AccessSnapshot {
  principals: ReadonlyMap<
    string,
    { isAdmin: boolean; pathIds: readonly string[]; grants: readonly string[] }
  >;
}

/** Changes between two snapshots of the same account or cluster. */
export interface AccessDiff {
  addedPrincipals: string[];
  removedPrincipals: string[];
  newAdmins: string[];
  removedAdmins: string[];
  newEscalations: { principal: string; pathId: string }[];
  removedEscalations: { principal: string; pathId: string }[];
  widened: { principal: string; grants: string[] }[];
  narrowed: { principal: string; grants: string[] }[];
}

/**
 * Builds a snapshot from a report and, optionally, per-principal grants (effective permissions as
 * strings such as `s3:GetObject@all`, or Kubernetes `get secrets@ns`).
 */
export function snapshotOf(
  report: AccessReport,
  grants?: ReadonlyMap<string, readonly string[]>,
): AccessSnapshot {
  const m = new Map<string, { isAdmin: boolean; pathIds: string[]; grants: readonly string[] }>();
  for (const p of report.principals) {
    m.set(p.id, {
      isAdmin: p.isAdmin,
      pathIds: p.escalations.filter((e) => e.outcome === "admin").map((e) => e.pathId),
      grants: grants?.get(p.id) ?? [],
    });
  }
  return { principals: m };
}

/** Diffs two snapshots (before → after). Output lists are sorted for stable evidence. */
export function diffSnapshots(before: AccessSnapshot, after: AccessSnapshot): AccessDiff {
  const d: AccessDiff = {
    addedPrincipals: [],
    removedPrincipals: [],
    newAdmins: [],
    removedAdmins: [],
    newEscalations: [],
    removedEscalations: [],
    widened: [],
    narrowed: [],
  };
  for (const [id, a] of after.principals) {
    const b = before.principals.get(id);
    if (!b) d.addedPrincipals.push(id);
    if (a.isAdmin && !b?.isAdmin) d.newAdmins.push(id);
    if (b && !a.isAdmin && b.isAdmin) d.removedAdmins.push(id);
    const bp = new Set(b?.pathIds ?? []);
    for (const p of a.pathIds) if (!bp.has(p)) d.newEscalations.push({ principal: id, pathId: p });
    const ap = new Set(a.pathIds);
    for (const p of b?.pathIds ?? [])
      if (!ap.has(p)) d.removedEscalations.push({ principal: id, pathId: p });
    const bg = new Set(b?.grants ?? []);
    const ag = new Set(a.grants);
    const added = a.grants.filter((g) => !bg.has(g));
    const removed = (b?.grants ?? []).filter((g) => !ag.has(g));
    if (b && added.length > 0) d.widened.push({ principal: id, grants: [...added].sort() });
    if (removed.length > 0) d.narrowed.push({ principal: id, grants: [...removed].sort() });
  }
  for (const [id, b] of before.principals) {
    if (after.principals.has(id)) continue;
    d.removedPrincipals.push(id);
    if (b.isAdmin) d.removedAdmins.push(id);
    for (const p of b.pathIds) d.removedEscalations.push({ principal: id, pathId: p });
  }
  for (const list of [d.addedPrincipals, d.removedPrincipals, d.newAdmins, d.removedAdmins])
    list.sort();
  return d;
}
