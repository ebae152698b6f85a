import type { RuleOutcome } from "@infrasec/core";
import type { TfResource } from "../tf-types";
import { Unknown, text } from "../eval/values";
import { allows, isAnyPrincipal, parsePolicy } from "./policy-kit";
import type { Statement } from "./policy-kit";
import {
  attr,
  expect,
  fail,
  isFalse,
  isTrue,
  mustBeSet,
  mustBeTrue,
  pass,
  tfRule,
  unknown,
  worst,
} from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";

/**
 * Longest interval in days of a Secrets Manager schedule: `rate(N days|hours)`, or for
 * `cron(min hour dom month dow year)` the largest gap between the months it runs in (a cron
 * over every month runs at least monthly). Undefined when the expression is not understood.
 */
export function scheduleDays(expr: string): number | undefined {
  const rate = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/i.exec(expr.trim());
  if (rate) return /^hour/i.test(rate[2]!) ? Number(rate[1]) / 24 : Number(rate[1]);
  const cron = /^cron\(([^)]*)\)$/i.exec(expr.trim());
  if (!cron) return undefined;
  const month = cron[1]!.trim().split(/\s+/)[3];
  if (month === undefined) return undefined;
  const months = new Set<number>();
  for (const part of month.split(",")) {
    const m = /^(\*|\?|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const from = m[1] === "*" || m[1] === "?" ? 1 : Number(m[1]);
    const to = m[2] ? Number(m[2]) : m[1] === "*" || m[1] === "?" || m[3] ? 12 : from;
    for (let x = from; x <= to; x += Number(m[3] ?? 1)) months.add(x);
  }
  const sorted = [...months].filter((x) => x >= 1 && x <= 12).sort((a, b) => a - b);
  if (!sorted.length) return undefined;
  let gap = 12 - sorted[sorted.length - 1]! + sorted[0]!;
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, sorted[i]! - sorted[i - 1]!);
  return gap * 30;
}

const aws = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("aws", spec, check);
const CT = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/";

/** Check a policy attribute with a statement predicate. */
function policyCheck(path: string, bad: (s: Statement) => boolean, message: string) {
  return (r: TfResource): RuleOutcome => {
    const p = parsePolicy(attr(r, path));
    if (p === undefined) return pass();
    if (p instanceof Unknown) return unknown(p, path);
    return allows(p).some(bad) ? fail(r, path, message) : pass();
  };
}

/** AWS KMS, CloudTrail, CloudWatch Logs, Secrets Manager and SSM rules. */
export const awsAuditRules: readonly TfRule[] = [
  aws(
    {
      id: "AWS-KMS-001",
      title: "KMS key rotation is disabled",
      severity: "medium",
      types: ["aws_kms_key"],
      description: "Automatic rotation limits the amount of data protected by one key version.",
      remediation: "Set enable_key_rotation = true (symmetric keys).",
      references: ["https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"],
      frameworks: ["CIS AWS 3.8"],
      checkov: ["CKV_AWS_7"],
      trivy: ["AVD-AWS-0065"],
    },
    (r) =>
      text(attr(r, "customer_master_key_spec") ?? "SYMMETRIC_DEFAULT") !== "SYMMETRIC_DEFAULT" ||
      text(attr(r, "key_usage") ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT"
        ? pass()
        : mustBeTrue("enable_key_rotation", "enable_key_rotation is not true")(r),
  ),
  aws(
    {
      id: "AWS-KMS-002",
      title: "KMS key policy allows any principal",
      severity: "critical",
      types: ["aws_kms_key", "aws_kms_key_policy"],
      description:
        'A key policy with Principal "*" and no condition lets anyone use or manage the key.',
      remediation:
        'Replace Principal "*" in the key policy with specific principals or add a restricting Condition.',
      references: ["https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html"],
      checkov: ["CKV_AWS_33"],
    },
    policyCheck(
      "policy",
      (s) => isAnyPrincipal(s) && !s.hasCondition,
      'key policy allows Principal "*"',
    ),
  ),
  aws(
    {
      id: "AWS-KMS-003",
      title: "KMS key is disabled",
      severity: "low",
      types: ["aws_kms_key"],
      description: "A disabled key breaks every resource encrypted with it.",
      remediation: "Set is_enabled = true or remove the key.",
      references: ["https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html"],
      checkov: ["CKV_AWS_227"],
    },
    (r) => (isFalse(attr(r, "is_enabled")) ? fail(r, "is_enabled", "key is disabled") : pass()),
  ),
  aws(
    {
      id: "AWS-CT-001",
      title: "CloudTrail is not multi-region",
      severity: "medium",
      types: ["aws_cloudtrail"],
      description: "A single-region trail misses API activity in other regions.",
      remediation: "Set is_multi_region_trail = true.",
      references: [CT + "receive-cloudtrail-log-files-from-multiple-regions.html"],
      frameworks: ["CIS AWS 3.1"],
      checkov: ["CKV_AWS_67"],
      trivy: ["AVD-AWS-0014"],
    },
    mustBeTrue("is_multi_region_trail", "trail is not multi-region"),
  ),
  aws(
    {
      id: "AWS-CT-002",
      title: "CloudTrail logs are not encrypted with KMS",
      severity: "medium",
      types: ["aws_cloudtrail"],
      description: "SSE-KMS adds access control and auditing to trail logs.",
      remediation: "Set kms_key_id to a customer managed KMS key ARN.",
      references: [CT + "encrypting-cloudtrail-log-files-with-aws-kms.html"],
      frameworks: ["CIS AWS 3.7"],
      checkov: ["CKV_AWS_35"],
      trivy: ["AVD-AWS-0015"],
    },
    mustBeSet("kms_key_id", "kms_key_id is not set"),
  ),
  aws(
    {
      id: "AWS-CT-003",
      title: "CloudTrail log file validation is disabled",
      severity: "medium",
      types: ["aws_cloudtrail"],
      description: "Validation detects tampering with delivered log files.",
      remediation: "Set enable_log_file_validation = true.",
      references: [CT + "cloudtrail-log-file-validation-intro.html"],
      frameworks: ["CIS AWS 3.2"],
      checkov: ["CKV_AWS_36"],
      trivy: ["AVD-AWS-0016"],
    },
    mustBeTrue("enable_log_file_validation", "log file validation is not enabled"),
  ),
  aws(
    {
      id: "AWS-CT-004",
      title: "CloudTrail logging is turned off",
      severity: "high",
      types: ["aws_cloudtrail"],
      description: "A trail with enable_logging = false records nothing.",
      remediation: "Set enable_logging = true (the default).",
      references: [CT + "cloudtrail-turning-off-logging.html"],
      checkov: ["CKV_AWS_251"],
    },
    (r) =>
      isFalse(attr(r, "enable_logging"))
        ? fail(r, "enable_logging", "logging is disabled")
        : pass(),
  ),
  aws(
    {
      id: "AWS-CT-005",
      title: "CloudTrail is not integrated with CloudWatch Logs",
      severity: "low",
      types: ["aws_cloudtrail"],
      description: "Sending trail events to CloudWatch Logs enables real-time alarms.",
      remediation: "Set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn.",
      references: [CT + "send-cloudtrail-events-to-cloudwatch-logs.html"],
      frameworks: ["CIS AWS 3.4"],
      checkov: ["CKV2_AWS_10"],
      trivy: ["AVD-AWS-0162"],
    },
    mustBeSet("cloud_watch_logs_group_arn", "cloud_watch_logs_group_arn is not set"),
  ),
  aws(
    {
      id: "AWS-CT-006",
      title: "CloudTrail does not notify an SNS topic",
      severity: "info",
      types: ["aws_cloudtrail"],
      description: "An SNS topic notifies consumers when new log files are delivered.",
      remediation: "Set sns_topic_name.",
      references: [CT + "configure-sns-notifications-for-cloudtrail.html"],
      checkov: ["CKV_AWS_252"],
    },
    mustBeSet("sns_topic_name", "sns_topic_name is not set"),
  ),
  aws(
    {
      id: "AWS-CW-001",
      title: "CloudWatch log group is not encrypted with KMS",
      severity: "low",
      types: ["aws_cloudwatch_log_group"],
      description:
        "Logs often hold sensitive data; a customer managed key controls who can read them.",
      remediation: "Set kms_key_id to a customer managed KMS key ARN.",
      references: [
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
      ],
      checkov: ["CKV_AWS_158"],
      trivy: ["AVD-AWS-0017"],
    },
    mustBeSet("kms_key_id", "kms_key_id is not set"),
  ),
  aws(
    {
      id: "AWS-CW-002",
      title: "CloudWatch log group retention is shorter than one year",
      severity: "low",
      types: ["aws_cloudwatch_log_group"],
      description:
        "Audit evidence should be kept at least a year. Unset retention and 0 both mean the logs never expire.",
      remediation: "Set retention_in_days = 365 or more (or leave it unset to keep logs forever).",
      references: [
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html",
      ],
      checkov: ["CKV_AWS_338"],
    },
    (r) =>
      expect(
        r,
        "retention_in_days",
        (v) => Number(v) === 0 || Number(v) >= 365,
        "pass",
        "retention_in_days is below 365",
      ),
  ),
  aws(
    {
      id: "AWS-SM-001",
      title: "Secrets Manager secret is not encrypted with a customer managed key",
      severity: "low",
      types: ["aws_secretsmanager_secret"],
      description:
        "A customer managed key controls who can decrypt the secret, independently of secret policies.",
      remediation:
        "Set kms_key_id to a customer managed KMS key (not the AWS managed alias/aws/secretsmanager).",
      references: [
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
      ],
      checkov: ["CKV_AWS_149"],
      trivy: ["AVD-AWS-0098"],
    },
    (r) =>
      expect(
        r,
        "kms_key_id",
        (v) => v !== "" && !/^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/aws\//.test(text(v)),
        "fail",
        "kms_key_id is not set or names the AWS managed key",
      ),
  ),
  aws(
    {
      id: "AWS-SM-002",
      title: "Secrets Manager rotation is longer than 90 days",
      severity: "medium",
      types: ["aws_secretsmanager_secret_rotation"],
      description: "Long-lived secrets increase the window of abuse after a leak.",
      remediation:
        'Set rotation_rules { automatically_after_days = 90 } or less (or schedule_expression = "rate(90 days)" or a cron that runs at least every three months).',
      references: [
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html",
      ],
      checkov: ["CKV_AWS_304"],
    },
    (r) =>
      worst([
        expect(
          r,
          "rotation_rules.automatically_after_days",
          (v) => Number(v) <= 90,
          "pass",
          "rotation is longer than 90 days",
        ),
        expect(
          r,
          "rotation_rules.schedule_expression",
          (v) => (scheduleDays(text(v)) ?? 0) <= 90,
          "pass",
          "rotation schedule is longer than 90 days",
        ),
      ]),
  ),
  aws(
    {
      id: "AWS-SSM-001",
      title: "SSM document is shared publicly",
      severity: "high",
      types: ["aws_ssm_document"],
      description: "Public documents may reveal internal scripts and parameters.",
      remediation: 'Remove "All" from permissions.account_ids.',
      references: [
        "https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html",
      ],
      checkov: ["CKV_AWS_303"],
    },
    (r) =>
      expect(
        r,
        "permissions.account_ids",
        (v) =>
          !text(v)
            .split(",")
            .map((x) => x.trim().toLowerCase())
            .includes("all"),
        "pass",
        "document is shared with all accounts",
      ),
  ),
  aws(
    {
      id: "AWS-SSM-002",
      title: "SSM parameter holds a secret without SecureString",
      severity: "high",
      types: ["aws_ssm_parameter"],
      description:
        "Parameters whose name suggests a secret must be SecureString so they are encrypted.",
      remediation: 'Set type = "SecureString" (and key_id to a customer managed key).',
      references: [
        "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html",
      ],
    },
    (r) =>
      /(password|secret|token|api[_-]?key|private[_-]?key)/i.test(text(attr(r, "name") ?? "")) &&
      attr(r, "type") !== "SecureString" &&
      !isTrue(attr(r, "insecure_value"))
        ? fail(r, "type", "secret-like parameter is not a SecureString")
        : pass(),
  ),
];
