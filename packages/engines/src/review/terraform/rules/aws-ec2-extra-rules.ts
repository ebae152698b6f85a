import type { RuleOutcome } from "@infrasec/core";
import type { TfResource } from "../tf-types";
import { baseAddress } from "../eval/static-refs";
import { Unknown } from "../eval/values";
import { naclIngress, noWorldAccess, sgRules } from "./net-kit";
import {
  attr,
  blocks,
  companions,
  expect,
  fail,
  get,
  isFalse,
  isTrue,
  mustBeSet,
  mustBeTrue,
  mustNotBeTrue,
  pass,
  tfRule,
  worst,
} from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";

/**
 * True when another resource takes the Elastic IP by its allocation id (aws_nat_gateway,
 * aws_eip_association, aws_lb subnet_mapping, aws_transfer_server endpoint_details…), found
 * through the configuration's references.
 */
function allocatedBy(eip: TfResource): boolean {
  const self = baseAddress(eip.address);
  return eip.scan
    .referrers(eip)
    .some((x) =>
      [...(x.refs ?? [])].some(([path, refs]) => /allocation_id/.test(path) && refs.includes(self)),
    );
}

const aws = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("aws", spec, check);
const SG_TYPES = [
  "aws_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
];
const SG_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html";
const NACL_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html";
const EC2_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/";
/** AWS EC2 hygiene rules: monitoring, profiles, Elastic IPs, serial console, sharing. */
export const awsEc2ExtraRules: readonly TfRule[] = [
  aws(
    {
      id: "AWS-EC2-029",
      title: "EC2 instance is not EBS optimized",
      severity: "info",
      types: ["aws_instance"],
      description: "EBS optimisation isolates storage traffic from other network traffic.",
      remediation: "Set ebs_optimized = true.",
      references: [EC2_DOC + "ebs-optimized.html"],
      checkov: ["CKV_AWS_135"],
    },
    mustBeTrue("ebs_optimized", "ebs_optimized is not true"),
  ),
  aws(
    {
      id: "AWS-EC2-030",
      title: "Auto Scaling group uses a launch configuration",
      severity: "low",
      types: ["aws_autoscaling_group"],
      description:
        "Launch configurations are deprecated and lack IMDSv2 and newer security settings; use launch templates.",
      remediation:
        "Replace launch_configuration with launch_template { id = …, version = … } or mixed_instances_policy.",
      references: ["https://docs.aws.amazon.com/autoscaling/ec2/userguide/launch-templates.html"],
      checkov: ["CKV_AWS_315"],
    },
    (r) =>
      attr(r, "launch_template") !== undefined || attr(r, "mixed_instances_policy") !== undefined
        ? pass()
        : fail(
            r,
            "launch_configuration",
            "uses a launch configuration instead of a launch template",
          ),
  ),
  aws(
    {
      id: "AWS-EC2-031",
      title: "Elastic IP is not attached to an instance or interface",
      severity: "info",
      types: ["aws_eip"],
      description:
        "An Elastic IP must be attached to an instance or network interface, otherwise it is an unused public address.",
      remediation:
        "Set instance or network_interface on aws_eip, allocate it to a resource (aws_eip_association, aws_nat_gateway, a load balancer subnet_mapping, a Transfer server endpoint), or remove it.",
      references: [EC2_DOC + "elastic-ip-addresses-eip.html"],
      checkov: ["CKV2_AWS_19"],
    },
    (r) =>
      attr(r, "instance") !== undefined ||
      attr(r, "network_interface") !== undefined ||
      companions(r, "aws_eip_association", "allocation_id").length ||
      companions(r, "aws_nat_gateway", "allocation_id").length ||
      allocatedBy(r)
        ? pass()
        : fail(r, "instance", "Elastic IP is not attached"),
  ),
  aws(
    {
      id: "AWS-EC2-032",
      title: "Launch template has no IAM instance profile",
      severity: "info",
      types: ["aws_launch_template"],
      description:
        "Launch templates should set an IAM instance profile so instances never rely on embedded credentials.",
      remediation: "Add iam_instance_profile { arn = … } to the launch template.",
      references: [EC2_DOC + "iam-roles-for-amazon-ec2.html"],
    },
    (r) =>
      attr(r, "iam_instance_profile") !== undefined
        ? pass()
        : fail(r, "iam_instance_profile", "no IAM instance profile"),
  ),
  aws(
    {
      id: "AWS-EC2-033",
      title: "EC2 instance has no IAM instance profile",
      severity: "low",
      types: ["aws_instance"],
      description: "Instances should use an instance profile rather than embedded credentials.",
      remediation: "Set iam_instance_profile to an instance profile name.",
      references: [EC2_DOC + "iam-roles-for-amazon-ec2.html"],
      checkov: ["CKV2_AWS_41"],
    },
    mustBeSet("iam_instance_profile", "no iam_instance_profile"),
  ),
  aws(
    {
      id: "AWS-EC2-034",
      title: "EBS snapshot is not encrypted",
      severity: "info",
      types: ["aws_ebs_snapshot"],
      description:
        "EBS snapshots of unencrypted volumes are unencrypted; encrypt the source volume.",
      remediation: "Encrypt the source volume (encrypted = true) so its snapshots are encrypted.",
      references: [EC2_DOC + "EBSSnapshots.html"],
    },
    (r) =>
      isFalse(attr(r, "encrypted")) ? fail(r, "encrypted", "snapshot is not encrypted") : pass(),
  ),
  aws(
    {
      id: "AWS-EC2-035",
      title: "VPC default network ACL allows all traffic",
      severity: "low",
      types: ["aws_default_network_acl"],
      description: "The default NACL should not allow all inbound traffic from anywhere.",
      remediation: "Restrict the ingress blocks of aws_default_network_acl or remove them.",
      references: [NACL_DOC],
    },
    noWorldAccess(
      (r) => naclIngress({ ...r, type: "aws_network_acl" }),
      undefined,
      "default network ACL",
    ),
  ),
  aws(
    {
      id: "AWS-EC2-036",
      title: "Volume attachment forces detachment",
      severity: "info",
      types: ["aws_volume_attachment"],
      description:
        "Volume attachments with force_detach can corrupt data and hide the volume's owner.",
      remediation: "Remove force_detach = true from aws_volume_attachment.",
      references: [EC2_DOC + "ebs-detaching-volume.html"],
    },
    mustNotBeTrue("force_detach", "force_detach is true"),
  ),
  aws(
    {
      id: "AWS-EC2-037",
      title: "Security group rule allows ingress from 0.0.0.0/0 to a range wider than 1000 ports",
      severity: "medium",
      types: SG_TYPES,
      description: "Very wide port ranges open to the internet expose unexpected services.",
      remediation:
        "Narrow from_port/to_port of internet-facing rules to the ports actually served.",
      references: [SG_DOC],
      trivy: ["AVD-AWS-0107"],
    },
    (r) =>
      worst(
        sgRules(r, "ingress").map((rule) => {
          const open = rule.cidrs.some((c) => c === "0.0.0.0/0" || c === "::/0");
          if (!open || rule.from instanceof Unknown || rule.to instanceof Unknown) return pass();
          const width = Number(rule.to ?? 0) - Number(rule.from ?? 0);
          return width > 1000 && width < 65535
            ? fail(
                r,
                rule.path || "from_port",
                `port range of ${width + 1} ports open to the internet`,
              )
            : pass();
        }),
      ),
  ),
  aws(
    {
      id: "AWS-EC2-038",
      title: "Auto Scaling group does not tag its instances",
      severity: "info",
      types: ["aws_autoscaling_group"],
      description:
        "An Auto Scaling group should tag its instances so their ownership and data classification are known.",
      remediation:
        "Add tag { key, value, propagate_at_launch = true } blocks to the Auto Scaling group.",
      references: [
        "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-tagging.html",
      ],
      checkov: ["CKV_AWS_153"],
    },
    (r) =>
      blocks(attr(r, "tag")).length || attr(r, "tags") !== undefined
        ? pass()
        : fail(r, "tag", "Auto Scaling group has no tags"),
  ),
  aws(
    {
      id: "AWS-EC2-039",
      title: "DLM cross-region snapshot copies are not encrypted",
      severity: "info",
      types: ["aws_dlm_lifecycle_policy"],
      description: "Cross-region copies made by DLM must be encrypted.",
      remediation: "Set cross_region_copy_rule { encrypted = true } in every DLM schedule.",
      references: ["https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html"],
      checkov: ["CKV_AWS_255"],
    },
    (r) => {
      const outs: RuleOutcome[] = [];
      blocks(attr(r, "policy_details.schedule")).forEach((s, i) =>
        blocks(get(s, "cross_region_copy_rule")).forEach((_c, j) =>
          outs.push(
            expect(
              r,
              `policy_details.0.schedule.${i}.cross_region_copy_rule.${j}.encrypted`,
              (v) => isTrue(v),
              "fail",
              "cross-region copy is not encrypted",
            ),
          ),
        ),
      );
      return worst(outs);
    },
  ),
  aws(
    {
      id: "AWS-EC2-040",
      title: "EC2 serial console access is enabled",
      severity: "info",
      types: ["aws_ec2_serial_console_access"],
      description:
        "EC2 serial console access gives an out-of-band root console and should stay disabled.",
      remediation: "Set enabled = false on aws_ec2_serial_console_access.",
      references: [EC2_DOC + "ec2-serial-console.html"],
    },
    (r) => expect(r, "enabled", (v) => isFalse(v), "fail", "serial console access is enabled"),
  ),
  aws(
    {
      id: "AWS-EC2-041",
      title: "AMI launch permission shares the image",
      severity: "info",
      types: ["aws_ami_launch_permission"],
      description: "Sharing an AMI publicly or with other accounts exposes its contents.",
      remediation:
        'Remove group = "all" (public) from aws_ami_launch_permission; share with specific account_id only when needed.',
      references: [EC2_DOC + "sharingamis-intro.html"],
      checkov: ["CKV_AWS_205"],
    },
    (r) =>
      attr(r, "group") === "all"
        ? fail(r, "group", "AMI is shared publicly")
        : attr(r, "account_id") !== undefined
          ? fail(r, "account_id", "AMI is shared with another account")
          : pass(),
  ),
  aws(
    {
      id: "AWS-EC2-042",
      title: "Account metadata defaults do not require IMDSv2",
      severity: "info",
      types: ["aws_ec2_instance_metadata_defaults"],
      description: "Account-level metadata defaults should require IMDSv2 tokens.",
      remediation: 'Set http_tokens = "required" on aws_ec2_instance_metadata_defaults.',
      references: [EC2_DOC + "configuring-IMDS-new-instances.html"],
    },
    (r) =>
      expect(r, "http_tokens", (v) => v === "required", "fail", 'http_tokens is not "required"'),
  ),
  aws(
    {
      id: "AWS-EC2-043",
      title: "EC2 instance uses EC2-Classic security groups",
      severity: "info",
      types: ["aws_instance"],
      description:
        "Instances should stay off the deprecated EC2-Classic security group model and name VPC security groups.",
      remediation: "Use vpc_security_group_ids instead of security_groups.",
      references: [EC2_DOC + "ec2-security-groups.html"],
    },
    (r) =>
      attr(r, "security_groups") !== undefined && attr(r, "vpc_security_group_ids") === undefined
        ? fail(r, "security_groups", "uses security_groups instead of vpc_security_group_ids")
        : pass(),
  ),
];
