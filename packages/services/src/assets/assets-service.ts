import type {
  AssetIdentifier,
  AssetInputParsed,
  AssetKind,
  DataClassification,
  Environment,
  Exposure,
  IdentifierType,
} from "@infrasec/core";
import { AppError, assetInputSchema, newId, normalizeIdentifier, notFound } from "@infrasec/core";
import type { AssetFilter, AssetRecord, AssetSort, Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, diff, isUniqueViolation, requirePermission } from "../shared/service-context";
import { toAuditView, type AuditEventView } from "../audit/audit-service";
import { parseAssetImport, type ImportFormat } from "./asset-import-fns";
import { correlationCandidates } from "./correlate-fns";

/** An asset as services return it: the stored record with its enumerations typed. */
export interface AssetView extends Omit<
  AssetRecord,
  "kind" | "environment" | "exposure" | "dataClassification" | "identifiers"
> {
  kind: AssetKind;
  environment: Environment;
  exposure: Exposure;
  dataClassification: DataClassification;
  identifiers: AssetIdentifier[];
}
export type AssetPatch = Partial<Omit<AssetInputParsed, "key">>;

const TRACKED: (keyof AssetRecord)[] = [
  "name",
  "kind",
  "description",
  "ownerTeam",
  "environment",
  "criticality",
  "exposure",
  "dataClassification",
  "tags",
  "identifiers",
];

/** Builds the stored record from validated input: identifiers normalized, tags sorted. */
function toRecord(
  input: AssetInputParsed,
  id: string,
  createdAt: string,
  updatedAt: string,
): AssetRecord {
  const identifiers = input.identifiers
    .map((i) => ({ type: i.type, value: normalizeIdentifier(i.type, i.value) }))
    .sort((a, b) => (a.type + a.value).localeCompare(b.type + b.value));
  return {
    id,
    key: input.key,
    name: input.name,
    kind: input.kind,
    description: input.description ?? "",
    ownerTeam: input.ownerTeam ?? null,
    environment: input.environment,
    criticality: input.criticality,
    exposure: input.exposure,
    dataClassification: input.dataClassification,
    tags: [...new Set(input.tags)].sort(),
    identifiers: identifiers.filter(
      (i, k) =>
        k === 0 || i.type + i.value !== identifiers[k - 1]!.type + identifiers[k - 1]!.value,
    ),
    createdAt,
    updatedAt,
  };
}

/**
 * Hooks other features attach to asset changes. `slaInputsChanged` runs inside the change's
 * transaction when criticality, environment or exposure moved (vulnerability deadlines depend
 * on them: it queues their recomputation); `afterCommit` runs once the change committed.
 */
export interface AssetChangeHooks {
  slaInputsChanged?: (
    tx: Repos,
    ctx: Ctx,
    asset: AssetRecord,
    changes: Record<string, [unknown, unknown]>,
  ) => Promise<void>;
  afterCommit?: () => void;
}

const SLA_INPUTS = ["criticality", "environment", "exposure"];

export function createAssetsService({ store, clock }: ServiceDeps, hooks: AssetChangeHooks = {}) {
  const nowIso = () => clock.now().toISOString();

  async function mustGet(id: string): Promise<AssetRecord> {
    const a = await store.assets.findById(id);
    if (!a) throw notFound("asset");
    return a;
  }

  async function writeUpdate(
    tx: Repos,
    ctx: Ctx,
    after: AssetRecord,
    changes: Record<string, [unknown, unknown]>,
    action: string,
  ): Promise<void> {
    await tx.assets.update(after);
    await audit(tx, ctx, clock, {
      action,
      targetType: "asset",
      targetId: after.id,
      summary: `updated asset ${after.key}: ${Object.keys(changes).join(", ")}`,
      changes,
    });
    if (hooks.slaInputsChanged && SLA_INPUTS.some((f) => f in changes)) {
      await hooks.slaInputsChanged(tx, ctx, after, changes);
    }
  }

  return {
    async list(ctx: Ctx, f: AssetFilter, sort: AssetSort, limit: number, offset: number) {
      requirePermission(ctx, "assets:read");
      return store.assets.list(f, sort, limit, offset) as Promise<{
        items: AssetView[];
        total: number;
      }>;
    },

    async get(ctx: Ctx, id: string): Promise<AssetView> {
      requirePermission(ctx, "assets:read");
      return (await mustGet(id)) as AssetView;
    },

    async create(ctx: Ctx, raw: unknown): Promise<AssetView> {
      requirePermission(ctx, "assets:write");
      const input = assetInputSchema.parse(raw);
      const now = nowIso();
      const rec = toRecord(input, newId(clock.now().getTime()), now, now);
      try {
        await store.transaction(async (tx) => {
          await tx.assets.insert(rec);
          await audit(tx, ctx, clock, {
            action: "asset.create",
            targetType: "asset",
            targetId: rec.id,
            summary: `created ${rec.kind} asset ${rec.key}`,
            changes: Object.fromEntries(TRACKED.map((f) => [f, [null, rec[f]]])),
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) {
          throw new AppError("conflict", `an asset with key ${rec.key} exists already`, [
            { path: "key", message: "already taken" },
          ]);
        }
        throw e;
      }
      return rec as AssetView;
    },

    async update(ctx: Ctx, id: string, patch: AssetPatch): Promise<AssetView> {
      requirePermission(ctx, "assets:write");
      const before = await mustGet(id);
      const merged = assetInputSchema.parse({
        key: before.key,
        name: patch.name ?? before.name,
        kind: patch.kind ?? before.kind,
        description: patch.description ?? before.description,
        ownerTeam: patch.ownerTeam !== undefined ? patch.ownerTeam : before.ownerTeam,
        environment: patch.environment ?? before.environment,
        criticality: patch.criticality ?? before.criticality,
        exposure: patch.exposure ?? before.exposure,
        dataClassification: patch.dataClassification ?? before.dataClassification,
        tags: patch.tags ?? before.tags,
        identifiers: patch.identifiers ?? before.identifiers,
      });
      const after = toRecord(merged, id, before.createdAt, nowIso());
      const changes = diff(before, after, TRACKED);
      if (Object.keys(changes).length === 0) return before as AssetView;
      await store.transaction((tx) => writeUpdate(tx, ctx, after, changes, "asset.update"));
      hooks.afterCommit?.();
      return after as AssetView;
    },

    async remove(ctx: Ctx, id: string): Promise<void> {
      requirePermission(ctx, "assets:write");
      const a = await mustGet(id);
      await store.transaction(async (tx) => {
        await tx.assets.remove(id);
        await audit(tx, ctx, clock, {
          action: "asset.delete",
          targetType: "asset",
          targetId: id,
          summary: `deleted asset ${a.key}`,
        });
      });
    },

    /**
     * Idempotent bulk upsert by key, all or nothing: the file is validated completely before
     * anything is written, and the writes run in one transaction with their audit events.
     */
    async import(ctx: Ctx, format: ImportFormat, content: string, file = "input") {
      requirePermission(ctx, "assets:write");
      const inputs = parseAssetImport(format, content, file);
      const existing = new Map(
        (await store.assets.findByKeys(inputs.map((i) => i.key))).map((a) => [a.key, a]),
      );
      const now = nowIso();
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      await store.transaction(async (tx) => {
        for (const input of inputs) {
          const before = existing.get(input.key);
          if (!before) {
            const rec = toRecord(input, newId(clock.now().getTime()), now, now);
            await tx.assets.insert(rec);
            await audit(tx, ctx, clock, {
              action: "asset.import",
              targetType: "asset",
              targetId: rec.id,
              summary: `imported new ${rec.kind} asset ${rec.key}`,
            });
            created++;
            continue;
          }
          const after = toRecord(input, before.id, before.createdAt, now);
          const changes = diff(before, after, TRACKED);
          if (Object.keys(changes).length === 0) {
            unchanged++;
            continue;
          }
          await writeUpdate(tx, ctx, after, changes, "asset.import");
          updated++;
        }
      });
      if (updated > 0) hooks.afterCommit?.();
      return { created, updated, unchanged, total: inputs.length };
    },

    /** The API form of `correlate`, checked against the caller's permissions. */
    async correlateFor(ctx: Ctx, value: string, type?: IdentifierType) {
      requirePermission(ctx, "assets:read");
      return this.correlate(value, type);
    },

    /**
     * Finds the asset an identifier from a scanner or sensor belongs to. With a type, that
     * identifier only; without, every type the value could be, most specific first, then the key.
     */
    async correlate(
      value: string,
      type?: IdentifierType,
    ): Promise<{ asset: AssetView | null; matchedBy: IdentifierType | null }> {
      for (const c of correlationCandidates(value, type)) {
        const hits = await store.assets.findByIdentifier(c.value, c.type);
        if (hits[0]) return { asset: hits[0].asset as AssetView, matchedBy: c.type };
      }
      if (!type) {
        const byKey = await store.assets.findByKeys([value.trim()]);
        if (byKey[0]) return { asset: byKey[0] as AssetView, matchedBy: "name" };
      }
      return { asset: null, matchedBy: null };
    },

    async history(ctx: Ctx, id: string): Promise<AuditEventView[]> {
      requirePermission(ctx, "assets:read");
      await mustGet(id);
      const rows = await store.audit.list({ targetType: "asset", targetId: id }, 200);
      return rows.map(toAuditView);
    },
  };
}
export type AssetsService = ReturnType<typeof createAssetsService>;
