import { createHash } from "node:crypto";
import type { Severity } from "@infrasec/core";
import { AppError, SEVERITIES, newId, notFound } from "@infrasec/core";
import { diffSnapshots, snapshotOf } from "@infrasec/engines/access";
import type { AccessReport } from "@infrasec/engines/access";
import type { Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import type {
  AccessFindingDto,
  AccessProvider,
  PrincipalDetailJson,
  SnapshotSummary,
  StoredAnalysis,
} from "./access-analysis-types";
import { ANALYSIS_MAX_CHARS } from "./access-analysis-types";
import { attachSnapshotFindings, snapshotAssetRef } from "./access-asset-findings";
import type { FileKind, UploadedFile } from "./snapshot-analysis";
import { analyseSnapshot } from "./snapshot-analysis";

type SnapshotRecord = NonNullable<Awaited<ReturnType<Repos["access"]["snapshots"]["get"]>>>;
type PrincipalRecord = NonNullable<Awaited<ReturnType<Repos["access"]["snapshots"]["principal"]>>>;

export interface SnapshotView {
  id: string;
  name: string;
  provider: AccessProvider;
  files: { name: string; kind: FileKind | "auto"; bytes: number; sha256: string }[];
  summary: SnapshotSummary;
  errors: { file: string; path: string; message: string }[];
  createdBy: string;
  createdAt: string;
}

export interface PrincipalRowView {
  id: string;
  principalId: string;
  type: string;
  name: string;
  isAdmin: boolean;
  admin: "yes" | "conditional" | "no";
  hasEscalation: boolean;
  escalationCount: number;
  findingCount: number;
  entitlementCount: number;
  owner: string | null;
  lastUsed: string | null;
}

export type PrincipalDetailView = PrincipalRowView & { snapshotId: string } & PrincipalDetailJson;

export const toSnapshotView = (r: SnapshotRecord): SnapshotView => ({
  id: r.id,
  name: r.name,
  provider: r.provider as AccessProvider,
  files: r.files as SnapshotView["files"],
  summary: r.summary as SnapshotSummary,
  errors: r.errors as SnapshotView["errors"],
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

const toRowView = (p: PrincipalRecord): PrincipalRowView => ({
  id: p.id,
  principalId: p.principalId,
  type: p.type,
  name: p.name,
  isAdmin: p.isAdmin,
  admin: p.admin as PrincipalRowView["admin"],
  hasEscalation: p.hasEscalation,
  escalationCount: p.escalationCount,
  findingCount: p.findingCount,
  entitlementCount: p.entitlementCount,
  owner: p.owner,
  lastUsed: p.lastUsed,
});

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** Loads a snapshot's stored analysis JSON, or throws not_found. */
export async function loadAnalysis(repos: Repos, id: string): Promise<StoredAnalysis> {
  const text = await repos.access.snapshots.analysis(id);
  if (text === undefined) throw notFound("snapshot");
  return JSON.parse(text) as StoredAnalysis;
}

/** The engine's snapshot view of a stored analysis, for `diffSnapshots`. */
function engineSnapshot(a: StoredAnalysis) {
  const report: AccessReport = {
    schemaVersion: 1,
    provider: a.provider,
    principals: a.principals.map((p) => ({
      id: p.id,
      type: "",
      name: p.id,
      isAdmin: p.isAdmin,
      admin: p.isAdmin ? "yes" : "no",
      escalations: p.adminPathIds.map((pathId) => ({
        pathId,
        outcome: "admin" as const,
        steps: [],
        conditional: false,
        needsExistingResource: false,
      })),
    })),
    findings: [],
    errors: [],
  };
  return snapshotOf(report, new Map(Object.entries(a.grants)));
}

/** Uploaded snapshots: analysis, principals, findings and diffs. */
export function createAccessSnapshotsService({ store, clock }: ServiceDeps) {
  async function getRecord(id: string): Promise<SnapshotRecord> {
    const s = await store.access.snapshots.get(id);
    if (!s) throw notFound("snapshot");
    return s;
  }

  return {
    async create(
      ctx: Ctx,
      input: { name: string; provider: AccessProvider; files: UploadedFile[] },
    ): Promise<SnapshotView> {
      requirePermission(ctx, "access:write");
      const now = clock.now().toISOString();
      const analysis = analyseSnapshot(input.provider, input.files, now);
      const stored: StoredAnalysis = {
        schemaVersion: 1,
        provider: input.provider,
        principals: analysis.principals.map((p) => ({
          id: p.principalId,
          isAdmin: p.isAdmin,
          adminPathIds: p.detail.escalations
            .filter((e) => e.outcome === "admin")
            .map((e) => e.pathId),
        })),
        grants: Object.fromEntries(analysis.principals.map((p) => [p.principalId, p.grants])),
        entitlements: Object.fromEntries(
          analysis.principals.map((p) => [p.principalId, p.detail.entitlements]),
        ),
        findings: analysis.findings,
      };
      const analysisText = JSON.stringify(stored);
      if (analysisText.length > ANALYSIS_MAX_CHARS) {
        throw new AppError(
          "payload_too_large",
          "the analysis of this snapshot is too large to store",
          [
            {
              path: "files",
              message: `analysis of ${analysisText.length} characters exceeds ${ANALYSIS_MAX_CHARS}`,
            },
          ],
        );
      }
      const id = newId(clock.now().getTime());
      const files = analysis.classified.map((f) => ({
        name: f.name,
        kind: f.kind,
        bytes: Buffer.byteLength(f.content, "utf8"),
        sha256: sha256(f.content),
      }));
      const rank = (p: (typeof analysis.principals)[number]): number =>
        p.isAdmin ? 0 : p.admin === "conditional" ? 1 : p.detail.escalations.length > 0 ? 2 : 3;
      const principals = analysis.principals.map((p) => ({
        id: newId(clock.now().getTime()),
        snapshotId: id,
        principalId: p.principalId,
        type: p.type,
        name: p.name,
        isAdmin: p.isAdmin,
        admin: p.admin,
        hasEscalation: p.detail.escalations.some((e) => e.outcome === "admin"),
        escalationCount: p.detail.escalations.length,
        findingCount: p.detail.findings.length,
        entitlementCount: p.detail.entitlements.length,
        owner: p.owner,
        lastUsed: p.lastUsed,
        rank: rank(p),
        detail: p.detail,
      }));
      const record = {
        id,
        name: input.name,
        provider: input.provider,
        files,
        summary: analysis.summary,
        errors: analysis.errors,
        createdBy: ctx.actor.username,
        createdAt: now,
      };
      await store.transaction(async (tx) => {
        await tx.access.snapshots.insert({ ...record, analysis: analysisText }, principals);
        // The shared findings model: the snapshot's findings, stored against its asset.
        await attachSnapshotFindings(tx, ctx, clock, {
          snapshotId: id,
          name: input.name,
          ref: snapshotAssetRef(
            input.provider,
            input.name,
            analysis.principals.map((p) => p.principalId),
            analysis.principals.flatMap((p) => p.detail.entitlements.map((e) => e.key)),
          ),
          findings: analysis.findings,
        });
        await audit(tx, ctx, clock, {
          action: "access.snapshot.create",
          targetType: "access_snapshot",
          targetId: id,
          summary: `uploaded ${input.provider} snapshot ${input.name} (${analysis.summary.principals} principals, ${analysis.summary.admins} admins)`,
          changes: {
            name: input.name,
            provider: input.provider,
            files: files.map((f) => f.name),
            summary: analysis.summary,
          },
        });
      });
      return toSnapshotView(record);
    },

    async list(
      ctx: Ctx,
      q: { provider?: AccessProvider; name?: string; limit: number; offset: number },
    ): Promise<{ items: SnapshotView[]; total: number }> {
      requirePermission(ctx, "access:read");
      const r = await store.access.snapshots.list(
        {
          ...(q.provider ? { provider: q.provider } : {}),
          ...(q.name !== undefined ? { name: q.name } : {}),
        },
        q.limit,
        q.offset,
      );
      return { items: r.items.map(toSnapshotView), total: r.total };
    },

    async get(ctx: Ctx, id: string): Promise<SnapshotView> {
      requirePermission(ctx, "access:read");
      return toSnapshotView(await getRecord(id));
    },

    async listPrincipals(
      ctx: Ctx,
      id: string,
      q: {
        q?: string;
        type?: string;
        admin?: "true" | "false";
        hasEscalation?: "true" | "false";
        limit: number;
        offset: number;
      },
    ): Promise<{ items: PrincipalRowView[]; total: number }> {
      requirePermission(ctx, "access:read");
      await getRecord(id);
      const r = await store.access.snapshots.listPrincipals(
        id,
        {
          ...(q.q !== undefined ? { q: q.q } : {}),
          ...(q.type !== undefined ? { type: q.type } : {}),
          ...(q.admin !== undefined ? { admin: q.admin === "true" } : {}),
          ...(q.hasEscalation !== undefined ? { hasEscalation: q.hasEscalation === "true" } : {}),
        },
        q.limit,
        q.offset,
      );
      return { items: r.items.map(toRowView), total: r.total };
    },

    async getPrincipal(ctx: Ctx, id: string, principalKey: string): Promise<PrincipalDetailView> {
      requirePermission(ctx, "access:read");
      await getRecord(id);
      const p = await store.access.snapshots.principal(id, principalKey);
      if (!p) throw notFound("principal");
      return { ...toRowView(p), snapshotId: id, ...(p.detail as PrincipalDetailJson) };
    },

    async listFindings(
      ctx: Ctx,
      id: string,
      q: { severity?: Severity; rule?: string; principal?: string; limit: number; offset: number },
    ): Promise<{ items: AccessFindingDto[]; total: number }> {
      requirePermission(ctx, "access:read");
      const a = await loadAnalysis(store, id);
      const all = a.findings
        .filter(
          (f) =>
            (q.severity === undefined || f.severity === q.severity) &&
            (q.rule === undefined || f.ruleId === q.rule) &&
            (q.principal === undefined || f.principal === q.principal),
        )
        .sort((x, y) => severityRank(x.severity) - severityRank(y.severity));
      return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
    },

    async diff(ctx: Ctx, oldId: string, newId_: string) {
      requirePermission(ctx, "access:read");
      const [o, n] = [await getRecord(oldId), await getRecord(newId_)];
      if (o.provider !== n.provider) {
        throw new AppError(
          "validation_failed",
          "snapshots of different providers cannot be diffed",
          [{ path: "new", message: `${o.provider} vs ${n.provider}` }],
        );
      }
      const d = diffSnapshots(
        engineSnapshot(await loadAnalysis(store, oldId)),
        engineSnapshot(await loadAnalysis(store, newId_)),
      );
      const ref = (s: SnapshotRecord) => ({
        id: s.id,
        name: s.name,
        provider: s.provider as AccessProvider,
        createdAt: s.createdAt,
      });
      return { old: ref(o), new: ref(n), sameName: o.name === n.name, diff: d };
    },
  };
}

export type AccessSnapshotsService = ReturnType<typeof createAccessSnapshotsService>;
