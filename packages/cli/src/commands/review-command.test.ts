import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it, vi } from "vitest";
import { registerReviewCommand } from "./review-command";

const dir = mkdtempSync(join(tmpdir(), "infrasec-review-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: string | undefined; out: string }> {
  const program = new Command("infrasec").exitOverride();
  registerReviewCommand(program);
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await program.parseAsync(["node", "infrasec", ...args]);
    return { code: undefined, out };
  } catch (e) {
    return { code: (e as { code?: string }).code, out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

describe("infrasec review", () => {
  writeFileSync(join(dir, "main.tf"), 'resource "aws_ebs_volume" "v" {\n  encrypted = false\n}\n');
  writeFileSync(
    join(dir, "ok.tf"),
    'resource "aws_s3_bucket_public_access_block" "p" {\n  bucket = "b"\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n',
  );

  it("prints the JSON contract and fails the gate on failing findings", async () => {
    const r = await run(["review", dir, "--format", "json"]);
    expect(r.code).toBe("integrity_failed");
    const doc = JSON.parse(r.out) as {
      schemaVersion: number;
      findings: { ruleId: string; resource: string }[];
    };
    expect(doc.schemaVersion).toBe(1);
    expect(
      doc.findings.some(
        (f: { ruleId: string; resource: string }) =>
          f.ruleId === "AWS-EC2-013" && f.resource === "aws_ebs_volume.v",
      ),
    ).toBe(true);
  });
  it("gates only on new findings against a baseline", async () => {
    const out = join(dir, "base.json");
    await run(["review", dir, "--format", "json", "--output", out]);
    expect(JSON.parse(readFileSync(out, "utf8")).findings.length).toBeGreaterThan(0);
    const r = await run(["review", dir, "--format", "json", "--baseline", out]);
    expect(r.code).toBeUndefined();
  });
  it("respects --fail-on", async () => {
    const r = await run([
      "review",
      join(dir, "ok.tf"),
      "--format",
      "json",
      "--fail-on",
      "critical",
    ]);
    expect(r.code).toBeUndefined();
  });
  it("rejects a bad format as a usage error", async () => {
    expect((await run(["review", dir, "--format", "xml"])).code).toBe("validation_failed");
  });
  it("lists rules as JSON", async () => {
    const r = await run(["review", "rules", "--format", "json"]);
    const rules = JSON.parse(r.out) as { id: string; framework: string }[];
    expect(rules.length).toBeGreaterThan(100);
    expect(new Set(rules.map((x) => x.framework))).toEqual(
      new Set(["terraform", "plan", "kubernetes", "dockerfile"]),
    );
  });
});
