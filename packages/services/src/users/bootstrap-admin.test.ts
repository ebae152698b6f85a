import { afterEach, beforeEach, expect, it } from "vitest";
import { ManualClock, systemActor } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createServices, type Services } from "../create-services";
import type { Ctx } from "../shared/service-context";

const system: Ctx = { actor: systemActor, requestId: "test" };

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: Services;
  beforeEach(async () => {
    db = await open();
    s = createServices({ store: db.store, clock: new ManualClock("2026-11-25T12:00:00.000Z") });
  });
  afterEach(() => db.cleanup());

  it("creates the first admin even when local commands created other users first", async () => {
    await s.users.create(system, { username: "eve", role: "engineer", password: "x".repeat(16) });
    const first = await s.users.bootstrapAdmin(system, "Admin-Password-0123");
    expect(first).toMatchObject({ created: true, initialPassword: null });
    const again = await s.users.bootstrapAdmin(system, "Admin-Password-0123");
    expect(again.created).toBe(false);
    expect((await s.users.list(system)).map((u) => [u.username, u.role])).toEqual([
      ["admin", "admin"],
      ["eve", "engineer"],
    ]);
  });

  it("never promotes an existing user called admin", async () => {
    await s.users.create(system, { username: "admin", role: "viewer", password: "x".repeat(16) });
    expect((await s.users.bootstrapAdmin(system)).created).toBe(false);
    expect((await s.users.list(system))[0]?.role).toBe("viewer");
  });
});
