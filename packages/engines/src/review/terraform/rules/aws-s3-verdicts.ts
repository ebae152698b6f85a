import type { RuleOutcome } from "@infrasec/core";
import type { TfResource } from "../tf-types";
import { Unknown, isObject, text } from "../eval/values";
import type { ObjectValue, Value } from "../eval/values";
import { absent, bad, isAttached, judgeWithCompanions, ok, undecided } from "./companion-kit";
import type { Verdict } from "./companion-kit";
import { blocks, fail, get, isTrue, mustBeTrue, pass, tfRule, unknown } from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";

// Verdicts and rule builders of the S3 rules (aws-s3-rules.ts): ACL exposure, encryption,
// replication and public access block.

/** An AWS rule. */
export const aws = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("aws", spec, check);
export const S3_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/";
export const ALL_USERS = /groups\/global\/(AllUsers|AuthenticatedUsers)$/;

/** What public access an ACL grants, read from a canned ACL or from explicit grants. */
export interface AclExposure {
  /** Canned ACLs that grant it ("website" is the legacy canned ACL of public website buckets). */
  canned: readonly string[];
  /** Grant permissions to AllUsers / AuthenticatedUsers that grant it. */
  permissions: readonly string[];
  what: string;
}
export const PUBLIC_READ: AclExposure = {
  canned: ["public-read", "public-read-write", "authenticated-read", "website"],
  permissions: ["READ", "FULL_CONTROL"],
  what: "public read access",
};
export const PUBLIC_WRITE: AclExposure = {
  canned: ["public-read-write"],
  permissions: ["WRITE", "FULL_CONTROL"],
  what: "public write access",
};
/** Reading or changing the ACL itself (CKV_AWS_375 covers reading it). */
export const PUBLIC_ACP: AclExposure = {
  canned: [],
  permissions: ["READ_ACP", "WRITE_ACP", "FULL_CONTROL"],
  what: "all users access to the ACL",
};

/** Verdict of an ACL (a bucket's inline `acl`/`grant` or an `aws_s3_bucket_acl`). */
export function aclVerdict(values: ObjectValue, x: AclExposure): Verdict {
  const acl = values.acl;
  const grants = [
    ...blocks(values.grant).map((g) => ({ g, uri: g.uri, perms: g.permissions ?? g.permission })),
    ...blocks(get(values, "access_control_policy.grant")).map((g) => ({
      g,
      uri: get(g, "grantee.uri"),
      perms: g.permission,
    })),
  ];
  if (acl instanceof Unknown) return undecided(acl, "acl");
  if (typeof acl === "string" && x.canned.includes(acl))
    return bad("acl", `canned ACL "${acl}" grants ${x.what}`);
  const unknowns: Unknown[] = [];
  for (const { uri, perms } of grants) {
    if (uri instanceof Unknown) unknowns.push(uri);
    if (!ALL_USERS.test(text(uri))) continue;
    const list = Array.isArray(perms) ? perms : [perms];
    for (const p of list) {
      if (p instanceof Unknown) unknowns.push(p);
      else if (x.permissions.includes(text(p)))
        return bad(
          values.acl === undefined && values.grant !== undefined
            ? "grant"
            : "access_control_policy.grant",
          `ACL grants ${text(p)} to a global group`,
        );
    }
  }
  if (unknowns.length) return undecided(unknowns, "access_control_policy.grant");
  return acl !== undefined || grants.length ? ok : absent;
}

/**
 * Public ACL rule on a bucket and its `aws_s3_bucket_acl` companions. An ACL resource attached to
 * a bucket of the scan is judged with that bucket; one for a bucket outside the scan on its own.
 */
export function publicAcl(x: AclExposure) {
  return (r: TfResource): RuleOutcome => {
    if (r.type === "aws_s3_bucket_acl") {
      if (isAttached(r, "aws_s3_bucket")) return pass();
      return verdictOutcome(r, aclVerdict(r.values, x));
    }
    return judgeWithCompanions(r, {
      inline: (b) => aclVerdict(b.values, x),
      companions: [{ type: "aws_s3_bucket_acl", judge: (c) => aclVerdict(c.values, x) }],
      whenAbsent: "pass",
      path: "acl",
      message: `bucket ACL grants ${x.what}`,
    });
  };
}

/** Outcome of a single verdict (absent passes). */
export function verdictOutcome(r: TfResource, v: Verdict): RuleOutcome {
  if (v.kind === "bad") return fail(r, v.path, v.message);
  if (v.kind === "unknown") return unknown(v.value, v.path);
  return pass();
}

export const SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

/**
 * Verdict of a default encryption configuration (a bucket's inline block or the companion
 * resource's body). With `cmk`, the key must be a customer managed KMS key: `aws:kms` with a
 * key id (a reference to an `aws_kms_key` is one, even before apply).
 */
export function sseVerdict(config: Value | undefined, cmk: boolean, path: string): Verdict {
  if (config === undefined || config === null) return absent;
  if (config instanceof Unknown) return undecided(config, path);
  const rules = blocks(get(config, "rule"));
  if (!rules.length) return bad(path, "default encryption configuration has no rule");
  const unknowns: Unknown[] = [];
  let good = false;
  for (const rule of rules) {
    const byDefault = get(rule, "apply_server_side_encryption_by_default");
    const algo = get(byDefault, "sse_algorithm");
    const key = get(byDefault, "kms_master_key_id");
    if (algo instanceof Unknown) unknowns.push(algo);
    else if (typeof algo !== "string" || !SSE_ALGORITHMS.includes(algo)) continue;
    else if (!cmk) good = true;
    else if (algo.startsWith("aws:kms") && key instanceof Unknown) good = true;
    else if (algo.startsWith("aws:kms") && typeof key === "string" && key !== "") good = true;
  }
  if (good) return ok;
  if (unknowns.length) return undecided(unknowns, path);
  return bad(
    path,
    cmk
      ? "default encryption does not use a customer managed KMS key"
      : "default encryption has no valid sse_algorithm (AES256, aws:kms or aws:kms:dsse)",
  );
}

export const SSE_COMPANION = "aws_s3_bucket_server_side_encryption_configuration";

/** Status values of replication rules (`rules` inline, `rule` in the companion). */
export function replicationVerdict(rules: Value | undefined, path: string): Verdict {
  if (rules === undefined || rules === null) return absent;
  const list = blocks(rules);
  if (list.some((x) => x.status === "Enabled")) return ok;
  const unknowns = list.map((x) => x.status).filter((v): v is Unknown => v instanceof Unknown);
  if (unknowns.length) return undecided(unknowns, path);
  return bad(path, "no replication rule is Enabled");
}

/** A public access block blocks public ACLs and public policies (the two that stop exposure). */
export function pabVerdict(c: TfResource): Verdict {
  const flags = ["block_public_acls", "block_public_policy"];
  const unknowns: Unknown[] = [];
  for (const f of flags) {
    const v = c.values[f];
    if (v instanceof Unknown) unknowns.push(v);
    else if (!isTrue(v)) return bad(f, `${f} is not true in ${c.address}`);
  }
  return unknowns.length ? undecided(unknowns, flags[0]!) : ok;
}

/** Whether a lifecycle rule's filter limits it to part of the bucket. */
export function filtered(rule: ObjectValue): boolean {
  if (typeof rule.prefix === "string" && rule.prefix !== "") return true;
  const f = blocks(rule.filter)[0];
  if (!f) return false;
  const hasValue = (v: Value | undefined): boolean =>
    v !== undefined &&
    v !== null &&
    v !== "" &&
    !(isObject(v) && Object.values(v).every((x) => !hasValue(x))) &&
    !(Array.isArray(v) && v.every((x) => !hasValue(x)));
  return hasValue(f);
}

export function pabAttr(
  id: string,
  name: string,
  title: string,
  checkov: string,
  trivy: string,
): TfRule {
  return aws(
    {
      id,
      title,
      severity: "high",
      types: ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"],
      description: `Without ${name} = true, S3 public access settings can make bucket data public.`,
      remediation: `Set ${name} = true in the public access block.`,
      references: [S3_DOC + "access-control-block-public-access.html"],
      frameworks: ["CIS AWS 2.1.5"],
      checkov: [checkov],
      trivy: [trivy],
    },
    mustBeTrue(name, `${name} is not true`),
  );
}
