import { describe, expect, it } from "vitest";
import { evaluateTerraform } from "./eval/terraform-eval";
import { baseAddress } from "./eval/static-refs";
import { memFs } from "./mem-fs";
import type { TfResource } from "./tf-types";

function scan(files: Record<string, string>): (address: string) => TfResource {
  const s = evaluateTerraform("/m", memFs(files));
  expect(s.errors).toEqual([]);
  return (address) => {
    const r = s.resources.find((x) => x.address === address);
    if (!r) throw new Error(`no ${address} in ${s.resources.map((x) => x.address).join(", ")}`);
    return r;
  };
}
const addresses = (rs: readonly TfResource[]): string[] => rs.map((r) => r.address).sort();

describe("references between resources", () => {
  it("records the resources each attribute refers to, through locals and nested blocks", () => {
    const at = scan({
      "/m/main.tf": `
locals { id = aws_s3_bucket.a.id }
resource "aws_s3_bucket" "a" { bucket = "a" }
resource "aws_s3_bucket_acl" "acl" {
  bucket = local.id
  access_control_policy {
    owner { id = aws_s3_bucket.a.arn }
  }
}
resource "aws_transfer_server" "t" {
  endpoint_details { address_allocation_ids = aws_eip.e[*].id }
}
resource "aws_eip" "e" { count = 2 }
`,
    });
    const acl = at("aws_s3_bucket_acl.acl");
    expect(acl.refs?.get("bucket")).toEqual(["aws_s3_bucket.a"]);
    expect(acl.refs?.get("access_control_policy.owner.id")).toEqual(["aws_s3_bucket.a"]);
    expect(
      at("aws_transfer_server.t").refs?.get("endpoint_details.address_allocation_ids"),
    ).toEqual(["aws_eip.e"]);
    expect(addresses(at("aws_eip.e[1]").scan.referrers(at("aws_eip.e[1]")))).toEqual([
      "aws_transfer_server.t",
    ]);
  });

  it("follows module inputs and outputs to the resource in the other module", () => {
    const at = scan({
      "/m/main.tf": `
resource "aws_s3_bucket" "logs" { bucket = "logs" }
module "acl" {
  source = "./acl"
  bucket = aws_s3_bucket.logs.bucket
}
module "store" { source = "./store" }
resource "aws_s3_bucket_versioning" "v" { bucket = module.store.name }
`,
      "/m/acl/main.tf": `
variable "bucket" {}
resource "aws_s3_bucket_acl" "this" {
  bucket = var.bucket
  acl    = "private"
}
`,
      "/m/store/main.tf": `
resource "aws_s3_bucket" "b" { bucket = "store" }
output "name" { value = aws_s3_bucket.b.bucket }
`,
    });
    expect(at("module.acl.aws_s3_bucket_acl.this").refs?.get("bucket")).toEqual([
      "aws_s3_bucket.logs",
    ]);
    expect(at("aws_s3_bucket_versioning.v").refs?.get("bucket")).toEqual([
      "module.store.aws_s3_bucket.b",
    ]);
    const logs = at("aws_s3_bucket.logs");
    expect(addresses(logs.scan.linked("aws_s3_bucket_acl", "bucket", logs))).toEqual([
      "module.acl.aws_s3_bucket_acl.this",
    ]);
  });
});

describe("linking companion resources", () => {
  it("attaches a companion to the bucket it references, not to others with the same name", () => {
    const at = scan({
      "/m/main.tf": `
resource "aws_s3_bucket" "one" { bucket = "same" }
resource "aws_s3_bucket" "two" { bucket = "same" }
resource "aws_s3_bucket_acl" "acl" {
  bucket = aws_s3_bucket.one.bucket
  acl    = "public-read"
}
`,
    });
    const one = at("aws_s3_bucket.one");
    const two = at("aws_s3_bucket.two");
    expect(addresses(one.scan.linked("aws_s3_bucket_acl", "bucket", one))).toEqual([
      "aws_s3_bucket_acl.acl",
    ]);
    expect(two.scan.linked("aws_s3_bucket_acl", "bucket", two)).toEqual([]);
    expect(
      addresses(one.scan.targets(at("aws_s3_bucket_acl.acl"), "bucket", "aws_s3_bucket")),
    ).toEqual(["aws_s3_bucket.one"]);
  });

  it("still attaches by name when the companion names the bucket without a reference", () => {
    const at = scan({
      "/m/main.tf": `
resource "aws_s3_bucket" "b" { bucket = "logs" }
resource "aws_s3_bucket_logging" "l" {
  bucket        = "logs"
  target_bucket = "central"
}
`,
    });
    const b = at("aws_s3_bucket.b");
    expect(addresses(b.scan.linked("aws_s3_bucket_logging", "bucket", b))).toEqual([
      "aws_s3_bucket_logging.l",
    ]);
  });

  it("attaches count instances one to one through count.index", () => {
    const at = scan({
      "/m/main.tf": `
resource "aws_s3_bucket" "b" {
  count  = 2
  bucket = "b-\${count.index}"
}
resource "aws_s3_bucket_versioning" "v" {
  count  = 2
  bucket = aws_s3_bucket.b[count.index].bucket
  versioning_configuration { status = "Enabled" }
}
`,
    });
    const b1 = at("aws_s3_bucket.b[1]");
    expect(addresses(b1.scan.linked("aws_s3_bucket_versioning", "bucket", b1))).toEqual([
      "aws_s3_bucket_versioning.v[1]",
    ]);
  });
});

describe("baseAddress", () => {
  it("drops only the last instance key", () => {
    expect(baseAddress('module.a[0].aws_s3_bucket.b["x]y"]')).toBe("module.a[0].aws_s3_bucket.b");
    expect(baseAddress("aws_s3_bucket.b[?]")).toBe("aws_s3_bucket.b");
    expect(baseAddress("aws_s3_bucket.b")).toBe("aws_s3_bucket.b");
  });
});
