/**
 * Public surface of the team-workflow domain: pure functions and
 * data only. Storage, services, routes, CLI and the web app (guided forms) build on these.
 */
export * from "./work-item-types";
export * from "./work-status-types";
export * from "./work-status-fns";
export * from "./template-types";
export * from "./template-validate-fns";
export * from "./template-define-fns";
export * from "./security-review-templates";
export * from "./change-request-templates";
export * from "./record-templates";
export * from "./risk-scoring-types";
export * from "./risk-scoring-fns";
export * from "./approval-fns";
export * from "./label-fns";
export * from "./label-catalog-templates";
export * from "./triage-fns";
export * from "./triage-report-fns";
export * from "./okr-fns";
export * from "./epic-fns";
export * from "./board-fns";
export { makeWorkItem } from "./work-fixtures-fns";
export { addMonths, addDays, daysBetween, eachDay, isoDay } from "./work-date-fns";
