# Fixtures for AWS S3 rules: resources named <RULE-ID>-pass*/fail*/unknown*.
variable "acl" {}

resource "aws_s3_bucket" "AWS-S3-001-pass" { acl = "private" }
resource "aws_s3_bucket" "AWS-S3-001-fail" { acl = "public-read" }
resource "aws_s3_bucket_acl" "AWS-S3-001-fail-acl" {
  bucket = "x"
  acl    = "public-read-write"
}
resource "aws_s3_bucket" "AWS-S3-001-unknown" { acl = var.acl }
# The ACL of a bucket in another resource (AWS provider v4+) is judged with the bucket: the bucket
# fails, the attached ACL resource does not report the same thing again.
resource "aws_s3_bucket" "AWS-S3-001-fail-via-acl" { bucket = "shared-name" }
resource "aws_s3_bucket_acl" "AWS-S3-001-pass-attached" {
  bucket = aws_s3_bucket.AWS-S3-001-fail-via-acl.id
  acl    = "public-read"
}
# Same bucket name, but the public ACL above references the other bucket.
resource "aws_s3_bucket" "AWS-S3-001-pass-same-name" { bucket = "shared-name" }
resource "aws_s3_bucket" "AWS-S3-001-pass-private-acl" { bucket = "p" }
resource "aws_s3_bucket_acl" "private" {
  bucket = aws_s3_bucket.AWS-S3-001-pass-private-acl.bucket
  acl    = "private"
}
resource "aws_s3_bucket" "AWS-S3-001-fail-grant" { bucket = "g" }
resource "aws_s3_bucket_acl" "grant_read" {
  bucket = aws_s3_bucket.AWS-S3-001-fail-grant.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner { id = "abc" }
  }
}

resource "aws_s3_bucket" "AWS-S3-017-pass" { acl = "public-read" }
resource "aws_s3_bucket" "AWS-S3-017-fail" { acl = "public-read-write" }
resource "aws_s3_bucket" "AWS-S3-017-fail-grant" { bucket = "w" }
resource "aws_s3_bucket_acl" "grant_write" {
  bucket = aws_s3_bucket.AWS-S3-017-fail-grant.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
      }
      permission = "WRITE"
    }
    owner { id = "abc" }
  }
}
resource "aws_s3_bucket_acl" "AWS-S3-017-pass-read-grant" {
  bucket = "outside-the-scan"
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner { id = "abc" }
  }
}

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
# A companion keyed by an input without value may be this bucket's: the outcome is unknown.
variable "versioned_bucket" {}
resource "aws_s3_bucket" "AWS-S3-002-unknown" { bucket = "maybe" }
resource "aws_s3_bucket_versioning" "by_variable" {
  bucket = var.versioned_bucket
  versioning_configuration { status = "Enabled" }
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
# S3 encrypts new objects with SSE-S3 by default since 2023: no configuration is not a finding.
resource "aws_s3_bucket" "AWS-S3-003-pass-default" { bucket = "plain" }
resource "aws_s3_bucket" "AWS-S3-003-fail" {
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default { sse_algorithm = "none" }
    }
  }
}
resource "aws_s3_bucket" "AWS-S3-003-pass-companion" { bucket = "enc" }
resource "aws_s3_bucket_server_side_encryption_configuration" "good" {
  bucket = aws_s3_bucket.AWS-S3-003-pass-companion.bucket
  rule {
    apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" }
  }
}
resource "aws_s3_bucket" "AWS-S3-003-fail-companion" { bucket = "enc2" }
resource "aws_s3_bucket_server_side_encryption_configuration" "no_algorithm" {
  bucket = aws_s3_bucket.AWS-S3-003-fail-companion.bucket
  rule {
    apply_server_side_encryption_by_default { kms_master_key_id = "k" }
  }
}

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
resource "aws_s3_bucket" "AWS-S3-005-fail-not-blocking" { bucket = "weakpab" }
resource "aws_s3_bucket_public_access_block" "weak" {
  bucket              = aws_s3_bucket.AWS-S3-005-fail-not-blocking.id
  block_public_acls   = false
  block_public_policy = true
}

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
resource "aws_s3_bucket" "AWS-S3-010-pass-key-reference" {
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.s3.arn
      }
    }
  }
}
resource "aws_s3_bucket" "AWS-S3-010-fail-no-config" { bucket = "nocmk" }
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
resource "aws_s3_bucket_policy" "AWS-S3-011-pass-condition" {
  bucket = "a"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1234" } }
    }]
  })
}
resource "aws_s3_bucket_policy" "AWS-S3-011-fail-wildcard-condition" {
  bucket = "a"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow", Principal = { AWS = "*" }, Action = "s3:GetObject", Resource = "*"
      Condition = { ArnEquals = { "aws:PrincipalArn" = "arn:aws:iam::*" } }
    }]
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

resource "aws_s3_bucket_lifecycle_configuration" "AWS-S3-013-fail-filtered" {
  bucket = "a"
  rule {
    id     = "abort-logs-only"
    status = "Enabled"
    filter { prefix = "logs/" }
    abort_incomplete_multipart_upload { days_after_initiation = 7 }
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
resource "aws_s3_bucket_acl" "AWS-S3-014-pass-read-objects" {
  bucket = "a"
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
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
resource "aws_s3_bucket" "AWS-S3-016-pass-companion" { bucket = "rep" }
resource "aws_s3_bucket_replication_configuration" "on" {
  bucket = aws_s3_bucket.AWS-S3-016-pass-companion.id
  role   = "arn"
  rule {
    status = "Enabled"
    destination { bucket = "arn:aws:s3:::dest" }
  }
}
resource "aws_s3_bucket" "AWS-S3-016-fail-disabled" { bucket = "rep2" }
resource "aws_s3_bucket_replication_configuration" "off" {
  bucket = aws_s3_bucket.AWS-S3-016-fail-disabled.id
  role   = "arn"
  rule {
    status = "Disabled"
    destination { bucket = "arn:aws:s3:::dest" }
  }
}
