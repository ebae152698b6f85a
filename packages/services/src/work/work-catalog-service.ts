import type { ErrorDetail } from "@infrasec/core";
import { AppError, notFound } from "@infrasec/core";
import type { FieldError, WorkItemKind } from "@infrasec/engines/work";
import {
  applyLabels,
  describeLabelChange,
  labelScope,
  parseTemplate,
} from "@infrasec/engines/work";
import type { Repos, WorkLabelRecord, WorkTemplateRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import {
  SHIPPED_TEMPLATES,
  ensureCatalogSeeded,
  readWorkSettings,
  shippedRecord,
  writeWorkSettings,
} from "./work-catalog-store";
import type { LabelView, TemplateView, WorkSettings } from "./work-view-types";
import { orderedId } from "./work-ids";

/**
 * The team's configuration: the label catalogue (renames and deletions apply to every item,
 * each affected item getting a history entry), the templates (validated with the engine;
 * every change bumps the version) and the workflow settings.
 */

function toTemplateView(r: WorkTemplateRecord): TemplateView {
  const d = r.definition;
  return {
    id: r.id,
    kind: r.kind as WorkItemKind,
    name: typeof d.name === "string" ? d.name : r.id,
    description: typeof d.description === "string" ? d.description : "",
    version: r.version,
    customized: r.customized,
    updatedAt: r.updatedAt,
    definition: d,
  };
}

/** Template problems with paths into the submitted definition (`definition.sections[0]…`). */
function templateErrorDetails(
  definition: Record<string, unknown>,
  errors: readonly FieldError[],
): ErrorDetail[] {
  const sections = Array.isArray(definition.sections) ? (definition.sections as unknown[]) : [];
  const pathOfKey = (key: string): string | null => {
    for (const [i, s] of sections.entries()) {
      const fields = (s as { fields?: unknown }).fields;
      if (!Array.isArray(fields)) continue;
      const j = fields.findIndex((f) => (f as { key?: unknown }).key === key);
      if (j >= 0) return `definition.sections[${i}].fields[${j}]`;
    }
    return null;
  };
  return errors.map((e) => ({
    path: e.field.startsWith("template")
      ? `definition${e.field.slice("template".length)}`
      : (pathOfKey(e.field) ?? `definition.${e.field}`),
    message: e.message,
  }));
}

export function createWorkCatalogService(deps: ServiceDeps) {
  const { store, clock } = deps;
  const nowIso = () => clock.now().toISOString();

  async function seeded(): Promise<void> {
    if ((await store.workCatalog.getSetting("seeded:v1")) !== undefined) return;
    await store.transaction((tx) => ensureCatalogSeeded(tx, nowIso()));
  }

  async function labelView(tx: Repos, l: WorkLabelRecord): Promise<LabelView> {
    const usage = (await tx.work.labelUsage()).get(l.name) ?? 0;
    return {
      name: l.name,
      scope: labelScope(l.name),
      color: l.color,
      description: l.description,
      usage,
      createdAt: l.createdAt,
    };
  }

  /** Rewrites a label on every item carrying it; each item gets a history entry. */
  async function relabelItems(
    tx: Repos,
    ctx: Ctx,
    from: string,
    to: string | null,
  ): Promise<number> {
    const ids = await tx.work.idsWithLabel(from);
    const now = nowIso();
    for (const id of ids) {
      const item = await tx.work.findById(id);
      if (!item) continue;
      const lc = applyLabels(
        item.labels.filter((l) => l !== from),
        to ? [to] : [],
      );
      const note = to
        ? `label ~"${from}" renamed to ~"${to}"${lc.removed.length > 0 ? `; ${describeLabelChange(lc)}` : ""}`
        : `label ~"${from}" deleted from the catalogue`;
      await tx.work.update({ ...item, labels: lc.labels, updatedAt: now });
      await tx.work.addHistory({
        id: orderedId(clock.now().getTime()),
        itemId: id,
        actorId: ctx.actor.userId,
        at: now,
        action: "labels",
        changes: [{ field: "labels", from: item.labels, to: lc.labels }],
        note,
      });
    }
    return ids.length;
  }

  return {
    async listLabels(ctx: Ctx, q?: string): Promise<LabelView[]> {
      requirePermission(ctx, "work:read");
      await seeded();
      const usage = await store.work.labelUsage();
      const needle = q?.trim().toLowerCase();
      return (await store.workCatalog.listLabels())
        .filter((l) => !needle || l.name.toLowerCase().includes(needle))
        .map((l) => ({
          name: l.name,
          scope: labelScope(l.name),
          color: l.color,
          description: l.description,
          usage: usage.get(l.name) ?? 0,
          createdAt: l.createdAt,
        }));
    },

    async createLabel(
      ctx: Ctx,
      input: { name: string; color: string; description?: string },
    ): Promise<LabelView> {
      requirePermission(ctx, "work:manage");
      return store.transaction(async (tx) => {
        await ensureCatalogSeeded(tx, nowIso());
        const now = nowIso();
        const rec: WorkLabelRecord = {
          name: input.name.trim(),
          color: input.color,
          description: input.description ?? "",
          createdAt: now,
          updatedAt: now,
        };
        if (!(await tx.workCatalog.insertLabelIfAbsent(rec))) {
          throw new AppError("conflict", `the label ${rec.name} exists already`, [
            { path: "name", message: "already in the catalogue" },
          ]);
        }
        await audit(tx, ctx, clock, {
          action: "work.label.create",
          targetType: "work_label",
          targetId: rec.name,
          summary: `created label ${rec.name}`,
          changes: { color: [null, rec.color], description: [null, rec.description] },
        });
        return labelView(tx, rec);
      });
    },

    async updateLabel(
      ctx: Ctx,
      name: string,
      patch: { name?: string; color?: string; description?: string },
    ): Promise<LabelView> {
      requirePermission(ctx, "work:manage");
      return store.transaction(async (tx) => {
        await ensureCatalogSeeded(tx, nowIso());
        const before = await tx.workCatalog.findLabel(name);
        if (!before) throw notFound("label");
        const after: WorkLabelRecord = {
          ...before,
          name: patch.name?.trim() ?? before.name,
          color: patch.color ?? before.color,
          description: patch.description ?? before.description,
          updatedAt: nowIso(),
        };
        const renamed = after.name !== before.name;
        if (renamed && (await tx.workCatalog.findLabel(after.name))) {
          throw new AppError("conflict", `the label ${after.name} exists already`, [
            { path: "name", message: "already in the catalogue" },
          ]);
        }
        await tx.workCatalog.updateLabel(before.name, after);
        const items = renamed ? await relabelItems(tx, ctx, before.name, after.name) : 0;
        const changes: Record<string, unknown> = {};
        for (const k of ["name", "color", "description"] as const) {
          if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
        }
        if (renamed) changes.items = items;
        await audit(tx, ctx, clock, {
          action: "work.label.update",
          targetType: "work_label",
          targetId: after.name,
          summary: renamed
            ? `renamed label ${before.name} to ${after.name} on ${items} item(s)`
            : `updated label ${after.name}`,
          changes,
        });
        return labelView(tx, after);
      });
    },

    async deleteLabel(ctx: Ctx, name: string): Promise<void> {
      requirePermission(ctx, "work:manage");
      await store.transaction(async (tx) => {
        await ensureCatalogSeeded(tx, nowIso());
        const before = await tx.workCatalog.findLabel(name);
        if (!before) throw notFound("label");
        const items = await relabelItems(tx, ctx, name, null);
        await tx.workCatalog.deleteLabel(name);
        await audit(tx, ctx, clock, {
          action: "work.label.delete",
          targetType: "work_label",
          targetId: name,
          summary: `deleted label ${name} from the catalogue and ${items} item(s)`,
          changes: { items },
        });
      });
    },

    async listTemplates(ctx: Ctx): Promise<TemplateView[]> {
      requirePermission(ctx, "work:read");
      await seeded();
      return (await store.workCatalog.listTemplates()).map(toTemplateView);
    },

    async getTemplate(ctx: Ctx, id: string): Promise<TemplateView> {
      requirePermission(ctx, "work:read");
      await seeded();
      const t = await store.workCatalog.findTemplate(id);
      if (!t) throw notFound("template");
      return toTemplateView(t);
    },

    /**
     * Replaces a template's definition after the engine validated it (errors name the path in
     * the definition). The id and kind stay; the version goes up by one.
     */
    async updateTemplate(
      ctx: Ctx,
      id: string,
      definition: Record<string, unknown>,
    ): Promise<TemplateView> {
      requirePermission(ctx, "settings:manage");
      return store.transaction(async (tx) => {
        await ensureCatalogSeeded(tx, nowIso());
        const before = await tx.workCatalog.findTemplate(id);
        if (!before) throw notFound("template");
        const details: ErrorDetail[] = [];
        if (definition.id !== undefined && definition.id !== id) {
          details.push({ path: "definition.id", message: `must be ${id} (the template's id)` });
        }
        if (definition.kind !== undefined && definition.kind !== before.kind) {
          details.push({ path: "definition.kind", message: `must stay ${before.kind}` });
        }
        const candidate = { ...definition, id, kind: before.kind, version: before.version + 1 };
        const parsed = parseTemplate(candidate);
        if (!parsed.ok) details.push(...templateErrorDetails(candidate, parsed.errors));
        if (details.length > 0 || !parsed.ok) {
          throw new AppError(
            "validation_failed",
            `the template definition is invalid: ${details
              .slice(0, 5)
              .map((d) => `${d.path} ${d.message}`)
              .join("; ")}`,
            details,
          );
        }
        const after: WorkTemplateRecord = {
          ...before,
          definition: JSON.parse(JSON.stringify(parsed.template)) as Record<string, unknown>,
          version: before.version + 1,
          customized: true,
          updatedAt: nowIso(),
          updatedBy: ctx.actor.userId,
        };
        await tx.workCatalog.updateTemplate(after);
        await audit(tx, ctx, clock, {
          action: "work.template.update",
          targetType: "work_template",
          targetId: id,
          summary: `updated template ${id} to version ${after.version}`,
          changes: { version: [before.version, after.version] },
        });
        return toTemplateView(after);
      });
    },

    async resetTemplate(ctx: Ctx, id: string): Promise<TemplateView> {
      requirePermission(ctx, "settings:manage");
      return store.transaction(async (tx) => {
        await ensureCatalogSeeded(tx, nowIso());
        const before = await tx.workCatalog.findTemplate(id);
        const shipped = SHIPPED_TEMPLATES.find((t) => t.id === id);
        if (!before || !shipped) throw notFound("template");
        const version = before.version + 1;
        const after: WorkTemplateRecord = {
          ...shippedRecord({ ...shipped, version }, nowIso()),
          updatedBy: ctx.actor.userId,
        };
        await tx.workCatalog.updateTemplate(after);
        await audit(tx, ctx, clock, {
          action: "work.template.reset",
          targetType: "work_template",
          targetId: id,
          summary: `restored the shipped template ${id} as version ${version}`,
          changes: { version: [before.version, version] },
        });
        return toTemplateView(after);
      });
    },

    async getSettings(ctx: Ctx): Promise<WorkSettings> {
      requirePermission(ctx, "work:read");
      return readWorkSettings(store);
    },

    async updateSettings(ctx: Ctx, patch: Partial<WorkSettings>): Promise<WorkSettings> {
      requirePermission(ctx, "settings:manage");
      return store.transaction(async (tx) => {
        const before = await readWorkSettings(tx);
        await writeWorkSettings(tx, patch);
        const after = await readWorkSettings(tx);
        const changes: Record<string, unknown> = {};
        for (const k of Object.keys(after) as (keyof WorkSettings)[]) {
          if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
        }
        if (Object.keys(changes).length > 0) {
          await audit(tx, ctx, clock, {
            action: "work.settings.update",
            targetType: "work_settings",
            targetId: null,
            summary: `updated workflow settings: ${Object.keys(changes).join(", ")}`,
            changes,
          });
        }
        return after;
      });
    },
  };
}
export type WorkCatalogService = ReturnType<typeof createWorkCatalogService>;
