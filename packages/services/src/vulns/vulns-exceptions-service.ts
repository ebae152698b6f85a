import { AppError, newId, notFound } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import { scopeCovers } from "@infrasec/engines/vulns";
import { OPEN_STATUSES } from "./reconcile-fns";
import { currentSlaPolicy } from "./sla-recompute-runner";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { coverFindings, releaseFindings } from "./vulns-exceptions-cover";
import { appendExceptionEvent, scopeSummary } from "./vulns-exceptions-events";
import { expireDue } from "./vulns-exceptions-expiry";
import {
  exceptionWindow,
  judgedSeverity,
  openMatches,
  resolveDecisionItem,
  resolveScope,
} from "./vulns-exceptions-request";
import type {
  ExceptionListInput,
  ExceptionRecord,
  ExceptionRequestInput,
} from "./vulns-exceptions-types";
import {
  candidateFindingView,
  coveredFindingView,
  exceptionViews,
  type VulnExceptionDetailView,
  type VulnExceptionView,
} from "./vulns-exceptions-views";
import type { VulnsOptions } from "./vulns-import-jobs";

export type { ExceptionRequestInput, ExceptionListInput } from "./vulns-exceptions-types";
export type { VulnExceptionView, VulnExceptionDetailView } from "./vulns-exceptions-views";
export type { ExpiryResult } from "./vulns-exceptions-expiry";

const DAY = 86_400_000;
/** Findings shown on an exception's detail; coveredCount gives the full number. */
const DETAIL_FINDINGS = 1000;

/**
 * Vulnerability exceptions (issue 4): risk acceptances and deviation requests. A request is
 * checked against the worst severity it covers; another person holding vulns:approve_exception
 * approves or rejects it; approval dismisses the covered open findings (clock paused or
 * restarted by the SLA policy), and revocation or expiry reopens exactly those.
 */
export function createVulnExceptionsService(deps: ServiceDeps, opts: VulnsOptions = {}) {
  const { store, clock } = deps;
  const nowMs = () => clock.now().getTime();

  async function mustGet(id: string): Promise<ExceptionRecord> {
    const e = await store.vulnExceptions.findById(id);
    if (!e) throw notFound("exception");
    return e;
  }

  async function detail(id: string): Promise<VulnExceptionDetailView> {
    const e = await mustGet(id);
    const [view] = await exceptionViews(store, [e], nowMs());
    const now = nowMs();
    // The stored (edited) policy's due-soon window, not the start-up one.
    const { dueSoonDays } = await currentSlaPolicy(store, opts.policy);
    const findings =
      e.status === "requested"
        ? // What approval would cover now; read bounded, so a scope that grew stays viewable.
          (await store.vulnExceptions.candidates(e.scope, { statuses: OPEN_STATUSES, limit: 5000 }))
            .filter((f) => scopeCovers(e.scope, f))
            .slice(0, DETAIL_FINDINGS)
            .map((f) => candidateFindingView(f, now, dueSoonDays))
        : (await store.vulnExceptions.covered(e.id))
            .slice(0, DETAIL_FINDINGS)
            .map((c) => coveredFindingView(c, now, dueSoonDays));
    return { ...(view as VulnExceptionView), findings };
  }

  function conflict(e: ExceptionRecord, action: string, allowed: string): AppError {
    return new AppError(
      "conflict",
      `exception ${e.id} is ${e.status}: only ${allowed} exceptions can be ${action}`,
    );
  }

  return {
    async request(ctx: Ctx, input: ExceptionRequestInput): Promise<VulnExceptionDetailView> {
      requirePermission(ctx, "vulns:request_exception");
      if (!ctx.actor.userId) {
        throw new AppError("forbidden", "exceptions are requested by a person (a user account)");
      }
      const justification = input.justification.trim();
      if (!justification) {
        throw new AppError("validation_failed", "justification: required", [
          { path: "justification", message: "required" },
        ]);
      }
      const scope = await resolveScope(store, input.scope);
      const matched = await openMatches(store, scope);
      if (matched.length === 0 && !scope.vulnId && !scope.package) {
        throw new AppError(
          "validation_failed",
          "scope: matches no open finding (name a vulnerability id or package to cover future findings)",
          [{ path: "scope", message: "matches no open finding" }],
        );
      }
      const severity = judgedSeverity(matched, input.severity);
      const window = exceptionWindow(nowMs(), severity, input);
      const decisionItemId = input.decisionItem
        ? await resolveDecisionItem(store, input.decisionItem)
        : null;
      const now = clock.now().toISOString();
      const e: ExceptionRecord = {
        id: newId(nowMs()),
        kind: input.kind ?? "risk_acceptance",
        status: "requested",
        scope,
        severity,
        justification,
        compensatingControls: input.compensatingControls?.trim() || null,
        requestedBy: ctx.actor.userId,
        requestedAt: now,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        startsAt: window.startsAt,
        expiresAt: window.expiresAt,
        requestedDays: input.days ?? null,
        decisionItemId,
        expiringNotifiedAt: null,
        endedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await store.transaction(async (tx) => {
        await tx.vulnExceptions.insert(e);
        await audit(tx, ctx, clock, {
          action: "vulns.exception.request",
          targetType: "vuln_exception",
          targetId: e.id,
          summary: `requested ${e.kind} for ${scopeSummary(e)} until ${e.expiresAt} (${matched.length} open finding(s), ${severity})`,
          changes: { kind: e.kind, scope: e.scope, severity, expiresAt: e.expiresAt },
        });
      });
      return detail(e.id);
    },

    /**
     * Approves a requested exception. The approver must be another person than the requester;
     * the window starts now (a request in days keeps its length; a fixed end date stays) and
     * is checked again against the worst severity covered now.
     */
    async approve(ctx: Ctx, id: string, note?: string): Promise<VulnExceptionDetailView> {
      requirePermission(ctx, "vulns:approve_exception");
      await store.transaction(async (tx) => {
        const e = await tx.vulnExceptions.findById(id);
        if (!e) throw notFound("exception");
        if (e.status !== "requested") throw conflict(e, "approved", "requested");
        if (!ctx.actor.userId || ctx.actor.userId === e.requestedBy) {
          throw new AppError(
            "forbidden",
            "you requested this exception: another person with the vulns:approve_exception permission must approve it",
          );
        }
        const matched = await openMatches(tx, e.scope);
        const severity = judgedSeverity(matched, e.severity as Severity);
        let window: { startsAt: string; expiresAt: string };
        try {
          window = exceptionWindow(nowMs(), severity, {
            days: e.requestedDays,
            expiresAt: e.requestedDays === null ? e.expiresAt : null,
          });
        } catch (err) {
          throw new AppError(
            "conflict",
            `cannot approve: ${(err as Error).message} (the covered findings are now ${severity}, or the end date has passed); reject it and request again`,
          );
        }
        const now = clock.now().toISOString();
        const next: ExceptionRecord = {
          ...e,
          status: "approved",
          severity,
          decidedBy: ctx.actor.userId,
          decidedAt: now,
          decisionNote: note?.trim() || null,
          ...window,
          updatedAt: now,
        };
        if (!(await tx.vulnExceptions.transition(next, "requested"))) {
          throw new AppError("conflict", `exception ${id} was decided meanwhile`);
        }
        const covered = await coverFindings(
          tx,
          clock,
          next,
          matched.map((f) => f.id),
          { actorName: ctx.actor.username },
        );
        await audit(tx, ctx, clock, {
          action: "vulns.exception.approve",
          targetType: "vuln_exception",
          targetId: id,
          summary: `approved ${e.kind} for ${scopeSummary(e)} until ${next.expiresAt}: ${covered.length} finding(s) dismissed`,
          changes: { status: ["requested", "approved"], covered: covered.length },
        });
        await appendExceptionEvent(tx, clock, "vulns.exception.approved", next, {
          covered: covered.length,
          decidedBy: ctx.actor.username,
        });
      });
      return detail(id);
    },

    async reject(ctx: Ctx, id: string, note: string): Promise<VulnExceptionDetailView> {
      requirePermission(ctx, "vulns:approve_exception");
      const text = note.trim();
      if (!text) {
        throw new AppError("validation_failed", "note: a note is required to reject", [
          { path: "note", message: "a note is required to reject" },
        ]);
      }
      await store.transaction(async (tx) => {
        const e = await tx.vulnExceptions.findById(id);
        if (!e) throw notFound("exception");
        if (e.status !== "requested") throw conflict(e, "rejected", "requested");
        const now = clock.now().toISOString();
        const next: ExceptionRecord = {
          ...e,
          status: "rejected",
          decidedBy: ctx.actor.userId,
          decidedAt: now,
          decisionNote: text,
          updatedAt: now,
        };
        if (!(await tx.vulnExceptions.transition(next, "requested"))) {
          throw new AppError("conflict", `exception ${id} was decided meanwhile`);
        }
        await audit(tx, ctx, clock, {
          action: "vulns.exception.reject",
          targetType: "vuln_exception",
          targetId: id,
          summary: `rejected ${e.kind} for ${scopeSummary(e)}: ${text.slice(0, 200)}`,
          changes: { status: ["requested", "rejected"] },
        });
        await appendExceptionEvent(tx, clock, "vulns.exception.rejected", next, {
          decidedBy: ctx.actor.username,
          note: text,
        });
      });
      return detail(id);
    },

    /** Ends an approved exception now; the findings it still dismisses reopen. */
    async revoke(ctx: Ctx, id: string, note?: string): Promise<VulnExceptionDetailView> {
      requirePermission(ctx, "vulns:approve_exception");
      await store.transaction(async (tx) => {
        const e = await tx.vulnExceptions.findById(id);
        if (!e) throw notFound("exception");
        if (e.status !== "approved") throw conflict(e, "revoked", "approved");
        const now = clock.now().toISOString();
        const next: ExceptionRecord = {
          ...e,
          status: "revoked",
          endedAt: now,
          decisionNote: note?.trim() ? note.trim() : e.decisionNote,
          updatedAt: now,
        };
        if (!(await tx.vulnExceptions.transition(next, "approved"))) {
          throw new AppError("conflict", `exception ${id} ended meanwhile`);
        }
        // The policy in force (edited or start-up) decides whether the clock resumes or restarts.
        const inForce = await currentSlaPolicy(tx, opts.policy);
        const reopened = await releaseFindings(tx, clock, inForce, e, now, "revoked", {
          actorName: ctx.actor.username,
        });
        await audit(tx, ctx, clock, {
          action: "vulns.exception.revoke",
          targetType: "vuln_exception",
          targetId: id,
          summary: `revoked ${e.kind} for ${scopeSummary(e)}; ${reopened.length} finding(s) reopened`,
          changes: { status: ["approved", "revoked"], reopened: reopened.length },
        });
        await appendExceptionEvent(tx, clock, "vulns.exception.revoked", next, {
          reopened: reopened.length,
        });
      });
      return detail(id);
    },

    async list(ctx: Ctx, q: ExceptionListInput) {
      requirePermission(ctx, "vulns:read");
      let assetId: string | undefined;
      if (q.asset) {
        const scope = await resolveScope(store, { assets: [q.asset] }).catch(() => {
          throw new AppError("not_found", `asset ${q.asset} not found`, [
            { path: "asset", message: "not found" },
          ]);
        });
        assetId = scope.assetIds?.[0];
      }
      const { items, total } = await store.vulnExceptions.list(
        {
          statuses: q.status ? [q.status] : undefined,
          kind: q.kind,
          assetId,
          vulnId: q.vulnId,
          findingId: q.finding,
          expiresBefore:
            q.expiringWithinDays !== undefined
              ? new Date(nowMs() + q.expiringWithinDays * DAY).toISOString()
              : undefined,
        },
        q.limit,
        q.offset,
      );
      return { items: await exceptionViews(store, items, nowMs()), total };
    },

    async get(ctx: Ctx, id: string): Promise<VulnExceptionDetailView> {
      requirePermission(ctx, "vulns:read");
      return detail(id);
    },

    /** One expiry round (the background task "vulns.exceptions.expire"). */
    expireDue: async (now?: Date) =>
      expireDue(store, clock, await currentSlaPolicy(store, opts.policy), now),
  };
}
export type VulnExceptionsService = ReturnType<typeof createVulnExceptionsService>;
