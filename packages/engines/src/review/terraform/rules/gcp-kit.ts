import type { RuleOutcome } from "@infrasec/core";
import type { TfResource } from "../tf-types";
import { attr, fail, pass, strings, tfRule, unknown } from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";

/** Defines a GCP Terraform rule. */
export const gcp = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("gcp", spec, check);

export const GCS_DOC = "https://cloud.google.com/storage/docs/";

const PUBLIC_MEMBERS = new Set(["allUsers", "allAuthenticatedUsers"]);

/** IAM member/binding resources must not grant to allUsers / allAuthenticatedUsers. */
export function noPublicMembers(r: TfResource): RuleOutcome {
  const { values, unknowns } = strings(attr(r, "members") ?? attr(r, "member"));
  if (values.some((m) => PUBLIC_MEMBERS.has(m)))
    return fail(
      r,
      attr(r, "members") !== undefined ? "members" : "member",
      "grants access to allUsers or allAuthenticatedUsers",
    );
  const policy = attr(r, "policy_data");
  if (typeof policy === "string" && /"(allUsers|allAuthenticatedUsers)"/.test(policy))
    return fail(r, "policy_data", "policy grants access to allUsers or allAuthenticatedUsers");
  return unknowns.length ? unknown(unknowns, "members") : pass();
}

/** The three IAM resource types of a GCP resource family, e.g. google_storage_bucket_*. */
export const IAM_TYPES = (base: string): string[] => [
  `${base}_iam_member`,
  `${base}_iam_binding`,
  `${base}_iam_policy`,
];
