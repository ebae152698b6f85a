import { afterEach, beforeEach, expect, it } from "vitest";
import { newId } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "../testing/dialects";
import type { AccessFindingRecord } from "./access-findings-repo";

/** Access findings stored per snapshot against an asset (migration 001900), in both dialects. */
forEachDialect(({ open }) => {
  let t: TestDatabase;
  let assetId: string;
  beforeEach(async () => {
    t = await open();
    assetId = newId();
    await t.store.assets.insert({
      id: assetId,
      key: "aws:111111111111",
      name: "prod-account",
      kind: "cloud_account",
      description: "",
      ownerTeam: null,
      environment: "production",
      criticality: 3,
      exposure: "internal",
      dataClassification: "yellow",
      tags: [],
      identifiers: [{ type: "cloud_resource_id", value: "111111111111" }],
      createdAt: "2026-11-25T10:00:00.000Z",
      updatedAt: "2026-11-25T10:00:00.000Z",
    });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function snapshot(at: string): Promise<string> {
    const id = newId();
    await t.store.access.snapshots.insert(
      {
        id,
        name: "prod-account",
        provider: "aws",
        files: [],
        summary: {},
        errors: [],
        createdBy: "sec",
        createdAt: at,
        analysis: "{}",
      },
      [],
    );
    return id;
  }

  const finding = (snapshotId: string, severity: string, rank: number, principal: string) =>
    ({
      id: newId(),
      snapshotId,
      assetId,
      ruleId: "IAM-ESC-001",
      severity,
      severityRank: rank,
      principal,
      title: "Privilege escalation path to admin",
      evidence: "iam-007",
      fingerprint: `${principal}|${severity}`,
      createdAt: "2026-11-25T10:00:00.000Z",
    }) satisfies AccessFindingRecord;

  it("stores findings per snapshot; the latest linked snapshot is the open set", async () => {
    const old = await snapshot("2026-11-25T10:00:00.000Z");
    await t.store.access.findings.attach(old, assetId, [
      finding(old, "low", 3, "arn:aws:iam::111111111111:user/old"),
    ]);
    const cur = await snapshot("2026-11-26T10:00:00.000Z");
    await t.store.access.findings.attach(cur, assetId, [
      finding(cur, "medium", 2, "arn:aws:iam::111111111111:user/b"),
      finding(cur, "critical", 0, "arn:aws:iam::111111111111:user/a"),
      finding(cur, "medium", 2, "arn:aws:iam::111111111111:user/a"),
    ]);
    const latest = await t.store.access.findings.latestSnapshot(assetId);
    expect(latest).toMatchObject({ id: cur, name: "prod-account", provider: "aws" });

    const page = await t.store.access.findings.list(assetId, cur, {}, 2, 0);
    expect(page.total).toBe(3);
    expect(page.items.map((f) => [f.severity, f.principal.split("/")[1]])).toEqual([
      ["critical", "a"],
      ["medium", "a"],
    ]);
    const medium = await t.store.access.findings.list(assetId, cur, { severity: "medium" }, 10, 0);
    expect(medium.total).toBe(2);
    expect(await t.store.access.findings.countBySeverity(assetId, cur)).toEqual({
      critical: 1,
      medium: 2,
    });
    // The older snapshot keeps its own findings as history.
    expect((await t.store.access.findings.list(assetId, old, {}, 10, 0)).total).toBe(1);
  });

  it("a snapshot without findings still becomes the latest (nothing open)", async () => {
    const old = await snapshot("2026-11-25T10:00:00.000Z");
    await t.store.access.findings.attach(old, assetId, [
      finding(old, "high", 1, "arn:aws:iam::111111111111:user/x"),
    ]);
    const clean = await snapshot("2026-11-26T10:00:00.000Z");
    await t.store.access.findings.attach(clean, assetId, []);
    expect((await t.store.access.findings.latestSnapshot(assetId))?.id).toBe(clean);
    expect(await t.store.access.findings.countBySeverity(assetId, clean)).toEqual({});
  });

  it("removes an asset's findings with the asset, and unlinks its snapshots", async () => {
    const s = await snapshot("2026-11-25T10:00:00.000Z");
    await t.store.access.findings.attach(s, assetId, [
      finding(s, "high", 1, "arn:aws:iam::111111111111:user/x"),
    ]);
    await t.store.assets.remove(assetId);
    expect(await t.store.access.findings.latestSnapshot(assetId)).toBeUndefined();
    expect((await t.store.access.findings.list(assetId, s, {}, 10, 0)).total).toBe(0);
    expect(await t.store.access.snapshots.get(s)).toBeDefined();
  });
});
