import type { Weight } from "./work-item-types";
import { labelScope } from "./label-fns";

/**
 * The shipped label catalogue, as data with colours and descriptions. GitLab does not publish
 * the team's colours; these are our defaults (workflow blues, warnings amber, stale grey).
 * Both published conventions ship as presets: `current` (Department::InfraSec, full lifecycle)
 * and `old` (☁️ InfraSec, triage / this-quarter / decision only).
 */

/** One label of the catalogue. `scope` is derived from the name so the two cannot disagree. */
export interface LabelDef {
  name: string;
  color: string;
  description: string;
  scope: string | null;
}

const def = (name: string, color: string, description: string): LabelDef => ({
  name,
  color,
  description,
  scope: labelScope(name),
});

/** The workflow labels; all share the key `InfraSec`, so they exclude one another. */
export const WORKFLOW_LABELS = {
  triage: def("InfraSec::triage", "#5843ad", "New issue that needs to be triaged"),
  backlog: def("InfraSec::backlog", "#8fbc8f", "Triaged; not yet prioritised"),
  prioritised: def("InfraSec::prioritised", "#1f75cb", "Triaged and prioritised"),
  wip: def("InfraSec::WIP", "#0e8a16", "Being worked on; needs an effort label"),
  stale: def("InfraSec::stale", "#868686", "No activity for six months; the bot closes it next"),
  thisQuarter: def("InfraSec::this-quarter", "#d9534f", "Epic committed to the current quarter"),
  decision: def("InfraSec::decision", "#6699cc", "Included in the Decision Log"),
  blocked: def("InfraSec::Blocked", "#e9be74", "Blocked externally; remove the estimate"),
} as const;

/** Effort labels and their weights (capacity page). Large and above are peer-reviewed. */
export const EFFORT_LABELS: readonly (LabelDef & { weight: Weight; peerReviewed: boolean })[] = [
  {
    ...def("InfraSecEffort::Trivial", "#c2e0c6", "Less than 1 day"),
    weight: 1,
    peerReviewed: false,
  },
  { ...def("InfraSecEffort::Small", "#9fd3a8", "1–2 days"), weight: 2, peerReviewed: false },
  {
    ...def("InfraSecEffort::Medium", "#f0ad4e", "Less than 1 week"),
    weight: 3,
    peerReviewed: false,
  },
  {
    ...def("InfraSecEffort::Large", "#e67e22", "1–2 weeks (peer-reviewed)"),
    weight: 5,
    peerReviewed: true,
  },
  {
    ...def(
      "InfraSecEffort::Too Large",
      "#c0392b",
      "Needs refinement: promote to an epic or split (peer-reviewed)",
    ),
    weight: 13,
    peerReviewed: true,
  },
];

/** Work-status labels, removed when an item closes. */
export const STATUS_LABELS: readonly LabelDef[] = [
  def("InfraSecStatus::backlog", "#cccccc", "Not planned yet"),
  def("InfraSecStatus::planned", "#428bca", "Planned: needs start and due dates"),
  def("InfraSecStatus::ongoing", "#69d100", "In progress: needs a health status"),
  def("InfraSecStatus::blocked", "#e9be74", "Blocked"),
];

/** Priority scope (GitLab's `priority::1..4`; 1 is highest). */
export const PRIORITY_LABELS: readonly LabelDef[] = [1, 2, 3, 4].map((n) =>
  def(`priority::${n}`, ["#cc0000", "#e67e22", "#f0ad4e", "#a8d695"][n - 1]!, `Priority ${n}`),
);
/** Severity scope (GitLab's `severity::1..4`; 1 is most severe). */
export const SEVERITY_LABELS: readonly LabelDef[] = [1, 2, 3, 4].map((n) =>
  def(`severity::${n}`, ["#8b0000", "#d9534f", "#f0ad4e", "#5cb85c"][n - 1]!, `Severity ${n}`),
);

/** `Review-Priority:N` (single colon: deliberately not scoped, as published). */
export const REVIEW_PRIORITY_LABELS: readonly LabelDef[] = [
  ...[1, 2, 3, 4].map((n) =>
    def(`Review-Priority:${n}`, "#d10069", `Security review priority ${n} (roadmap × risk band)`),
  ),
  def("Self-Service", "#a8d695", "Low risk: self-service security guidelines"),
];

/** Work-type lists; the two published pages conflict, so both ship and the set is configurable. */
export const WORK_TYPE_PRESETS = {
  workOrganisation: ["project", "maintenance", "interrupt", "dependency", "learning"],
  capacity: ["Counterpart", "Investigation", "Maintenance", "Project", "Discussion"],
} as const;

/** Builds the `InfraSecWork::` labels of a work-type list. */
export function workTypeLabels(types: readonly string[]): LabelDef[] {
  return types.map((t) => def(`InfraSecWork::${t}`, "#5bc0de", `Work type: ${t}`));
}

/** The two published conventions. */
export type LabelPreset = "current" | "old";

/** The team label of a preset. */
export const TEAM_LABELS: Readonly<Record<LabelPreset, LabelDef>> = {
  current: def("Department::InfraSec", "#6f42c1", "Team label: on every InfraSec issue"),
  old: def("☁️ InfraSec", "#6f42c1", "Team label: on every InfraSec project issue"),
};

/** The full shipped label set of a preset. */
export function labelCatalog(preset: LabelPreset = "current"): LabelDef[] {
  const w = WORKFLOW_LABELS;
  if (preset === "old") {
    return [
      TEAM_LABELS.old,
      w.triage,
      w.thisQuarter,
      w.decision,
      ...PRIORITY_LABELS,
      ...SEVERITY_LABELS,
    ];
  }
  return [
    TEAM_LABELS.current,
    ...Object.values(w),
    ...EFFORT_LABELS.map(({ name, color, description, scope }) => ({
      name,
      color,
      description,
      scope,
    })),
    ...STATUS_LABELS,
    ...workTypeLabels(WORK_TYPE_PRESETS.workOrganisation),
    ...PRIORITY_LABELS,
    ...SEVERITY_LABELS,
    ...REVIEW_PRIORITY_LABELS,
  ];
}

/** The weight an effort label stands for, or null for any other label. */
export function effortWeight(label: string): Weight | null {
  return EFFORT_LABELS.find((e) => e.name === label)?.weight ?? null;
}
