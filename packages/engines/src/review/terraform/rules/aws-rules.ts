import { awsAuditRules } from "./aws-audit-rules";
import { awsDataRules } from "./aws-data-rules";
import { awsEc2ExtraRules } from "./aws-ec2-extra-rules";
import { awsEc2Rules } from "./aws-ec2-rules";
import { awsIamRules } from "./aws-iam-rules";
import { awsNetworkRules } from "./aws-network-rules";
import { awsOpenSearchRules } from "./aws-opensearch-rules";
import { awsRdsRules } from "./aws-rds-rules";
import { awsS3Rules } from "./aws-s3-rules";
import type { TfRule } from "./rule-kit";

/** Every AWS Terraform rule, in a stable order. */
export const awsRules: readonly TfRule[] = [
  ...awsS3Rules,
  ...awsNetworkRules,
  ...awsEc2Rules,
  ...awsEc2ExtraRules,
  ...awsRdsRules,
  ...awsDataRules,
  ...awsOpenSearchRules,
  ...awsIamRules,
  ...awsAuditRules,
];
