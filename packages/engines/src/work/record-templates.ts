import type { WorkTemplate } from "./template-types";
import { defineTemplate } from "./template-define-fns";

/**
 * Templates of the BAU request, the decision record and the design doc. The team's own
 * `decision_log` and `design_doc` templates are not public; these are inferred from the
 * published practice (pros and cons weighed with actual data; trade-offs; team members as
 * reviewers) and public proxies, and ship as editable defaults.
 */

/** A Business-as-Usual request or general inquiry to the team (id `bau-request`). */
export const BAU_REQUEST_TEMPLATE: WorkTemplate = defineTemplate({
  id: "bau-request",
  version: 1,
  kind: "bau_request",
  name: "BAU request",
  sections: [
    {
      id: "request",
      title: "Request",
      fields: [
        { key: "request", type: "markdown", label: "What do you need?", required: true },
        { key: "requestingTeam", type: "text", label: "Requesting team", required: true },
        {
          key: "urgency",
          type: "select",
          label: "Urgency",
          required: true,
          options: [
            { value: "low", label: "Low – whenever convenient" },
            { value: "normal", label: "Normal – within the next triage cycle" },
            { value: "high", label: "High – blocks our work" },
          ],
        },
        {
          key: "urgencyReason",
          type: "markdown",
          label: "Why is it urgent?",
          requiredWhen: { field: "urgency", in: ["high"] },
        },
        { key: "neededBy", type: "date", label: "Needed by" },
        { key: "links", type: "strings", label: "Related links" },
      ],
    },
  ],
});

/** The statuses at which a decision has been made and must be written down. */
const DECIDED = ["accepted", "rejected"];

/** A Decision Log record (id `decision`), labelled `InfraSec::decision`. */
export const DECISION_TEMPLATE: WorkTemplate = defineTemplate({
  id: "decision",
  version: 1,
  kind: "decision",
  name: "Decision",
  description: "A decision worthy of deliberate discussion: pros and cons weighed with data.",
  sections: [
    {
      id: "question",
      title: "Question and context",
      fields: [
        { key: "question", type: "text", label: "Decision question", required: true },
        { key: "context", type: "markdown", label: "Context and problem", required: true },
      ],
    },
    {
      id: "options",
      title: "Options",
      fields: [
        {
          key: "options",
          type: "list",
          label: "Options",
          required: true,
          // A decision with one option is not a decision worth logging.
          minItems: 2,
          itemFields: [
            { key: "title", type: "text", label: "Option", required: true },
            { key: "description", type: "markdown", label: "Description" },
            { key: "pros", type: "markdown", label: "Pros", required: true },
            { key: "cons", type: "markdown", label: "Cons", required: true },
            {
              key: "supportingData",
              type: "markdown",
              label: "Supporting data",
              help: "Metrics, cost, benchmarks, links.",
              required: true,
            },
          ],
        },
        { key: "recommendation", type: "markdown", label: "Recommendation" },
      ],
    },
    {
      id: "decision",
      title: "Decision",
      fields: [
        { key: "decision", type: "markdown", label: "Decision", requiredAt: DECIDED },
        { key: "consequences", type: "markdown", label: "Consequences", requiredAt: DECIDED },
        { key: "dri", type: "user", label: "DRI", required: true },
        { key: "participants", type: "users", label: "Participants and reviewers" },
        { key: "decisionDate", type: "date", label: "Decision date", requiredAt: DECIDED },
        { key: "followUps", type: "strings", label: "Follow-up issues" },
      ],
    },
  ],
});

/** A design doc (id `design-doc`): problem, goals, proposal, trade-offs, security, rollout. */
export const DESIGN_DOC_TEMPLATE: WorkTemplate = defineTemplate({
  id: "design-doc",
  version: 1,
  kind: "design_doc",
  name: "Design doc",
  sections: [
    {
      id: "problem",
      title: "Problem",
      fields: [
        {
          key: "problem",
          type: "markdown",
          label: "Problem statement",
          help: "Benefits, and the risk of not doing it.",
          required: true,
        },
        { key: "goals", type: "strings", label: "Goals", required: true, minItems: 1 },
        { key: "nonGoals", type: "strings", label: "Non-goals" },
      ],
    },
    {
      id: "design",
      title: "Design",
      fields: [
        {
          key: "proposal",
          type: "markdown",
          label: "Proposal",
          help: "Architecture, technology choice, implementation strategy and key decisions.",
          required: true,
        },
        {
          key: "alternatives",
          type: "list",
          label: "Alternatives and trade-offs",
          required: true,
          minItems: 1,
          itemFields: [
            { key: "title", type: "text", label: "Alternative", required: true },
            { key: "tradeOffs", type: "markdown", label: "Trade-offs", required: true },
          ],
        },
        {
          key: "securityConsiderations",
          type: "markdown",
          label: "Security considerations",
          required: true,
        },
        {
          key: "rollout",
          type: "markdown",
          label: "Rollout",
          help: "Testing, automation, metrics, alerts and monitoring.",
          required: true,
        },
      ],
    },
    {
      id: "review",
      title: "Review",
      fields: [
        {
          key: "requiredReviewers",
          type: "users",
          label: "Required reviewers",
          help: "Team members who must all approve.",
          required: true,
          minItems: 1,
        },
        { key: "epic", type: "text", label: "Epic" },
      ],
    },
  ],
});
