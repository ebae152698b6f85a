import type { WorkKind } from "@infrasec/contracts";

/**
 * Kinds filed without a template (no fields to validate): a title, a description and the
 * sidebar facts. Their intake "template id" is the kind itself.
 */
export const PLAIN_KINDS: readonly {
  id: string;
  kind: WorkKind;
  name: string;
  description: string;
}[] = [
  {
    id: "task",
    kind: "task",
    name: "Task",
    description: "A piece of the team's own work: context and a definition of done.",
  },
  {
    id: "epic",
    kind: "epic",
    name: "Epic",
    description: "A project grouping issues and tasks, with progress from its children's weights.",
  },
  {
    id: "incident",
    kind: "incident",
    name: "Incident",
    description:
      "A confidential hand-off to incident response (SIRT): what happened, affected assets, evidence.",
  },
];

/** The order of cards on the intake page: what requesters file most, first. */
export const KIND_ORDER: readonly WorkKind[] = [
  "security_review_request",
  "bau_request",
  "change_request",
  "decision",
  "design_doc",
  "task",
  "epic",
  "incident",
];

/** Where a new item of a kind is filed (design docs link here). */
export function intakePath(templateId: string): string {
  return `/work/intake/${encodeURIComponent(templateId)}`;
}
