import type { RuleOutcome } from "@infrasec/core";
import { unknownKey } from "../scan-index";
import type { TfResource } from "../tf-types";
import { Unknown, text } from "../eval/values";
import { allows, isAnyPrincipal, parsePolicy } from "./policy-kit";
import {
  attr,
  blocks,
  companions,
  expect,
  fail,
  get,
  isTrue,
  mustBeTrue,
  pass,
  tfRule,
  unknown,
  worst,
} from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";

const aws = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("aws", spec, check);
const S3_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/";
const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];

/** Pass when the bucket configures `inline` itself or a companion resource does (AWS provider v4+ split). */
function inlineOrCompanion(
  r: TfResource,
  inline: (r: TfResource) => boolean,
  companionType: string,
  companionOk: (c: TfResource) => boolean,
  path: string,
  message: string,
): RuleOutcome {
  if (inline(r)) return pass();
  const comps = companions(r, companionType, "bucket");
  if (comps.some(companionOk)) return pass();
  // Companions keyed by an unresolved input could be for this bucket, unless that input is
  // already the name of another bucket (then they were linked above).
  const bucketKeys = new Set(
    r.scan
      .byType(r.type)
      .map((b) => b.values.bucket)
      .filter((v): v is Unknown => v instanceof Unknown)
      .map(unknownKey),
  );
  const unresolved = r.scan
    .byType(companionType)
    .filter(
      (c) =>
        c.values.bucket instanceof Unknown &&
        !c.values.bucket.ref &&
        !bucketKeys.has(unknownKey(c.values.bucket)),
    );
  if (unresolved.length)
    return unknown(
      unresolved.map((c) => c.values.bucket as Unknown),
      path,
    );
  return fail(r, path, message);
}

function pabAttr(id: string, name: string, title: string, checkov: string, trivy: string): TfRule {
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

function sseOk(v: unknown, cmk: boolean): boolean {
  const rule = get(v as never, "rule.apply_server_side_encryption_by_default");
  const algo = get(rule, "sse_algorithm");
  if (typeof algo !== "string") return false;
  return cmk
    ? algo.startsWith("aws:kms") &&
        typeof get(rule, "kms_master_key_id") === "string" &&
        get(rule, "kms_master_key_id") !== ""
    : true;
}

/** S3 rules. */
export const awsS3Rules: readonly TfRule[] = [
  aws(
    {
      id: "AWS-S3-001",
      title: "S3 bucket ACL grants public access",
      severity: "critical",
      types: ["aws_s3_bucket", "aws_s3_bucket_acl"],
      description:
        "A canned ACL of public-read, public-read-write or authenticated-read exposes objects to anyone.",
      remediation: 'Set acl = "private" (or remove the acl attribute and use bucket policies).',
      references: [S3_DOC + "acl-overview.html#canned-acl"],
      frameworks: ["CIS AWS 2.1.5"],
      checkov: ["CKV_AWS_20", "CKV_AWS_57"],
      trivy: ["AVD-AWS-0092"],
    },
    (r) => expect(r, "acl", (v) => !PUBLIC_ACLS.includes(text(v)), "pass", "bucket ACL is public"),
  ),
  aws(
    {
      id: "AWS-S3-002",
      title: "S3 bucket versioning is not enabled",
      severity: "medium",
      types: ["aws_s3_bucket", "aws_s3_bucket_versioning"],
      description:
        "Versioning protects against accidental deletion and overwrites, and is needed for replication and object lock.",
      remediation:
        'Add versioning { enabled = true } or an aws_s3_bucket_versioning with versioning_configuration { status = "Enabled" }.',
      references: [S3_DOC + "Versioning.html"],
      checkov: ["CKV_AWS_21"],
      trivy: ["AVD-AWS-0090"],
    },
    (r) =>
      r.type === "aws_s3_bucket_versioning"
        ? expect(
            r,
            "versioning_configuration.status",
            (v) => v === "Enabled",
            "fail",
            "versioning status is not Enabled",
          )
        : inlineOrCompanion(
            r,
            (b) => isTrue(attr(b, "versioning.enabled")),
            "aws_s3_bucket_versioning",
            (c) => get(c.values, "versioning_configuration.status") === "Enabled",
            "versioning",
            "versioning is not enabled",
          ),
  ),
  aws(
    {
      id: "AWS-S3-003",
      title: "S3 bucket has no default server-side encryption configuration",
      severity: "medium",
      types: ["aws_s3_bucket"],
      description:
        "An explicit default encryption configuration documents and enforces encryption at rest.",
      remediation:
        'Add server_side_encryption_configuration (or an aws_s3_bucket_server_side_encryption_configuration) with sse_algorithm = "aws:kms" or "AES256".',
      references: [S3_DOC + "default-bucket-encryption.html"],
      frameworks: ["CIS AWS 2.1.1"],
      checkov: ["CKV_AWS_19"],
      trivy: ["AVD-AWS-0088"],
    },
    (r) =>
      inlineOrCompanion(
        r,
        (b) => sseOk(attr(b, "server_side_encryption_configuration"), false),
        "aws_s3_bucket_server_side_encryption_configuration",
        (c) => sseOk(c.values, false),
        "server_side_encryption_configuration",
        "no default encryption configured",
      ),
  ),
  aws(
    {
      id: "AWS-S3-004",
      title: "S3 bucket access logging is not enabled",
      severity: "medium",
      types: ["aws_s3_bucket"],
      description:
        "Server access logs record requests to the bucket and are needed for incident response.",
      remediation:
        "Add logging { target_bucket = … } or an aws_s3_bucket_logging resource for the bucket.",
      references: [S3_DOC + "ServerLogs.html"],
      frameworks: ["CIS AWS 3.6"],
      checkov: ["CKV_AWS_18"],
      trivy: ["AVD-AWS-0089"],
    },
    (r) =>
      inlineOrCompanion(
        r,
        (b) => attr(b, "logging.target_bucket") !== undefined,
        "aws_s3_bucket_logging",
        () => true,
        "logging",
        "access logging is not enabled",
      ),
  ),
  aws(
    {
      id: "AWS-S3-005",
      title: "S3 bucket has no public access block",
      severity: "medium",
      types: ["aws_s3_bucket"],
      description:
        "A bucket-level (or account-level) public access block prevents public ACLs and policies.",
      remediation:
        "Add an aws_s3_bucket_public_access_block for the bucket (bucket = aws_s3_bucket.<name>.id) with all four settings true.",
      references: [S3_DOC + "access-control-block-public-access.html"],
      checkov: ["CKV2_AWS_6"],
      trivy: ["AVD-AWS-0094"],
    },
    (r) =>
      r.scan.byType("aws_s3_account_public_access_block").length
        ? pass()
        : inlineOrCompanion(
            r,
            () => false,
            "aws_s3_bucket_public_access_block",
            () => true,
            "bucket",
            "no public access block for this bucket",
          ),
  ),
  pabAttr(
    "AWS-S3-006",
    "block_public_acls",
    "S3 public access block does not block public ACLs",
    "CKV_AWS_53",
    "AVD-AWS-0086",
  ),
  pabAttr(
    "AWS-S3-007",
    "block_public_policy",
    "S3 public access block does not block public policies",
    "CKV_AWS_54",
    "AVD-AWS-0087",
  ),
  pabAttr(
    "AWS-S3-008",
    "ignore_public_acls",
    "S3 public access block does not ignore public ACLs",
    "CKV_AWS_55",
    "AVD-AWS-0091",
  ),
  pabAttr(
    "AWS-S3-009",
    "restrict_public_buckets",
    "S3 public access block does not restrict public buckets",
    "CKV_AWS_56",
    "AVD-AWS-0093",
  ),
  aws(
    {
      id: "AWS-S3-010",
      title: "S3 bucket is not encrypted with a customer managed KMS key",
      severity: "low",
      types: ["aws_s3_bucket"],
      description: "A customer managed key gives control over key policy, rotation and revocation.",
      remediation: 'Set sse_algorithm = "aws:kms" and kms_master_key_id to a customer managed key.',
      references: [S3_DOC + "UsingKMSEncryption.html"],
      checkov: ["CKV_AWS_145"],
      trivy: ["AVD-AWS-0132"],
    },
    (r) =>
      inlineOrCompanion(
        r,
        (b) => sseOk(attr(b, "server_side_encryption_configuration"), true),
        "aws_s3_bucket_server_side_encryption_configuration",
        (c) => sseOk(c.values, true),
        "server_side_encryption_configuration",
        "bucket is not encrypted with a customer managed key",
      ),
  ),
  aws(
    {
      id: "AWS-S3-011",
      title: "S3 bucket policy allows any principal",
      severity: "critical",
      types: ["aws_s3_bucket", "aws_s3_bucket_policy"],
      description:
        'An Allow statement with Principal "*" and no condition makes the bucket public.',
      remediation:
        'Replace Principal "*" in the policy with specific principals, or add a restricting Condition.',
      references: [S3_DOC + "example-bucket-policies.html"],
      checkov: ["CKV_AWS_70"],
    },
    (r) => {
      const p = parsePolicy(attr(r, "policy"));
      if (p === undefined) return pass();
      if (p instanceof Unknown) return unknown(p, "policy");
      return allows(p).some((s) => isAnyPrincipal(s) && !s.hasCondition)
        ? fail(r, "policy", 'policy allows Principal "*"')
        : pass();
    },
  ),
  aws(
    {
      id: "AWS-S3-012",
      title: "S3 bucket object lock configuration is not enabled",
      severity: "low",
      types: ["aws_s3_bucket"],
      description:
        "When object lock is configured it must be enabled to protect objects from deletion (WORM).",
      remediation:
        'Set object_lock_configuration { object_lock_enabled = "Enabled" } (or object_lock_enabled = true).',
      references: [S3_DOC + "object-lock.html"],
      checkov: ["CKV_AWS_143"],
    },
    (r) => {
      const block = attr(r, "object_lock_configuration");
      if (block === undefined) return pass();
      return expect(
        r,
        "object_lock_configuration.object_lock_enabled",
        (v) => v === "Enabled" || v === true,
        "fail",
        "object lock is configured but not enabled",
      );
    },
  ),
  aws(
    {
      id: "AWS-S3-013",
      title: "S3 lifecycle rule does not abort incomplete multipart uploads",
      severity: "low",
      types: ["aws_s3_bucket_lifecycle_configuration"],
      description:
        "Incomplete multipart uploads keep accruing storage and may hold data no one tracks.",
      remediation:
        "Add abort_incomplete_multipart_upload { days_after_initiation = 7 } to an enabled lifecycle rule.",
      references: [S3_DOC + "mpu-abort-incomplete-mpu-lifecycle-config.html"],
      checkov: ["CKV_AWS_300"],
    },
    (r) => {
      const rules = blocks(attr(r, "rule"));
      const enabled = rules.filter((x) => x.status === "Enabled");
      return enabled.some(
        (x) => get(x, "abort_incomplete_multipart_upload.days_after_initiation") !== undefined,
      )
        ? pass()
        : fail(r, "rule", "no enabled rule aborts incomplete multipart uploads");
    },
  ),
  aws(
    {
      id: "AWS-S3-014",
      title: "S3 bucket ACL grants access to all users",
      severity: "high",
      types: ["aws_s3_bucket_acl"],
      description:
        "A grant to the AllUsers or AuthenticatedUsers group makes objects or the listing public.",
      remediation:
        "Remove grants whose grantee uri is http://acs.amazonaws.com/groups/global/AllUsers or AuthenticatedUsers.",
      references: [S3_DOC + "acl-overview.html"],
      checkov: ["CKV_AWS_375"],
      trivy: ["AVD-AWS-0092"],
    },
    (r) => {
      const grants = blocks(attr(r, "access_control_policy.grant"));
      const bad = grants.some((g) =>
        /groups\/global\/(AllUsers|AuthenticatedUsers)/.test(text(get(g, "grantee.uri") ?? "")),
      );
      return bad
        ? fail(r, "access_control_policy.grant", "ACL grants access to a global group")
        : pass();
    },
  ),
  aws(
    {
      id: "AWS-S3-015",
      title: "S3 access point does not block public access",
      severity: "high",
      types: ["aws_s3_access_point"],
      description:
        "Access points inherit nothing from the bucket; their own public access block must stay on.",
      remediation:
        "Set every flag of public_access_block_configuration (block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets) to true.",
      references: [S3_DOC + "access-points-policies.html"],
      checkov: ["CKV_AWS_392"],
    },
    (r) => {
      const b = attr(r, "public_access_block_configuration");
      if (b === undefined) return pass();
      return worst(
        [
          "block_public_acls",
          "block_public_policy",
          "ignore_public_acls",
          "restrict_public_buckets",
        ].map((k) =>
          expect(
            r,
            `public_access_block_configuration.${k}`,
            (v) => v !== false && v !== "false",
            "pass",
            `${k} is false`,
          ),
        ),
      );
    },
  ),
  aws(
    {
      id: "AWS-S3-016",
      title: "S3 bucket has no cross-region replication",
      severity: "low",
      types: ["aws_s3_bucket"],
      description: "Replication keeps a copy of critical data in another region for recovery.",
      remediation:
        "Add replication_configuration or an aws_s3_bucket_replication_configuration for the bucket.",
      references: [S3_DOC + "replication.html"],
      checkov: ["CKV_AWS_144"],
    },
    (r) =>
      inlineOrCompanion(
        r,
        (b) => attr(b, "replication_configuration") !== undefined,
        "aws_s3_bucket_replication_configuration",
        () => true,
        "replication_configuration",
        "bucket is not replicated",
      ),
  ),
];
