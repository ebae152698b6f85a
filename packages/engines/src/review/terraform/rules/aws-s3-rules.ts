import type { TfResource } from "../tf-types";
import { Unknown } from "../eval/values";
import { absent, bad, isAttached, judgeWithCompanions, ok, undecided } from "./companion-kit";
import type { Verdict } from "./companion-kit";
import { allows, isAnyPrincipal, parsePolicy } from "./policy-kit";
import { attr, blocks, expect, fail, get, isTrue, pass, unknown, worst } from "./rule-kit";
import type { TfRule } from "./rule-kit";
import {
  S3_DOC,
  PUBLIC_READ,
  PUBLIC_WRITE,
  PUBLIC_ACP,
  aclVerdict,
  publicAcl,
  verdictOutcome,
  sseVerdict,
  SSE_COMPANION,
  replicationVerdict,
  pabVerdict,
  filtered,
  pabAttr,
  aws,
} from "./aws-s3-verdicts";

/** S3 rules. */
export const awsS3Rules: readonly TfRule[] = [
  aws(
    {
      id: "AWS-S3-001",
      title: "S3 bucket ACL grants public read access",
      severity: "critical",
      types: ["aws_s3_bucket", "aws_s3_bucket_acl"],
      description:
        "A canned ACL of public-read, public-read-write or authenticated-read, or a READ or FULL_CONTROL grant to the AllUsers or AuthenticatedUsers group, on the bucket or in an aws_s3_bucket_acl attached to it, lets anyone list and read objects.",
      remediation:
        'Set acl = "private" on the bucket or its aws_s3_bucket_acl, and remove READ / FULL_CONTROL grants to http://acs.amazonaws.com/groups/global/AllUsers and AuthenticatedUsers.',
      references: [S3_DOC + "acl-overview.html#canned-acl"],
      frameworks: ["CIS AWS 2.1.5"],
      checkov: ["CKV_AWS_20"],
      trivy: ["AVD-AWS-0092"],
    },
    publicAcl(PUBLIC_READ),
  ),
  aws(
    {
      id: "AWS-S3-017",
      title: "S3 bucket ACL grants public write access",
      severity: "critical",
      types: ["aws_s3_bucket", "aws_s3_bucket_acl"],
      description:
        "The public-read-write canned ACL, or a WRITE or FULL_CONTROL grant to the AllUsers or AuthenticatedUsers group, on the bucket or in an aws_s3_bucket_acl attached to it, lets anyone upload, overwrite and delete objects.",
      remediation:
        'Set acl = "private" on the bucket or its aws_s3_bucket_acl, and remove WRITE / FULL_CONTROL grants to http://acs.amazonaws.com/groups/global/AllUsers and AuthenticatedUsers.',
      references: [S3_DOC + "acl-overview.html#canned-acl"],
      frameworks: ["CIS AWS 2.1.5"],
      checkov: ["CKV_AWS_57"],
      trivy: ["AVD-AWS-0092"],
    },
    publicAcl(PUBLIC_WRITE),
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
    (r) => {
      const companion = (c: TfResource): Verdict => {
        const v = get(c.values, "versioning_configuration.status");
        if (v instanceof Unknown) return undecided(v, "versioning_configuration.status");
        return v === "Enabled"
          ? ok
          : bad("versioning_configuration.status", "versioning status is not Enabled");
      };
      if (r.type === "aws_s3_bucket_versioning")
        return isAttached(r, "aws_s3_bucket") ? pass() : verdictOutcome(r, companion(r));
      return judgeWithCompanions(r, {
        inline: (b) => {
          const v = attr(b, "versioning.enabled");
          if (v === undefined || v === null) return absent;
          if (v instanceof Unknown) return undecided(v, "versioning.enabled");
          return isTrue(v) ? ok : bad("versioning.enabled", "versioning is not enabled");
        },
        companions: [{ type: "aws_s3_bucket_versioning", judge: companion }],
        whenAbsent: "fail",
        path: "versioning",
        message: "versioning is not enabled",
      });
    },
  ),
  aws(
    {
      id: "AWS-S3-003",
      title: "S3 bucket default encryption configuration is not valid",
      severity: "medium",
      types: ["aws_s3_bucket"],
      description:
        "A default encryption configuration (inline or an aws_s3_bucket_server_side_encryption_configuration attached to the bucket) must name a server-side encryption algorithm. A bucket without any configuration passes: since January 2023 S3 encrypts every new object with SSE-S3 (AES256) by default.",
      remediation:
        'Set rule.apply_server_side_encryption_by_default.sse_algorithm = "aws:kms" (or "AES256", "aws:kms:dsse").',
      references: [S3_DOC + "default-bucket-encryption.html"],
      frameworks: ["CIS AWS 2.1.1"],
      checkov: ["CKV_AWS_19"],
      trivy: ["AVD-AWS-0088"],
    },
    (r) =>
      judgeWithCompanions(r, {
        inline: (b) =>
          sseVerdict(
            attr(b, "server_side_encryption_configuration"),
            false,
            "server_side_encryption_configuration",
          ),
        companions: [{ type: SSE_COMPANION, judge: (c) => sseVerdict(c.values, false, "rule") }],
        whenAbsent: "pass",
        path: "server_side_encryption_configuration",
        message: "no valid default encryption",
      }),
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
      judgeWithCompanions(r, {
        inline: (b) => (attr(b, "logging.target_bucket") !== undefined ? ok : absent),
        companions: [{ type: "aws_s3_bucket_logging", judge: () => ok }],
        whenAbsent: "fail",
        path: "logging",
        message: "access logging is not enabled",
      }),
  ),
  aws(
    {
      id: "AWS-S3-005",
      title: "S3 bucket has no public access block",
      severity: "medium",
      types: ["aws_s3_bucket"],
      description:
        "A bucket-level (or account-level) public access block with block_public_acls and block_public_policy prevents public ACLs and policies.",
      remediation:
        "Add an aws_s3_bucket_public_access_block for the bucket (bucket = aws_s3_bucket.<name>.id) with block_public_acls and block_public_policy (and ignore_public_acls, restrict_public_buckets) set to true.",
      references: [S3_DOC + "access-control-block-public-access.html"],
      checkov: ["CKV2_AWS_6"],
      trivy: ["AVD-AWS-0094"],
    },
    (r) =>
      r.scan.byType("aws_s3_account_public_access_block").some((a) => pabVerdict(a).kind === "ok")
        ? pass()
        : judgeWithCompanions(r, {
            inline: () => absent,
            companions: [{ type: "aws_s3_bucket_public_access_block", judge: pabVerdict }],
            whenAbsent: "fail",
            path: "bucket",
            message: "no public access block blocks public ACLs and policies for this bucket",
          }),
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
      judgeWithCompanions(r, {
        inline: (b) =>
          sseVerdict(
            attr(b, "server_side_encryption_configuration"),
            true,
            "server_side_encryption_configuration",
          ),
        companions: [{ type: SSE_COMPANION, judge: (c) => sseVerdict(c.values, true, "rule") }],
        whenAbsent: "fail",
        path: "server_side_encryption_configuration",
        message: "bucket is not encrypted with a customer managed key",
      }),
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
      return allows(p).some((s) => isAnyPrincipal(s) && !s.restricted)
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
        "Incomplete multipart uploads keep accruing storage and may hold data no one tracks. The abort must be in an enabled rule that applies to the whole bucket (no prefix, tag or size filter).",
      remediation:
        "Add abort_incomplete_multipart_upload { days_after_initiation = 7 } to an enabled lifecycle rule without a filter.",
      references: [S3_DOC + "mpu-abort-incomplete-mpu-lifecycle-config.html"],
      checkov: ["CKV_AWS_300"],
    },
    (r) => {
      const rules = blocks(attr(r, "rule"));
      const enabled = rules.filter((x) => x.status === "Enabled");
      return enabled.some(
        (x) =>
          get(x, "abort_incomplete_multipart_upload.days_after_initiation") !== undefined &&
          !filtered(x),
      )
        ? pass()
        : fail(
            r,
            "rule",
            "no enabled rule for the whole bucket aborts incomplete multipart uploads",
          );
    },
  ),
  aws(
    {
      id: "AWS-S3-014",
      title: "S3 bucket ACL lets all users read or change the ACL",
      severity: "high",
      types: ["aws_s3_bucket_acl"],
      description:
        "A READ_ACP, WRITE_ACP or FULL_CONTROL grant to the AllUsers or AuthenticatedUsers group lets anyone read the bucket's permissions (and with WRITE_ACP change them). Public object access through READ and WRITE grants is AWS-S3-001 and AWS-S3-017.",
      remediation:
        "Remove READ_ACP, WRITE_ACP and FULL_CONTROL grants whose grantee uri is http://acs.amazonaws.com/groups/global/AllUsers or AuthenticatedUsers.",
      references: [S3_DOC + "acl-overview.html"],
      checkov: ["CKV_AWS_375"],
    },
    (r) =>
      verdictOutcome(
        r,
        aclVerdict({ access_control_policy: r.values.access_control_policy ?? null }, PUBLIC_ACP),
      ),
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
        'Add replication_configuration (or an aws_s3_bucket_replication_configuration for the bucket) with a rule whose status is "Enabled".',
      references: [S3_DOC + "replication.html"],
      checkov: ["CKV_AWS_144"],
    },
    (r) =>
      judgeWithCompanions(r, {
        inline: (b) =>
          replicationVerdict(
            attr(b, "replication_configuration") === undefined
              ? undefined
              : (attr(b, "replication_configuration.rules") ?? []),
            "replication_configuration.rules",
          ),
        companions: [
          {
            type: "aws_s3_bucket_replication_configuration",
            judge: (c) => replicationVerdict(c.values.rule ?? [], "rule"),
          },
        ],
        whenAbsent: "fail",
        path: "replication_configuration",
        message: "bucket is not replicated",
      }),
  ),
];
