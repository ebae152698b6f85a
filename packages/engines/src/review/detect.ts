import { posix } from "node:path";

/** Kind of input a file is, as far as change review is concerned. */
export type InputKind = "terraform" | "tfvars" | "plan" | "kubernetes" | "dockerfile" | "other";

/** True for Dockerfile names: Dockerfile, Dockerfile.*, *.dockerfile, Containerfile. */
export function isDockerfileName(name: string): boolean {
  const n = name.toLowerCase();
  return (
    n === "dockerfile" ||
    n.startsWith("dockerfile.") ||
    n.endsWith(".dockerfile") ||
    n === "containerfile" ||
    n.startsWith("containerfile.")
  );
}

/**
 * Detect the input kind from the path and, for ambiguous extensions, from the first bytes:
 * JSON with `format_version` and `planned_values`/`resource_changes` is a plan; YAML or JSON with
 * `apiVersion` and `kind` is Kubernetes.
 */
export function detectInput(path: string, head: () => string): InputKind {
  const name = posix.basename(path);
  if (name.endsWith(".tf") || name.endsWith(".tf.json")) return "terraform";
  if (name.endsWith(".tfvars") || name.endsWith(".tfvars.json")) return "tfvars";
  if (isDockerfileName(name)) return "dockerfile";
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) {
    const h = head();
    if (
      /"format_version"/.test(h) &&
      /"(planned_values|resource_changes|terraform_version)"/.test(h)
    )
      return "plan";
    if (/"apiVersion"\s*:/.test(h) && /"kind"\s*:/.test(h)) return "kubernetes";
    return "other";
  }
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
    const h = head();
    return /^\s*apiVersion\s*:/m.test(h) && /^\s*kind\s*:/m.test(h) ? "kubernetes" : "other";
  }
  return "other";
}
