import { afterEach, beforeEach, expect, it } from "vitest";
import { newId } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "../testing/dialects";
import type { AssetRecord } from "./assets-repo";

const asset = (over: Partial<AssetRecord>): AssetRecord => ({
  id: newId(),
  key: `k-${Math.random().toString(36).slice(2)}`,
  name: "web-1",
  kind: "host",
  description: "",
  ownerTeam: "platform",
  environment: "production",
  criticality: 2,
  exposure: "internet_facing",
  dataClassification: "orange",
  tags: [],
  identifiers: [],
  createdAt: "2026-11-25T10:00:00.000Z",
  updatedAt: "2026-11-25T10:00:00.000Z",
  ...over,
});

forEachDialect(({ open }) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("stores, filters, sorts and pages", async () => {
    await t.store.assets.insert(
      asset({
        name: "web-1",
        tags: ["pci", "edge"],
        identifiers: [{ type: "ip", value: "10.0.0.1" }],
      }),
    );
    await t.store.assets.insert(
      asset({
        name: "db-1",
        kind: "database",
        criticality: 1,
        exposure: "internal",
        tags: ["pci"],
      }),
    );
    await t.store.assets.insert(
      asset({
        name: "bucket-logs",
        kind: "bucket",
        ownerTeam: "data",
        environment: "staging",
        criticality: 4,
      }),
    );

    const all = await t.store.assets.list({}, "name", 50, 0);
    expect(all.total).toBe(3);
    expect(all.items.map((a) => a.name)).toEqual(["bucket-logs", "db-1", "web-1"]);
    expect(
      (await t.store.assets.list({ tag: "pci" }, "-criticality", 50, 0)).items.map((a) => a.name),
    ).toEqual(["web-1", "db-1"]);
    expect((await t.store.assets.list({ kind: "database" }, "name", 50, 0)).total).toBe(1);
    expect(
      (await t.store.assets.list({ ownerTeam: "data", environment: "staging" }, "name", 50, 0))
        .total,
    ).toBe(1);
    expect((await t.store.assets.list({ q: "10.0.0" }, "name", 50, 0)).items[0]?.name).toBe(
      "web-1",
    );
    expect((await t.store.assets.list({ q: "WEB" }, "name", 50, 0)).total).toBe(1);
    const page = await t.store.assets.list({}, "name", 1, 1);
    expect(page).toMatchObject({ total: 3, items: [{ name: "db-1" }] });
  });

  it("replaces identifiers and tags on update and cascades on delete", async () => {
    const a = asset({ identifiers: [{ type: "hostname", value: "web-1" }], tags: ["a"] });
    await t.store.assets.insert(a);
    await t.store.assets.update({
      ...a,
      identifiers: [{ type: "fqdn", value: "web-1.example.com" }],
      tags: ["b"],
    });
    expect(await t.store.assets.findByIdentifier("web-1")).toEqual([]);
    const hit = await t.store.assets.findByIdentifier("web-1.example.com");
    expect(hit[0]?.type).toBe("fqdn");
    expect((await t.store.assets.findById(a.id))?.tags).toEqual(["b"]);
    await t.store.assets.remove(a.id);
    expect(await t.store.assets.findByIdentifier("web-1.example.com")).toEqual([]);
  });

  it("orders correlation candidates by criticality", async () => {
    await t.store.assets.insert(
      asset({ name: "old", criticality: 3, identifiers: [{ type: "ip", value: "10.0.0.9" }] }),
    );
    await t.store.assets.insert(
      asset({ name: "crit", criticality: 1, identifiers: [{ type: "ip", value: "10.0.0.9" }] }),
    );
    const hits = await t.store.assets.findByIdentifier("10.0.0.9", "ip");
    expect(hits.map((h) => h.asset.name)).toEqual(["crit", "old"]);
  });
});
