import type { RuleOutcome } from "@infrasec/core";
import { text } from "../terraform/eval/values";
import { parsePolicy } from "../terraform/rules/policy-kit";
import type { Value } from "../terraform/eval/values";
import {
  CIDR_KEYS,
  DELETION_FLAGS,
  ENCRYPTION_FLAGS,
  KEY_FIELDS,
  RETENTION,
  STATEFUL_TYPES,
  TLS_FIELDS,
  WORLD,
  at,
  changeFail,
  collectStrings,
  deletes,
  planRule,
  replaces,
  unknownAfter,
  updates,
} from "./plan-kit";
import type { PlanRule } from "./plan-kit";
import type { PlanChange } from "./plan-types";

const pass = (): RuleOutcome => ({ kind: "pass" });

const truthy = (v: Value | undefined): boolean => v === true || v === "true" || v === "Enabled";
const falsy = (v: Value | undefined): boolean =>
  v === false ||
  v === "false" ||
  v === null ||
  v === undefined ||
  v === "Disabled" ||
  v === "Suspended";

/** Minimum TLS version implied by a policy name, e.g. TLSv1.2_2021 → 1.2. */
export function tlsLevel(v: Value | undefined): number | undefined {
  if (typeof v !== "string") return undefined;
  if (/TLS13-1-3|1[._-]3/i.test(v)) return 1.3;
  if (/1[._-]2/.test(v)) return 1.2;
  if (/1[._-]1/.test(v)) return 1.1;
  if (/1[._-]0|TLSv1$|SSLv3|2016-08|2015-05|^TLS1$/i.test(v)) return 1.0;
  return undefined;
}

function wildcardPairs(c: PlanChange, side: "before" | "after"): Set<string> {
  const out = new Set<string>();
  const obj = c[side];
  for (const key of ["policy", "assume_role_policy", "inline_policy"]) {
    const p = parsePolicy(obj?.[key]);
    if (!Array.isArray(p)) continue;
    for (const s of p) {
      if (s.effect !== "Allow") continue;
      for (const a of s.actions)
        if (a === "*" || a.endsWith(":*"))
          for (const r of s.resources.length ? s.resources : ["-"]) out.add(`${a} on ${r}`);
      if (s.principals.includes("*") && !s.hasCondition) out.add('Principal "*"');
    }
  }
  for (const role of collectStrings(obj ?? undefined, new Set(["role"])))
    if (/roles\/(owner|editor)$/.test(role)) out.add(role);
  return out;
}

/** Change-aware rules over plan `resource_changes`. */
export const planRules: readonly PlanRule[] = [
  planRule(
    {
      id: "PLAN-001",
      title: "Stateful resource is destroyed",
      severity: "critical",
      description:
        "The plan deletes a database, bucket, disk, key or other data-holding resource without recreating it.",
      remediation:
        "Confirm the data is backed up or migrated; add lifecycle { prevent_destroy = true } to resources that must survive.",
    },
    (c) =>
      STATEFUL_TYPES.has(c.type) && deletes(c) && !c.actions.includes("create")
        ? changeFail(c, `${c.address} (${c.type}) will be destroyed`)
        : pass(),
  ),
  planRule(
    {
      id: "PLAN-002",
      title: "Stateful resource is replaced",
      severity: "high",
      description:
        "A force-new change replaces a data-holding resource: the old one is destroyed with its data.",
      remediation:
        "Avoid changing force-new attributes (see replace_paths) or migrate the data first; consider create_before_destroy.",
    },
    (c) => {
      if (!STATEFUL_TYPES.has(c.type) || !replaces(c)) return pass();
      return changeFail(
        c,
        `${c.address} will be replaced${c.actionReason ? ` (${c.actionReason})` : ""}`,
      );
    },
  ),
  planRule(
    {
      id: "PLAN-003",
      title: "Deletion protection is turned off",
      severity: "high",
      description:
        "Turning off deletion protection is usually the step before an irreversible destroy.",
      remediation:
        "Keep deletion_protection (or purge_protection_enabled, termination protection) set to true unless the resource is being retired on purpose.",
    },
    (c) => {
      if (!updates(c)) return pass();
      const hit = DELETION_FLAGS.find(
        (f) =>
          truthy(at(c.before ?? undefined, f)) &&
          falsy(at(c.after ?? undefined, f)) &&
          !unknownAfter(c, f),
      );
      return hit ? changeFail(c, `${hit} changes from true to false`, hit) : pass();
    },
  ),
  planRule(
    {
      id: "PLAN-004",
      title: "Encryption is removed",
      severity: "high",
      description: "The change turns encryption off or drops the customer managed key.",
      remediation:
        "Keep the encryption flag true and the KMS key attribute set; rotate keys instead of removing them.",
    },
    (c) => {
      if (!updates(c)) return pass();
      const flag = ENCRYPTION_FLAGS.find(
        (f) => truthy(at(c.before ?? undefined, f)) && at(c.after ?? undefined, f) === false,
      );
      if (flag) return changeFail(c, `${flag} changes from true to false`, flag);
      const key = KEY_FIELDS.find(
        (f) =>
          typeof at(c.before ?? undefined, f) === "string" &&
          at(c.before ?? undefined, f) !== "" &&
          (at(c.after ?? undefined, f) ?? "") === "" &&
          !unknownAfter(c, f),
      );
      if (key) return changeFail(c, `${key} is removed`, key);
      if (
        at(c.before ?? undefined, "server_side_encryption_configuration") !== undefined &&
        at(c.after ?? undefined, "server_side_encryption_configuration") === undefined
      )
        return changeFail(
          c,
          "server_side_encryption_configuration is removed",
          "server_side_encryption_configuration",
        );
      return pass();
    },
  ),
  planRule(
    {
      id: "PLAN-005",
      title: "Network access is widened to the internet",
      severity: "critical",
      description:
        "A security group, firewall or network rule now admits 0.0.0.0/0 or ::/0 where it did not before.",
      remediation: "Restrict the CIDR ranges of the new rule to known networks.",
    },
    (c) => {
      if (
        !c.after ||
        !/security_group|firewall|network_acl|network_security|nsg|_rule$/.test(c.type)
      )
        return pass();
      const before = new Set(
        collectStrings(c.before ?? undefined, CIDR_KEYS).filter((x) => WORLD.has(x)),
      );
      const after = collectStrings(c.after, CIDR_KEYS).filter(
        (x) => WORLD.has(x) && !before.has(x),
      );
      if (!after.length) return pass();
      const direction = text(c.after.type ?? c.after.direction ?? "");
      if (/egress|outbound/i.test(direction)) return pass();
      return changeFail(c, `now open to ${[...new Set(after)].join(", ")}`);
    },
  ),
  planRule(
    {
      id: "PLAN-006",
      title: "IAM policy is widened to a wildcard",
      severity: "critical",
      description:
        'The change adds "*" actions or resources, an anonymous principal, or a basic owner/editor role.',
      remediation: "Replace the wildcard with the specific actions, resources or roles needed.",
    },
    (c) => {
      if (!c.after) return pass();
      const before = wildcardPairs(c, "before");
      const added = [...wildcardPairs(c, "after")].filter((x) => !before.has(x));
      return added.length
        ? changeFail(c, `adds ${added.slice(0, 3).join("; ")}`, "policy")
        : pass();
    },
  ),
  planRule(
    {
      id: "PLAN-007",
      title: "Public access is turned on",
      severity: "critical",
      description: "A bucket, database or service goes from private to public.",
      remediation:
        "Keep publicly_accessible / public_network_access_enabled false and public access blocks true.",
    },
    (c) => {
      if (!updates(c) && !(deletes(c) && c.type.endsWith("public_access_block"))) return pass();
      if (c.type.endsWith("public_access_block") && deletes(c) && !c.actions.includes("create"))
        return changeFail(c, "public access block is removed");
      const b = c.before ?? {};
      const a = c.after ?? {};
      for (const f of [
        "publicly_accessible",
        "public_network_access_enabled",
        "associate_public_ip_address",
        "map_public_ip_on_launch",
      ])
        if (falsy(at(b, f)) && at(b, f) !== undefined && truthy(at(a, f)))
          return changeFail(c, `${f} changes to true`, f);
      for (const f of [
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
      ])
        if (truthy(at(b, f)) && at(a, f) === false)
          return changeFail(c, `${f} changes to false`, f);
      if (
        !/public/.test(text(at(b, "acl") ?? "")) &&
        /public|authenticated/.test(text(at(a, "acl") ?? ""))
      )
        return changeFail(c, `acl changes to ${text(at(a, "acl"))}`, "acl");
      if (
        at(b, "public_access_prevention") === "enforced" &&
        at(a, "public_access_prevention") !== "enforced"
      )
        return changeFail(
          c,
          "public_access_prevention is no longer enforced",
          "public_access_prevention",
        );
      return pass();
    },
  ),
  planRule(
    {
      id: "PLAN-008",
      title: "Logging is turned off",
      severity: "high",
      description: "Audit or access logging is disabled, or a logging resource is destroyed.",
      remediation:
        "Keep logging enabled; if the destination moves, create the new one before removing the old.",
    },
    (c) => {
      if (
        deletes(c) &&
        !c.actions.includes("create") &&
        /(_logging|flow_log|cloudtrail|diagnostic_setting|logging_project_sink|_audit)/.test(c.type)
      )
        return changeFail(c, `${c.type} is destroyed`);
      if (!updates(c)) return pass();
      for (const f of [
        "enable_logging",
        "logging.enable",
        "logging_config.enabled",
        "enabled_log.enabled",
        "access_logs.enabled",
        "log_config.enable",
      ])
        if (truthy(at(c.before ?? undefined, f)) && at(c.after ?? undefined, f) === false)
          return changeFail(c, `${f} changes to false`, f);
      for (const f of [
        "enabled_cloudwatch_logs_exports",
        "enable_cloudwatch_logs_exports",
        "enabled_cluster_log_types",
      ]) {
        const before = at(c.before ?? undefined, f);
        const after = at(c.after ?? undefined, f);
        if (
          Array.isArray(before) &&
          before.length &&
          (!Array.isArray(after) || after.length < before.length)
        )
          return changeFail(c, `${f} shrinks`, f);
      }
      return pass();
    },
  ),
  planRule(
    {
      id: "PLAN-009",
      title: "KMS key is scheduled for deletion",
      severity: "critical",
      provider: "generic",
      types: [
        "aws_kms_key",
        "google_kms_crypto_key",
        "azurerm_key_vault_key",
        "aws_kms_replica_key",
      ],
      description:
        "Deleting a key makes every object encrypted with it unreadable once the waiting period ends.",
      remediation:
        "Disable the key instead of deleting it until no data depends on it; keep lifecycle { prevent_destroy = true }.",
    },
    (c) => (deletes(c) ? changeFail(c, `${c.address} is scheduled for deletion`) : pass()),
  ),
  planRule(
    {
      id: "PLAN-010",
      title: "Backup retention is lowered",
      severity: "medium",
      description: "Lower retention shortens the window in which data can be restored.",
      remediation: "Keep the retention at its previous value or higher.",
    },
    (c) => {
      if (!updates(c)) return pass();
      for (const f of RETENTION) {
        const b = at(c.before ?? undefined, f);
        const a = at(c.after ?? undefined, f);
        if (
          typeof b === "number" &&
          typeof a === "number" &&
          a < b &&
          !(f === "retention_in_days" && b === 0)
        )
          return changeFail(c, `${f} lowered from ${b} to ${a}`, f);
      }
      return pass();
    },
  ),
  planRule(
    {
      id: "PLAN-011",
      title: "TLS policy is downgraded",
      severity: "high",
      description: "The minimum TLS version accepted goes down.",
      remediation: "Keep TLS 1.2 or newer as the minimum.",
    },
    (c) => {
      if (!updates(c)) return pass();
      for (const f of TLS_FIELDS) {
        const b = tlsLevel(at(c.before ?? undefined, f));
        const a = tlsLevel(at(c.after ?? undefined, f));
        if (b !== undefined && a !== undefined && a < b)
          return changeFail(c, `${f} downgraded from TLS ${b} to TLS ${a}`, f);
      }
      return pass();
    },
  ),
  planRule(
    {
      id: "PLAN-012",
      title: "Bucket versioning is suspended",
      severity: "medium",
      types: ["aws_s3_bucket_versioning", "aws_s3_bucket", "google_storage_bucket"],
      description: "Suspending versioning removes protection against overwrites and deletes.",
      remediation: "Keep versioning Enabled.",
    },
    (c) => {
      if (!updates(c)) return pass();
      for (const f of ["versioning_configuration.status", "versioning.enabled"])
        if (
          truthy(at(c.before ?? undefined, f)) &&
          falsy(at(c.after ?? undefined, f)) &&
          at(c.after ?? undefined, f) !== undefined
        )
          return changeFail(c, `${f} is turned off`, f);
      return pass();
    },
  ),
  planRule(
    {
      id: "PLAN-013",
      title: "Resource is removed from state without being destroyed",
      severity: "info",
      description:
        'A "forget" action (removed block) leaves the real object running but unmanaged, so drift and cost go unseen.',
      remediation: "Make sure another configuration adopts the object, or destroy it explicitly.",
    },
    (c) =>
      c.actions.includes("forget")
        ? changeFail(c, `${c.address} will be forgotten (still exists, no longer managed)`)
        : pass(),
  ),
];
