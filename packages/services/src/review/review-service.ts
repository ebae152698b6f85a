import type { Severity } from "@infrasec/core";
import { newId, notFound, severityRank } from "@infrasec/core";
import { allRuleMetas, ruleDocMarkdown } from "@infrasec/engines/review";
import type { ReviewRuleMeta } from "@infrasec/engines/review";
import type {
  Repos,
  ReviewFindingFilter,
  ReviewFindingRecord,
  ReviewRunFilter,
  ReviewRunRecord,
  ReviewSuppressionRecord,
} from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import type {
  ReviewRunMetadataInput,
  RunCounts,
  RunFinding,
  UploadedReviewReport,
} from "./review-report-fns";
import {
  classifyAgainst,
  countRun,
  daysUntil,
  reportInChangeMode,
  runSuppressions,
  toRunFindings,
  validateReviewReport,
} from "./review-report-fns";
import type {
  ReviewFindingView,
  ReviewProjectView,
  ReviewRuleDetailView,
  ReviewRuleView,
  ReviewRunDetailView,
  ReviewRunView,
  ReviewSuppressionView,
} from "./review-view-types";

const DEFAULT_BRANCH = "main";

function runView(r: ReviewRunRecord): ReviewRunView {
  const c = r.counts as RunCounts;
  return {
    id: r.id,
    project: r.project,
    ref: r.ref,
    commit: r.commit,
    mergeRequest: r.mrIid === null ? null : { iid: r.mrIid, url: r.mrUrl },
    pipelineUrl: r.pipelineUrl,
    baseRef: r.baseRef,
    defaultBranch: r.defaultBranch,
    mode: r.mode as ReviewRunView["mode"],
    baseRunId: r.baseRunId,
    gate: {
      failOn: r.failOn as Severity,
      outcome: r.outcome as "passed" | "failed",
      failing: r.failing,
    },
    counts: {
      total: r.total,
      byStatus: c.byStatus,
      bySeverity: c.bySeverity,
      open: r.open,
      errors: r.errorCount,
    },
    tool: r.toolName ? { name: r.toolName, version: r.toolVersion ?? "" } : null,
    uploadedBy: r.uploadedBy,
    createdAt: r.createdAt,
  };
}

function runDetailView(r: ReviewRunRecord): ReviewRunDetailView {
  const c = r.counts as RunCounts;
  return {
    ...runView(r),
    matrix: c.matrix,
    errors: r.errors.map((e) => ({ file: e.file, line: e.line ?? null, message: e.message })),
    suppressions: c.suppressions,
  };
}

function findingView(f: ReviewFindingRecord): ReviewFindingView {
  return {
    id: f.id,
    runId: f.runId,
    ruleId: f.ruleId,
    severity: f.severity as Severity,
    title: f.title,
    message: f.message,
    file: f.file,
    startLine: f.startLine,
    endLine: f.endLine,
    resource: f.resource,
    status: f.status as ReviewFindingView["status"],
    fingerprint: f.fingerprint,
    attributePath: f.attributePath,
    needs: f.needs,
    suppression: f.suppression
      ? {
          source: f.suppression.source,
          reason: f.suppression.reason,
          until: f.suppression.until ?? null,
          owner: f.suppression.owner ?? null,
        }
      : null,
    equivalents: f.equivalents,
  };
}

function ruleView(m: ReviewRuleMeta): ReviewRuleView {
  return {
    id: m.id,
    title: m.title,
    severity: m.severity,
    framework: m.framework,
    provider: m.provider,
    description: m.description,
    remediation: m.remediation,
    references: [...m.references],
    tags: [...m.frameworks],
    equivalents: { checkov: [...m.equivalents.checkov], trivy: [...m.equivalents.trivy] },
  };
}

const toRecordFinding = (runId: string, f: RunFinding, seq: number): ReviewFindingRecord => ({
  id: newId(),
  runId,
  seq,
  ruleId: f.ruleId,
  severity: f.severity,
  severityRank: severityRank(f.severity),
  title: f.title,
  message: f.message,
  file: f.location.file,
  startLine: f.location.startLine,
  endLine: f.location.endLine,
  resource: f.resource,
  status: f.status,
  fingerprint: f.fingerprint,
  attributePath: f.attributePath ?? null,
  needs: f.needs ?? null,
  suppression: f.suppression ?? null,
  equivalents: f.equivalents,
});

const fromRecordFinding = (f: ReviewFindingRecord): RunFinding => ({
  ruleId: f.ruleId,
  severity: f.severity as Severity,
  title: f.title,
  message: f.message,
  resource: f.resource,
  location: { file: f.file, startLine: f.startLine, endLine: f.endLine },
  status: f.status as RunFinding["status"],
  fingerprint: f.fingerprint,
  ...(f.attributePath !== null ? { attributePath: f.attributePath } : {}),
  ...(f.needs !== null ? { needs: f.needs } : {}),
  ...(f.suppression ? { suppression: f.suppression } : {}),
  equivalents: f.equivalents,
});

/** Latest run of each project: on its default branch, or on any ref when it has none there. */
async function latestRuns(repos: Repos): Promise<ReviewRunRecord[]> {
  const out: ReviewRunRecord[] = [];
  for (const p of await repos.review.runs.projects()) {
    const run =
      (await repos.review.runs.latest(p.project, p.defaultBranch)) ??
      (await repos.review.runs.list({ project: p.project }, 1, 0)).items[0];
    if (run) out.push(run);
  }
  return out;
}

/** Change review on the platform: uploads from CI, runs, findings, rules, suppressions. */
export function createReviewService({ store, clock }: ServiceDeps) {
  const today = (): string => clock.now().toISOString().slice(0, 10);
  const rules = allRuleMetas();
  const rulesById = new Map(rules.map((r) => [r.id, r]));

  return {
    /**
     * Stores one run. A report without change-mode statuses is classified against the latest
     * stored run of the project on `baseRef` (or its default branch); the gate counts `new`
     * findings at or above `failOn`.
     */
    async upload(
      ctx: Ctx,
      input: { metadata: ReviewRunMetadataInput; report: UploadedReviewReport },
    ): Promise<ReviewRunDetailView> {
      requirePermission(ctx, "review:run");
      const { metadata: meta, report } = input;
      validateReviewReport(report);
      const now = clock.now().toISOString();
      const known = await store.review.runs.project(meta.project);
      const defaultBranch = meta.defaultBranch ?? known?.defaultBranch ?? DEFAULT_BRANCH;
      const failOn: Severity = meta.failOn ?? report.gate?.failOn ?? "info";
      let findings = toRunFindings(report);
      let mode: ReviewRunView["mode"] = "change";
      let baseRunId: string | null = null;
      if (!reportInChangeMode(report)) {
        const baseRef = meta.baseRef ?? defaultBranch;
        const base = await store.review.runs.latest(meta.project, baseRef);
        if (base) {
          const baseFindings = (await store.review.findings.allOf(base.id)).map(fromRecordFinding);
          findings = classifyAgainst(findings, baseFindings);
          mode = "classified";
          baseRunId = base.id;
        } else mode = "full";
      }
      const suppressions = runSuppressions(report, findings);
      const counts = countRun(findings, failOn, suppressions);
      const id = newId(clock.now().getTime());
      const run: ReviewRunRecord = {
        id,
        project: meta.project,
        ref: meta.ref,
        commit: meta.commit,
        mrIid: meta.mergeRequest?.iid ?? null,
        mrUrl: meta.mergeRequest?.url ?? null,
        pipelineUrl: meta.pipelineUrl ?? null,
        baseRef: meta.baseRef ?? null,
        defaultBranch,
        mode,
        baseRunId,
        failOn,
        outcome: counts.failing > 0 ? "failed" : "passed",
        failing: counts.failing,
        total: counts.total,
        open: counts.open,
        newCount: counts.byStatus.new,
        fixedCount: counts.byStatus.fixed,
        errorCount: report.errors.length,
        counts,
        errors: report.errors.slice(0, 1000).map((e) => ({
          file: e.file,
          line: e.line ?? null,
          message: e.message,
        })),
        toolName: report.tool?.name ?? null,
        toolVersion: report.tool?.version ?? null,
        uploadedBy: ctx.actor.username,
        createdAt: now,
      };
      const supRecords: ReviewSuppressionRecord[] = suppressions.map((s) => ({
        id: newId(),
        runId: id,
        source: s.source,
        rules: s.rules,
        file: s.file,
        line: s.line,
        resource: s.resource ?? null,
        attribute: s.attribute ?? null,
        reason: s.reason,
        owner: s.owner ?? null,
        until: s.until ?? null,
        state: s.state,
        matched: s.matched ?? 0,
      }));
      await store.transaction(async (tx) => {
        await tx.review.runs.upsertProject(meta.project, defaultBranch, now);
        await tx.review.runs.insert(run);
        await tx.review.findings.insertMany(findings.map((f, i) => toRecordFinding(id, f, i)));
        await tx.review.runs.insertSuppressions(supRecords);
        await audit(tx, ctx, clock, {
          action: "review.run.upload",
          targetType: "review_run",
          targetId: id,
          summary: `review run of ${meta.project}@${meta.ref} (${meta.commit.slice(0, 12)}): ${run.outcome}, ${counts.byStatus.new} new, ${counts.byStatus.fixed} fixed`,
          changes: {
            project: meta.project,
            ref: meta.ref,
            commit: meta.commit,
            mode,
            baseRunId,
            outcome: run.outcome,
            failOn,
            findings: counts.total,
          },
        });
      });
      return runDetailView(run);
    },

    async listRuns(
      ctx: Ctx,
      filter: ReviewRunFilter,
      limit: number,
      offset: number,
    ): Promise<{ items: ReviewRunView[]; total: number }> {
      requirePermission(ctx, "review:read");
      const page = await store.review.runs.list(filter, limit, offset);
      return { items: page.items.map(runView), total: page.total };
    },

    async getRun(ctx: Ctx, id: string): Promise<ReviewRunDetailView> {
      requirePermission(ctx, "review:read");
      const run = await store.review.runs.get(id);
      if (!run) throw notFound("review run");
      return runDetailView(run);
    },

    async runFindings(
      ctx: Ctx,
      id: string,
      filter: ReviewFindingFilter,
      limit: number,
      offset: number,
    ): Promise<{ items: ReviewFindingView[]; total: number }> {
      requirePermission(ctx, "review:read");
      if (!(await store.review.runs.get(id))) throw notFound("review run");
      const page = await store.review.findings.list(id, filter, limit, offset);
      return { items: page.items.map(findingView), total: page.total };
    },

    async projects(ctx: Ctx): Promise<{ items: ReviewProjectView[] }> {
      requirePermission(ctx, "review:read");
      const stats = await store.review.runs.countByProject();
      const items: ReviewProjectView[] = [];
      for (const p of await store.review.runs.projects()) {
        const recent = await store.review.runs.recent(p.project, p.defaultBranch, 10);
        const s = stats.get(p.project);
        items.push({
          project: p.project,
          defaultBranch: p.defaultBranch,
          runs: s?.runs ?? 0,
          latestRun: recent[0] ? runView(recent[0]) : null,
          lastUploadAt: s?.last ?? p.updatedAt,
          trend: [...recent].reverse().map((r) => ({
            runId: r.id,
            commit: r.commit,
            createdAt: r.createdAt,
            open: r.open,
            new: r.newCount,
            fixed: r.fixedCount,
            outcome: r.outcome as "passed" | "failed",
          })),
        });
      }
      return { items };
    },

    listRules(
      ctx: Ctx,
      f: { q?: string; framework?: string; severity?: string; provider?: string },
      limit: number,
      offset: number,
    ): Promise<{ items: ReviewRuleView[]; total: number }> {
      requirePermission(ctx, "review:read");
      const q = f.q?.trim().toLowerCase();
      const matching = rules
        .filter(
          (r) =>
            (!f.framework || r.framework === f.framework) &&
            (!f.severity || r.severity === f.severity) &&
            (!f.provider || r.provider === f.provider) &&
            (!q ||
              r.id.toLowerCase().includes(q) ||
              r.title.toLowerCase().includes(q) ||
              r.description.toLowerCase().includes(q) ||
              [...r.equivalents.checkov, ...r.equivalents.trivy].some((e) =>
                e.toLowerCase().includes(q),
              )),
        )
        .sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
      return Promise.resolve({
        items: matching.slice(offset, offset + limit).map(ruleView),
        total: matching.length,
      });
    },

    async getRule(ctx: Ctx, id: string): Promise<ReviewRuleDetailView> {
      requirePermission(ctx, "review:read");
      const meta = rulesById.get(id);
      if (!meta) throw notFound("review rule");
      const latest = await latestRuns(store);
      const counts = await store.review.findings.openCountByRun(
        id,
        latest.map((r) => r.id),
      );
      const projects = latest
        .filter((r) => (counts.get(r.id) ?? 0) > 0)
        .map((r) => ({ project: r.project, runId: r.id, open: counts.get(r.id) ?? 0 }));
      return {
        ...ruleView(meta),
        docs: ruleDocMarkdown(meta),
        openFindings: projects.reduce((n, p) => n + p.open, 0),
        projects,
      };
    },

    /** Suppressions of the latest run of each project, soonest expiry first. */
    async listSuppressions(
      ctx: Ctx,
      f: { project?: string; state?: string; ruleId?: string; expiringWithinDays?: number },
      limit: number,
      offset: number,
    ): Promise<{ items: ReviewSuppressionView[]; total: number }> {
      requirePermission(ctx, "review:read");
      const day = today();
      const runs = (await latestRuns(store)).filter((r) => !f.project || r.project === f.project);
      const byId = new Map(runs.map((r) => [r.id, r]));
      const all = (await store.review.runs.suppressionsOf([...byId.keys()])).map(
        (s): ReviewSuppressionView => {
          const run = byId.get(s.runId)!;
          const expiresInDays = s.until ? daysUntil(s.until, day) : null;
          // An active suppression whose date has passed since the scan no longer suppresses.
          const state =
            s.state === "active" && expiresInDays !== null && expiresInDays < 0
              ? "expired"
              : (s.state as ReviewSuppressionView["state"]);
          return {
            id: s.id,
            project: run.project,
            runId: run.id,
            ref: run.ref,
            commit: run.commit,
            source: s.source as ReviewSuppressionView["source"],
            rules: s.rules,
            file: s.file,
            line: s.line,
            resource: s.resource,
            attribute: s.attribute,
            reason: s.reason,
            owner: s.owner,
            until: s.until,
            state,
            expiresInDays,
            matched: s.matched,
          };
        },
      );
      const matching = all
        .filter(
          (s) =>
            (!f.state || s.state === f.state) &&
            (!f.ruleId || s.rules.includes(f.ruleId)) &&
            (f.expiringWithinDays === undefined ||
              (s.expiresInDays !== null && s.expiresInDays <= f.expiringWithinDays)),
        )
        .sort(
          (a, b) =>
            (a.expiresInDays ?? Number.MAX_SAFE_INTEGER) -
              (b.expiresInDays ?? Number.MAX_SAFE_INTEGER) ||
            a.project.localeCompare(b.project) ||
            a.file.localeCompare(b.file) ||
            a.line - b.line,
        );
      return { items: matching.slice(offset, offset + limit), total: matching.length };
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
