import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock, systemActor } from "@infrasec/core";
import { buildApp } from "@infrasec/server";
import { createServices, type Services } from "@infrasec/services";
import { openTestDatabase, type TestDatabase } from "@infrasec/storage/testing";
import { runCli } from "../run-cli";
import { uploadMetadata } from "./review-upload";

const dir = mkdtempSync(join(tmpdir(), "infrasec-review-upload-"));
let db: TestDatabase;
let app: FastifyInstance;
let services: Services;
let url = "";
let token = "";
let viewerToken = "";

const CI_VARS = [
  "CI_PROJECT_PATH",
  "CI_COMMIT_REF_NAME",
  "CI_COMMIT_SHA",
  "CI_MERGE_REQUEST_IID",
  "CI_PIPELINE_URL",
  "CI_DEFAULT_BRANCH",
  "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
  "CI_MERGE_REQUEST_PROJECT_URL",
  "INFRASEC_TOKEN",
  "INFRASEC_SERVER",
  "INFRASEC_CLI_CONFIG",
] as const;
const saved = Object.fromEntries(CI_VARS.map((k) => [k, process.env[k]]));

beforeAll(async () => {
  db = await openTestDatabase("sqlite");
  services = createServices({ store: db.store, clock: new ManualClock("2026-11-25T12:00:00Z") });
  app = await buildApp({
    services,
    config: { bodyLimitBytes: 4 * 1024 * 1024, trustProxy: false, loginRateLimitPerMinute: 100 },
    logger: false,
  });
  url = await app.listen({ host: "127.0.0.1", port: 0 });
  const ctx = { actor: systemActor };
  const mk = async (username: string, role: "engineer" | "viewer") => {
    const { user } = await services.users.create(ctx, {
      username,
      role,
      password: "correct horse battery",
    });
    return (await services.tokens.create(ctx, { name: "ci", userId: user.id })).secret;
  };
  token = await mk("ci-bot", "engineer");
  viewerToken = await mk("watcher", "viewer");
  writeFileSync(join(dir, "main.tf"), 'resource "aws_ebs_volume" "v" {\n  encrypted = false\n}\n');
  writeFileSync(join(dir, "cli.json"), "{}");
});

afterAll(async () => {
  for (const k of CI_VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await app.close();
  await db.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the real CLI entry (exit code, stdout, stderr) with GitLab CI variables set. */
async function cli(args: string[], env: Record<string, string>) {
  for (const k of CI_VARS) delete process.env[k];
  Object.assign(process.env, { INFRASEC_CLI_CONFIG: join(dir, "cli.json") }, env);
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    const code = await runCli(["node", "infrasec", ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const gitlab = {
  CI_PROJECT_PATH: "group/infra",
  CI_COMMIT_REF_NAME: "feature/ebs",
  CI_COMMIT_SHA: "c0ffee".padEnd(40, "0"),
  CI_MERGE_REQUEST_IID: "12",
  CI_MERGE_REQUEST_PROJECT_URL: "https://gitlab.example/group/infra",
  CI_PIPELINE_URL: "https://gitlab.example/group/infra/-/pipelines/99",
  CI_DEFAULT_BRANCH: "main",
};

describe("infrasec review --upload", () => {
  it("uploads the JSON report with GitLab CI metadata and keeps the gate's exit code", async () => {
    const r = await cli(["--server", url, "review", dir, "--format", "text", "--upload"], {
      ...gitlab,
      INFRASEC_TOKEN: token,
    });
    expect(r.code).toBe(1); // the unencrypted volume fails the gate, upload or not
    expect(r.err).toMatch(/uploaded review run [0-9a-f-]+ \(group\/infra@feature\/ebs\): failed/);
    const runs = await services.review.listRuns(
      { actor: systemActor },
      { project: "group/infra" },
      10,
      0,
    );
    expect(runs.total).toBe(1);
    expect(runs.items[0]).toMatchObject({
      ref: "feature/ebs",
      mergeRequest: { iid: 12, url: "https://gitlab.example/group/infra/-/merge_requests/12" },
      pipelineUrl: gitlab.CI_PIPELINE_URL,
      defaultBranch: "main",
      mode: "full",
      gate: { failOn: "info", outcome: "failed" },
    });
    expect(runs.items[0]!.counts.byStatus.new).toBeGreaterThan(0);
  });

  it("warns on a failed upload and keeps the exit code; --upload-required makes it exit 2", async () => {
    const denied = { ...gitlab, INFRASEC_TOKEN: viewerToken };
    const soft = await cli(
      ["--server", url, "review", dir, "--upload", "--fail-on", "critical"],
      denied,
    );
    expect(soft.code).toBe(0);
    expect(soft.err).toMatch(/warning: review upload failed .*HTTP 403/);
    const hard = await cli(
      ["--server", url, "review", dir, "--upload", "--upload-required", "--fail-on", "critical"],
      denied,
    );
    expect(hard.code).toBe(2);
    expect(hard.err).toMatch(/error: review upload failed/);
  });

  it("uploads a report produced earlier with `review upload`", async () => {
    const report = join(dir, "report.json");
    const scan = await cli(["review", dir, "--format", "json", "--output", report], {});
    expect(scan.code).toBe(1);
    const r = await cli(
      [
        "--server",
        url,
        "review",
        "upload",
        report,
        "--project",
        "group/other",
        "--ref",
        "main",
        "--commit",
        "abc123",
      ],
      { INFRASEC_TOKEN: token },
    );
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ outcome: "failed" });
    const missing = await cli(["--server", url, "review", "upload", report], {
      INFRASEC_TOKEN: token,
    });
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--project: give --project or set CI_PROJECT_PATH/);
  });

  it("reads metadata from options before GitLab CI variables", () => {
    expect(
      uploadMetadata({ ref: "hotfix", mergeRequest: "3" }, "high", {
        CI_PROJECT_PATH: "g/r",
        CI_COMMIT_REF_NAME: "main",
        CI_COMMIT_SHA: "abc",
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: "main",
      }),
    ).toEqual({
      project: "g/r",
      ref: "hotfix",
      commit: "abc",
      mergeRequest: { iid: 3 },
      baseRef: "main",
      failOn: "high",
    });
  });
});
