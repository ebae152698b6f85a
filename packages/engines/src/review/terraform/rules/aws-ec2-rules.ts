import type { RuleOutcome } from "@infrasec/core";
import type { TfResource } from "../tf-types";
import { Unknown } from "../eval/values";
import {
  attr,
  blocks,
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
  unknown,
  worst,
} from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";
import { absent, bad, isAttached, judgeWithCompanions, ok } from "./companion-kit";
import type { Verdict } from "./companion-kit";

const aws = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("aws", spec, check);
const SG_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html";
const EC2_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/";
const SECRET_RE =
  /(AKIA|ASIA)[0-9A-Z]{16}|aws_secret_access_key\s*=|-----BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY-----/;

/** A default security group restricts all traffic: no inline rules and no attached rule resources. */
function defaultSgSetting(): Parameters<typeof judgeWithCompanions>[1] {
  const rule = (type: string) => ({
    type,
    field: "security_group_id",
    judge: (c: TfResource): Verdict => bad("security_group_id", `${c.address} adds a rule`),
  });
  return {
    inline: (x) => {
      for (const dir of ["ingress", "egress"])
        if (blocks(attr(x, dir)).length) return bad(dir, `default security group has ${dir} rules`);
      return absent;
    },
    companions: [
      rule("aws_security_group_rule"),
      rule("aws_vpc_security_group_ingress_rule"),
      rule("aws_vpc_security_group_egress_rule"),
    ],
    whenAbsent: "pass",
    path: "ingress",
    message: "default security group allows traffic",
  };
}

function blockDevicesEncrypted(r: TfResource): RuleOutcome {
  const outs: RuleOutcome[] = [];
  for (const name of ["root_block_device", "ebs_block_device"]) {
    blocks(attr(r, name)).forEach((b, i) => {
      // A volume created from a snapshot inherits the snapshot's encryption unless encrypted
      // is set; the snapshot is judged where it is created (AWS-EC2-034).
      const snap = b.snapshot_id;
      if (b.encrypted === undefined && snap !== undefined && snap !== null && snap !== "") return;
      outs.push(
        expect(r, `${name}.${i}.encrypted`, (v) => isTrue(v), "fail", `${name} is not encrypted`),
      );
    });
  }
  if (r.type === "aws_instance" && !blocks(attr(r, "root_block_device")).length)
    outs.push(
      fail(r, "root_block_device", "root_block_device is not declared with encrypted = true"),
    );
  return worst(outs)[0]!;
}

/** AWS EC2 instance, EBS and AMI rules. */
export const awsEc2Rules: readonly TfRule[] = [
  aws(
    {
      id: "AWS-EC2-013",
      title: "EBS volume is not encrypted",
      severity: "high",
      types: ["aws_ebs_volume"],
      description: "Unencrypted volumes and their snapshots expose data at rest.",
      remediation: "Set encrypted = true on the aws_ebs_volume.",
      references: [EC2_DOC + "EBSEncryption.html"],
      frameworks: ["CIS AWS 2.2.1"],
      checkov: ["CKV_AWS_3"],
      trivy: ["AVD-AWS-0026"],
    },
    mustBeTrue("encrypted", "volume is not encrypted"),
  ),
  aws(
    {
      id: "AWS-EC2-014",
      title: "EBS volume is not encrypted with a customer managed key",
      severity: "low",
      types: ["aws_ebs_volume"],
      description:
        "A customer managed KMS key gives control over access and rotation of volume keys.",
      remediation: "Set kms_key_id to a customer managed KMS key ARN.",
      references: [EC2_DOC + "EBSEncryption.html"],
      checkov: ["CKV_AWS_189"],
      trivy: ["AVD-AWS-0027"],
    },
    mustBeSet("kms_key_id", "kms_key_id is not set"),
  ),
  aws(
    {
      id: "AWS-EC2-015",
      title: "Instance or launch configuration block device is not encrypted",
      severity: "high",
      types: ["aws_instance", "aws_launch_configuration"],
      description: "Root and EBS block devices hold data at rest and must be encrypted.",
      remediation:
        "Add root_block_device { encrypted = true } and encrypted = true on every ebs_block_device.",
      references: [EC2_DOC + "EBSEncryption.html"],
      checkov: ["CKV_AWS_8"],
      trivy: ["AVD-AWS-0131", "AVD-AWS-0008"],
    },
    blockDevicesEncrypted,
  ),
  aws(
    {
      id: "AWS-EC2-016",
      title: "Instance metadata service v1 (IMDSv1) is enabled",
      severity: "high",
      types: ["aws_instance", "aws_launch_template", "aws_launch_configuration"],
      description:
        "IMDSv1 can be abused through SSRF to steal instance role credentials; IMDSv2 requires session tokens.",
      remediation:
        'Set metadata_options { http_tokens = "required" } (or http_endpoint = "disabled").',
      references: [EC2_DOC + "configuring-instance-metadata-service.html"],
      checkov: ["CKV_AWS_79"],
      trivy: ["AVD-AWS-0028", "AVD-AWS-0130"],
    },
    (r) => {
      if (attr(r, "metadata_options.http_endpoint") === "disabled") return pass();
      return expect(
        r,
        "metadata_options.http_tokens",
        (v) => v === "required",
        "fail",
        'metadata_options.http_tokens is not "required"',
      );
    },
  ),
  aws(
    {
      id: "AWS-EC2-017",
      title: "Instance gets a public IP address",
      severity: "medium",
      types: ["aws_instance", "aws_launch_template", "aws_launch_configuration"],
      description:
        "Public addresses expose instances directly; put them behind load balancers or NAT.",
      remediation:
        "Set associate_public_ip_address = false (network_interfaces { associate_public_ip_address = false } for launch templates).",
      references: [EC2_DOC + "using-instance-addressing.html"],
      checkov: ["CKV_AWS_88"],
      trivy: ["AVD-AWS-0009"],
    },
    (r) =>
      worst([
        mustNotBeTrue("associate_public_ip_address", "instance gets a public IP")(r),
        ...blocks(attr(r, "network_interfaces")).map((_b, i) =>
          mustNotBeTrue(
            `network_interfaces.${i}.associate_public_ip_address`,
            "network interface gets a public IP",
          )(r),
        ),
      ]),
  ),
  aws(
    {
      id: "AWS-EC2-018",
      title: "EC2 user data contains secrets",
      severity: "critical",
      types: ["aws_instance", "aws_launch_configuration", "aws_launch_template"],
      description:
        "User data is readable from the instance and through the API; credentials in it leak.",
      remediation:
        "Remove access keys and private keys from user_data; fetch secrets at boot from Secrets Manager or SSM.",
      references: [EC2_DOC + "user-data.html"],
      checkov: ["CKV_AWS_46"],
      trivy: ["AVD-AWS-0029", "AVD-AWS-0129"],
    },
    (r) => {
      const outs = ["user_data", "user_data_base64"].map((p) => {
        const v = attr(r, p);
        if (v instanceof Unknown) return pass();
        if (typeof v !== "string") return pass();
        const text = p === "user_data_base64" ? Buffer.from(v, "base64").toString("utf8") : v;
        return SECRET_RE.test(text) || SECRET_RE.test(Buffer.from(v, "base64").toString("utf8"))
          ? fail(r, p, "user data contains what looks like a credential")
          : pass();
      });
      return worst(outs);
    },
  ),
  aws(
    {
      id: "AWS-EC2-019",
      title: "EBS encryption by default is disabled",
      severity: "medium",
      types: ["aws_ebs_encryption_by_default"],
      description: "Account-wide default encryption ensures every new volume is encrypted.",
      remediation: "Set enabled = true (the default) on aws_ebs_encryption_by_default.",
      references: [EC2_DOC + "EBSEncryption.html#encryption-by-default"],
      frameworks: ["CIS AWS 2.2.1"],
      checkov: ["CKV_AWS_106"],
    },
    (r) => expect(r, "enabled", (v) => !isFalse(v), "pass", "default EBS encryption is disabled"),
  ),
  aws(
    {
      id: "AWS-EC2-020",
      title: "Metadata response hop limit is greater than 1",
      severity: "low",
      types: ["aws_launch_template", "aws_launch_configuration", "aws_instance"],
      description:
        "A hop limit above 1 lets containers on the host reach the instance metadata service.",
      remediation: "Set metadata_options { http_put_response_hop_limit = 1 }.",
      references: [EC2_DOC + "instancedata-data-retrieval.html"],
      checkov: ["CKV_AWS_341"],
    },
    (r) =>
      expect(
        r,
        "metadata_options.http_put_response_hop_limit",
        (v) => Number(v) <= 1,
        "pass",
        "http_put_response_hop_limit is above 1",
      ),
  ),
  aws(
    {
      id: "AWS-EC2-021",
      title: "EC2 instance detailed monitoring is disabled",
      severity: "low",
      types: ["aws_instance"],
      description: "Detailed monitoring gives one-minute metrics needed to detect abuse quickly.",
      remediation: "Set monitoring = true.",
      references: [EC2_DOC + "using-cloudwatch-new.html"],
      checkov: ["CKV_AWS_126"],
    },
    mustBeTrue("monitoring", "monitoring is not enabled"),
  ),
  aws(
    {
      id: "AWS-EC2-022",
      title: "Transit gateway automatically accepts VPC attachments",
      severity: "medium",
      types: ["aws_ec2_transit_gateway"],
      description:
        "Auto-accepting attachments lets any shared account connect networks without review.",
      remediation: 'Set auto_accept_shared_attachments = "disable".',
      references: ["https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html"],
      checkov: ["CKV_AWS_331"],
    },
    (r) =>
      expect(
        r,
        "auto_accept_shared_attachments",
        (v) => v !== "enable",
        "pass",
        "shared attachments are auto-accepted",
      ),
  ),
  aws(
    {
      id: "AWS-EC2-023",
      title: "Subnet assigns public IP addresses on launch",
      severity: "medium",
      types: ["aws_subnet"],
      description: "Instances launched in the subnet get public addresses by default.",
      remediation:
        "Set map_public_ip_on_launch = false and use NAT or load balancers for public reach.",
      references: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html"],
      checkov: ["CKV_AWS_130"],
      trivy: ["AVD-AWS-0164"],
    },
    mustNotBeTrue("map_public_ip_on_launch", "subnet maps public IPs on launch"),
  ),
  aws(
    {
      id: "AWS-EC2-024",
      title: "VPC has no flow logs",
      severity: "medium",
      types: ["aws_vpc"],
      description:
        "Flow logs record accepted and rejected traffic, needed to investigate incidents.",
      remediation: "Add an aws_flow_log with vpc_id = aws_vpc.<name>.id.",
      references: ["https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html"],
      frameworks: ["CIS AWS 3.9"],
      checkov: ["CKV2_AWS_11"],
      trivy: ["AVD-AWS-0178"],
    },
    (r) => {
      const logs = r.scan.byType("aws_flow_log");
      if (logs.some((l) => l.values.vpc_id instanceof Unknown && l.values.vpc_id.ref === r.address))
        return pass();
      const open = logs.filter((l) => l.values.vpc_id instanceof Unknown && !l.values.vpc_id.ref);
      return open.length
        ? unknown(
            open.map((l) => l.values.vpc_id as Unknown),
            "vpc_id",
          )
        : fail(r, "cidr_block", "no aws_flow_log for this VPC");
    },
  ),
  aws(
    {
      id: "AWS-EC2-025",
      title: "Default security group allows traffic",
      severity: "medium",
      types: ["aws_vpc", "aws_default_security_group"],
      description:
        "The default security group of every VPC should restrict all traffic so resources are never attached to it by accident. A VPC whose default security group is not managed by an aws_default_security_group keeps AWS's defaults (all egress, ingress from the group itself); rules attached to the default group through aws_security_group_rule or aws_vpc_security_group_*_rule count as well.",
      remediation:
        "Add an aws_default_security_group with vpc_id = aws_vpc.<name>.id and no ingress or egress blocks, and attach no rule resources to it.",
      references: [SG_DOC],
      frameworks: ["CIS AWS 5.4"],
      checkov: ["CKV2_AWS_12"],
      trivy: ["AVD-AWS-0173"],
    },
    (r) => {
      if (r.type === "aws_default_security_group")
        return isAttached(r, "aws_vpc", "vpc_id")
          ? pass()
          : judgeWithCompanions(r, defaultSgSetting());
      return judgeWithCompanions(r, {
        inline: () => absent,
        companions: [
          {
            type: "aws_default_security_group",
            field: "vpc_id",
            judge: (sg) => {
              const o = judgeWithCompanions(sg, defaultSgSetting());
              return o.kind === "fail"
                ? bad(o.attributePath ?? "vpc_id", o.message ?? "default security group has rules")
                : ok;
            },
          },
        ],
        whenAbsent: "fail",
        path: "id",
        message:
          "the VPC's default security group is not restricted by an aws_default_security_group, so it keeps AWS's default rules",
      });
    },
  ),
  aws(
    {
      id: "AWS-EC2-026",
      title: "Launch template does not encrypt EBS volumes",
      severity: "high",
      types: ["aws_launch_template"],
      description: "Volumes created from the launch template must be encrypted.",
      remediation: "Set block_device_mappings { ebs { encrypted = true } } for every mapping.",
      references: [EC2_DOC + "EBSEncryption.html"],
    },
    (r) =>
      worst(
        blocks(attr(r, "block_device_mappings")).map((b, i) =>
          get(b, "ebs") === undefined
            ? pass()
            : expect(
                r,
                `block_device_mappings.${i}.ebs.encrypted`,
                (v) => isTrue(v),
                "fail",
                "EBS mapping is not encrypted",
              ),
        ),
      ),
  ),
  aws(
    {
      id: "AWS-EC2-027",
      title: "AMI copy is not encrypted",
      severity: "medium",
      types: ["aws_ami_copy"],
      description: "Copied AMIs carry the source volumes' data and should be encrypted.",
      remediation: "Set encrypted = true on aws_ami_copy.",
      references: [EC2_DOC + "CopyingAMIs.html"],
      checkov: ["CKV_AWS_235"],
    },
    mustBeTrue("encrypted", "AMI copy is not encrypted"),
  ),
  aws(
    {
      id: "AWS-EC2-028",
      title: "EBS snapshot copy is not encrypted",
      severity: "medium",
      types: ["aws_ebs_snapshot_copy"],
      description: "Snapshot copies hold full volume data.",
      remediation: "Set encrypted = true and kms_key_id on aws_ebs_snapshot_copy.",
      references: [EC2_DOC + "ebs-copy-snapshot.html"],
      checkov: ["CKV_AWS_183"],
    },
    (r) =>
      worst([
        mustBeTrue("encrypted", "snapshot copy is not encrypted")(r),
        mustBeSet("kms_key_id", "kms_key_id is not set")(r),
      ]),
  ),
];
