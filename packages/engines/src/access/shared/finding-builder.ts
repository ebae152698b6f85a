import type { Finding, RuleMeta } from "@infrasec/core";

/** Builds a Finding for an access rule; the fingerprint is rule + subject + detail key. */
export function makeFinding(
  meta: RuleMeta,
  args: {
    resource: string;
    message: string;
    file: string;
    detailKey?: string;
    severity?: Finding["severity"];
  },
): Finding {
  const key = args.detailKey ?? "";
  return {
    ruleId: meta.id,
    severity: args.severity ?? meta.severity,
    title: meta.title,
    message: args.message,
    resource: args.resource,
    location: { file: args.file, startLine: 1, endLine: 1 },
    ...(key ? { attributePath: key } : {}),
    status: "new",
    fingerprint: fingerprint(`${meta.id}|${args.resource}|${key}`),
  };
}

/** FNV-1a 64-bit hex: stable, dependency-free and fast; not a security hash. */
export function fingerprint(s: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

/** Whole days between two ISO instants (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.floor((Date.parse(b) - Date.parse(a)) / 86_400_000);
}
