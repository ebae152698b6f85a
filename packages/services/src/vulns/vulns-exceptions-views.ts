import type { Severity } from "@infrasec/core";
import type { Repos } from "@infrasec/storage";
import { DEFAULT_EXCEPTION_MAX_DAYS, type FindingStatus } from "@infrasec/engines/vulns";
import { slaState } from "./vulns-views";
import type {
  ExceptionCandidate,
  ExceptionCoverRow,
  ExceptionKind,
  ExceptionRecord,
  ExceptionStatus,
} from "./vulns-exceptions-types";
import { EXPIRING_DAYS } from "./vulns-exceptions-types";

const DAY = 86_400_000;
type DismissalReason =
  "risk_accepted" | "false_positive" | "not_affected" | "mitigating_control" | "out_of_scope";

/** The API shape of an exception (see contracts vulnExceptionSchema). */
export interface VulnExceptionView {
  id: string;
  kind: ExceptionKind;
  status: ExceptionStatus;
  scope: {
    findingIds: string[];
    assets: { id: string; key: string }[];
    vulnId: string | null;
    package: string | null;
  };
  severity: Severity;
  maxDays: number | null;
  justification: string;
  compensatingControls: string | null;
  requestedBy: { id: string; name: string };
  requestedAt: string;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  startsAt: string;
  expiresAt: string;
  durationDays: number;
  decisionItem: { id: string; number: number; title: string } | null;
  coveredCount: number;
  expiringSoon: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface VulnExceptionFindingView {
  id: string;
  assetId: string;
  assetKey: string;
  vulnId: string;
  package: string | null;
  severity: Severity;
  status: FindingStatus;
  dismissalReason: DismissalReason | null;
  slaDueAt: string | null;
  slaState: "breached" | "due_soon" | "on_track" | "none";
  priorStatus: string | null;
  priorDueAt: string | null;
  covered: boolean;
}

export type VulnExceptionDetailView = VulnExceptionView & { findings: VulnExceptionFindingView[] };

/** Builds views for several exceptions with one lookup per related table. */
export async function exceptionViews(
  repos: Repos,
  list: readonly ExceptionRecord[],
  nowMs: number,
): Promise<VulnExceptionView[]> {
  if (list.length === 0) return [];
  const ids = list.map((e) => e.id);
  const userIds = [
    ...new Set(list.flatMap((e) => [e.requestedBy, e.decidedBy]).filter((x): x is string => !!x)),
  ];
  const itemIds = [...new Set(list.map((e) => e.decisionItemId).filter((x): x is string => !!x))];
  const [users, items, assets, counts] = await Promise.all([
    repos.users.findByIds(userIds),
    itemIds.length ? repos.work.findByIds(itemIds) : Promise.resolve([]),
    repos.vulnExceptions.scopeAssets(ids),
    repos.vulnExceptions.coveredCounts(ids),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.displayName || u.username]));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const ref = (id: string) => ({ id, name: userName.get(id) ?? "deleted user" });
  return list.map((e) => {
    const severity = e.severity as Severity;
    const item = e.decisionItemId ? itemById.get(e.decisionItemId) : undefined;
    const expires = Date.parse(e.expiresAt);
    return {
      id: e.id,
      kind: e.kind as ExceptionKind,
      status: e.status as ExceptionStatus,
      scope: {
        findingIds: e.scope.findingIds ?? [],
        assets: assets.get(e.id) ?? [],
        vulnId: e.scope.vulnId ?? null,
        package: e.scope.package ?? null,
      },
      severity,
      maxDays: DEFAULT_EXCEPTION_MAX_DAYS[severity],
      justification: e.justification,
      compensatingControls: e.compensatingControls,
      requestedBy: ref(e.requestedBy),
      requestedAt: e.requestedAt,
      decidedBy: e.decidedBy ? ref(e.decidedBy) : null,
      decidedAt: e.decidedAt,
      decisionNote: e.decisionNote,
      startsAt: e.startsAt,
      expiresAt: e.expiresAt,
      durationDays: Math.ceil((expires - Date.parse(e.startsAt)) / DAY),
      // A confidential decision is linked without its title (its own page checks who may read it).
      decisionItem: item
        ? {
            id: item.id,
            number: item.number,
            title: item.confidential ? "(confidential decision)" : item.title,
          }
        : null,
      coveredCount: counts.get(e.id) ?? 0,
      expiringSoon:
        e.status === "approved" && expires > nowMs && expires - nowMs <= EXPIRING_DAYS * DAY,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
  });
}

/** A covered finding (approved or ended exceptions). */
export function coveredFindingView(
  c: ExceptionCoverRow,
  nowMs: number,
  dueSoonDays: number,
): VulnExceptionFindingView {
  return {
    ...candidateFindingView(c.finding, nowMs, dueSoonDays),
    priorStatus: c.priorStatus,
    priorDueAt: c.priorDueAt,
    covered: true,
  };
}

/** A finding a requested exception would cover. */
export function candidateFindingView(
  f: ExceptionCandidate,
  nowMs: number,
  dueSoonDays: number,
): VulnExceptionFindingView {
  return {
    id: f.id,
    assetId: f.assetId,
    assetKey: f.assetKey,
    vulnId: f.vulnId,
    package: f.package,
    severity: f.severity as Severity,
    status: f.status as FindingStatus,
    dismissalReason: f.dismissalReason as DismissalReason | null,
    slaDueAt: f.slaDueAt,
    slaState: slaState(f, nowMs, dueSoonDays),
    priorStatus: null,
    priorDueAt: null,
    covered: false,
  };
}
