import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { ReviewRunDetail, ReviewUploadBody } from "@infrasec/contracts";
import { AppError, SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import { withBackend, type GlobalOptions } from "../cli-context";

/** Upload options of `infrasec review … --upload` and `infrasec review upload`. */
export interface ReviewUploadOptions {
  upload?: boolean;
  uploadRequired?: boolean;
  project?: string;
  ref?: string;
  commit?: string;
  mergeRequest?: string;
  mergeRequestUrl?: string;
  pipelineUrl?: string;
  baseRef?: string;
  defaultBranch?: string;
}

/** Adds the upload options; defaults come from GitLab CI's predefined variables. */
export function addUploadOptions(cmd: Command): Command {
  return cmd
    .option("--project <path>", "project path for the upload (default: CI_PROJECT_PATH)")
    .option("--ref <name>", "branch or tag (default: CI_COMMIT_REF_NAME)")
    .option("--commit <sha>", "commit (default: CI_COMMIT_SHA)")
    .option("--merge-request <iid>", "merge request iid (default: CI_MERGE_REQUEST_IID)")
    .option(
      "--merge-request-url <url>",
      "merge request URL (default: from CI_MERGE_REQUEST_PROJECT_URL)",
    )
    .option("--pipeline-url <url>", "pipeline URL (default: CI_PIPELINE_URL)")
    .option(
      "--base-ref <name>",
      "ref the platform compares with (default: CI_MERGE_REQUEST_TARGET_BRANCH_NAME)",
    )
    .option("--default-branch <name>", "the project's default branch (default: CI_DEFAULT_BRANCH)")
    .option(
      "--upload-required",
      "exit 2 when the upload fails (default: warn and keep the gate's exit code)",
    );
}

const nonEmpty = (v: string | undefined): string | undefined =>
  v && v.trim() ? v.trim() : undefined;

/** Upload metadata from the options, falling back to GitLab CI variables. */
export function uploadMetadata(
  o: ReviewUploadOptions,
  failOn: Severity | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ReviewUploadBody["metadata"] {
  const project = nonEmpty(o.project) ?? nonEmpty(env.CI_PROJECT_PATH);
  const ref = nonEmpty(o.ref) ?? nonEmpty(env.CI_COMMIT_REF_NAME);
  const commit = nonEmpty(o.commit) ?? nonEmpty(env.CI_COMMIT_SHA);
  const missing = [
    !project && ["--project", "CI_PROJECT_PATH"],
    !ref && ["--ref", "CI_COMMIT_REF_NAME"],
    !commit && ["--commit", "CI_COMMIT_SHA"],
  ].filter((m): m is string[] => Array.isArray(m));
  if (missing.length)
    throw new AppError(
      "validation_failed",
      `upload needs ${missing.map((m) => m[0]).join(", ")}`,
      missing.map(([opt, v]) => ({ path: opt!, message: `give ${opt} or set ${v}` })),
    );
  const iidText = nonEmpty(o.mergeRequest) ?? nonEmpty(env.CI_MERGE_REQUEST_IID);
  const iid = iidText === undefined ? undefined : Number(iidText);
  if (iid !== undefined && !(Number.isInteger(iid) && iid > 0))
    throw new AppError("validation_failed", `--merge-request must be a positive integer`, [
      { path: "--merge-request", message: `got "${iidText}"` },
    ]);
  const mrUrl =
    nonEmpty(o.mergeRequestUrl) ??
    (iid && env.CI_MERGE_REQUEST_PROJECT_URL
      ? `${env.CI_MERGE_REQUEST_PROJECT_URL}/-/merge_requests/${iid}`
      : undefined);
  const pipelineUrl = nonEmpty(o.pipelineUrl) ?? nonEmpty(env.CI_PIPELINE_URL);
  const baseRef = nonEmpty(o.baseRef) ?? nonEmpty(env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME);
  const defaultBranch = nonEmpty(o.defaultBranch) ?? nonEmpty(env.CI_DEFAULT_BRANCH);
  return {
    project: project!,
    ref: ref!,
    commit: commit!,
    ...(iid ? { mergeRequest: { iid, ...(mrUrl ? { url: mrUrl } : {}) } } : {}),
    ...(pipelineUrl ? { pipelineUrl } : {}),
    ...(baseRef ? { baseRef } : {}),
    ...(defaultBranch ? { defaultBranch } : {}),
    ...(failOn ? { failOn } : {}),
  };
}

/**
 * Sends a JSON report to the platform. A failure is a warning unless `--upload-required`: the
 * upload is reporting, not gating, so a platform outage must not fail pipelines by default.
 */
export async function uploadReport(
  report: unknown,
  o: ReviewUploadOptions,
  global: GlobalOptions,
  failOn: Severity | undefined,
): Promise<ReviewRunDetail | undefined> {
  try {
    const body = { metadata: uploadMetadata(o, failOn), report } as ReviewUploadBody;
    const run = await withBackend(global, (b) => b.uploadReviewRun(body));
    process.stderr.write(
      `uploaded review run ${run.id} (${run.project}@${run.ref}): ${run.gate.outcome}, ` +
        `${run.counts.byStatus.new} new, ${run.counts.byStatus.existing} existing, ${run.counts.byStatus.fixed} fixed\n`,
    );
    return run;
  } catch (e) {
    const message = (e as Error).message;
    if (o.uploadRequired) {
      const details = e instanceof AppError ? e.details : [];
      throw new AppError("config_invalid", `review upload failed: ${message}`, details);
    }
    process.stderr.write(`warning: review upload failed (the gate is unaffected): ${message}\n`);
    return undefined;
  }
}

/** `infrasec review upload REPORT.json`: upload a report produced earlier. */
export function registerReviewUploadCommand(review: Command): void {
  addUploadOptions(
    review
      .command("upload")
      .description("upload a JSON report (infrasec review --format json) to the platform")
      .argument("<report>", "JSON report file")
      .option(
        "--fail-on <severity>",
        `gate threshold recorded with the run (${SEVERITIES.join(", ")})`,
      ),
  ).action(async (file: string, _o: unknown, cmd: Command) => {
    // The parent `review` command declares the same options; commander may hand them to either.
    const o = cmd.optsWithGlobals<GlobalOptions & ReviewUploadOptions & { failOn?: string }>();
    if (o.failOn !== undefined && !(SEVERITIES as readonly string[]).includes(o.failOn))
      throw new AppError("validation_failed", `--fail-on must be one of ${SEVERITIES.join(", ")}`, [
        { path: "--fail-on", message: `got "${o.failOn}"` },
      ]);
    let report: unknown;
    try {
      report = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      throw new AppError("config_invalid", `${file}: ${(e as Error).message}`, [
        { file, message: "not a JSON report" },
      ]);
    }
    // A report file given explicitly is the point of this command: failing to upload it fails.
    const run = await uploadReport(
      report,
      { ...o, uploadRequired: true },
      o,
      o.failOn as Severity | undefined,
    );
    if (run) process.stdout.write(`${JSON.stringify({ id: run.id, outcome: run.gate.outcome })}\n`);
  });
}
