import type { AssetIdentifier, AssetKind, Clock, IdentifierType, Severity } from "@infrasec/core";
import { SEVERITIES, newId, normalizeIdentifier, notFound } from "@infrasec/core";
import type { Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import type { AccessFindingDto, AccessProvider } from "./access-analysis-types";

/**
 * Access findings in the shared asset model (see docs/access/platform.md, "Findings on assets").
 * Each uploaded snapshot is linked to the inventory asset of what it describes — the AWS account,
 * the GCP organization or project, the Kubernetes cluster — matched by identifier or created, and
 * its findings are stored as rows against that asset. The asset page lists the findings of the
 * asset's latest snapshot: they are its open access findings.
 */

/** What a snapshot describes, as the inventory knows assets. */
export interface SnapshotAssetRef {
  key: string;
  kind: AssetKind;
  identifier: AssetIdentifier;
  /** Identifier types that may match an existing asset; undefined: any type. */
  matchTypes: readonly IdentifierType[] | undefined;
}

const GCP_CRM = "//cloudresourcemanager.googleapis.com/";

/** Keeps a label inside the asset key alphabet (letters, digits and `_ . : / @ -`). */
const keyPart = (s: string): string => s.replace(/[^A-Za-z0-9_.:/@-]/g, "-").slice(0, 180);

/**
 * The asset a snapshot belongs to: AWS, the account of its principals' ARNs; GCP, the organization
 * its bindings sit under, else its only project; Kubernetes, the cluster (the snapshot name, as
 * kubectl exports carry no cluster name). A GCP snapshot spanning several projects without their
 * organization falls back to its name.
 */
export function snapshotAssetRef(
  provider: AccessProvider,
  name: string,
  principalIds: readonly string[],
  entitlementKeys: readonly string[],
): SnapshotAssetRef {
  if (provider === "aws") {
    const account = principalIds
      .map((id) => /^arn:[^:]+:iam::(\d{12}):/.exec(id)?.[1])
      .find((a) => a !== undefined);
    if (account !== undefined) {
      return {
        key: `aws:${account}`,
        kind: "cloud_account",
        identifier: { type: "cloud_resource_id", value: account },
        matchTypes: undefined,
      };
    }
  }
  if (provider === "gcp") {
    const resources = new Set(entitlementKeys.map((k) => k.split("|")[0] ?? ""));
    const orgs = [...resources].filter((r) => /^organizations\/[^/]+$/.test(r)).sort();
    const projects = [...new Set([...resources].map((r) => /^projects\/[^/]+/.exec(r)?.[0]))]
      .filter((p): p is string => p !== undefined)
      .sort();
    const top = orgs.length === 1 ? orgs[0] : projects.length === 1 ? projects[0] : undefined;
    if (top !== undefined) {
      return {
        key: `gcp:${top}`,
        kind: "cloud_account",
        identifier: { type: "cloud_resource_id", value: `${GCP_CRM}${top}` },
        matchTypes: undefined,
      };
    }
  }
  if (provider === "kubernetes") {
    return {
      key: `k8s:${keyPart(name)}`,
      kind: "k8s_cluster",
      identifier: { type: "k8s", value: name },
      matchTypes: ["k8s"],
    };
  }
  return {
    key: `access:${provider}:${keyPart(name)}`,
    kind: "cloud_account",
    identifier: { type: "name", value: name },
    matchTypes: ["name"],
  };
}

/**
 * Finds the asset by identifier (most critical and most recently updated first, as correlation
 * does), then by the key infrasec would give it; otherwise registers it, audited, in `tx`.
 */
async function resolveAsset(
  tx: Repos,
  ctx: Ctx,
  clock: Clock,
  ref: SnapshotAssetRef,
  label: string,
): Promise<string> {
  const value = normalizeIdentifier(ref.identifier.type, ref.identifier.value);
  const types = ref.matchTypes ?? [undefined];
  for (const t of types) {
    const hit = (await tx.assets.findByIdentifier(value, t))[0];
    if (hit) return hit.asset.id;
  }
  const byKey = (await tx.assets.findByKeys([ref.key]))[0];
  if (byKey) return byKey.id;
  const now = clock.now().toISOString();
  const id = newId(clock.now().getTime());
  await tx.assets.insert({
    id,
    key: ref.key,
    name: label.slice(0, 200),
    kind: ref.kind,
    description: "Registered by an access snapshot upload.",
    ownerTeam: null,
    environment: "production",
    criticality: 3,
    exposure: "internal",
    dataClassification: "yellow",
    tags: [],
    identifiers: [{ type: ref.identifier.type, value }],
    createdAt: now,
    updatedAt: now,
  });
  await audit(tx, ctx, clock, {
    action: "asset.create",
    targetType: "asset",
    targetId: id,
    summary: `created ${ref.kind} asset ${ref.key} for access snapshot ${label}`,
    changes: {
      key: [null, ref.key],
      kind: [null, ref.kind],
      identifiers: [null, [ref.identifier]],
    },
  });
  return id;
}

/** Links a new snapshot to its asset and stores its findings there, inside the upload's `tx`. */
export async function attachSnapshotFindings(
  tx: Repos,
  ctx: Ctx,
  clock: Clock,
  s: {
    snapshotId: string;
    name: string;
    ref: SnapshotAssetRef;
    findings: readonly AccessFindingDto[];
  },
): Promise<string> {
  const assetId = await resolveAsset(tx, ctx, clock, s.ref, s.name);
  const now = clock.now().toISOString();
  await tx.access.findings.attach(
    s.snapshotId,
    assetId,
    s.findings.map((f) => ({
      id: newId(clock.now().getTime()),
      snapshotId: s.snapshotId,
      assetId,
      ruleId: f.ruleId,
      severity: f.severity,
      severityRank: SEVERITIES.indexOf(f.severity),
      principal: f.principal,
      title: f.title,
      evidence: f.evidence,
      fingerprint: f.fingerprint,
      createdAt: now,
    })),
  );
  return assetId;
}

/** Reading an asset's access findings (GET /api/v1/assets/:id/access-findings). */
export function createAssetAccessFindings({ store }: Pick<ServiceDeps, "store">) {
  return async (
    ctx: Ctx,
    assetId: string,
    q: { severity?: Severity; limit: number; offset: number },
  ) => {
    requirePermission(ctx, "access:read");
    if (!(await store.assets.findById(assetId))) throw notFound("asset");
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<
      Severity,
      number
    >;
    const latest = await store.access.findings.latestSnapshot(assetId);
    if (!latest) return { snapshot: null, bySeverity, items: [], total: 0 };
    const counts = await store.access.findings.countBySeverity(assetId, latest.id);
    for (const s of SEVERITIES) bySeverity[s] = counts[s] ?? 0;
    const page = await store.access.findings.list(
      assetId,
      latest.id,
      q.severity !== undefined ? { severity: q.severity } : {},
      q.limit,
      q.offset,
    );
    return {
      snapshot: { ...latest, provider: latest.provider as AccessProvider },
      bySeverity,
      items: page.items.map((f) => ({
        id: f.id,
        snapshotId: f.snapshotId,
        ruleId: f.ruleId,
        severity: f.severity as Severity,
        principal: f.principal,
        title: f.title,
        evidence: f.evidence,
      })),
      total: page.total,
    };
  };
}
