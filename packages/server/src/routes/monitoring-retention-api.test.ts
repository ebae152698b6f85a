import { afterEach, beforeEach, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { injectCall } from "../testing/test-api";
import { createTestServer, type TestServer } from "../testing/test-server";

/** Monitoring retention settings through the real HTTP server: read, set, bounds, permissions. */

const URL = "/api/v1/monitoring/settings/retention";

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: TestServer;
  beforeEach(async () => {
    db = await open();
    s = await createTestServer(db);
  });
  afterEach(async () => {
    await s.close();
    await db.cleanup();
  });

  it("reads the defaults, sets new days (audited) and refuses bad input and readers", async () => {
    const admin = await s.tokenFor("admin");
    const viewer = await s.tokenFor("viewer");
    expect(await injectCall(s, viewer, "GET", URL)).toMatchObject({
      status: 200,
      body: { closedAlertDays: 90, eventDays: 30, updatedAt: null },
    });
    expect(
      (await injectCall(s, viewer, "PUT", URL, { closedAlertDays: 5, eventDays: 5 })).status,
    ).toBe(403);
    const bad = await injectCall<{ error: { details: { path: string }[] } }>(s, admin, "PUT", URL, {
      closedAlertDays: 0,
      eventDays: 5,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path)).toContain("body.closedAlertDays");
    const extra = await injectCall(s, admin, "PUT", URL, {
      closedAlertDays: 5,
      eventDays: 5,
      keepForever: true,
    });
    expect(extra.status).toBe(400);
    const ok = await injectCall(s, admin, "PUT", URL, { closedAlertDays: 7, eventDays: 3 });
    expect(ok).toMatchObject({ status: 200, body: { closedAlertDays: 7, eventDays: 3 } });
    expect((await injectCall(s, viewer, "GET", URL)).body).toMatchObject({
      closedAlertDays: 7,
      eventDays: 3,
    });
    const [ev] = await db.store.audit.list({ targetType: "monitoring_settings" }, 5);
    expect(ev).toMatchObject({ action: "monitoring.retention.set" });
  });
});
