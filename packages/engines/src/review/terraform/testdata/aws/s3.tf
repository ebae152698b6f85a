# Fixtures for AWS S3 rules: resources named <RULE-ID>-pass*/fail*/unknown*.
variable "acl" {}

resource "aws_s3_bucket" "AWS-S3-001-pass" { acl = "private" }
resource "aws_s3_bucket" "AWS-S3-001-fail" { acl = "public-read" }
resource "aws_s3_bucket_acl" "AWS-S3-001-fail-acl" {
  bucket = "x"
  acl    = "public-read-write"
}
resource "aws_s3_bucket" "AWS-S3-001-unknown" { acl = var.acl }

resource "aws_s3_bucket" "AWS-S3-002-pass" {
  versioning { enabled = true }
}
resource "aws_s3_bucket" "AWS-S3-002-pass-companion" { bucket = "v2" }
resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.AWS-S3-002-pass-companion.id
  versioning_configuration { status = "Enabled" }
}
resource "aws_s3_bucket" "AWS-S3-002-fail" {
  versioning { enabled = false }
}
resource "aws_s3_bucket_versioning" "AWS-S3-002-fail-suspended" {
  bucket = "other"
  versioning_configuration { status = "Suspended" }
}

resource "aws_s3_bucket" "AWS-S3-003-pass" {
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default { sse_algorithm = "AES256" }
    }
  }
}
resource "aws_s3_bucket" "AWS-S3-003-fail" { bucket = "plain" }

resource "aws_s3_bucket" "AWS-S3-004-pass" {
  logging { target_bucket = "logs" }
}
resource "aws_s3_bucket" "AWS-S3-004-pass-companion" { bucket = "l2" }
resource "aws_s3_bucket_logging" "l" {
  bucket        = "l2"
  target_bucket = "logs"
}
resource "aws_s3_bucket" "AWS-S3-004-fail" { bucket = "nolog" }

resource "aws_s3_bucket" "AWS-S3-005-pass" { bucket = "pab" }
resource "aws_s3_bucket_public_access_block" "pab" {
  bucket                  = aws_s3_bucket.AWS-S3-005-pass.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket" "AWS-S3-005-fail" { bucket = "nopab" }

resource "aws_s3_bucket_public_access_block" "AWS-S3-006-pass" {
  bucket            = "a"
  block_public_acls = true
}
resource "aws_s3_bucket_public_access_block" "AWS-S3-006-fail" { bucket = "a" }
resource "aws_s3_bucket_public_access_block" "AWS-S3-007-pass" {
  bucket              = "a"
  block_public_policy = true
}
resource "aws_s3_bucket_public_access_block" "AWS-S3-007-fail" {
  bucket              = "a"
  block_public_policy = false
}
resource "aws_s3_bucket_public_access_block" "AWS-S3-008-pass" {
  bucket             = "a"
  ignore_public_acls = true
}
resource "aws_s3_bucket_public_access_block" "AWS-S3-008-fail" { bucket = "a" }
resource "aws_s3_bucket_public_access_block" "AWS-S3-009-pass" {
  bucket                  = "a"
  restrict_public_buckets = true
}
resource "aws_s3_bucket_public_access_block" "AWS-S3-009-fail" {
  bucket                  = "a"
  restrict_public_buckets = false
}

resource "aws_s3_bucket" "AWS-S3-010-pass" {
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/abc"
      }
    }
  }
}
resource "aws_s3_bucket" "AWS-S3-010-fail" {
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default { sse_algorithm = "AES256" }
    }
  }
}

resource "aws_s3_bucket_policy" "AWS-S3-011-pass" {
  bucket = "a"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "s3:GetObject", Resource = "*" }]
  })
}
resource "aws_s3_bucket_policy" "AWS-S3-011-fail" {
  bucket = "a"
  policy = <<-JSON
    {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}]}
  JSON
}

resource "aws_s3_bucket" "AWS-S3-012-pass" {
  object_lock_configuration { object_lock_enabled = "Enabled" }
}
resource "aws_s3_bucket" "AWS-S3-012-fail" {
  object_lock_configuration { object_lock_enabled = "Disabled" }
}

resource "aws_s3_bucket_lifecycle_configuration" "AWS-S3-013-pass" {
  bucket = "a"
  rule {
    id     = "abort"
    status = "Enabled"
    abort_incomplete_multipart_upload { days_after_initiation = 7 }
  }
}
resource "aws_s3_bucket_lifecycle_configuration" "AWS-S3-013-fail" {
  bucket = "a"
  rule {
    id     = "expire"
    status = "Enabled"
    expiration { days = 30 }
  }
}

resource "aws_s3_bucket_acl" "AWS-S3-014-pass" {
  bucket = "a"
  access_control_policy {
    grant {
      grantee {
        type = "CanonicalUser"
        id   = "abc"
      }
      permission = "READ"
    }
    owner { id = "abc" }
  }
}
resource "aws_s3_bucket_acl" "AWS-S3-014-fail" {
  bucket = "a"
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ_ACP"
    }
    owner { id = "abc" }
  }
}

resource "aws_s3_access_point" "AWS-S3-015-pass" {
  bucket = "a"
  name   = "ap"
}
resource "aws_s3_access_point" "AWS-S3-015-fail" {
  bucket = "a"
  name   = "ap2"
  public_access_block_configuration {
    block_public_acls = false
  }
}

resource "aws_s3_bucket" "AWS-S3-016-pass" {
  replication_configuration {
    role = "arn"
    rules {
      status = "Enabled"
      destination { bucket = "arn:aws:s3:::dest" }
    }
  }
}
resource "aws_s3_bucket" "AWS-S3-016-fail" { bucket = "norep" }
