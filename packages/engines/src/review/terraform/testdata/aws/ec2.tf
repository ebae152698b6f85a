variable "office_cidr" {}

resource "aws_security_group" "AWS-EC2-001-pass" {
  description = "web"
  ingress {
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "AWS-EC2-001-fail" {
  description = "ssh"
  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group_rule" "AWS-EC2-001-unknown" {
  type        = "ingress"
  description = "ssh from office"
  from_port   = 22
  to_port     = 22
  protocol    = "tcp"
  cidr_blocks = [var.office_cidr]
}
resource "aws_vpc_security_group_ingress_rule" "AWS-EC2-002-fail" {
  security_group_id = "sg-1"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 3000
  to_port           = 4000
  ip_protocol       = "tcp"
}
resource "aws_security_group_rule" "AWS-EC2-002-pass" {
  type        = "ingress"
  from_port   = 3389
  to_port     = 3389
  protocol    = "tcp"
  cidr_blocks = ["10.0.0.0/8"]
}
resource "aws_security_group_rule" "AWS-EC2-003-fail" {
  type        = "ingress"
  from_port   = 80
  to_port     = 80
  protocol    = "tcp"
  cidr_blocks = ["::/0"]
}
resource "aws_security_group_rule" "AWS-EC2-003-pass" {
  type        = "ingress"
  from_port   = 443
  to_port     = 443
  protocol    = "tcp"
  cidr_blocks = ["0.0.0.0/0"]
}
resource "aws_security_group" "AWS-EC2-004-fail" {
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "AWS-EC2-004-pass" {
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_security_group" "AWS-EC2-005-fail" {
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_vpc_security_group_egress_rule" "AWS-EC2-005-pass" {
  security_group_id = "sg-1"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}
resource "aws_security_group" "AWS-EC2-006-pass" {
  description = "ok"
  ingress {
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
  }
}
resource "aws_security_group" "AWS-EC2-006-fail" {
  description = "ok"
  ingress {
    from_port = 443
    to_port   = 443
    protocol  = "tcp"
  }
}
resource "aws_security_group_rule" "AWS-EC2-007-fail" {
  type        = "ingress"
  from_port   = 5432
  to_port     = 5432
  protocol    = "tcp"
  cidr_blocks = ["0.0.0.0/0"]
}
resource "aws_security_group_rule" "AWS-EC2-007-pass" {
  type        = "ingress"
  from_port   = 5432
  to_port     = 5432
  protocol    = "tcp"
  cidr_blocks = ["10.1.0.0/16"]
}
resource "aws_network_acl" "AWS-EC2-008-fail" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
resource "aws_network_acl" "AWS-EC2-008-pass" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
# NACLs apply the lowest-numbered matching rule: the deny of 20-22 comes before the allow-all.
resource "aws_network_acl" "AWS-EC2-008-pass-denied-first" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = "tcp"
    rule_no    = 10
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 20
    to_port    = 22
  }
  ingress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}
# ... but a deny numbered after the allow does not help.
resource "aws_network_acl" "AWS-EC2-008-fail-denied-later" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
  ingress {
    protocol   = "tcp"
    rule_no    = 200
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
# A rule resource is shadowed by a lower-numbered deny of the NACL it belongs to.
resource "aws_network_acl" "shared" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = "tcp"
    rule_no    = 50
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 3389
    to_port    = 3389
  }
}
resource "aws_network_acl_rule" "AWS-EC2-009-pass-shadowed" {
  network_acl_id = aws_network_acl.shared.id
  rule_number    = 100
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}
resource "aws_network_acl_rule" "AWS-EC2-009-fail" {
  network_acl_id = "acl-1"
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 3389
  to_port        = 3389
}
resource "aws_network_acl_rule" "AWS-EC2-009-pass" {
  network_acl_id = "acl-1"
  rule_number    = 100
  egress         = true
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 3389
  to_port        = 3389
}
resource "aws_network_acl_rule" "AWS-EC2-010-fail" {
  network_acl_id = "acl-1"
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 20
  to_port        = 21
}
resource "aws_network_acl_rule" "AWS-EC2-010-pass" {
  network_acl_id = "acl-1"
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "192.168.0.0/16"
  from_port      = 21
  to_port        = 21
}
resource "aws_network_acl_rule" "AWS-EC2-011-fail" {
  network_acl_id = "acl-1"
  rule_number    = 100
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}
resource "aws_network_acl_rule" "AWS-EC2-011-pass" {
  network_acl_id = "acl-1"
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}
resource "aws_network_acl_rule" "AWS-EC2-012-fail" {
  network_acl_id = "acl-1"
  rule_number    = 100
  protocol       = "all"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}
resource "aws_network_acl_rule" "AWS-EC2-012-pass" {
  network_acl_id = "acl-1"
  rule_number    = 100
  protocol       = "all"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
}
resource "aws_ebs_volume" "AWS-EC2-013-pass" {
  availability_zone = "eu-west-1a"
  encrypted         = true
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/k"
}
resource "aws_ebs_volume" "AWS-EC2-013-fail" { availability_zone = "eu-west-1a" }
resource "aws_ebs_volume" "AWS-EC2-014-pass" {
  availability_zone = "eu-west-1a"
  encrypted         = true
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/k"
}
resource "aws_ebs_volume" "AWS-EC2-014-fail" {
  availability_zone = "eu-west-1a"
  encrypted         = true
}
resource "aws_instance" "AWS-EC2-015-pass" {
  ami = "ami-1"
  root_block_device { encrypted = true }
}
resource "aws_instance" "AWS-EC2-015-pass-from-snapshot" {
  ami = "ami-1"
  root_block_device { snapshot_id = "snap-1" }
}
resource "aws_instance" "AWS-EC2-015-fail-root-unset" {
  ami = "ami-1"
  root_block_device { volume_size = 20 }
}
resource "aws_instance" "AWS-EC2-015-fail" {
  ami = "ami-1"
  root_block_device { encrypted = true }
  ebs_block_device {
    device_name = "/dev/sdb"
    encrypted   = false
  }
}
resource "aws_instance" "AWS-EC2-016-pass" {
  ami = "ami-1"
  metadata_options { http_tokens = "required" }
}
resource "aws_launch_template" "AWS-EC2-016-fail" {
  metadata_options { http_tokens = "optional" }
}
resource "aws_instance" "AWS-EC2-017-pass" {
  ami                         = "ami-1"
  associate_public_ip_address = false
}
resource "aws_launch_template" "AWS-EC2-017-fail" {
  network_interfaces { associate_public_ip_address = true }
}
resource "aws_instance" "AWS-EC2-018-pass" {
  ami       = "ami-1"
  user_data = "#!/bin/sh\necho hello"
}
resource "aws_launch_configuration" "AWS-EC2-018-fail" {
  image_id      = "ami-1"
  instance_type = "t3.micro"
  user_data     = "export AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP"
}
resource "aws_ebs_encryption_by_default" "AWS-EC2-019-pass" { enabled = true }
resource "aws_ebs_encryption_by_default" "AWS-EC2-019-fail" { enabled = false }
resource "aws_launch_template" "AWS-EC2-020-pass" {
  metadata_options { http_put_response_hop_limit = 1 }
}
resource "aws_launch_template" "AWS-EC2-020-fail" {
  metadata_options { http_put_response_hop_limit = 3 }
}
resource "aws_instance" "AWS-EC2-021-pass" {
  ami        = "ami-1"
  monitoring = true
}
resource "aws_instance" "AWS-EC2-021-fail" { ami = "ami-1" }
resource "aws_ec2_transit_gateway" "AWS-EC2-022-pass" { auto_accept_shared_attachments = "disable" }
resource "aws_ec2_transit_gateway" "AWS-EC2-022-fail" { auto_accept_shared_attachments = "enable" }
resource "aws_subnet" "AWS-EC2-023-pass" {
  vpc_id     = "vpc-1"
  cidr_block = "10.0.1.0/24"
}
resource "aws_subnet" "AWS-EC2-023-fail" {
  vpc_id                  = "vpc-1"
  cidr_block              = "10.0.2.0/24"
  map_public_ip_on_launch = true
}
resource "aws_vpc" "AWS-EC2-024-pass" { cidr_block = "10.0.0.0/16" }
resource "aws_flow_log" "fl" {
  vpc_id       = aws_vpc.AWS-EC2-024-pass.id
  traffic_type = "ALL"
}
resource "aws_vpc" "AWS-EC2-024-fail" { cidr_block = "10.1.0.0/16" }
resource "aws_default_security_group" "AWS-EC2-025-pass" { vpc_id = "vpc-1" }
resource "aws_default_security_group" "AWS-EC2-025-fail" {
  vpc_id = "vpc-1"
  ingress {
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }
}
# Judged through the VPC: a VPC passes when its default group is managed and empty.
resource "aws_vpc" "AWS-EC2-025-pass-vpc" { cidr_block = "10.0.0.0/16" }
resource "aws_default_security_group" "restricted" { vpc_id = aws_vpc.AWS-EC2-025-pass-vpc.id }
resource "aws_vpc" "AWS-EC2-025-fail-vpc-unmanaged" { cidr_block = "10.1.0.0/16" }
resource "aws_vpc" "AWS-EC2-025-fail-vpc-rule-resource" { cidr_block = "10.2.0.0/16" }
resource "aws_default_security_group" "AWS-EC2-025-pass-attached" {
  vpc_id = aws_vpc.AWS-EC2-025-fail-vpc-rule-resource.id
}
resource "aws_vpc_security_group_ingress_rule" "into_default" {
  security_group_id = aws_default_security_group.AWS-EC2-025-pass-attached.id
  cidr_ipv4         = "10.0.0.0/8"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}
resource "aws_launch_template" "AWS-EC2-026-pass" {
  block_device_mappings {
    device_name = "/dev/sda1"
    ebs { encrypted = true }
  }
}
resource "aws_launch_template" "AWS-EC2-026-fail" {
  block_device_mappings {
    device_name = "/dev/sda1"
    ebs { volume_size = 20 }
  }
}
resource "aws_ami_copy" "AWS-EC2-027-pass" {
  name              = "c"
  source_ami_id     = "ami-1"
  source_ami_region = "eu-west-1"
  encrypted         = true
}
resource "aws_ami_copy" "AWS-EC2-027-fail" {
  name              = "c"
  source_ami_id     = "ami-1"
  source_ami_region = "eu-west-1"
}
resource "aws_ebs_snapshot_copy" "AWS-EC2-028-pass" {
  source_snapshot_id = "snap-1"
  source_region      = "eu-west-1"
  encrypted          = true
  kms_key_id         = "arn:aws:kms:eu-west-1:111122223333:key/k"
}
resource "aws_ebs_snapshot_copy" "AWS-EC2-028-fail" {
  source_snapshot_id = "snap-1"
  source_region      = "eu-west-1"
}
resource "aws_instance" "AWS-EC2-029-pass" {
  ami           = "ami-1"
  ebs_optimized = true
}
resource "aws_instance" "AWS-EC2-029-fail" { ami = "ami-1" }
resource "aws_autoscaling_group" "AWS-EC2-030-pass" {
  max_size = 1
  min_size = 1
  launch_template {
    id      = "lt-1"
    version = "$Latest"
  }
  tag {
    key                 = "team"
    value               = "a"
    propagate_at_launch = true
  }
}
resource "aws_autoscaling_group" "AWS-EC2-030-fail" {
  max_size             = 1
  min_size             = 1
  launch_configuration = "lc"
}
resource "aws_eip" "AWS-EC2-031-pass" { instance = "i-1" }
resource "aws_eip" "AWS-EC2-031-pass-assoc" { domain = "vpc" }
resource "aws_eip_association" "assoc" { allocation_id = aws_eip.AWS-EC2-031-pass-assoc.id }
resource "aws_eip" "AWS-EC2-031-fail" { domain = "vpc" }
resource "aws_eip" "AWS-EC2-031-pass-transfer-server" {
  count  = 2
  domain = "vpc"
}
resource "aws_transfer_server" "sftp" {
  endpoint_type = "VPC"
  endpoint_details {
    address_allocation_ids = aws_eip.AWS-EC2-031-pass-transfer-server[*].id
  }
}
# Only a reference that allocates the address counts, not any reference (a DNS record).
resource "aws_eip" "AWS-EC2-031-fail-only-dns" { domain = "vpc" }
resource "aws_route53_record" "ip" {
  zone_id = "Z1"
  name    = "x.example.com"
  type    = "A"
  records = [aws_eip.AWS-EC2-031-fail-only-dns.public_ip]
}
resource "aws_launch_template" "AWS-EC2-032-pass" {
  iam_instance_profile { arn = "arn:aws:iam::111122223333:instance-profile/p" }
}
resource "aws_launch_template" "AWS-EC2-032-fail" { name = "x" }
resource "aws_instance" "AWS-EC2-033-pass" {
  ami                  = "ami-1"
  iam_instance_profile = "profile"
}
resource "aws_instance" "AWS-EC2-033-fail" { ami = "ami-1" }
resource "aws_ebs_snapshot" "AWS-EC2-034-pass" { volume_id = "vol-1" }
resource "aws_ebs_snapshot" "AWS-EC2-034-fail" {
  volume_id = "vol-1"
  encrypted = false
}
resource "aws_default_network_acl" "AWS-EC2-035-pass" {
  default_network_acl_id = "acl-1"
}
resource "aws_default_network_acl" "AWS-EC2-035-fail" {
  default_network_acl_id = "acl-1"
  ingress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}
resource "aws_volume_attachment" "AWS-EC2-036-pass" {
  device_name = "/dev/sdh"
  volume_id   = "vol-1"
  instance_id = "i-1"
}
resource "aws_volume_attachment" "AWS-EC2-036-fail" {
  device_name  = "/dev/sdh"
  volume_id    = "vol-1"
  instance_id  = "i-1"
  force_detach = true
}
resource "aws_security_group_rule" "AWS-EC2-037-fail" {
  type        = "ingress"
  from_port   = 1000
  to_port     = 9000
  protocol    = "tcp"
  cidr_blocks = ["0.0.0.0/0"]
}
resource "aws_security_group_rule" "AWS-EC2-037-pass" {
  type        = "ingress"
  from_port   = 8000
  to_port     = 8100
  protocol    = "tcp"
  cidr_blocks = ["0.0.0.0/0"]
}
resource "aws_autoscaling_group" "AWS-EC2-038-pass" {
  max_size = 1
  min_size = 1
  tag {
    key                 = "team"
    value               = "a"
    propagate_at_launch = true
  }
}
resource "aws_autoscaling_group" "AWS-EC2-038-fail" {
  max_size = 1
  min_size = 1
}
resource "aws_dlm_lifecycle_policy" "AWS-EC2-039-pass" {
  description = "p"
  policy_details {
    schedule {
      name = "s"
      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
      }
    }
  }
}
resource "aws_dlm_lifecycle_policy" "AWS-EC2-039-fail" {
  description = "p"
  policy_details {
    schedule {
      name = "s"
      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = false
      }
    }
  }
}
resource "aws_ec2_serial_console_access" "AWS-EC2-040-pass" { enabled = false }
resource "aws_ec2_serial_console_access" "AWS-EC2-040-fail" { enabled = true }
resource "aws_ami_launch_permission" "AWS-EC2-041-pass" { image_id = "ami-1" }
resource "aws_ami_launch_permission" "AWS-EC2-041-fail" {
  image_id = "ami-1"
  group    = "all"
}
resource "aws_ec2_instance_metadata_defaults" "AWS-EC2-042-pass" { http_tokens = "required" }
resource "aws_ec2_instance_metadata_defaults" "AWS-EC2-042-fail" { http_tokens = "no-preference" }
resource "aws_instance" "AWS-EC2-043-pass" {
  ami                    = "ami-1"
  vpc_security_group_ids = ["sg-1"]
}
resource "aws_instance" "AWS-EC2-043-fail" {
  ami             = "ami-1"
  security_groups = ["default"]
}
