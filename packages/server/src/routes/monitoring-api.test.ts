import { afterEach, beforeEach, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * The monitoring API end to end through the real HTTP server (issue 6): NDJSON ingestion with a
 * service token, grouping, rejected lines, suppressions, the alert status flow, SIRT
 * escalation and its visibility, permissions, rule upload errors and rule tests.
 */

const RULE_ID = "6f0c1a52-3b1e-4a8e-9d55-000000000001";
const RULE = `title: Interactive shell in a container (test)
id: ${RULE_ID}
status: test
author: Alice Analyst
level: high
tags:
  - attack.execution
  - attack.t1059
logsource:
  product: linux
  category: process_creation
detection:
  selection:
    Image|endswith: /bash
    CommandLine|contains: '-i'
  condition: selection
`;

const falco = (host: string, time = "2026-11-25T10:00:00Z") =>
  JSON.stringify({
    hostname: host,
    output: "A shell was spawned in a container",
    priority: "Notice",
    rule: "Terminal shell in container",
    source: "syscall",
    tags: ["container"],
    time,
    output_fields: {
      "container.id": "host",
      "evt.type": "execve",
      "proc.cmdline": "bash -i",
      "proc.exepath": "/usr/bin/bash",
      "proc.name": "bash",
      "user.name": "root",
    },
  });

interface Alert {
  id: string;
  ruleId: string;
  ruleAuthor: string | null;
  attackTags: string[];
  status: string;
  count: number;
  assetKey: string | null;
  incidentNumber: number | null;
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: TestServer;
  let ingestToken: string;
  let sirt: string;
  beforeEach(async () => {
    db = await open();
    s = await createTestServer(db);
    ingestToken = await s.tokenFor("security_engineer", ["alerts:write"]);
    sirt = await s.tokenFor("sirt");
    const admin = await s.tokenFor("admin");
    const up = await s.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/rules",
      headers: bearer(admin),
      payload: { yaml: RULE },
    });
    expect(up.statusCode, up.body).toBe(200);
    await s.services.assets.create(
      { actor: { kind: "system", userId: null, username: "system", role: "admin" } },
      {
        key: "node-a",
        name: "Node A",
        kind: "host",
        identifiers: [{ type: "hostname", value: "node-a" }],
      },
    );
  });
  afterEach(async () => {
    await s.close();
    await db.cleanup();
  });

  const ingest = (body: string, token = ingestToken) =>
    s.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/events?source=falco",
      headers: { ...bearer(token), "content-type": "application/x-ndjson" },
      payload: body,
    });
  const alertsOf = async (token: string) => {
    const r = await s.app.inject({
      method: "GET",
      url: `/api/v1/monitoring/alerts?ruleId=${RULE_ID}`,
      headers: bearer(token),
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ items: Alert[]; total: number }>().items;
  };

  it("ingests Falco NDJSON, groups repeats and rejects malformed lines by number", async () => {
    const first = await ingest(`${falco("node-a")}\n`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 1, rejectedCount: 0 });
    let alerts = await alertsOf(sirt);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      ruleAuthor: "Alice Analyst",
      assetKey: "node-a",
      count: 1,
      status: "new",
    });
    expect(alerts[0]!.attackTags).toEqual(["attack.execution", "attack.t1059"]);

    const again = await ingest(
      [falco("node-a", "2026-11-25T10:05:00Z"), "{not json", ""].join("\n"),
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      accepted: 1,
      rejected: [{ line: 2, reason: "malformed JSON" }],
    });
    alerts = await alertsOf(sirt);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.count).toBe(2);

    const detail = await s.app.inject({
      method: "GET",
      url: `/api/v1/monitoring/alerts/${alerts[0]!.id}`,
      headers: bearer(sirt),
    });
    expect(detail.statusCode, detail.body).toBe(200);
    const d = detail.json<{
      events: { matchedFields: Record<string, unknown> }[];
      rule: { author: string };
    }>();
    expect(d.events).toHaveLength(2);
    expect(d.events[0]!.matchedFields.Image).toBe("/usr/bin/bash");
    expect(d.rule.author).toBe("Alice Analyst");
  });

  it("accepts { lines } JSON bodies and refuses bodies over the server's limit", async () => {
    const json = await s.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/events",
      headers: bearer(ingestToken),
      payload: { lines: [JSON.parse(falco("node-a")) as Record<string, unknown>, "nope"] },
    });
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json()).toMatchObject({ accepted: 1, rejected: [{ line: 2 }] });
    const big = await ingest(`${falco("node-a")}\n`.repeat(3100));
    expect(big.statusCode).toBe(413);
  });

  it("refuses other media types and non-token callers without alerts:write", async () => {
    const text = await s.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/events",
      headers: { ...bearer(ingestToken), "content-type": "text/plain" },
      payload: falco("node-a"),
    });
    expect(text.statusCode).toBe(415);
    const viewer = await s.tokenFor("viewer");
    expect((await ingest(falco("node-a"), viewer)).statusCode).toBe(403);
    // The NDJSON parser is scoped to monitoring routes: elsewhere it stays refused.
    const elsewhere = await s.app.inject({
      method: "POST",
      url: "/api/v1/assets",
      headers: { ...bearer(await s.tokenFor("admin")), "content-type": "application/x-ndjson" },
      payload: "{}",
    });
    expect(elsewhere.statusCode).toBe(415);
  });

  it("suppressions stop new alerts and count their hits", async () => {
    const sup = await s.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/suppressions",
      headers: bearer(sirt),
      payload: { ruleId: RULE_ID, conditions: { host: "node-*" }, reason: "lab hosts" },
    });
    expect(sup.statusCode, sup.body).toBe(201);
    const r = await ingest(falco("node-b"));
    expect(r.json()).toMatchObject({ alerts: { created: 0, suppressed: 1 } });
    expect(await alertsOf(sirt)).toHaveLength(0);
    const list = await s.app.inject({
      method: "GET",
      url: "/api/v1/monitoring/suppressions",
      headers: bearer(sirt),
    });
    expect(list.json<{ items: { hits: number }[] }>().items[0]!.hits).toBe(1);
    const missing = await s.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/suppressions",
      headers: bearer(sirt),
      payload: { ruleId: RULE_ID, reason: "" },
    });
    expect(missing.statusCode).toBe(400);
  });

  it("moves alerts through their statuses; a viewer cannot", async () => {
    await ingest(falco("node-a"));
    const [a] = await alertsOf(sirt);
    const viewer = await s.tokenFor("viewer");
    const post = (token: string, status: string) =>
      s.app.inject({
        method: "POST",
        url: `/api/v1/monitoring/alerts/${a!.id}/status`,
        headers: bearer(token),
        payload: { status, comment: "looking" },
      });
    expect((await post(viewer, "acknowledged")).statusCode).toBe(403);
    expect((await post(sirt, "acknowledged")).json()).toMatchObject({ status: "acknowledged" });
    expect((await post(sirt, "new")).statusCode).toBe(409);
    const bulk = await s.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/alerts/status",
      headers: bearer(sirt),
      payload: { ids: [a!.id], status: "false_positive" },
    });
    expect(bulk.json()).toEqual({ updated: [a!.id], failed: [] });
    const detail = await s.app.inject({
      method: "GET",
      url: `/api/v1/monitoring/alerts/${a!.id}`,
      headers: bearer(viewer),
    });
    expect(detail.json<{ history: { action: string }[] }>().history.map((h) => h.action)).toEqual([
      "monitoring.alert.status",
      "monitoring.alert.status",
    ]);
  });

  it("escalates to a confidential incident visible to SIRT and not to an engineer", async () => {
    await ingest(falco("node-a"));
    const [a] = await alertsOf(sirt);
    const esc = await s.app.inject({
      method: "POST",
      url: `/api/v1/monitoring/alerts/${a!.id}/escalate`,
      headers: bearer(sirt),
      payload: { note: "root shell on a production node" },
    });
    expect(esc.statusCode, esc.body).toBe(201);
    const { incident, alert } = esc.json<{
      incident: { id: string; number: number };
      alert: Alert;
    }>();
    expect(alert.incidentNumber).toBe(incident.number);
    const other = await s.tokenFor("sirt");
    const seen = await s.app.inject({
      method: "GET",
      url: `/api/v1/work/items/${incident.id}`,
      headers: bearer(other),
    });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ kind: "incident", confidential: true });
    const engineer = await s.tokenFor("engineer");
    const hidden = await s.app.inject({
      method: "GET",
      url: `/api/v1/work/items/${incident.id}`,
      headers: bearer(engineer),
    });
    expect(hidden.statusCode).toBe(404);
    const events = await db.store.notifications.listEvents(0, 100);
    expect(events.some((e) => e.type === "monitoring.alert_escalated")).toBe(true);
    const twice = await s.app.inject({
      method: "POST",
      url: `/api/v1/monitoring/alerts/${a!.id}/escalate`,
      headers: bearer(sirt),
      payload: {},
    });
    expect(twice.statusCode).toBe(409);
  });

  it("names the bad field of an uploaded rule and tests rules against a pasted event", async () => {
    const admin = await s.tokenFor("admin");
    const bad = await s.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/rules",
      headers: bearer(admin),
      payload: {
        yaml: RULE.replace("level: high", "level: extreme").replace(
          RULE_ID,
          "6f0c1a52-3b1e-4a8e-9d55-000000000002",
        ),
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { path: string }[] } }>().error.details[0]!.path).toContain(
      "level",
    );
    const test = await s.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/rules/test",
      headers: bearer(sirt),
      payload: { event: falco("node-a"), source: "falco", ruleId: RULE_ID },
    });
    expect(test.statusCode, test.body).toBe(200);
    expect(test.json()).toMatchObject({
      matches: [
        { ruleId: RULE_ID, author: "Alice Analyst", matchedFields: { Image: "/usr/bin/bash" } },
      ],
    });
    const rules = await s.app.inject({
      method: "GET",
      url: "/api/v1/monitoring/rules?origin=builtin&limit=1000",
      headers: bearer(sirt),
    });
    expect(rules.json<{ total: number }>().total).toBeGreaterThanOrEqual(40);
  });
});
