import { afterEach, beforeEach, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "../testing/dialects";

const AT = "2026-11-25T10:00:00.000Z";

forEachDialect(({ open }) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(async () => {
    // Concurrent transactions open several connections: let them finish closing before the
    // harness force-drops the database (see work-items-repo.test.ts).
    await t.handle.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.cleanup();
  });

  it("inserts labels once, renames, recolours and deletes them", async () => {
    const label = {
      name: "InfraSec::WIP",
      color: "#0e8a16",
      description: "",
      createdAt: AT,
      updatedAt: AT,
    };
    expect(await t.store.workCatalog.insertLabelIfAbsent(label)).toBe(true);
    expect(await t.store.workCatalog.insertLabelIfAbsent({ ...label, color: "#000000" })).toBe(
      false,
    );
    expect(await t.store.workCatalog.findLabel("InfraSec::WIP")).toMatchObject({
      color: "#0e8a16",
    });
    await t.store.workCatalog.updateLabel("InfraSec::WIP", {
      ...label,
      name: "InfraSec::doing",
      color: "#111111",
    });
    expect(await t.store.workCatalog.findLabel("InfraSec::WIP")).toBeUndefined();
    expect((await t.store.workCatalog.listLabels()).map((l) => [l.name, l.color])).toEqual([
      ["InfraSec::doing", "#111111"],
    ]);
    expect(await t.store.workCatalog.findLabels(["InfraSec::doing", "x"])).toHaveLength(1);
    await t.store.workCatalog.deleteLabel("InfraSec::doing");
    expect(await t.store.workCatalog.listLabels()).toEqual([]);
  });

  it("stores templates as JSON with versions, inserting each only once", async () => {
    const tpl = {
      id: "bau-request",
      kind: "bau_request",
      definition: { id: "bau-request", sections: [{ id: "s", fields: [] }] },
      version: 1,
      customized: false,
      updatedAt: AT,
      updatedBy: null,
    };
    expect(await t.store.workCatalog.insertTemplateIfAbsent(tpl)).toBe(true);
    expect(await t.store.workCatalog.insertTemplateIfAbsent({ ...tpl, version: 9 })).toBe(false);
    await t.store.workCatalog.updateTemplate({ ...tpl, version: 2, customized: true });
    expect(await t.store.workCatalog.findTemplate("bau-request")).toEqual({
      ...tpl,
      version: 2,
      customized: true,
    });
    expect(await t.store.workCatalog.listTemplates()).toHaveLength(1);
  });

  it("keeps settings as JSON values; put-if-absent is idempotent under concurrency", async () => {
    expect(await t.store.workCatalog.getSetting("settings.cadence")).toBeUndefined();
    await t.store.workCatalog.putSetting("settings.cadence", "weekly");
    await t.store.workCatalog.putSetting("settings.cadence", "fortnightly");
    await t.store.workCatalog.putSetting("settings.staleAfterDays", 14);
    expect(await t.store.workCatalog.getSettings()).toEqual(
      new Map<string, unknown>([
        ["settings.cadence", "fortnightly"],
        ["settings.staleAfterDays", 14],
      ]),
    );
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        t.store.transaction((tx) => tx.workCatalog.putSettingIfAbsent("seeded:v1", i)),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
