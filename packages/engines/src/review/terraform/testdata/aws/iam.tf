variable "policy_json" {}

resource "aws_iam_policy" "AWS-IAM-001-pass" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
resource "aws_iam_role_policy" "AWS-IAM-001-fail" {
  role   = "r"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "AWS-IAM-001-unknown" { policy = var.policy_json }
data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "AWS-IAM-001-fail-doc" { policy = data.aws_iam_policy_document.admin.json }
resource "aws_ssoadmin_permission_set_inline_policy" "AWS-IAM-001-fail-permission-set" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-1"
  inline_policy      = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "*"], Resource = ["arn:aws:s3:::b", "*"] }] })
}
resource "aws_ssoadmin_permission_set_inline_policy" "AWS-IAM-001-pass-permission-set" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-2"
  inline_policy      = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
resource "aws_iam_policy" "AWS-IAM-002-pass" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::b/*" }] })
}
resource "aws_iam_policy" "AWS-IAM-002-fail" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "arn:aws:s3:::b/*" }] })
}
resource "aws_iam_user_policy_attachment" "AWS-IAM-003-fail" {
  user       = "u"
  policy_arn = "arn"
}
resource "aws_iam_policy_attachment" "AWS-IAM-003-pass" {
  name       = "a"
  roles      = ["r"]
  policy_arn = "arn"
}
resource "aws_iam_role_policy_attachment" "AWS-IAM-004-pass" {
  role       = "r"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_role_policy_attachment" "AWS-IAM-004-fail" {
  role       = "r"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role" "AWS-IAM-004-fail-managed-arns" {
  assume_role_policy  = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}
resource "aws_iam_role" "AWS-IAM-004-pass-managed-arns" {
  assume_role_policy  = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}
resource "aws_ssoadmin_managed_policy_attachment" "AWS-IAM-004-fail-permission-set" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1"
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-1"
}
resource "aws_iam_role" "AWS-IAM-016-fail" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" } }] })
}
resource "aws_iam_role" "AWS-IAM-016-fail-account-id" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = ["arn:aws:iam::123456789012:role/deployer", "123456789012"] } }] })
}
resource "aws_iam_role" "AWS-IAM-016-pass" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:role/deployer" } }] })
}
resource "aws_iam_role" "AWS-IAM-016-pass-denied" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Deny", Action = "sts:AssumeRole", Principal = { AWS = "123456789012" } }] })
}
resource "aws_iam_role" "AWS-IAM-016-pass-condition" {
  assume_role_policy = jsonencode({ Statement = [{
    Effect    = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" }
    Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/ci-*" } }
  }] })
}
resource "aws_iam_role" "AWS-IAM-005-pass" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_role" "AWS-IAM-005-fail" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }] })
}
resource "aws_iam_role" "AWS-IAM-006-pass" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
resource "aws_iam_role" "AWS-IAM-006-fail" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "*.amazonaws.com" } }] })
}
resource "aws_iam_account_password_policy" "strong" {
  minimum_password_length        = 14
  password_reuse_prevention      = 24
  require_symbols                = true
  require_numbers                = true
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  max_password_age               = 90
}
resource "aws_iam_account_password_policy" "AWS-IAM-007-pass" { minimum_password_length = 16 }
resource "aws_iam_account_password_policy" "AWS-IAM-007-fail" { minimum_password_length = 8 }
resource "aws_iam_account_password_policy" "AWS-IAM-008-pass" { password_reuse_prevention = 24 }
resource "aws_iam_account_password_policy" "AWS-IAM-008-fail" { password_reuse_prevention = 3 }
resource "aws_iam_account_password_policy" "AWS-IAM-009-pass" { require_symbols = true }
resource "aws_iam_account_password_policy" "AWS-IAM-009-fail" { require_symbols = false }
resource "aws_iam_account_password_policy" "AWS-IAM-010-pass" { require_numbers = true }
resource "aws_iam_account_password_policy" "AWS-IAM-010-fail" { minimum_password_length = 14 }
resource "aws_iam_account_password_policy" "AWS-IAM-011-pass" { require_lowercase_characters = true }
resource "aws_iam_account_password_policy" "AWS-IAM-011-fail" { require_lowercase_characters = false }
resource "aws_iam_account_password_policy" "AWS-IAM-012-pass" { require_uppercase_characters = true }
resource "aws_iam_account_password_policy" "AWS-IAM-012-fail" { minimum_password_length = 14 }
resource "aws_iam_account_password_policy" "AWS-IAM-013-pass" { max_password_age = 60 }
resource "aws_iam_account_password_policy" "AWS-IAM-013-fail" { max_password_age = 365 }
resource "aws_iam_user" "AWS-IAM-014-fail" { name = "alice" }
resource "aws_iam_user" "AWS-IAM-014-pass" {
  name = "ci"
  path = "/system/"
}
resource "aws_iam_access_key" "AWS-IAM-015-pass" { user = "ci" }
resource "aws_iam_access_key" "AWS-IAM-015-fail" { user = "root" }
resource "aws_kms_key" "AWS-KMS-001-pass" { enable_key_rotation = true }
resource "aws_kms_key" "AWS-KMS-001-pass-asym" { customer_master_key_spec = "RSA_2048" }
resource "aws_kms_key" "AWS-KMS-001-fail" { description = "k" }
resource "aws_kms_key" "AWS-KMS-002-pass" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" }] })
}
resource "aws_kms_key" "AWS-KMS-002-fail" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "kms:*", Resource = "*" }] })
}
# A trailing comma in a heredoc policy does not hide the wildcard principal.
resource "aws_kms_key" "AWS-KMS-002-fail-trailing-comma" {
  policy = <<-POLICY
    {"Statement": [
      {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*"},
    ]}
  POLICY
}
resource "aws_kms_key" "AWS-KMS-003-pass" { is_enabled = true }
resource "aws_kms_key" "AWS-KMS-003-fail" { is_enabled = false }
resource "aws_cloudtrail" "AWS-CT-001-pass" { is_multi_region_trail = true }
resource "aws_cloudtrail" "AWS-CT-001-fail" { name = "t" }
resource "aws_cloudtrail" "AWS-CT-002-pass" { kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/k" }
resource "aws_cloudtrail" "AWS-CT-002-fail" { name = "t" }
resource "aws_cloudtrail" "AWS-CT-003-pass" { enable_log_file_validation = true }
resource "aws_cloudtrail" "AWS-CT-003-fail" { enable_log_file_validation = false }
resource "aws_cloudtrail" "AWS-CT-004-pass" { name = "t" }
resource "aws_cloudtrail" "AWS-CT-004-fail" { enable_logging = false }
resource "aws_cloudtrail" "AWS-CT-005-pass" { cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:t:*" }
resource "aws_cloudtrail" "AWS-CT-005-fail" { name = "t" }
resource "aws_cloudtrail" "AWS-CT-006-pass" { sns_topic_name = "trail" }
resource "aws_cloudtrail" "AWS-CT-006-fail" { name = "t" }
resource "aws_cloudwatch_log_group" "AWS-CW-001-pass" { kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/k" }
resource "aws_cloudwatch_log_group" "AWS-CW-001-fail" { name = "g" }
resource "aws_cloudwatch_log_group" "AWS-CW-002-pass" { retention_in_days = 400 }
resource "aws_cloudwatch_log_group" "AWS-CW-002-fail" { retention_in_days = 30 }
# Unset retention never expires the logs.
resource "aws_cloudwatch_log_group" "AWS-CW-002-pass-unset" { name = "forever" }
resource "aws_secretsmanager_secret" "AWS-SM-001-pass" { kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/k" }
resource "aws_secretsmanager_secret" "AWS-SM-001-fail" { name = "s" }
resource "aws_secretsmanager_secret" "AWS-SM-001-fail-aws-managed" { kms_key_id = "alias/aws/secretsmanager" }
resource "aws_secretsmanager_secret_rotation" "AWS-SM-002-pass" {
  secret_id = "s"
  rotation_rules { automatically_after_days = 30 }
}
resource "aws_secretsmanager_secret_rotation" "AWS-SM-002-pass-rate" {
  secret_id = "s"
  rotation_rules { schedule_expression = "rate(4 hours)" }
}
resource "aws_secretsmanager_secret_rotation" "AWS-SM-002-pass-cron" {
  secret_id = "s"
  rotation_rules { schedule_expression = "cron(0 12 * * ? *)" }
}
resource "aws_secretsmanager_secret_rotation" "AWS-SM-002-fail-rate" {
  secret_id = "s"
  rotation_rules { schedule_expression = "rate(180 days)" }
}
resource "aws_secretsmanager_secret_rotation" "AWS-SM-002-fail-yearly-cron" {
  secret_id = "s"
  rotation_rules { schedule_expression = "cron(0 0 1 1 ? *)" }
}
resource "aws_secretsmanager_secret_rotation" "AWS-SM-002-fail" {
  secret_id = "s"
  rotation_rules { automatically_after_days = 180 }
}
resource "aws_ssm_document" "AWS-SSM-001-pass" {
  name          = "d"
  document_type = "Command"
  content       = "{}"
}
resource "aws_ssm_document" "AWS-SSM-001-fail" {
  name          = "d"
  document_type = "Command"
  content       = "{}"
  permissions = {
    type        = "Share"
    account_ids = "All"
  }
}
resource "aws_ssm_parameter" "AWS-SSM-002-pass" {
  name  = "/app/db_password"
  type  = "SecureString"
  value = "x"
}
resource "aws_ssm_parameter" "AWS-SSM-002-fail" {
  name  = "/app/db_password"
  type  = "String"
  value = "x"
}
