import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, isAppError, systemActor } from "@infrasec/core";
import { STATUS_MODELS, assessSecurityReviewValues } from "@infrasec/engines/work";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createServices, type Services } from "../create-services";
import type { Ctx } from "../shared/service-context";
import { DEMO_ITEMS, DEMO_LABEL } from "./demo-content";
import { loadDemoData } from "./demo-load";

const admin: Ctx = { actor: systemActor, requestId: "test" };

describe("demo content", () => {
  it("covers every kind, and security reviews in every band", () => {
    const kinds = new Set(DEMO_ITEMS.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(Object.keys(STATUS_MODELS).sort());
    const bands = DEMO_ITEMS.filter((d) => d.kind === "security_review_request").map(
      (d) => assessSecurityReviewValues(d.fields ?? {}).risk,
    );
    expect(bands.map((r) => (r.complete ? r.band : null)).sort()).toEqual(
      ["Critical", "High", "Low", "Medium"].sort(),
    );
    expect(new Set(DEMO_ITEMS.map((d) => d.key)).size).toBe(DEMO_ITEMS.length);
  });
});

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: Services;
  let clock: ManualClock;
  beforeEach(async () => {
    db = await open();
    clock = new ManualClock("2026-11-25T12:00:00.000Z");
    s = createServices({ store: db.store, clock });
  });
  afterEach(() => db.cleanup());

  it("loads a realistic data set through the services, once", async () => {
    const r = await loadDemoData(s, clock);
    expect(r.alreadyLoaded).toBe(false);
    expect(r.users.map((u) => [u.username, u.role, typeof u.initialPassword])).toEqual([
      ["eve", "engineer", "string"],
      ["sam", "security_engineer", "string"],
    ]);
    expect(r.items).toHaveLength(DEMO_ITEMS.length);
    expect(r.milestones).toEqual(["InfraSec 2026-Q4"]);

    const all = await s.workItems.list(admin, { label: DEMO_LABEL, state: "all", limit: 500 });
    expect(all.total).toBe(DEMO_ITEMS.length);
    const byTitle = (t: string) => all.items.find((i) => i.title === t)!;

    // Reviews were filed by eve and triaged by sam: the history says who did what.
    const ledger = await s.workItems.get(
      admin,
      byTitle("Security Review Request: Payments ledger on Cloud SQL").id,
    );
    expect(ledger).toMatchObject({
      status: "ongoing",
      createdBy: { username: "eve" },
      assignees: [{ username: "sam" }],
      derived: { risk: { band: "Critical", reviewPriorityLabel: "Review-Priority:1" } },
    });
    const history = await s.workItems.history(admin, ledger.id);
    expect(history.map((h) => [h.actor?.username, h.action])).toEqual(
      expect.arrayContaining([
        ["eve", "created"],
        ["sam", "labels"],
      ]),
    );

    // The Decision Log holds the three decisions; the old one is superseded by the new one.
    const log = await s.triage.decisions(admin);
    expect(log.map((d) => d.status).sort()).toEqual(["accepted", "proposed", "superseded"]);
    const old = log.find((d) => d.status === "superseded")!;
    expect(old.links).toEqual([
      expect.objectContaining({ type: "superseded_by", title: expect.stringContaining("GitLab") }),
    ]);

    // The epic's progress is by weight: the closed child weighs 2 of 11.
    const [epic] = await s.planning.epics(admin);
    expect(epic).toMatchObject({
      item: { title: "Harden the production Kubernetes platform", health: "on_track" },
      progress: { total: 4, closed: 1, totalWeight: 11, closedWeight: 2 },
      updates: [expect.objectContaining({ health: "on_track" })],
    });
    const [objective] = await s.planning.objectives.list(admin, "2026-Q4");
    expect(objective!.keyResults).toHaveLength(3);
    expect(objective!.epics.map((e) => e.title)).toEqual([
      "Harden the production Kubernetes platform",
    ]);

    // The confidential incident stays hidden from an engineer who is not on it.
    const eve = (await s.users.list(admin)).find((u) => u.username === "eve")!;
    const asEve: Ctx = {
      actor: { kind: "user", userId: eve.id, username: "eve", role: "engineer" },
    };
    const seen = await s.workItems.list(asEve, { label: DEMO_LABEL, state: "all", limit: 500 });
    expect(seen.total).toBe(DEMO_ITEMS.length - 1);

    const queue = await s.triage.queue(admin);
    expect(queue.untriaged.length).toBeGreaterThan(0);

    const again = await loadDemoData(s, clock);
    expect(again).toMatchObject({ alreadyLoaded: true, items: [], users: [] });
    expect((await s.workItems.list(admin, { state: "all", limit: 500 })).total).toBe(
      DEMO_ITEMS.length,
    );
  });

  it("writes nothing when an admin's template makes the demo values invalid", async () => {
    const t = await s.workCatalog.getTemplate(admin, "bau-request");
    const def = JSON.parse(JSON.stringify(t.definition)) as {
      sections: { fields: { key: string; required?: boolean }[] }[];
    };
    def.sections[0]!.fields.find((f) => f.key === "neededBy")!.required = true;
    await s.workCatalog.updateTemplate(admin, "bau-request", def);
    const e: unknown = await loadDemoData(s, clock).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe("validation_failed");
    expect(isAppError(e) && e.details.map((d) => d.path)).toEqual([
      "bau-audit-bucket.fields.neededBy",
    ]);
    expect((await s.workItems.list(admin, { state: "all" })).total).toBe(0);
    expect(await s.users.list(admin)).toEqual([]);
  });
});
