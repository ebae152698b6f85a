/**
 * Finding states ⇄ the two outside vocabularies infrasec reads and writes: CycloneDX VEX
 * `analysis` and GitLab's vulnerability states with dismissal reasons. Pure tables and
 * functions; services apply the results. The tables are documented in
 * docs/vulns/states-and-exports.md; the lossy cases are named in the comments of each table.
 */

export const FINDING_STATUSES = [
  "detected",
  "confirmed",
  "in_progress",
  "resolved",
  "dismissed",
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const DISMISSAL_REASONS = [
  "risk_accepted",
  "false_positive",
  "not_affected",
  "mitigating_control",
  "out_of_scope",
] as const;
export type DismissalReason = (typeof DISMISSAL_REASONS)[number];

export const VEX_STATES = [
  "resolved",
  "resolved_with_pedigree",
  "exploitable",
  "in_triage",
  "false_positive",
  "not_affected",
] as const;
export type VexState = (typeof VEX_STATES)[number];

export const VEX_JUSTIFICATIONS = [
  "code_not_present",
  "code_not_reachable",
  "requires_configuration",
  "requires_dependency",
  "requires_environment",
  "protected_by_compiler",
  "protected_at_runtime",
  "protected_at_perimeter",
  "protected_by_mitigating_control",
] as const;
export type VexJustification = (typeof VEX_JUSTIFICATIONS)[number];

export const VEX_RESPONSES = [
  "can_not_fix",
  "will_not_fix",
  "update",
  "rollback",
  "workaround_available",
] as const;
export type VexResponse = (typeof VEX_RESPONSES)[number];

export const GITLAB_STATES = ["detected", "confirmed", "resolved", "dismissed"] as const;
export type GitlabState = (typeof GITLAB_STATES)[number];

export const GITLAB_DISMISSAL_REASONS = [
  "acceptable_risk",
  "false_positive",
  "mitigating_control",
  "used_in_tests",
  "not_applicable",
] as const;
export type GitlabDismissalReason = (typeof GITLAB_DISMISSAL_REASONS)[number];

/** A finding's state as infrasec stores it. */
export interface FindingState {
  status: FindingStatus;
  reason: DismissalReason | null;
  justification: VexJustification | null;
}

export interface VexAnalysis {
  state: VexState;
  justification?: VexJustification;
  response?: VexResponse[];
  detail?: string;
}

/** What an outside statement asks for: a new state, or nothing (with why). */
export type ImportedState =
  { action: "set"; state: FindingState; summary: string } | { action: "leave"; why: string };

const isIn = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === "string" && (list as readonly string[]).includes(v);

// ---- CycloneDX VEX -------------------------------------------------------------------------

/**
 * infrasec → VEX. Lossy: in_progress exports as exploitable like confirmed (VEX has no "being
 * fixed"); out_of_scope exports as not_affected without justification (VEX has no scope notion),
 * so it comes back as not_affected.
 */
export function toVexAnalysis(s: FindingState, detail?: string | null): VexAnalysis {
  const out = ((): VexAnalysis => {
    switch (s.status) {
      case "detected":
        return { state: "in_triage" };
      case "confirmed":
      case "in_progress":
        return { state: "exploitable" };
      case "resolved":
        return { state: "resolved" };
      case "dismissed":
        switch (s.reason) {
          case "false_positive":
            return { state: "false_positive" };
          case "risk_accepted":
            return { state: "exploitable", response: ["will_not_fix"] };
          case "mitigating_control":
            return { state: "exploitable", response: ["workaround_available"] };
          case "out_of_scope":
            return { state: "not_affected" };
          case "not_affected":
          case null:
            return s.justification
              ? { state: "not_affected", justification: s.justification }
              : { state: "not_affected" };
        }
    }
  })();
  if (detail) out.detail = detail;
  return out;
}

/**
 * VEX → infrasec, following the proposed state map of the domain brief: exploitable with
 * will_not_fix / can_not_fix is a risk acceptance and with workaround_available a mitigating
 * control (so exported dismissals come back as they left); plain exploitable confirms; in_triage
 * leaves the finding as it is.
 */
export function fromVexAnalysis(a: {
  state: string;
  justification?: string | null;
  response?: readonly string[] | null;
  detail?: string | null;
}): ImportedState {
  const justification = isIn(VEX_JUSTIFICATIONS, a.justification) ? a.justification : null;
  const response = (a.response ?? []).filter((r) => isIn(VEX_RESPONSES, r));
  const dismiss = (reason: DismissalReason, j: VexJustification | null = null): ImportedState => ({
    action: "set",
    state: { status: "dismissed", reason, justification: j },
    summary: `dismissed (${reason}${j ? `, ${j}` : ""})`,
  });
  switch (a.state) {
    case "in_triage":
      return { action: "leave", why: "in_triage leaves the status as it is" };
    case "exploitable":
      if (response.includes("will_not_fix") || response.includes("can_not_fix"))
        return dismiss("risk_accepted");
      if (response.includes("workaround_available")) return dismiss("mitigating_control");
      return {
        action: "set",
        state: { status: "confirmed", reason: null, justification: null },
        summary: "confirmed",
      };
    case "resolved":
    case "resolved_with_pedigree":
      return {
        action: "set",
        state: { status: "resolved", reason: null, justification: null },
        summary: "resolved",
      };
    case "false_positive":
      return dismiss("false_positive");
    case "not_affected":
      return dismiss("not_affected", justification);
    default:
      return {
        action: "leave",
        why: `unknown VEX state "${a.state}" (expected one of ${VEX_STATES.join(", ")})`,
      };
  }
}

// ---- GitLab --------------------------------------------------------------------------------

const TO_GITLAB_REASON: Record<DismissalReason, GitlabDismissalReason> = {
  risk_accepted: "acceptable_risk",
  false_positive: "false_positive",
  mitigating_control: "mitigating_control",
  // GitLab has no "out of scope"; used_in_tests is its one scope-like reason.
  out_of_scope: "used_in_tests",
  not_affected: "not_applicable",
};

const FROM_GITLAB_REASON: Record<GitlabDismissalReason, DismissalReason> = {
  acceptable_risk: "risk_accepted",
  false_positive: "false_positive",
  mitigating_control: "mitigating_control",
  used_in_tests: "out_of_scope",
  not_applicable: "not_affected",
};

/**
 * infrasec → GitLab. Lossy: in_progress becomes confirmed (GitLab has no such state) and the VEX
 * justification of a not_affected dismissal has no GitLab field.
 */
export function toGitlabState(s: FindingState): {
  state: GitlabState;
  dismissalReason: GitlabDismissalReason | null;
} {
  switch (s.status) {
    case "detected":
      return { state: "detected", dismissalReason: null };
    case "confirmed":
    case "in_progress":
      return { state: "confirmed", dismissalReason: null };
    case "resolved":
      return { state: "resolved", dismissalReason: null };
    case "dismissed":
      return {
        state: "dismissed",
        dismissalReason: TO_GITLAB_REASON[s.reason ?? "not_affected"],
      };
  }
}

/** Lower-cases and joins words with "_": "Acceptable risk" → "acceptable_risk". */
function token(v: string | null | undefined): string {
  return (v ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * GitLab → infrasec, as exported in the Vulnerability Report CSV ("detected" is GitLab's
 * "Needs triage": it leaves the finding; a dismissal without a reason, from before GitLab had
 * reasons, is left too because infrasec requires a typed reason).
 */
export function fromGitlabState(
  stateText: string | null | undefined,
  reasonText?: string | null,
): ImportedState {
  const state = token(stateText);
  switch (state) {
    case "detected":
    case "needs_triage":
      return { action: "leave", why: "needs triage in GitLab: the status is left as it is" };
    case "confirmed":
      return {
        action: "set",
        state: { status: "confirmed", reason: null, justification: null },
        summary: "confirmed",
      };
    case "resolved":
      return {
        action: "set",
        state: { status: "resolved", reason: null, justification: null },
        summary: "resolved",
      };
    case "dismissed": {
      const r = token(reasonText);
      if (!r) return { action: "leave", why: "dismissed in GitLab without a dismissal reason" };
      if (!isIn(GITLAB_DISMISSAL_REASONS, r))
        return {
          action: "leave",
          why: `unknown GitLab dismissal reason "${reasonText}" (expected one of ${GITLAB_DISMISSAL_REASONS.join(", ")})`,
        };
      const reason = FROM_GITLAB_REASON[r];
      return {
        action: "set",
        state: { status: "dismissed", reason, justification: null },
        summary: `dismissed (${reason})`,
      };
    }
    default:
      return {
        action: "leave",
        why: `unknown GitLab status "${stateText ?? ""}" (expected one of ${GITLAB_STATES.join(", ")})`,
      };
  }
}

// ---- Applying an imported state ------------------------------------------------------------

/**
 * Whether an imported state changes a finding. "confirmed" does not move a finding that is
 * already being worked on (in_progress) back; the same status with the same reason and
 * justification is no change.
 */
export function importChanges(current: FindingState, next: FindingState): boolean {
  if (next.status === "confirmed" && current.status === "in_progress") return false;
  if (current.status !== next.status) return true;
  if (next.status !== "dismissed") return false;
  return current.reason !== next.reason || current.justification !== next.justification;
}
