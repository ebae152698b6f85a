import { afterEach, beforeEach, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "../testing/dialects";
import type { ReviewFindingRecord } from "./review-findings-repo";
import type { ReviewRunRecord } from "./review-runs-repo";

const run = (id: string, createdAt: string, ref = "main"): ReviewRunRecord => ({
  id,
  project: "g/r",
  ref,
  commit: "abc",
  mrIid: null,
  mrUrl: null,
  pipelineUrl: null,
  baseRef: null,
  defaultBranch: "main",
  mode: "full",
  baseRunId: null,
  failOn: "high",
  outcome: "passed",
  failing: 0,
  total: 10_000,
  open: 10_000,
  newCount: 10_000,
  fixedCount: 0,
  errorCount: 0,
  counts: { byStatus: { new: 10_000 } },
  errors: [{ file: "a.tf", line: null, message: "x" }],
  toolName: "infrasec",
  toolVersion: "0.1.0",
  uploadedBy: "ci",
  createdAt,
});

const finding = (runId: string, i: number): ReviewFindingRecord => ({
  id: `${runId}-${i}`,
  runId,
  seq: i,
  ruleId: i % 2 ? "AWS-S3-001" : "K8S-PSS-005",
  severity: i % 2 ? "high" : "critical",
  severityRank: i % 2 ? 3 : 4,
  title: "t",
  message: "m",
  file: `mod/${i % 7}.tf`,
  startLine: i + 1,
  endLine: i + 1,
  resource: `aws_s3_bucket.b${i}`,
  status: i % 3 ? "new" : "suppressed",
  fingerprint: `fp-${i}`,
  attributePath: null,
  needs: null,
  suppression: i % 3 ? null : { source: "infrasec:a.tf:1", reason: "r" },
  equivalents: { checkov: ["CKV_AWS_1"], trivy: [] },
});

forEachDialect(({ open }) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(async () => db.cleanup());

  it("stores a run of 10 000 findings in batches and pages, filters and counts them", async () => {
    const repo = db.store.review;
    await db.store.transaction(async (tx) => {
      await tx.review.runs.upsertProject("g/r", "main", "2026-11-25T00:00:00Z");
      await tx.review.runs.insert(run("r1", "2026-11-25T00:00:00Z"));
      await tx.review.findings.insertMany(
        Array.from({ length: 10_000 }, (_, i) => finding("r1", i)),
      );
    });
    expect((await repo.findings.allOf("r1")).length).toBe(10_000);
    const page = await repo.findings.list("r1", { severity: "critical", file: "MOD/3" }, 5, 0);
    const expected = Array.from({ length: 10_000 }, (_, i) => i).filter(
      (i) => i % 2 === 0 && i % 7 === 3,
    );
    expect(page.total).toBe(expected.length);
    expect(page.items[0]).toMatchObject({
      severity: "critical",
      equivalents: { checkov: ["CKV_AWS_1"] },
    });
    const open = await repo.findings.openCountByRun("AWS-S3-001", ["r1"]);
    expect(open.get("r1")).toBe(
      Array.from({ length: 10_000 }, (_, i) => i).filter((i) => i % 2 && i % 3).length,
    );
    expect(await repo.runs.get("r1")).toMatchObject({
      errors: [{ file: "a.tf", line: null }],
      counts: { byStatus: { new: 10_000 } },
    });
  });

  it("finds the latest run of a project on a ref and the project's default branch", async () => {
    const repo = db.store.review.runs;
    await repo.upsertProject("g/r", "main", "2026-11-25T00:00:00Z");
    await repo.insert(run("a", "2026-11-25T01:00:00Z"));
    await repo.insert(run("b", "2026-11-25T02:00:00Z"));
    await repo.insert(run("c", "2026-11-25T03:00:00Z", "feature"));
    expect((await repo.latest("g/r", "main"))?.id).toBe("b");
    expect((await repo.latest("g/r", "main", "b"))?.id).toBe("a");
    expect((await repo.recent("g/r", "main", 10)).map((r) => r.id)).toEqual(["b", "a"]);
    expect(await repo.list({ ref: "feature" }, 10, 0)).toMatchObject({
      total: 1,
      items: [{ id: "c" }],
    });
    expect((await repo.countByProject()).get("g/r")).toEqual({
      runs: 3,
      last: "2026-11-25T03:00:00Z",
    });
    await repo.upsertProject("g/r", "trunk", "2026-11-26T00:00:00Z");
    expect(await repo.project("g/r")).toMatchObject({
      defaultBranch: "trunk",
      createdAt: "2026-11-25T00:00:00Z",
    });
  });
});
