import type { SigmaEvent } from "@infrasec/engines/detect";

/** The parts of a suppression the matcher reads. */
export interface SuppressionShape {
  id: string;
  ruleId: string | null;
  conditions: Record<string, string>;
}

const CONTEXT_KEYS = new Set(["host", "containerId", "image", "namespace", "pod"]);

// `*` is a wildcard, everything else literal; comparison ignores case.
function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "is",
  );
  return re.test(value);
}

function valuesOf(event: SigmaEvent | undefined, key: string): string[] {
  if (!event) return [];
  if (CONTEXT_KEYS.has(key)) {
    const v = (event.context as Record<string, string | undefined> | undefined)?.[key];
    return v === undefined ? [] : [v];
  }
  let v: unknown = event.fields[key];
  if (v === undefined && key.includes(".")) {
    v = key
      .split(".")
      .reduce<unknown>(
        (o, k) =>
          o !== null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined,
        event.fields,
      );
  }
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => typeof x !== "object").map(String);
}

/** The first suppression that covers a match of `ruleId` on `event`, if any. */
export function findSuppression<S extends SuppressionShape>(
  suppressions: readonly S[],
  ruleId: string,
  event: SigmaEvent | undefined,
): S | undefined {
  return suppressions.find(
    (s) =>
      (s.ruleId === null || s.ruleId === ruleId) &&
      Object.entries(s.conditions).every(([k, pattern]) =>
        valuesOf(event, k).some((v) => globMatches(pattern, v)),
      ),
  );
}
