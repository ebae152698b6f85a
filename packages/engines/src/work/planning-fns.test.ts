import { describe, expect, it } from "vitest";
import { checkKeyResult, okrBand, quarterOf, scoreKeyResult, scoreObjective } from "./okr-fns";
import type { OkrBand } from "./okr-fns";
import { assessEpicHealth, burnupSeries, epicProgress } from "./epic-fns";
import type { WorkTree } from "./epic-fns";
import { makeWorkItem } from "./work-fixtures-fns";
import type { Weight, WorkItem } from "./work-item-types";

describe("OKR bands (published: 85–100 / 70–84 / 0–69)", () => {
  const table: [number, OkrBand][] = [
    [100, "on_target"],
    [85, "on_target"],
    [84, "off_target"],
    [70, "off_target"],
    [69, "at_risk"],
    [0, "at_risk"],
  ];
  it.each(table)("%i%% → %s", (score, band) => expect(okrBand(score)).toBe(band));
  it("covers every whole percent with exactly the published bands", () => {
    const counts = { on_target: 0, off_target: 0, at_risk: 0 };
    for (let s = 0; s <= 100; s++) counts[okrBand(s)]++;
    expect(counts).toEqual({ on_target: 16, off_target: 15, at_risk: 70 });
  });
});

describe("scoreKeyResult", () => {
  const kr = { id: "kr", title: "KR", dri: "joe" };
  it("scores progress towards the target in whole percents, rounded down", () => {
    expect(scoreKeyResult({ ...kr, target: 100, current: 85 })).toMatchObject({
      score: 85,
      band: "on_target",
    });
    expect(scoreKeyResult({ ...kr, target: 1000, current: 849 })).toMatchObject({
      score: 84,
      band: "off_target",
    });
    expect(scoreKeyResult({ ...kr, target: 10, current: 7 })).toMatchObject({
      score: 70,
      band: "off_target",
    });
    expect(scoreKeyResult({ ...kr, target: 3, current: 2 })).toMatchObject({
      score: 66,
      band: "at_risk",
    });
  });
  it("clamps to 0–100 and handles baselines and decreasing targets", () => {
    expect(scoreKeyResult({ ...kr, target: 10, current: 15 }).score).toBe(100);
    expect(scoreKeyResult({ ...kr, target: 10, current: -5 }).score).toBe(0);
    expect(scoreKeyResult({ ...kr, baseline: 40, target: 10, current: 16 })).toMatchObject({
      score: 80,
      explanation: "(16 − 40) / (10 − 40) = 80% – Off target (70–84%)",
    });
    expect(scoreKeyResult({ ...kr, baseline: 5, target: 5, current: 5 }).score).toBe(100);
  });
  it("averages an objective and gives none without key results", () => {
    expect(
      scoreObjective([
        { ...kr, target: 100, current: 100 },
        { ...kr, target: 100, current: 69 },
      ]),
    ).toMatchObject({ score: 84, band: "off_target" });
    expect(scoreObjective([])).toEqual({ score: null, band: null, keyResults: [] });
  });
  it("checks one DRI and quarter dates", () => {
    const q = quarterOf(new Date("2026-11-25T00:00:00Z"));
    expect(q).toEqual({ name: "2026-Q4", start: "2026-10-01", end: "2026-12-31" });
    expect(
      checkKeyResult({ ...kr, dri: " ", target: 1, current: 0, dueDate: "2026-12-30" }, q),
    ).toEqual([
      "a key result needs exactly one DRI",
      "the due date should be the last day of the quarter (2026-12-31)",
    ]);
  });
});

let n = 0;
const leaf = (status: "open" | "closed", weight?: Weight, labels: string[] = []): WorkTree => ({
  item: makeWorkItem({
    kind: "task",
    id: `t${++n}`,
    status,
    labels,
    ...(weight ? { weight } : {}),
  }),
  children: [],
});
const epic = (children: WorkTree[], over: Partial<WorkItem> = {}): WorkTree => ({
  item: makeWorkItem({ kind: "epic", id: `e${++n}`, ...over }),
  children,
});

describe("epic progress", () => {
  it("uses closed weight over total weight, through child epics", () => {
    const tree = epic([
      leaf("closed", 3),
      epic([leaf("closed", 2), leaf("open", 5)]),
      leaf("open"),
    ]);
    expect(epicProgress(tree)).toEqual({ done: 5, total: 10, percent: 50, basis: "weight" });
  });
  it("counts items when nothing is weighted, and has no percent when empty", () => {
    expect(epicProgress(epic([leaf("closed"), leaf("open"), leaf("open")]))).toEqual({
      done: 1,
      total: 3,
      percent: 33,
      basis: "count",
    });
    expect(epicProgress(epic([])).percent).toBeNull();
  });
});

describe("epic health", () => {
  const dates = { startDate: "2026-03-02", dueDate: "2026-03-07" };
  it("needs attention at the published example: 20% done after 3 of 5 days", () => {
    const tree = epic([leaf("closed", 1), leaf("open", 2), leaf("open", 2)], dates);
    const h = assessEpicHealth(tree, new Date("2026-03-05T12:00:00Z"));
    expect(h.suggested).toBe("needs_attention");
    expect(h.reasons).toEqual(["20% done after 3 of 5 days"]);
  });
  it("is on track when progress keeps pace, at risk past the due date", () => {
    const tree = epic([leaf("closed", 3), leaf("open", 2)], dates);
    expect(assessEpicHealth(tree, new Date("2026-03-05T12:00:00Z")).suggested).toBe("on_track");
    expect(assessEpicHealth(tree, new Date("2026-03-08T00:00:00Z"))).toMatchObject({
      suggested: "at_risk",
      reasons: ["past its due date (2026-03-07) at 60% done"],
    });
  });
  it("needs attention when a child is blocked", () => {
    const tree = epic([leaf("open", 1, ["InfraSec::Blocked"])]);
    expect(assessEpicHealth(tree, new Date("2026-03-05T00:00:00Z")).reasons).toEqual([
      "1 blocked child item(s)",
    ]);
  });
  it("reminds the owner when the status block is a week old", () => {
    const tree = epic([leaf("open", 1)]);
    const update = {
      text: "ok",
      health: "on_track" as const,
      updatedAt: "2026-03-01T09:00:00Z",
      updatedBy: "joe",
    };
    expect(assessEpicHealth(tree, new Date("2026-03-08T08:59:00Z"), [update]).statusStale).toBe(
      false,
    );
    expect(assessEpicHealth(tree, new Date("2026-03-08T09:00:00Z"), [update]).statusStale).toBe(
      true,
    );
    expect(assessEpicHealth(tree, new Date("2026-03-02T00:00:00Z")).statusStale).toBe(true);
  });
});

describe("burnupSeries", () => {
  it("replays scope and completion per day", () => {
    const series = burnupSeries(
      [
        { at: "2026-09-28T10:00:00Z", itemId: "a", kind: "added", weight: 3 },
        { at: "2026-10-01T10:00:00Z", itemId: "b", kind: "added", weight: 5 },
        { at: "2026-10-02T10:00:00Z", itemId: "a", kind: "closed" },
        { at: "2026-10-03T10:00:00Z", itemId: "c", kind: "added" },
        { at: "2026-10-03T11:00:00Z", itemId: "b", kind: "weight", weight: 2 },
        { at: "2026-10-04T10:00:00Z", itemId: "a", kind: "reopened" },
        { at: "2026-10-04T11:00:00Z", itemId: "b", kind: "closed" },
        { at: "2026-10-04T12:00:00Z", itemId: "c", kind: "removed" },
      ],
      { start: "2026-10-01", end: "2026-10-05" },
    );
    expect(
      series.map((p) => [p.date, p.scopeCount, p.doneCount, p.scopeWeight, p.doneWeight]),
    ).toEqual([
      ["2026-10-01", 2, 0, 8, 0],
      ["2026-10-02", 2, 1, 8, 3],
      ["2026-10-03", 3, 1, 5, 3],
      ["2026-10-04", 2, 1, 5, 2],
      ["2026-10-05", 2, 1, 5, 2],
    ]);
  });
});
