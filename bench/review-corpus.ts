import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Deterministic pseudo-random numbers (the corpus must be the same on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function moduleFile(m: number, f: number, rand: () => number): string {
  const out: string[] = [`# module ${m} file ${f}`];
  if (f === 0) {
    out.push(
      `variable "name" { type = string }`,
      `variable "env" {\n  type    = string\n  default = "dev"\n}`,
      `variable "cidrs" {\n  type    = list(string)\n  default = ["10.0.0.0/16"]\n}`,
      `variable "tags" {\n  type    = map(string)\n  default = {}\n}`,
      `variable "public" {\n  type    = bool\n  default = false\n}`,
      `locals {\n  prefix = "\${var.name}-\${var.env}"\n  common = merge(var.tags, { module = "m${m}", env = var.env })\n  ports  = { ssh = 22, https = 443, app = ${8000 + m} }\n  subnets = [for i in range(3) : cidrsubnet(var.cidrs[0], 8, i)]\n}`,
      `output "bucket" { value = aws_s3_bucket.data.bucket }`,
      `output "sg" { value = aws_security_group.web.id }`,
    );
  }
  const kinds = ["bucket", "sg", "db", "instance", "iam", "kms"];
  for (let r = 0; r < 5; r++) {
    const kind = kinds[Math.floor(rand() * kinds.length)]!;
    const n = `r${f}_${r}`;
    if (f === 0 && r === 0) {
      out.push(
        `resource "aws_s3_bucket" "data" {\n  bucket = "\${local.prefix}-data"\n  acl    = var.public ? "public-read" : "private"\n  tags   = local.common\n  versioning {\n    enabled = var.env == "prod"\n  }\n}`,
      );
      out.push(
        `resource "aws_security_group" "web" {\n  name        = "\${local.prefix}-web"\n  description = "web"\n  dynamic "ingress" {\n    for_each = local.ports\n    content {\n      description = ingress.key\n      from_port   = ingress.value\n      to_port     = ingress.value\n      protocol    = "tcp"\n      cidr_blocks = ingress.key == "https" ? ["0.0.0.0/0"] : var.cidrs\n    }\n  }\n  tags = local.common\n}`,
      );
      continue;
    }
    if (kind === "bucket")
      out.push(
        `resource "aws_s3_bucket" "${n}" {\n  bucket = "\${local.prefix}-${n}"\n  tags   = local.common\n  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default {\n        sse_algorithm = "aws:kms"\n      }\n    }\n  }\n}\nresource "aws_s3_bucket_public_access_block" "${n}" {\n  bucket                  = aws_s3_bucket.${n}.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = ${rand() > 0.2}\n}`,
      );
    else if (kind === "sg")
      out.push(
        `resource "aws_security_group_rule" "${n}" {\n  count             = length(local.subnets)\n  type              = "ingress"\n  security_group_id = aws_security_group.web.id\n  description       = "subnet \${count.index}"\n  from_port         = ${[22, 80, 443, 5432][Math.floor(rand() * 4)]}\n  to_port           = ${[22, 80, 443, 5432][Math.floor(rand() * 4)]}\n  protocol          = "tcp"\n  cidr_blocks       = [local.subnets[count.index]]\n}`,
      );
    else if (kind === "db")
      out.push(
        `resource "aws_db_instance" "${n}" {\n  identifier              = "\${local.prefix}-${n}"\n  engine                  = "postgres"\n  instance_class          = "db.t3.micro"\n  storage_encrypted       = ${rand() > 0.3}\n  publicly_accessible     = var.public\n  backup_retention_period = var.env == "prod" ? 14 : 1\n  deletion_protection     = var.env == "prod"\n  multi_az                = true\n  enabled_cloudwatch_logs_exports = ["postgresql"]\n  tags                    = local.common\n}`,
      );
    else if (kind === "instance")
      out.push(
        `resource "aws_instance" "${n}" {\n  for_each      = toset(["a", "b"])\n  ami           = "ami-123456"\n  instance_type = "t3.micro"\n  monitoring    = true\n  metadata_options {\n    http_tokens = "${rand() > 0.5 ? "required" : "optional"}"\n  }\n  root_block_device {\n    encrypted = true\n  }\n  user_data = <<-EOT\n    #!/bin/bash\n    echo "\${each.key} \${local.prefix}"\n  EOT\n  tags = merge(local.common, { Name = "\${local.prefix}-\${each.key}" })\n}`,
      );
    else if (kind === "iam")
      out.push(
        `data "aws_iam_policy_document" "${n}" {\n  statement {\n    actions   = ["s3:GetObject", "s3:PutObject"]\n    resources = ["arn:aws:s3:::\${local.prefix}/*"]\n  }\n}\nresource "aws_iam_policy" "${n}" {\n  name   = "\${local.prefix}-${n}"\n  policy = data.aws_iam_policy_document.${n}.json\n}`,
      );
    else
      out.push(
        `resource "aws_kms_key" "${n}" {\n  description         = "\${local.prefix} ${n}"\n  enable_key_rotation = ${rand() > 0.5}\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = "arn:aws:iam::111122223333:root" }\n      Action    = "kms:*"\n      Resource  = "*"\n    }]\n  })\n}`,
      );
  }
  return out.join("\n\n") + "\n";
}

function rootFile(root: number, f: number, modules: number[]): string {
  const out = [`# root ${root} file ${f}`];
  if (f === 0)
    out.push(
      `variable "env" { default = "prod" }`,
      `locals {\n  tags = { team = "t${root}", cost = "c${root}" }\n}`,
    );
  const perFile = Math.ceil(modules.length / 6);
  for (const m of modules.slice(f * perFile, (f + 1) * perFile)) {
    out.push(
      `module "m${m}" {\n  source   = "../../modules/m${m}"\n  for_each = toset(["blue", "green"])\n  name     = "r${root}-m${m}-\${each.key}"\n  env      = var.env\n  tags     = local.tags\n  public   = ${m % 7 === 0}\n}`,
    );
  }
  for (let i = 0; i < 10; i++)
    out.push(
      `resource "aws_cloudwatch_log_group" "g${f}_${i}" {\n  name              = "/r${root}/f${f}/g${i}"\n  retention_in_days = ${i % 2 ? 30 : 400}\n  tags              = local.tags\n}`,
    );
  return out.join("\n\n") + "\n";
}

/** ~50k lines of Terraform in 700 files: 70 local modules × 8 files, 10 roots × 14 files. */
export function writeTerraformCorpus(dir: string): { files: number; lines: number } {
  const rand = rng(42);
  let files = 0;
  let lines = 0;
  const put = (p: string, text: string): void => {
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, text);
    files++;
    lines += text.split("\n").length - 1;
  };
  for (let m = 0; m < 70; m++)
    for (let f = 0; f < 8; f++)
      put(join(dir, "modules", `m${m}`, `f${f}.tf`), moduleFile(m, f, rand));
  for (let r = 0; r < 10; r++) {
    const mods = Array.from({ length: 7 }, (_x, i) => r * 7 + i);
    for (let f = 0; f < 14; f++)
      put(join(dir, "stacks", `s${r}`, `f${f}.tf`), rootFile(r, f, f < 6 ? mods : []));
  }
  return { files, lines };
}

/** 6k Kubernetes documents in 600 multi-document files. */
export function writeKubernetesCorpus(dir: string): number {
  mkdirSync(dir, { recursive: true });
  let docs = 0;
  for (let f = 0; f < 600; f++) {
    const parts: string[] = [];
    for (let d = 0; d < 10; d++, docs++) {
      parts.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${f}-${d}\n  namespace: ns-${f % 20}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: a${d}\n  template:\n    metadata:\n      labels:\n        app: a${d}\n    spec:\n      containers:\n        - name: c\n          image: registry.example.com/app:${d % 3 ? "1.2." + d : "latest"}\n          securityContext:\n            privileged: ${d % 4 === 0}\n            runAsNonRoot: true\n          resources:\n            limits:\n              cpu: 500m\n              memory: 256Mi\n`,
      );
    }
    writeFileSync(join(dir, `m${f}.yaml`), parts.join("---\n"));
  }
  return docs;
}

/** 1k Dockerfiles. */
export function writeDockerCorpus(dir: string): number {
  for (let i = 0; i < 1000; i++) {
    const d = join(dir, `svc${i}`);
    mkdirSync(d, { recursive: true });
    writeFileSync(
      join(d, "Dockerfile"),
      `FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app ./cmd\n\nFROM ${i % 5 ? "debian:12-slim" : "ubuntu:latest"}\nRUN apt-get update && apt-get install -y curl${i % 2 ? "=7.88.1-10" : ""} \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /app /app\n${i % 3 ? "USER 10001\n" : ""}ENTRYPOINT ["/app"]\n`,
    );
  }
  return 1000;
}
