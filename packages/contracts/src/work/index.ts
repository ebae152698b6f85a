export * from "./work-schemas";
export * from "./work-items-contract";
export * from "./work-catalog-contract";
export * from "./work-triage-contract";
export * from "./work-planning-contract";
export * from "./notifications-contract";
