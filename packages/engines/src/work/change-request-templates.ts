import type { WorkTemplate } from "./template-types";
import { defineTemplate } from "./template-define-fns";

/**
 * The infrastructure change request template, after the published `change_management` template:
 * summary, services impacted, technician and reviewer, criticality C1–C4, whether a database is
 * touched (which brings in a DBRE review), Pre-Change / Change / Post-Change / Rollback steps
 * with estimated minutes, the rollback plan and the key metrics to watch.
 */

/** Change criticality, C1 (highest risk) to C4 (lowest). */
export const CRITICALITIES = ["C1", "C2", "C3", "C4"] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** The phases of a change's step checklist. */
export const CHANGE_PHASES = ["pre-change", "change", "post-change", "rollback"] as const;
export type ChangePhase = (typeof CHANGE_PHASES)[number];

/** The infrastructure change request template (id `change-request`). */
export const CHANGE_REQUEST_TEMPLATE: WorkTemplate = defineTemplate({
  id: "change-request",
  version: 1,
  kind: "change_request",
  name: "Infrastructure change request",
  sections: [
    {
      id: "summary",
      title: "Change",
      fields: [
        { key: "changeSummary", type: "markdown", label: "Change summary", required: true },
        { key: "servicesImpacted", type: "strings", label: "Services impacted", required: true },
        {
          key: "criticality",
          type: "select",
          label: "Criticality",
          required: true,
          help: "C1 high risk or any production downtime; C2 staging downtime or moderate risk; C3 lower risk; C4 lowest risk.",
          options: [
            { value: "C1", label: "C1 – high risk, production downtime" },
            { value: "C2", label: "C2 – moderate risk, staging downtime" },
            { value: "C3", label: "C3 – lower risk" },
            { value: "C4", label: "C4 – lowest risk" },
          ],
        },
        {
          key: "touchesDatabase",
          type: "yes_no",
          label: "Does the change touch a database?",
          help: "Database changes of C1 and C2 need a DBRE review.",
          required: true,
        },
        { key: "changeTechnician", type: "user", label: "Change technician", required: true },
        { key: "changeReviewer", type: "user", label: "Change reviewer" },
        {
          key: "scheduledFor",
          type: "date",
          label: "Due date",
          // Published: C1–C3 need a due date; C4 needs no approval and no date.
          requiredWhen: { field: "criticality", in: ["C1", "C2", "C3"] },
        },
        {
          key: "downtime",
          type: "markdown",
          label: "Downtime component",
          help: "What is down, for how long, and how it is communicated.",
          requiredWhen: { field: "criticality", in: ["C1"] },
        },
        {
          key: "infraSummary",
          type: "markdown",
          label: "Infrastructure summary",
          help: "New or resized compute, CDN / WAF use.",
        },
      ],
    },
    {
      id: "steps",
      title: "Steps",
      fields: [
        {
          key: "steps",
          type: "list",
          label: "Steps",
          required: true,
          minItems: 1,
          itemFields: [
            {
              key: "phase",
              type: "select",
              label: "Phase",
              required: true,
              options: [
                { value: "pre-change", label: "Pre-Change" },
                { value: "change", label: "Change" },
                { value: "post-change", label: "Post-Change" },
                { value: "rollback", label: "Rollback" },
              ],
            },
            { key: "description", type: "text", label: "Step", required: true, maxLength: 2000 },
            {
              key: "estimateMinutes",
              type: "integer",
              label: "Estimated minutes",
              required: true,
              min: 0,
              max: 10_080,
            },
          ],
        },
        { key: "rollbackPlan", type: "markdown", label: "Rollback plan", required: true },
      ],
    },
    {
      id: "metrics",
      title: "Key metrics",
      fields: [
        {
          key: "metrics",
          type: "list",
          label: "Metrics to watch",
          required: true,
          minItems: 1,
          itemFields: [
            { key: "metric", type: "text", label: "Metric", required: true },
            { key: "dashboard", type: "url", label: "Dashboard" },
            { key: "rollbackTrigger", type: "text", label: "Rollback trigger", required: true },
          ],
        },
      ],
    },
  ],
});

/** One step of a change, as validated by the template. */
export interface ChangeStep {
  phase: ChangePhase;
  description: string;
  estimateMinutes: number;
}

/**
 * Total estimated minutes per phase and overall, including rollback: the template's
 * "time in minutes (incl. rollback)".
 */
export function changeTimeEstimate(steps: readonly ChangeStep[]): {
  byPhase: Record<ChangePhase, number>;
  totalMinutes: number;
  withoutRollbackMinutes: number;
} {
  const byPhase: Record<ChangePhase, number> = {
    "pre-change": 0,
    change: 0,
    "post-change": 0,
    rollback: 0,
  };
  for (const s of steps) byPhase[s.phase] += s.estimateMinutes;
  const totalMinutes = CHANGE_PHASES.reduce((n, p) => n + byPhase[p], 0);
  return { byPhase, totalMinutes, withoutRollbackMinutes: totalMinutes - byPhase.rollback };
}
