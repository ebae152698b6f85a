import { createHash } from "node:crypto";
import type { Finding } from "@infrasec/core";

/**
 * Stable fingerprint of a finding: resource address (or K8s kind/ns/name, or Docker stage) +
 * rule id + normalised attribute path. Never the file or line, so it survives line shifts and
 * file moves.
 */
export function fingerprint(resource: string, ruleId: string, attributePath?: string): string {
  const path = (attributePath ?? "").replace(/\[(\d+)\]/g, ".$1").replace(/^\.+|\.+$/g, "");
  return createHash("sha256")
    .update(`${resource}\u0000${ruleId}\u0000${path}`)
    .digest("hex")
    .slice(0, 32);
}

/** Finding as classified against a baseline. */
export type Classified = Finding & { status: Finding["status"] };

/**
 * Change mode: compare current findings with a baseline. Current failing findings whose
 * fingerprint is in the baseline are `existing`, the others `new`; baseline findings that are
 * gone are returned as `fixed`. Suppressed and unknown findings keep their status.
 */
export function classify(
  current: readonly Finding[],
  baseline: readonly Pick<Finding, "fingerprint" | "status">[] | readonly Finding[],
): Finding[] {
  const base = new Set(baseline.filter((b) => b.status !== "fixed").map((b) => b.fingerprint));
  const now = new Set(current.map((f) => f.fingerprint));
  const out: Finding[] = current.map((f) => {
    if (f.status === "suppressed" || f.status === "unknown") return f;
    return { ...f, status: base.has(f.fingerprint) ? "existing" : "new" };
  });
  for (const b of baseline) {
    if (b.status === "fixed" || b.status === "suppressed" || b.status === "unknown") continue;
    if (now.has(b.fingerprint)) continue;
    if ("ruleId" in b) out.push({ ...b, status: "fixed" });
  }
  return out;
}
