export * from "./severity";
export * from "./errors";
export * from "./clock";
export * from "./ids";
export * from "./permissions";
export * from "./actor";
export * from "./asset";
export * from "./rule";
