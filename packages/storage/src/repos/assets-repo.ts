import type { Executor } from "./executor";
import { containsText } from "./executor";

export interface AssetRecord {
  id: string;
  key: string;
  name: string;
  kind: string;
  description: string;
  ownerTeam: string | null;
  environment: string;
  criticality: number;
  exposure: string;
  dataClassification: string;
  tags: string[];
  identifiers: { type: string; value: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface AssetFilter {
  q?: string;
  kind?: string;
  ownerTeam?: string;
  environment?: string;
  criticality?: number;
  exposure?: string;
  dataClassification?: string;
  tag?: string;
}

export type AssetSort =
  "name" | "-name" | "criticality" | "-criticality" | "updatedAt" | "-updatedAt" | "kind";

type Row = {
  id: string;
  key: string;
  name: string;
  kind: string;
  description: string;
  owner_team: string | null;
  environment: string;
  criticality: number;
  exposure: string;
  data_classification: string;
  tags: string;
  created_at: string;
  updated_at: string;
};

const toRow = (a: AssetRecord): Row => ({
  id: a.id,
  key: a.key,
  name: a.name,
  kind: a.kind,
  description: a.description,
  owner_team: a.ownerTeam,
  environment: a.environment,
  criticality: a.criticality,
  exposure: a.exposure,
  data_classification: a.dataClassification,
  tags: JSON.stringify(a.tags),
  created_at: a.createdAt,
  updated_at: a.updatedAt,
});

const sortColumns: Record<AssetSort, [keyof Row, "asc" | "desc"]> = {
  name: ["name", "asc"],
  "-name": ["name", "desc"],
  criticality: ["criticality", "asc"],
  "-criticality": ["criticality", "desc"],
  updatedAt: ["updated_at", "asc"],
  "-updatedAt": ["updated_at", "desc"],
  kind: ["kind", "asc"],
};

/**
 * The asset inventory with its identifier and tag indexes. Records arrive normalized (services
 * de-duplicate identifiers and tags); a duplicate here is a defect and fails on the primary key.
 */
export function assetsRepo(db: Executor) {
  async function hydrate(rows: Row[]): Promise<AssetRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const idents = await db
      .selectFrom("asset_identifiers")
      .select(["asset_id", "type", "value"])
      .where("asset_id", "in", ids)
      .orderBy("type")
      .orderBy("value")
      .execute();
    const byAsset = new Map<string, { type: string; value: string }[]>();
    for (const i of idents) {
      const list = byAsset.get(i.asset_id) ?? [];
      list.push({ type: i.type, value: i.value });
      byAsset.set(i.asset_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      kind: r.kind,
      description: r.description,
      ownerTeam: r.owner_team,
      environment: r.environment,
      criticality: Number(r.criticality),
      exposure: r.exposure,
      dataClassification: r.data_classification,
      tags: JSON.parse(r.tags) as string[],
      identifiers: byAsset.get(r.id) ?? [],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async function writeIndexes(a: AssetRecord): Promise<void> {
    await db.deleteFrom("asset_identifiers").where("asset_id", "=", a.id).execute();
    await db.deleteFrom("asset_tags").where("asset_id", "=", a.id).execute();
    const idents = a.identifiers.map((i) => ({ asset_id: a.id, type: i.type, value: i.value }));
    if (idents.length > 0) await db.insertInto("asset_identifiers").values(idents).execute();
    const tags = a.tags.map((tag) => ({ asset_id: a.id, tag }));
    if (tags.length > 0) await db.insertInto("asset_tags").values(tags).execute();
  }

  return {
    async insert(a: AssetRecord): Promise<void> {
      await db.insertInto("assets").values(toRow(a)).execute();
      await writeIndexes(a);
    },
    async update(a: AssetRecord): Promise<void> {
      const { id: _id, created_at: _c, ...set } = toRow(a);
      await db.updateTable("assets").set(set).where("id", "=", a.id).execute();
      await writeIndexes(a);
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom("assets").where("id", "=", id).execute();
    },
    async findById(id: string): Promise<AssetRecord | undefined> {
      const rows = await db.selectFrom("assets").selectAll().where("id", "=", id).execute();
      return (await hydrate(rows))[0];
    },
    async findByKeys(keys: readonly string[]): Promise<AssetRecord[]> {
      const out: AssetRecord[] = [];
      // Bounded IN lists: SQLite limits bound parameters per statement.
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await db
          .selectFrom("assets")
          .selectAll()
          .where("key", "in", keys.slice(i, i + 500))
          .execute();
        out.push(...(await hydrate(rows)));
      }
      return out;
    },
    async list(
      f: AssetFilter,
      sort: AssetSort,
      limit: number,
      offset: number,
    ): Promise<{ items: AssetRecord[]; total: number }> {
      let q = db.selectFrom("assets");
      if (f.kind) q = q.where("kind", "=", f.kind);
      if (f.ownerTeam) q = q.where("owner_team", "=", f.ownerTeam);
      if (f.environment) q = q.where("environment", "=", f.environment);
      if (f.criticality !== undefined) q = q.where("criticality", "=", f.criticality);
      if (f.exposure) q = q.where("exposure", "=", f.exposure);
      if (f.dataClassification) q = q.where("data_classification", "=", f.dataClassification);
      if (f.tag) {
        const tag = f.tag;
        q = q.where("id", "in", (eb) =>
          eb.selectFrom("asset_tags").select("asset_id").where("tag", "=", tag),
        );
      }
      if (f.q) {
        const text = f.q;
        q = q.where((eb) =>
          eb.or([
            containsText("name", text),
            containsText("key", text),
            containsText("description", text),
            eb(
              "id",
              "in",
              eb
                .selectFrom("asset_identifiers")
                .select("asset_id")
                .where(containsText("value", text)),
            ),
          ]),
        );
      }
      const totalRow = await q
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const [col, dir] = sortColumns[sort];
      const rows = await q
        .selectAll()
        .orderBy(col, dir)
        .orderBy("id")
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: await hydrate(rows), total: Number(totalRow.n) };
    },
    /** Assets carrying the identifier; most critical and most recently updated first. */
    async findByIdentifier(
      value: string,
      type?: string,
    ): Promise<{ asset: AssetRecord; type: string }[]> {
      let q = db
        .selectFrom("asset_identifiers")
        .innerJoin("assets", "assets.id", "asset_identifiers.asset_id")
        .selectAll("assets")
        .select("asset_identifiers.type as matched_type")
        .where("asset_identifiers.value", "=", value);
      if (type) q = q.where("asset_identifiers.type", "=", type);
      const rows = await q
        .orderBy("assets.criticality")
        .orderBy("assets.updated_at", "desc")
        .limit(20)
        .execute();
      const assets = await hydrate(rows);
      return assets.map((asset, i) => ({ asset, type: rows[i]!.matched_type }));
    },
  };
}
export type AssetsRepo = ReturnType<typeof assetsRepo>;
