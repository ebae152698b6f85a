import type { MantineColor } from "@mantine/core";
import { VULN_EXCEPTION_EXPIRING_DAYS } from "@infrasec/contracts";
import type {
  VulnException,
  VulnExceptionKind,
  VulnExceptionListQuery,
  VulnExceptionScope,
  VulnExceptionStatus,
} from "@infrasec/contracts";

/**
 * How exceptions read in the UI: status and kind labels, the queue's tabs and their API query,
 * the scope in one line, the window in words, who may decide and why not, and the history
 * rebuilt from the exception's own dates.
 */

const DAY_MS = 86_400_000;

export const EXCEPTION_STATUS_LABELS: Readonly<Record<VulnExceptionStatus, string>> = {
  requested: "requested",
  approved: "approved",
  rejected: "rejected",
  revoked: "revoked",
  expired: "expired",
};

export const EXCEPTION_STATUS_COLORS: Readonly<Record<VulnExceptionStatus, MantineColor>> = {
  requested: "yellow",
  approved: "green",
  rejected: "red",
  revoked: "gray",
  expired: "gray",
};

export const EXCEPTION_KIND_LABELS: Readonly<Record<VulnExceptionKind, string>> = {
  risk_acceptance: "risk acceptance",
  deviation: "deviation",
};

export const EXCEPTION_KIND_HELP: Readonly<Record<VulnExceptionKind, string>> = {
  risk_acceptance:
    "The risk is accepted as it is until the exception ends; covered findings are dismissed as risk accepted.",
  deviation:
    "A mitigating control or an extended deadline; covered findings are dismissed as mitigating control.",
};

/** Tabs of the queue: one per status, plus approved exceptions ending within a week. */
export const EXCEPTION_TABS = [
  "requested",
  "expiring",
  "approved",
  "expired",
  "rejected",
  "revoked",
  "all",
] as const;
export type ExceptionTab = (typeof EXCEPTION_TABS)[number];

export const EXCEPTION_TAB_LABELS: Readonly<Record<ExceptionTab, string>> = {
  requested: "Requested",
  expiring: `Expiring ≤ ${VULN_EXCEPTION_EXPIRING_DAYS} days`,
  approved: "Approved",
  expired: "Expired",
  rejected: "Rejected",
  revoked: "Revoked",
  all: "All",
};

export const DEFAULT_EXCEPTION_LIMIT = 50;

export interface ExceptionsView {
  tab: ExceptionTab;
  asset?: string;
  vulnId?: string;
  kind?: VulnExceptionKind;
  limit: number;
  offset: number;
}

function intIn(v: string | null, min: number, max: number): number | undefined {
  if (v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/** The queue's view from the URL; unknown or bad values fall back to the defaults. */
export function exceptionsViewFromParams(params: URLSearchParams): ExceptionsView {
  const tab = params.get("tab");
  const kind = params.get("kind");
  const text = (key: string, max: number) => params.get(key)?.trim().slice(0, max) || undefined;
  return {
    tab: (EXCEPTION_TABS as readonly string[]).includes(tab ?? "")
      ? (tab as ExceptionTab)
      : "requested",
    asset: text("asset", 512),
    vulnId: text("vulnId", 128),
    kind: kind === "risk_acceptance" || kind === "deviation" ? kind : undefined,
    limit: intIn(params.get("limit"), 1, 200) ?? DEFAULT_EXCEPTION_LIMIT,
    offset: intIn(params.get("offset"), 0, 1_000_000) ?? 0,
  };
}

/** The URL of a view, defaults left out so links stay short. */
export function exceptionsParamsFromView(view: Partial<ExceptionsView>): URLSearchParams {
  const params = new URLSearchParams();
  if (view.tab && view.tab !== "requested") params.set("tab", view.tab);
  if (view.asset) params.set("asset", view.asset);
  if (view.vulnId) params.set("vulnId", view.vulnId);
  if (view.kind) params.set("kind", view.kind);
  if (view.limit !== undefined && view.limit !== DEFAULT_EXCEPTION_LIMIT)
    params.set("limit", String(view.limit));
  if (view.offset) params.set("offset", String(view.offset));
  return params;
}

/** The list query of a view: the "expiring" tab is approved exceptions ending within a week. */
export function exceptionsApiQuery(view: ExceptionsView): VulnExceptionListQuery {
  const query: VulnExceptionListQuery = { limit: view.limit, offset: view.offset };
  if (view.tab === "expiring") {
    query.status = "approved";
    query.expiringWithinDays = VULN_EXCEPTION_EXPIRING_DAYS;
  } else if (view.tab !== "all") query.status = view.tab;
  if (view.asset) query.asset = view.asset;
  if (view.vulnId) query.vulnId = view.vulnId;
  if (view.kind) query.kind = view.kind;
  return query;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The scope in one line, parts joined by "·" because all of them must match:
 * "CVE-2024-1 · on shop-api, billing", "2 findings", "package openssl · on 3 assets".
 */
export function scopeSummary(scope: VulnExceptionScope): string {
  const parts: string[] = [];
  if (scope.vulnId) parts.push(scope.vulnId);
  if (scope.package) parts.push(`package ${scope.package}`);
  if (scope.findingIds.length > 0) parts.push(plural(scope.findingIds.length, "finding"));
  if (scope.assets.length > 0) {
    const keys = scope.assets.map((a) => a.key);
    parts.push(
      keys.length <= 2 ? `on ${keys.join(", ")}` : `on ${keys[0]} and ${keys.length - 1} more`,
    );
  }
  return parts.length > 0 ? parts.join(" · ") : "—";
}

/** The window in words: "ends in 5 days", "ended 2 days ago", or the length while requested. */
export function windowText(
  e: Pick<VulnException, "status" | "expiresAt" | "durationDays">,
  now: number,
): { text: string; color?: MantineColor } {
  if (e.status === "requested" || e.status === "rejected")
    return { text: `${plural(e.durationDays, "day")} from approval` };
  const end = Date.parse(e.expiresAt);
  if (Number.isNaN(end)) return { text: e.expiresAt };
  if (e.status === "revoked") return { text: "ended early (revoked)" };
  if (end <= now) {
    const days = Math.floor((now - end) / DAY_MS);
    return { text: days === 0 ? "ended today" : `ended ${plural(days, "day")} ago` };
  }
  // Rounded: an exception approved a moment ago for 30 days reads "ends in 30 days".
  const left = (end - now) / DAY_MS;
  const soon = left <= VULN_EXCEPTION_EXPIRING_DAYS;
  return {
    text: left < 1 ? "ends within a day" : `ends in ${plural(Math.round(left), "day")}`,
    color: soon ? "orange" : undefined,
  };
}

export interface Availability {
  allowed: boolean;
  /** Why the action is not offered, shown next to the disabled button. */
  reason?: string;
}

export interface DecisionAvailability {
  approve: Availability;
  reject: Availability;
  revoke: Availability;
}

/**
 * Which decisions the user may take on an exception, and why not. The server enforces the
 * same rules (approver ≠ requester, vulns:approve_exception); the UI explains them up front.
 */
export function decisionAvailability(
  e: Pick<VulnException, "status" | "requestedBy">,
  user: { id: string; canApprove: boolean },
): DecisionAvailability {
  const noPermission: Availability = {
    allowed: false,
    reason:
      "Deciding exceptions needs the vulns:approve_exception permission (security engineers and admins).",
  };
  const decide = (): Availability => {
    if (!user.canApprove) return noPermission;
    if (e.status !== "requested")
      return {
        allowed: false,
        reason: `Only a requested exception can be decided; this one is ${EXCEPTION_STATUS_LABELS[e.status]}.`,
      };
    if (e.requestedBy.id === user.id)
      return {
        allowed: false,
        reason: "You requested this exception: another person must approve or reject it.",
      };
    return { allowed: true };
  };
  const revoke = (): Availability => {
    if (!user.canApprove) return noPermission;
    if (e.status !== "approved")
      return { allowed: false, reason: "Only an approved exception can be revoked." };
    return { allowed: true };
  };
  const d = decide();
  return { approve: d, reject: d, revoke: revoke() };
}

export interface ExceptionHistoryEntry {
  at: string;
  title: string;
  actor: string | null;
  note: string | null;
}

/**
 * What happened to an exception, oldest first, from its own dates: the request, the decision
 * (approval or rejection), then how it ended. A revocation records its time as the last change
 * (`updatedAt`); the approval keeps its own date and approver.
 */
export function exceptionHistory(
  e: Pick<
    VulnException,
    | "status"
    | "requestedAt"
    | "requestedBy"
    | "justification"
    | "decidedAt"
    | "decidedBy"
    | "decisionNote"
    | "expiresAt"
    | "updatedAt"
  >,
): ExceptionHistoryEntry[] {
  const out: ExceptionHistoryEntry[] = [
    {
      at: e.requestedAt,
      title: "requested",
      actor: e.requestedBy.name,
      note: e.justification,
    },
  ];
  if (e.decidedAt && e.decidedBy) {
    // Only a requested exception is decided; a revoked or expired one was approved first.
    out.push({
      at: e.decidedAt,
      title: e.status === "rejected" ? "rejected" : "approved",
      actor: e.decidedBy.name,
      note: e.decisionNote,
    });
  }
  if (e.status === "expired")
    out.push({
      at: e.expiresAt,
      title: "expired: the findings it covered reopened",
      actor: null,
      note: null,
    });
  if (e.status === "revoked")
    out.push({
      at: e.updatedAt,
      title: "revoked: the findings it covered reopened",
      actor: null,
      note: null,
    });
  return out;
}

/**
 * Whether a requested exception's scope would cover the finding: every part it names must
 * match (findings, assets, the vulnerability or an alias, the package), as the server's
 * scopeCovers decides. Applied exceptions are found through the API's `finding` filter;
 * requests have covered nothing yet, so the finding page matches them here.
 */
export function scopeWouldCover(
  scope: VulnExceptionScope,
  f: {
    id: string;
    assetId: string;
    vulnId: string;
    aliases: readonly string[];
    package: string | null;
    purl: string | null;
  },
): boolean {
  if (scope.findingIds.length > 0 && !scope.findingIds.includes(f.id)) return false;
  if (scope.assets.length > 0 && !scope.assets.some((a) => a.id === f.assetId)) return false;
  if (scope.vulnId) {
    const want = scope.vulnId.toUpperCase();
    if (![f.vulnId, ...f.aliases].some((v) => v.toUpperCase() === want)) return false;
  }
  if (scope.package) {
    // As the server's scopeCovers: a package name or a versionless purl, case-insensitive.
    const want = scope.package.trim().toLowerCase();
    const have = [f.package, f.purl?.split("@")[0] ?? null].map((v) => v?.toLowerCase());
    if (!have.includes(want)) return false;
  }
  return (
    scope.findingIds.length > 0 ||
    scope.assets.length > 0 ||
    scope.vulnId !== null ||
    scope.package !== null
  );
}

/** A rejection needs a note (the requester should learn why); approve and revoke take one optionally. */
export function decisionNoteProblem(
  decision: "approve" | "reject" | "revoke",
  note: string,
): string | null {
  return decision === "reject" && !note.trim() ? "A note is required to reject" : null;
}
