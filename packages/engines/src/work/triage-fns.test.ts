import { describe, expect, it } from "vitest";
import {
  TRIAGE_POLICIES,
  decisionLog,
  evaluateStaleness,
  isOverdue,
  missingRequiredFields,
  triageQueue,
} from "./triage-fns";
import { makeWorkItem } from "./work-fixtures-fns";
import { renderTriageReport, escapeMarkdown } from "./triage-report-fns";
import { DECISION_TEMPLATE } from "./record-templates";
import { addMonths, daysBetween, eachDay } from "./work-date-fns";

const policy = TRIAGE_POLICIES.current;
const TEAM = "Department::InfraSec";
const last = "2026-01-15T12:00:00.000Z";
const task = (over: Parameters<typeof makeWorkItem>[0] extends infer T ? Partial<T> : never = {}) =>
  makeWorkItem({ kind: "task", labels: [TEAM], lastActivityAt: last, ...over });

describe("policies", () => {
  it("ship both published conventions", () => {
    expect(TRIAGE_POLICIES.current).toMatchObject({ cadence: "fortnightly", teamLabel: TEAM });
    expect(TRIAGE_POLICIES.old).toMatchObject({ cadence: "weekly", teamLabel: "☁️ InfraSec" });
    expect(policy).toMatchObject({
      backlogPingAfterMonths: 3,
      markStaleAfterMonths: 6,
      autoClose: { enabled: true, afterMonths: 6 },
    });
  });
});

describe("evaluateStaleness", () => {
  const at = (iso: string) => new Date(iso);
  it("flags inactivity after the configured number of days", () => {
    expect(evaluateStaleness(task(), policy, at("2026-02-13T12:00:00Z"))).toMatchObject({
      inactiveDays: 29,
      inactive: false,
    });
    expect(evaluateStaleness(task(), policy, at("2026-02-14T12:00:00Z")).inactive).toBe(true);
    expect(
      evaluateStaleness(task(), { ...policy, inactiveAfterDays: 7 }, at("2026-01-22T12:00:00Z"))
        .inactive,
    ).toBe(true);
  });
  it("pings backlog items after exactly 3 months", () => {
    const b = task({ labels: [TEAM, "InfraSec::backlog"] });
    expect(evaluateStaleness(b, policy, at("2026-04-15T11:59:59Z")).actions).toEqual([]);
    expect(evaluateStaleness(b, policy, at("2026-04-15T12:00:00Z")).actions).toEqual([
      {
        kind: "ping_assignee",
        reason: "in backlog with no activity for 3 months: still relevant?",
      },
    ]);
  });
  it("marks stale after 6 months, and closes only on a later run", () => {
    const t = task();
    const sixMonths = at("2026-07-15T12:00:00Z");
    expect(evaluateStaleness(t, policy, at("2026-07-15T11:59:59Z")).actions).toEqual([]);
    expect(evaluateStaleness(t, policy, sixMonths).actions.map((a) => a.kind)).toEqual([
      "add_label",
      "ping_assignee",
    ]);
    const stale = task({ labels: [TEAM, "InfraSec::stale"] });
    expect(evaluateStaleness(stale, policy, sixMonths).actions).toEqual([
      { kind: "close", reason: "stale, no activity for 6 months" },
    ]);
    expect(
      evaluateStaleness(
        stale,
        { ...policy, autoClose: { enabled: false, afterMonths: 6 } },
        sixMonths,
      ).actions,
    ).toEqual([]);
  });
  it("ignores closed items", () => {
    expect(
      evaluateStaleness(task({ status: "closed" }), policy, at("2030-01-01T00:00:00Z")).actions,
    ).toEqual([]);
  });
});

describe("missingRequiredFields", () => {
  it("names the team label and the stage fields that are missing", () => {
    const wip = task({ labels: ["InfraSec::WIP"] });
    expect(missingRequiredFields(wip, policy).map((m) => m.field)).toEqual([
      "labels",
      "dueDate",
      "effort",
      "description",
    ]);
    const ok = task({
      labels: [TEAM, "InfraSec::WIP", "InfraSecEffort::Small"],
      dueDate: "2026-02-01",
      description: "Do it",
    });
    expect(missingRequiredFields(ok, policy)).toEqual([]);
    expect(
      missingRequiredFields(task({ labels: [TEAM, "InfraSecStatus::ongoing"] }), policy),
    ).toEqual([
      {
        field: "health",
        message:
          "InfraSecStatus::ongoing: missing health status (ongoing work needs a health status)",
      },
    ]);
    expect(
      missingRequiredFields(task({ labels: [TEAM, "InfraSecStatus::planned"] }), policy).map(
        (m) => m.field,
      ),
    ).toEqual(["startDate", "dueDate"]);
  });
  it("adds the template's required fields when the template is given", () => {
    const d = makeWorkItem({ kind: "decision", labels: [TEAM], fields: { question: "q" } });
    expect(
      missingRequiredFields(d, policy, { decision: DECISION_TEMPLATE }).map((m) => m.field),
    ).toEqual(["context", "options", "dri"]);
  });
});

describe("triage queue and report", () => {
  const now = new Date("2026-08-01T09:00:00Z");
  const items = [
    task({
      id: "b",
      title: "Rotate | keys *now*",
      labels: [TEAM, "InfraSec::triage"],
      createdAt: "2026-07-30T00:00:00Z",
      lastActivityAt: "2026-07-30T00:00:00Z",
    }),
    task({
      id: "a",
      title: "Old thing",
      labels: [TEAM, "InfraSec::backlog"],
      createdAt: "2026-01-01T00:00:00Z",
    }),
    task({
      id: "c",
      title: "Secret incident",
      confidential: true,
      labels: [TEAM, "InfraSec::Blocked"],
      dueDate: "2026-07-31",
      assignees: ["dhruv"],
      createdAt: "2026-07-01T00:00:00Z",
      lastActivityAt: "2026-07-31T00:00:00Z",
    }),
    task({ id: "d", title: "Done", status: "closed", labels: [TEAM, "InfraSec::triage"] }),
  ];
  it("sorts items into the queues", () => {
    const q = triageQueue(items, policy, now);
    expect(q.newItems.map((i) => i.id)).toEqual(["b"]);
    expect(q.stale.map((s) => [s.item.id, s.actions.map((a) => a.kind)])).toEqual([
      ["a", ["add_label", "ping_assignee"]],
    ]);
    expect(q.overdue.map((i) => i.id)).toEqual(["c"]);
    expect(q.blocked.map((i) => i.id)).toEqual(["c"]);
    expect(isOverdue(items[2]!, new Date("2026-07-31T23:59:59Z"))).toBe(false);
  });
  it("renders a deterministic Markdown report", () => {
    const report = renderTriageReport(items, { now, policy });
    expect(renderTriageReport([...items].reverse(), { now, policy })).toBe(report);
    expect(report).toMatchInlineSnapshot(`
      "# InfraSec triage – 2026-08-01

      Cadence: fortnightly. Stale after 30 days without activity; \`InfraSec::stale\` after 6 months, closed after 6 months.

      | Queue | Items |
      | --- | --- |
      | New (needs triage) | 1 |
      | Missing required fields | 0 |
      | Stale | 1 |
      | Overdue | 1 |
      | Blocked | 1 |

      ## New (needs triage)

      | Item | Title | Kind | Assignees | Age (days) |
      | --- | --- | --- | --- | --- |
      | \`b\` | Rotate \\| keys \\*now\\* | task | unassigned | 2 |

      ## Missing required fields

      _Every item has its required fields._

      ## Stale

      | Item | Title | Last activity | Days inactive | Bot action |
      | --- | --- | --- | --- | --- |
      | \`a\` | Old thing | 2026-01-15 | 197 | add_label InfraSec::stale, ping_assignee |

      ## Overdue

      | Item | Title | Due | Assignees |
      | --- | --- | --- | --- |
      | \`c\` | _confidential item_ | 2026-07-31 | @dhruv |

      ## Blocked

      | Item | Title | Assignees |
      | --- | --- | --- |
      | \`c\` | _confidential item_ | @dhruv |
      "
    `);
  });
  it("escapes Markdown so titles cannot break the table or inject links", () => {
    expect(escapeMarkdown("a|b\n[x](javascript:y) <img>")).toBe(
      "a\\|b \\[x\\]\\(javascript:y\\) \\<img\\>",
    );
  });
  it("lists the Decision Log", () => {
    const d = makeWorkItem({ kind: "decision", id: "d1", labels: [TEAM, "InfraSec::decision"] });
    const other = makeWorkItem({ kind: "decision", id: "d2", labels: ["InfraSec::decision"] });
    expect(decisionLog([d, other], policy).map((i) => i.id)).toEqual(["d1"]);
  });
});

describe("dates", () => {
  it("adds calendar months, clamping to the month's end", () => {
    expect(addMonths("2026-08-31T10:00:00Z", 6).toISOString()).toBe("2027-02-28T10:00:00.000Z");
    expect(addMonths("2026-01-15T00:00:00Z", 3).toISOString()).toBe("2026-04-15T00:00:00.000Z");
    expect(daysBetween("2026-01-01T00:00:00Z", "2026-01-02T23:00:00Z")).toBe(1);
    expect(eachDay("2026-02-27", "2026-03-01")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
  });
});
