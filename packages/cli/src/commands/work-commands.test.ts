import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import type {
  WorkComment,
  WorkHistoryEntry,
  WorkItemSummary,
  WorkItemView,
} from "@infrasec/contracts";
import { cli } from "../testing-capture";
import { localCliEnv, startLoopbackServer } from "../testing-remote";

// The fields of a P1 security review request: every trigger and risk question answered.
const REVIEW_YAML = `
serviceOrFeature: payments-api
maturity: Beta
roadmapPriority: P1
newCloudComponents: true
containerOrchestrationChanges: true
networkChanges: false
iacChanges: true
deploymentProcessChanges: false
newDataStores: true
secretsHandlingChanges: true
infrastructureScope: 4
environmentCriticality: 5
configurationComplexity: 3
automationLevel: 2
launchTierImpact: 2
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "infrasec-work-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = () => localCliEnv(dir);

type ItemList = { items: WorkItemSummary[]; total: number };
type Shown = { item: WorkItemView; history: WorkHistoryEntry[]; comments: WorkComment[] };
const json = <T = Record<string, unknown>>(r: { out: string }): T => JSON.parse(r.out) as T;

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  beforeEach(async () => {
    db = await open();
    env = { ...baseEnv(), DATABASE_URL: db.url };
  });
  afterEach(() => db.cleanup());

  it("files a review from YAML, lists it by label, relabels it and reports it at triage", async () => {
    const fields = join(dir, "review.yaml");
    writeFileSync(fields, REVIEW_YAML);
    const desc = join(dir, "background.md");
    writeFileSync(desc, "The payments API moves to its own GKE cluster.\n");

    const created = await cli(
      [
        "items",
        "create",
        "--template",
        "security-review",
        "--title",
        "payments-api",
        "--fields-file",
        fields,
        "--description-file",
        desc,
        "--field",
        "background=Split out of the monolith",
        "--label",
        "InfraSecWork::project",
        "--json",
      ],
      env,
    );
    expect(created.err).toBe("");
    expect(created.code).toBe(0);
    const item = json<WorkItemView>(created);
    expect(item).toMatchObject({
      number: 1,
      kind: "security_review_request",
      title: "Security Review Request: payments-api",
      status: "new-request",
      description: "The payments API moves to its own GKE cluster.\n",
      fields: { serviceOrFeature: "payments-api", background: "Split out of the monolith" },
      derived: {
        risk: { score: 16, band: "Critical", reviewPriorityLabel: "Review-Priority:1" },
      },
    });
    expect(item.labels).toEqual(
      expect.arrayContaining(["InfraSec::triage", "InfraSecWork::project"]),
    );

    // A second item in text mode, with --field values parsed as JSON.
    const task = await cli(
      [
        "items",
        "create",
        "--template",
        "task",
        "--title",
        "Rotate the CI deploy keys",
        "--weight",
        "3",
        "--due",
        "2030-01-31",
      ],
      env,
    );
    expect(task).toMatchObject({ code: 0 });
    expect(task.out).toMatch(/^created #2 Rotate the CI deploy keys \(task, open\)/);

    const listed = await cli(["items", "list", "--label", "InfraSec::triage"], env);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^#\s+TITLE\s+KIND\s+STATUS\s+LABELS\s+ASSIGNEES\s+DUE/);
    expect(listed.out).toMatch(
      /^1\s+Security Review Request: payments-api\s+security_review_request\s+new-request/m,
    );
    expect(listed.out).toMatch(/^2\s+Rotate the CI deploy keys\s+task\s+open .*2030-01-31$/m);
    const byKind = json<ItemList>(
      await cli(
        [
          "items",
          "list",
          "--kind",
          "security-review",
          "--label",
          "InfraSecWork::project",
          "--json",
        ],
        env,
      ),
    );
    expect(byKind).toMatchObject({ total: 1, items: [{ number: 1 }] });

    const relabelled = await cli(["items", "label", "#1", "--add", "InfraSec::WIP"], env);
    expect(relabelled.code).toBe(0);
    expect(relabelled.out).toContain("InfraSec::WIP");
    expect(relabelled.out).not.toContain("InfraSec::triage");
    const triage = json<ItemList>(
      await cli(["items", "list", "--label", "InfraSec::triage", "--json"], env),
    );
    expect(triage.items.map((i) => i.number)).toEqual([2]);

    const show = await cli(["items", "show", "1"], env);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/^#1 Security Review Request: payments-api/);
    expect(show.out).toMatch(/risk\s+score 16 → Critical, Review-Priority:1/);
    expect(show.out).toContain("InfraSec::triage");
    expect(show.out).toMatch(/History[\s\S]*labels/);

    expect((await cli(["items", "comment", "1", "Diagram attached"], env)).code).toBe(0);
    const shown = json<Shown>(await cli(["items", "show", "1", "--json"], env));
    expect(shown.comments).toEqual([expect.objectContaining({ body: "Diagram attached" })]);

    // WIP needs a due date and an effort: the report lists the item under missing fields.
    const report = await cli(["triage", "report"], env);
    expect(report.code).toBe(0);
    expect(report.out).toMatch(/^# InfraSec triage/);
    expect(report.out).toMatch(
      /## Missing required fields[\s\S]*Security Review Request: payments-api[\s\S]*## Stale/,
    );
    expect(report.out).toMatch(
      /## New \(needs triage\)[\s\S]*Rotate the CI deploy keys[\s\S]*## Missing/,
    );
    const file = join(dir, "triage.md");
    const written = await cli(["triage", "report", "--since", "2020-01-01", "--output", file], env);
    expect(written).toMatchObject({ code: 0 });
    expect(readFileSync(file, "utf8")).toContain("payments-api");

    const closed = await cli(["items", "close", "2", "--json"], env);
    expect(closed.code).toBe(0);
    expect(json(closed)).toMatchObject({ number: 2, status: "closed", derived: { closed: true } });
    const all = json<ItemList>(await cli(["items", "list", "--state", "closed", "--json"], env));
    expect(all).toMatchObject({ total: 1, items: [{ number: 2 }] });
  });

  it("exits 2 naming each invalid field and option, and creates nothing", async () => {
    const fields = join(dir, "review.yaml");
    writeFileSync(fields, REVIEW_YAML.replace("roadmapPriority: P1\n", ""));
    const r = await cli(
      [
        "items",
        "create",
        "--template",
        "security-review",
        "--title",
        "x",
        "--fields-file",
        fields,
        "--field",
        "infrastructureScope=9",
      ],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/fields\.roadmapPriority: .*required/);
    expect(r.err).toMatch(/fields\.infrastructureScope: .*between 1 and 5/);
    expect(json(await cli(["items", "list", "--state", "all", "--json"], env))).toMatchObject({
      total: 0,
    });

    const badTemplate = await cli(["items", "create", "--template", "rfc", "--title", "x"], env);
    expect(badTemplate.code).toBe(2);
    expect(badTemplate.err).toMatch(/--template: unknown template "rfc"/);
    const badWeight = await cli(
      ["items", "create", "--template", "task", "--title", "x", "--weight", "4"],
      env,
    );
    expect(badWeight.code).toBe(2);
    expect(badWeight.err).toContain("--weight");
    const badField = await cli(
      ["items", "create", "--template", "task", "--title", "x", "--field", "steps=[1,"],
      env,
    );
    expect(badField.code).toBe(2);
    expect(badField.err).toContain("--field steps");
    expect((await cli(["items", "show", "99"], env)).code).toBe(2);
    expect((await cli(["items", "list", "--state", "gone"], env)).code).toBe(2);
    expect((await cli(["triage", "report", "--since", "2026-02-30"], env)).code).toBe(2);
  });

  it("loads the demo data once, through the services", async () => {
    const first = await cli(["demo", "load"], env);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /loaded demo data: \d+ work item\(s\), 1 milestone\(s\), 1 objective\(s\)/,
    );
    expect(first.out).toMatch(/user eve \(engineer\): one-time password \(shown once\): \S+/);
    expect(first.out).toMatch(
      /user sam \(security_engineer\): one-time password \(shown once\): \S+/,
    );
    const demo = json<ItemList>(
      await cli(
        ["items", "list", "--label", "demo-data", "--state", "all", "--limit", "500", "--json"],
        env,
      ),
    );
    const kinds = new Set(demo.items.map((i) => i.kind));
    expect([...kinds].sort()).toEqual(
      [
        "bau_request",
        "change_request",
        "decision",
        "design_doc",
        "epic",
        "incident",
        "security_review_request",
        "task",
      ].sort(),
    );
    const statuses = demo.items.map((i) => i.status);
    expect(statuses).toEqual(
      expect.arrayContaining(["ongoing", "self-service", "superseded", "in-review"]),
    );

    const again = await cli(["demo", "load", "--json"], env);
    expect(again.code).toBe(0);
    expect(json(again)).toMatchObject({ alreadyLoaded: true, items: [] });
    expect((await cli(["demo", "load"], env)).out).toContain("already loaded");
    const after = json<ItemList>(
      await cli(
        ["items", "list", "--label", "demo-data", "--state", "all", "--limit", "500", "--json"],
        env,
      ),
    );
    expect(after.total).toBe(demo.total);
    expect(json<unknown[]>(await cli(["users", "list", "--json"], env))).toHaveLength(2);
  });
});

describe("remote mode", () => {
  it("lists, files and reports work items through a real server with a token", async () => {
    const env = baseEnv();
    const server = await startLoopbackServer(dir);
    try {
      const token = (
        await cli(["tokens", "create", "--user", "admin", "--name", "cli"], env)
      ).out.trim();
      expect(
        (
          await cli(
            [
              "items",
              "create",
              "--template",
              "bau",
              "--title",
              "Firewall exception",
              "--field",
              "request=Open 443",
              "--field",
              "requestingTeam=Delivery",
              "--field",
              "urgency=normal",
            ],
            env,
          )
        ).code,
      ).toBe(0);
      const remote = { ...env, INFRASEC_TOKEN: token };
      const s = ["--server", server.url];

      const listed = await cli(
        [...s, "items", "list", "--label", "InfraSec::triage", "--json"],
        remote,
      );
      expect(listed.err).toBe("");
      expect(json(listed)).toMatchObject({
        total: 1,
        items: [{ number: 1, title: "Firewall exception", kind: "bau_request" }],
      });
      const table = await cli([...s, "items", "list", "--kind", "bau"], remote);
      expect(table.out).toMatch(/^1\s+Firewall exception\s+bau_request\s+open/m);

      const bad = await cli(
        [...s, "items", "create", "--template", "bau", "--title", "Incomplete"],
        remote,
      );
      expect(bad.code).toBe(2);
      expect(bad.err).toContain("fields.request");

      expect(
        (await cli([...s, "items", "label", "1", "--add", "InfraSec::backlog"], remote)).code,
      ).toBe(0);
      const shown = json<Shown>(await cli([...s, "items", "show", "1", "--json"], remote));
      expect(shown.item.labels).toContain("InfraSec::backlog");
      expect(shown.history.length).toBeGreaterThanOrEqual(2);
      const report = await cli([...s, "triage", "report"], remote);
      expect(report.code).toBe(0);
      expect(report.out).toMatch(/^# InfraSec triage/);

      const demo = await cli([...s, "demo", "load"], remote);
      expect(demo.code).toBe(2);
      expect(demo.err).toContain("local mode only");
      const denied = await cli([...s, "items", "list"], { ...env, INFRASEC_TOKEN: "isk_wrong" });
      expect(denied.code).toBe(2);
    } finally {
      await server.close();
    }
  });
});
