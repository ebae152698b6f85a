import type { IdentifierType } from "@infrasec/core";
import { normalizeIdentifier } from "@infrasec/core";

// Most specific first: a digest or cloud resource id names exactly one thing, a name does not.
const ORDER: IdentifierType[] = [
  "image_digest",
  "cloud_resource_id",
  "fqdn",
  "hostname",
  "ip",
  "image",
  "repository_url",
  "k8s",
  "name",
];

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^\[?[0-9a-f:]+\]?$/i;

/** The (type, normalized value) pairs to try for a raw identifier, in order. */
export function correlationCandidates(
  raw: string,
  type?: IdentifierType,
): { type: IdentifierType; value: string }[] {
  const v = raw.trim();
  if (!v) return [];
  if (type) return [{ type, value: normalizeIdentifier(type, v) }];
  const plausible = ORDER.filter((t) => {
    switch (t) {
      case "image_digest":
        return /^sha256:[0-9a-f]{64}$/i.test(v) || v.includes("@sha256:");
      case "ip":
        return IPV4.test(v) || (v.includes(":") && IPV6.test(v));
      case "fqdn":
        return v.includes(".") && !v.includes("/") && !IPV4.test(v);
      case "repository_url":
        return /^(https?|ssh|git):\/\//.test(v) || v.startsWith("git@");
      default:
        return true;
    }
  });
  const out = plausible.map((t) => ({
    type: t,
    value:
      t === "image_digest" && v.includes("@")
        ? v.slice(v.indexOf("@") + 1).toLowerCase()
        : normalizeIdentifier(t, v),
  }));
  return out.filter((c, i) => out.findIndex((o) => o.type === c.type && o.value === c.value) === i);
}
