import { AppError, isAppError, systemActor } from "@infrasec/core";
import type { WorkItemKind, WorkTemplate } from "@infrasec/engines/work";
import {
  DECISION_LABEL,
  WORK_ITEM_KINDS,
  decisionLog,
  evaluateStaleness,
  isClosedStatus,
  renderTriageReport,
  triageQueue,
} from "@infrasec/engines/work";
import type { Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import {
  defaultTemplateId,
  readWorkSettings,
  templateFor,
  triagePolicyFrom,
} from "./work-catalog-store";
import type { LoadedWorkItem } from "./work-item-store";
import { findEditableItem, loadWorkItemView, loadWorkItems } from "./work-item-store";
import {
  changeItemLabels,
  closeItem,
  commitItemChange,
  setItemAssignees,
} from "./work-item-mutations";
import { changedSince, hygieneNote, isUntriaged } from "./triage-fns";
import type { BulkInput, HygieneActionView, TriageQueueView } from "./triage-view-types";
import type { WorkItemView } from "./work-view-types";

/** The template of each kind (stored definitions win over shipped ones). */
async function templatesByKind(tx: Repos): Promise<Partial<Record<WorkItemKind, WorkTemplate>>> {
  const out: Partial<Record<WorkItemKind, WorkTemplate>> = {};
  for (const kind of WORK_ITEM_KINDS) {
    const t = await templateFor(tx, defaultTemplateId(kind));
    if (t) out[kind] = t;
  }
  return out;
}

/** Rewrites an item's failure so it names the item (number and position in `ids`). */
function aboutItem(e: unknown, index: number, number: number): unknown {
  if (!isAppError(e)) return e;
  const path = `ids[${index}]`;
  return new AppError(
    e.code,
    `#${number}: ${e.message}`,
    [
      { path, message: `#${number}: ${e.message}` },
      ...e.details.map((d) => ({ ...d, path: d.path ? `${path}.${d.path}` : path })),
    ],
    { cause: e },
  );
}

/**
 * The bot's pings are history notes on the item (no comment, no notification), so the ping
 * does not count as the assignee's activity either.
 */
async function noteOnItem(
  tx: Repos,
  deps: ServiceDeps,
  ctx: Ctx,
  itemId: string,
  note: string,
): Promise<void> {
  const rec = await findEditableItem(tx, ctx, itemId);
  await commitItemChange(
    tx,
    deps,
    ctx,
    rec,
    { action: "ping", changes: [], note },
    { action: "work.item.ping", summary: note },
  );
}

/**
 * The triage sync's tools: the queue and its Markdown report, bulk changes, the hygiene rules
 * (the `gitlab-triage` bot) and the Decision Log. Everything is read through the item store, so
 * the reader's visibility applies; every change goes through the item store's mutations, which
 * check edit rights and write history and audit.
 */
export function createTriageService(deps: ServiceDeps) {
  const { store, clock } = deps;

  async function policyOf(tx: Repos) {
    const settings = await readWorkSettings(tx);
    return { settings, policy: triagePolicyFrom(settings), templates: await templatesByKind(tx) };
  }

  /** The bot's proposed actions for the visible open items, in item order. */
  async function hygieneActions(
    tx: Repos,
    ctx: Ctx,
  ): Promise<{ loaded: LoadedWorkItem; action: HygieneActionView }[]> {
    const { policy } = await policyOf(tx);
    const now = clock.now();
    const loaded = await loadWorkItems(tx, ctx, { state: "open" });
    return loaded.flatMap((l) =>
      evaluateStaleness(l.domain, policy, now).actions.map((a) => ({
        loaded: l,
        action: { item: l.summary, kind: a.kind, label: a.label ?? null, reason: a.reason },
      })),
    );
  }

  return {
    async queue(ctx: Ctx): Promise<TriageQueueView> {
      requirePermission(ctx, "work:read");
      const { settings, policy, templates } = await policyOf(store);
      const loaded = await loadWorkItems(store, ctx, { state: "open" });
      const byId = new Map(loaded.map((l) => [l.domain.id, l.summary]));
      const summary = (id: string) => byId.get(id)!;
      const q = triageQueue(
        loaded.map((l) => l.domain),
        policy,
        clock.now(),
        templates,
      );
      return {
        untriaged: loaded.filter((l) => isUntriaged(l.domain)).map((l) => l.summary),
        missingFields: q.missingFields.map(({ item, missing }) => ({
          item: summary(item.id),
          missing: missing.map((m) => ({ field: m.field, message: m.message })),
        })),
        stale: q.stale.map((s) => ({ item: summary(s.item.id), idleDays: s.inactiveDays })),
        staleAfterDays: settings.staleAfterDays,
      };
    },

    /** The sync agenda as Markdown (confidential titles are masked: notes get shared). */
    async report(ctx: Ctx, since?: string): Promise<{ markdown: string; generatedAt: string }> {
      requirePermission(ctx, "work:read");
      const { policy, templates } = await policyOf(store);
      const now = clock.now();
      const loaded = (await loadWorkItems(store, ctx, { state: "open" })).filter(
        (l) => !since || changedSince(l.domain, since),
      );
      const numbers = new Map(loaded.map((l) => [l.domain.id, l.summary.number]));
      const markdown = renderTriageReport(
        loaded.map((l) => l.domain),
        {
          now,
          refOf: (i) => `#${numbers.get(i.id) ?? "?"}`,
          policy,
          templates,
          title: since ? `InfraSec triage (changes since ${since})` : "InfraSec triage",
        },
      );
      return { markdown, generatedAt: now.toISOString() };
    },

    /**
     * Labels, assigns or closes many items in ONE transaction: the first failure rolls every
     * change back and names the item (`ids[3]`, `#12: …`). Already closed items are not closed
     * again.
     */
    async bulk(ctx: Ctx, input: BulkInput): Promise<{ updated: number }> {
      requirePermission(ctx, "work:manage");
      const ids = [...new Set(input.ids)];
      await store.transaction(async (tx) => {
        const loaded = await loadWorkItems(tx, ctx, { ids, state: "all" });
        const byId = new Map(loaded.map((l) => [l.domain.id, l]));
        const missing = input.ids.flatMap((id, i) =>
          byId.has(id) ? [] : [{ path: `ids[${i}]`, message: `no work item ${id}` }],
        );
        if (missing.length > 0) {
          throw new AppError("not_found", `work item not found: ${missing[0]!.path}`, missing);
        }
        for (const id of ids) {
          // Errors name the item's first position in the request.
          const i = input.ids.indexOf(id);
          const l = byId.get(id)!;
          try {
            if (input.addLabels.length > 0 || input.removeLabels.length > 0) {
              await changeItemLabels(tx, deps, ctx, id, {
                add: input.addLabels,
                remove: input.removeLabels,
              });
            }
            if (input.assignees) await setItemAssignees(tx, deps, ctx, id, input.assignees);
            if (input.close && !isClosedStatus(l.domain)) {
              await closeItem(tx, deps, ctx, id, "closed in bulk at triage");
            }
          } catch (e) {
            throw aboutItem(e, i, l.summary.number);
          }
        }
        await audit(tx, ctx, clock, {
          action: "work.triage.bulk",
          targetType: "work_item",
          targetId: null,
          summary: `bulk change of ${ids.length} item(s): ${loaded.map((l) => `#${l.summary.number}`).join(", ")}`,
          changes: {
            items: ids,
            addLabels: input.addLabels,
            removeLabels: input.removeLabels,
            assignees: input.assignees ?? null,
            close: input.close,
          },
        });
      });
      return { updated: ids.length };
    },

    /**
     * Runs the staleness rules over the visible open items. A dry run only lists the actions;
     * otherwise they are applied in one transaction (stale label, close, a history note as the
     * assignee ping) and audited as the caller who ran the bot.
     */
    async hygiene(
      ctx: Ctx,
      dryRun: boolean,
    ): Promise<{ actions: HygieneActionView[]; applied: boolean }> {
      requirePermission(ctx, "work:manage");
      if (dryRun) {
        return { actions: (await hygieneActions(store, ctx)).map((a) => a.action), applied: false };
      }
      // The bot's changes run as the system, so they do not count as activity (the engine's
      // stale rules measure people's activity); the run itself is audited as the caller, and
      // the bot's item events share the caller's request id.
      const bot: Ctx = { actor: systemActor, requestId: ctx.requestId };
      const actions = await store.transaction(async (tx) => {
        const planned = await hygieneActions(tx, ctx);
        for (const { loaded, action } of planned) {
          const id = loaded.domain.id;
          const note = hygieneNote({
            kind: action.kind,
            reason: action.reason,
            ...(action.label ? { label: action.label } : {}),
          });
          if (action.kind === "add_label" && action.label) {
            await changeItemLabels(tx, deps, bot, id, { add: [action.label], remove: [] });
          } else if (action.kind === "close") {
            await closeItem(tx, deps, bot, id, note);
          } else {
            await noteOnItem(tx, deps, bot, id, note);
          }
        }
        if (planned.length > 0) {
          await audit(tx, ctx, clock, {
            action: "work.triage.hygiene",
            targetType: "work_item",
            targetId: null,
            summary: `triage hygiene applied ${planned.length} action(s)`,
            changes: {
              actions: planned.map((p) => ({
                item: p.loaded.summary.number,
                kind: p.action.kind,
                label: p.action.label,
                reason: p.action.reason,
              })),
            },
          });
        }
        return planned.map((p) => p.action);
      });
      return { actions, applied: true };
    },

    /** The Decision Log: visible items with the team and decision labels, newest first. */
    async decisions(ctx: Ctx, q?: string): Promise<WorkItemView[]> {
      requirePermission(ctx, "work:read");
      const { policy } = await policyOf(store);
      const loaded = await loadWorkItems(store, ctx, {
        labelsAll: [DECISION_LABEL],
        state: "all",
        ...(q ? { q } : {}),
      });
      const inLog = new Set(
        decisionLog(
          loaded.map((l) => l.domain),
          policy,
        ).map((i) => i.id),
      );
      // Newest first; items created in the same instant by number (allocated in order).
      const log = loaded
        .filter((l) => inLog.has(l.domain.id))
        .sort((a, b) =>
          a.domain.createdAt === b.domain.createdAt
            ? b.summary.number - a.summary.number
            : a.domain.createdAt < b.domain.createdAt
              ? 1
              : -1,
        )
        .map((l) => l.domain);
      const out: WorkItemView[] = [];
      for (const item of log) out.push(await loadWorkItemView(store, ctx, item.id, clock.now()));
      return out;
    },
  };
}
export type TriageService = ReturnType<typeof createTriageService>;
