import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { review, reviewPaths, ruleCatalogue } from "./index";

const files = {
  "/repo/infra/main.tf": `
variable "acl" {}
# infrasec:ignore AWS-S3-004 reason="logs go to the SIEM bucket" until=2099-01-01 owner=@net
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  acl    = var.acl
}
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  # checkov:skip=CKV_AWS_189:key managed elsewhere
}
# infrasec:ignore AWS-S3-001 reason="expired" until=2020-01-01
resource "aws_s3_bucket" "old" { acl = "public-read" }
# infrasec:ignore AWS-EC2-013 reason="nothing here"
resource "aws_s3_bucket" "stale" { bucket = "s" }
module "net" {
  source = "./modules/net"
  cidr   = "0.0.0.0/0"
}
`,
  "/repo/infra/modules/net/main.tf": `
variable "cidr" {}
resource "aws_security_group_rule" "ssh" {
  type        = "ingress"
  from_port   = 22
  to_port     = 22
  protocol    = "tcp"
  cidr_blocks = [var.cidr]
}
`,
  "/repo/infra/broken.tf": `resource "aws_s3_bucket" "x" {\n  acl = \n}\n`,
  "/repo/app/Dockerfile": "FROM ubuntu:latest\nRUN apt-get update\n",
  "/repo/k8s/pod.yaml":
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        privileged: true\n",
};

describe("review", () => {
  const r = review({ files }, { today: "2026-11-25" });
  const by = (id: string, res: string) =>
    r.findings.find((f) => f.ruleId === id && f.resource === res);

  it("evaluates modules with caller inputs and names the expanded address", () => {
    const f = by("AWS-EC2-001", "module.net.aws_security_group_rule.ssh");
    expect(f?.status).toBe("new");
    expect(f?.location.file).toBe("/repo/infra/modules/net/main.tf");
    expect(f?.message).toContain("module called at /repo/infra/main.tf");
  });
  it("reports unknowns with what they need", () => {
    const f = by("AWS-S3-001", "aws_s3_bucket.logs");
    expect(f?.status).toBe("unknown");
    expect(f?.needs).toBe("var.acl");
  });
  it("applies infrasec and migrated suppressions, and not expired ones", () => {
    expect(by("AWS-S3-004", "aws_s3_bucket.logs")?.status).toBe("suppressed");
    expect(by("AWS-S3-004", "aws_s3_bucket.logs")?.suppression?.owner).toBe("@net");
    expect(by("AWS-EC2-014", "aws_ebs_volume.data")?.status).toBe("suppressed");
    expect(by("AWS-EC2-014", "aws_ebs_volume.data")?.suppression?.source).toContain(
      "checkov (migrated)",
    );
    expect(by("AWS-S3-001", "aws_s3_bucket.old")?.status).toBe("new");
    expect(r.suppressionReport.expired.map((s) => s.rules[0])).toEqual(["AWS-S3-001"]);
    expect(r.suppressionReport.stale.map((s) => s.rules[0])).toContain("AWS-EC2-013");
  });
  it("reports syntax errors with file and line and goes on", () => {
    expect(r.errors.some((e) => e.file === "/repo/infra/broken.tf" && e.line === 2)).toBe(true);
  });
  it("calls the Kubernetes and Dockerfile scanners", () => {
    expect(r.findings.some((f) => f.location.file === "/repo/app/Dockerfile")).toBe(true);
    expect(r.findings.some((f) => f.location.file === "/repo/k8s/pod.yaml")).toBe(true);
    expect(r.summary.total).toBe(r.findings.length);
  });
  it("classifies against a baseline: new, existing, fixed", () => {
    const baseline = [
      ...r.findings.filter((f) => f.ruleId === "AWS-EC2-001"),
      { ...r.findings[0]!, fingerprint: "gone", ruleId: "AWS-S3-002", status: "new" as const },
    ];
    const c = review({ files }, { today: "2026-11-25", baseline });
    expect(c.findings.find((f) => f.ruleId === "AWS-EC2-001")?.status).toBe("existing");
    expect(c.findings.find((f) => f.fingerprint === "gone")?.status).toBe("fixed");
    expect(
      c.findings.find((f) => f.ruleId === "AWS-S3-001" && f.resource === "aws_s3_bucket.old")
        ?.status,
    ).toBe("new");
  });
  it("keeps fingerprints stable when lines shift and files move", () => {
    const moved = {
      "/repo/elsewhere/x.tf":
        "\n\n\n" + files["/repo/infra/modules/net/main.tf"].replace("var.cidr", '"0.0.0.0/0"'),
    };
    const a = review({ files: moved }, { today: "2026-11-25" }).findings.find(
      (f) => f.ruleId === "AWS-EC2-001",
    )!;
    const b = review(
      { files: { "/x/main.tf": moved["/repo/elsewhere/x.tf"].trim() } },
      { today: "2026-11-25" },
    ).findings.find((f) => f.ruleId === "AWS-EC2-001")!;
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.location.startLine).not.toBe(b.location.startLine);
  });
  it("resolves registry modules through .terraform/modules/modules.json and reports unresolvable ones", () => {
    const r2 = review(
      {
        files: {
          "/r/main.tf":
            'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n  open = true\n}\nmodule "gone" {\n  source = "git::https://example.com/x.git"\n}\n',
          "/r/.terraform/modules/modules.json": JSON.stringify({
            Modules: [{ Key: "vpc", Source: "registry", Dir: ".terraform/modules/vpc" }],
          }),
          "/r/.terraform/modules/vpc/main.tf":
            'variable "open" {}\nresource "aws_subnet" "s" {\n  map_public_ip_on_launch = var.open\n}\n',
        },
      },
      { today: "2026-11-25" },
    );
    expect(r2.findings.find((f) => f.ruleId === "AWS-EC2-023")?.resource).toBe(
      "module.vpc.aws_subnet.s",
    );
    expect(
      r2.errors.some((e) => e.message.includes('module not resolvable: "gone"') && e.line === 5),
    ).toBe(true);
  });
  it("lists the catalogue with unique ids", () => {
    const ids = ruleCatalogue().map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("reviewPaths on disk", () => {
  const dir = mkdtempSync(join(tmpdir(), "infrasec-review-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("survives binary files, big files and symlink loops", () => {
    mkdirSync(join(dir, "tf"));
    writeFileSync(join(dir, "tf/main.tf"), 'resource "aws_ebs_volume" "v" { encrypted = false }\n');
    writeFileSync(join(dir, "tf/bin.tf"), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(dir, "big.yaml"), "a: b\n".repeat(100));
    symlinkSync(dir, join(dir, "tf/loop"));
    const r = reviewPaths([dir], { today: "2026-11-25", walk: { maxFileBytes: 200 } });
    expect(r.errors.some((e) => e.file.endsWith("big.yaml"))).toBe(true);
    expect(r.errors.some((e) => e.message.includes("symlink loop"))).toBe(true);
    expect(r.errors.some((e) => e.file.endsWith("bin.tf"))).toBe(true);
    expect(r.findings.some((f) => f.ruleId === "AWS-EC2-013")).toBe(true);
  });
});
