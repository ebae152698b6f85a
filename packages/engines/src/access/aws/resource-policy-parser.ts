import { JsonCursor, parseJsonText } from "../shared/input-errors";
import type { AwsAccount, PolicyDoc } from "./aws-types";
import { parsePolicyDocument } from "./policy-parser";

/**
 * Parses resource-based policies (S3 bucket, KMS key, SQS queue, SNS topic, Lambda function,
 * Secrets Manager secret…) into a map from resource ARN to policy. Accepted shapes:
 * - infrasec's own: `{ "ResourcePolicies": [ { "Arn", "Policy" } ] }`, or a bare list of `{ Arn, Policy }`;
 * - `aws sqs get-queue-attributes` / `aws sns get-topic-attributes`: `{ "Attributes": { "Policy",
 *   "QueueArn" | "TopicArn" } }`;
 * - `aws secretsmanager get-resource-policy`: `{ "ARN", "ResourcePolicy" }`;
 * - `aws s3api get-bucket-policy`, `aws lambda get-policy`: `{ "Policy" }`, the resource read from
 *   the statements' `Resource` (a bucket and its objects, or one function). KMS key policies say
 *   `Resource: "*"`, so they need the `{ Arn, Policy }` form.
 * `Policy` may be an object or the JSON string the AWS CLI prints.
 */
export function parseResourcePolicies(file: string, text: string): Map<string, PolicyDoc> {
  const root = new JsonCursor(file, "$", parseJsonText(file, text));
  const entries = Array.isArray(root.value)
    ? root.items()
    : !root.at("ResourcePolicies").isMissing()
      ? root.at("ResourcePolicies").items()
      : [root];
  const out = new Map<string, PolicyDoc>();
  for (const e of entries) {
    const { arn, policy } = locate(e);
    const meta = (id: string): { id: string; name: string; kind: "resource" } => ({
      id: `${id}#resource-policy`,
      name: `${id} resource policy`,
      kind: "resource",
    });
    if (arn !== undefined) {
      out.set(arn, parsePolicyDocument(policy, meta(arn)));
      continue;
    }
    // Parsed twice when the resource comes from the statements: ids must name the resource.
    const inferred = inferArn(policy, parsePolicyDocument(policy, meta("?")));
    out.set(inferred, parsePolicyDocument(policy, meta(inferred)));
  }
  return out;
}

/** True when the JSON looks like one of the resource-policy shapes above. */
export function looksLikeResourcePolicies(value: unknown): boolean {
  const isEntry = (v: unknown): boolean => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
    const o = v as Record<string, unknown>;
    if ("ResourcePolicy" in o) return true;
    const attrs = o.Attributes;
    if (attrs !== null && typeof attrs === "object" && "Policy" in attrs) return true;
    const p = o.Policy;
    // Organizations' describe-policy output also has `Policy`, holding a PolicySummary instead.
    return typeof p === "string" || (p !== null && typeof p === "object" && "Statement" in p);
  };
  if (Array.isArray(value)) return value.length > 0 && value.every(isEntry);
  if (value !== null && typeof value === "object" && "ResourcePolicies" in value) return true;
  return isEntry(value);
}

function locate(e: JsonCursor): { arn: string | undefined; policy: JsonCursor } {
  const o = e.object();
  if ("Attributes" in o) {
    const a = e.at("Attributes");
    const arn = a.at("QueueArn").optString() ?? a.at("TopicArn").optString();
    if (a.at("Policy").isMissing()) a.fail("no Policy attribute");
    return { arn, policy: a.at("Policy") };
  }
  if ("ResourcePolicy" in o)
    return { arn: e.at("ARN").optString(), policy: e.at("ResourcePolicy") };
  const arn = e.at("Arn").optString() ?? e.at("arn").optString() ?? e.at("ResourceArn").optString();
  if (e.at("Policy").isMissing()) e.fail("expected a Policy");
  return { arn, policy: e.at("Policy") };
}

/** The one resource a policy's statements are about (bucket + objects count as the bucket). */
function inferArn(policy: JsonCursor, doc: PolicyDoc): string {
  const bases = new Set<string>();
  for (const s of doc.statements) {
    for (const r of s.resources ?? s.notResources ?? []) {
      if (r === "*") continue;
      const s3 = /^(arn:[^:]+:s3:::[^/*?]+)(\/.*)?$/.exec(r);
      bases.add(s3?.[1] ?? r);
    }
  }
  const [only] = bases;
  if (bases.size !== 1 || only === undefined || /[*?]/.test(only))
    return policy.fail(
      'cannot tell which resource this policy belongs to: give it as { "Arn": …, "Policy": … }',
    );
  return only;
}

/** Returns a copy of the account with resource policies added (later files win per ARN). */
export function withResourcePolicies(
  account: AwsAccount,
  policies: ReadonlyMap<string, PolicyDoc>,
): AwsAccount {
  return { ...account, resourcePolicies: new Map([...account.resourcePolicies, ...policies]) };
}
