import type { Executor } from "./executor";
import { bool, int } from "./executor";

/** A label of the catalogue. */
export interface WorkLabelRecord {
  name: string;
  color: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

/** A stored template: the engine's template document as JSON, with its version. */
export interface WorkTemplateRecord {
  id: string;
  kind: string;
  definition: Record<string, unknown>;
  version: number;
  customized: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

/**
 * The team's configuration as data: the label catalogue, the templates and the workflow
 * settings (one JSON value per key). The insert-if-absent methods make lazy seeding safe when
 * two requests seed at once: the second insert does nothing.
 */
export function workCatalogRepo(db: Executor) {
  const toLabel = (r: {
    name: string;
    color: string;
    description: string;
    created_at: string;
    updated_at: string;
  }): WorkLabelRecord => ({
    name: r.name,
    color: r.color,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
  const toTemplate = (r: {
    id: string;
    kind: string;
    definition: string;
    version: number;
    customized: number;
    updated_at: string;
    updated_by: string | null;
  }): WorkTemplateRecord => ({
    id: r.id,
    kind: r.kind,
    definition: JSON.parse(r.definition) as Record<string, unknown>,
    version: Number(r.version),
    customized: bool(Number(r.customized)),
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  });

  return {
    async listLabels(): Promise<WorkLabelRecord[]> {
      const rows = await db.selectFrom("work_labels").selectAll().orderBy("name").execute();
      return rows.map(toLabel);
    },
    async findLabel(name: string): Promise<WorkLabelRecord | undefined> {
      const r = await db
        .selectFrom("work_labels")
        .selectAll()
        .where("name", "=", name)
        .executeTakeFirst();
      return r && toLabel(r);
    },
    async findLabels(names: readonly string[]): Promise<WorkLabelRecord[]> {
      if (names.length === 0) return [];
      const rows = await db
        .selectFrom("work_labels")
        .selectAll()
        .where("name", "in", [...names])
        .execute();
      return rows.map(toLabel);
    },
    /** Inserts the label unless one of that name exists; true when it was inserted. */
    async insertLabelIfAbsent(l: WorkLabelRecord): Promise<boolean> {
      const r = await db
        .insertInto("work_labels")
        .values({
          name: l.name,
          color: l.color,
          description: l.description,
          created_at: l.createdAt,
          updated_at: l.updatedAt,
        })
        .onConflict((oc) => oc.column("name").doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    /** Changes a label; `name` may differ from `previousName` (a rename). */
    async updateLabel(previousName: string, l: WorkLabelRecord): Promise<void> {
      await db
        .updateTable("work_labels")
        .set({
          name: l.name,
          color: l.color,
          description: l.description,
          updated_at: l.updatedAt,
        })
        .where("name", "=", previousName)
        .execute();
    },
    async deleteLabel(name: string): Promise<void> {
      await db.deleteFrom("work_labels").where("name", "=", name).execute();
    },

    async listTemplates(): Promise<WorkTemplateRecord[]> {
      const rows = await db.selectFrom("work_templates").selectAll().orderBy("id").execute();
      return rows.map(toTemplate);
    },
    async findTemplate(id: string): Promise<WorkTemplateRecord | undefined> {
      const r = await db
        .selectFrom("work_templates")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r && toTemplate(r);
    },
    async insertTemplateIfAbsent(t: WorkTemplateRecord): Promise<boolean> {
      const r = await db
        .insertInto("work_templates")
        .values({
          id: t.id,
          kind: t.kind,
          definition: JSON.stringify(t.definition),
          version: t.version,
          customized: int(t.customized),
          updated_at: t.updatedAt,
          updated_by: t.updatedBy,
        })
        .onConflict((oc) => oc.column("id").doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async updateTemplate(t: WorkTemplateRecord): Promise<void> {
      await db
        .updateTable("work_templates")
        .set({
          kind: t.kind,
          definition: JSON.stringify(t.definition),
          version: t.version,
          customized: int(t.customized),
          updated_at: t.updatedAt,
          updated_by: t.updatedBy,
        })
        .where("id", "=", t.id)
        .execute();
    },

    async getSetting(key: string): Promise<unknown> {
      const r = await db
        .selectFrom("work_settings")
        .select("value")
        .where("key", "=", key)
        .executeTakeFirst();
      return r ? (JSON.parse(r.value) as unknown) : undefined;
    },
    async getSettings(): Promise<Map<string, unknown>> {
      const rows = await db.selectFrom("work_settings").selectAll().execute();
      return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    },
    async putSetting(key: string, value: unknown): Promise<void> {
      const v = JSON.stringify(value);
      await db
        .insertInto("work_settings")
        .values({ key, value: v })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: v }))
        .execute();
    },
    /** Sets the key unless it exists; true when this call set it. */
    async putSettingIfAbsent(key: string, value: unknown): Promise<boolean> {
      const r = await db
        .insertInto("work_settings")
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}
export type WorkCatalogRepo = ReturnType<typeof workCatalogRepo>;
