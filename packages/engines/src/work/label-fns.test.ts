import { describe, expect, it } from "vitest";
import {
  applyLabels,
  describeLabelChange,
  labelScope,
  parseLabel,
  removeLabelScopes,
  scopeValue,
} from "./label-fns";
import {
  EFFORT_LABELS,
  TEAM_LABELS,
  effortWeight,
  labelCatalog,
  workTypeLabels,
  WORK_TYPE_PRESETS,
} from "./label-catalog-templates";

describe("parseLabel", () => {
  it.each([
    ["InfraSec::WIP", "InfraSec", "WIP"],
    ["workflow::backend::review", "workflow::backend", "review"],
    ["FedRAMP::DR Status::Open", "FedRAMP::DR Status", "Open"],
    ["Review-Priority:1", null, null],
    ["☁️ InfraSec", null, null],
    ["::x", null, null],
    ["x::", null, null],
  ])("%s → key %s, value %s", (name, scope, value) => {
    expect(parseLabel(name)).toEqual({ name, scope, value });
  });
});

describe("applyLabels", () => {
  it("replaces the other value of the same key and records it", () => {
    const r = applyLabels(["Department::InfraSec", "InfraSec::triage"], ["InfraSec::backlog"]);
    expect(r).toEqual({
      labels: ["Department::InfraSec", "InfraSec::backlog"],
      added: ["InfraSec::backlog"],
      removed: ["InfraSec::triage"],
      notes: [{ added: "InfraSec::backlog", replaced: ["InfraSec::triage"] }],
    });
    expect(describeLabelChange(r)).toBe('replaced ~"InfraSec::triage" with ~"InfraSec::backlog"');
  });
  it("lets the last label of a key win when applied together", () => {
    const r = applyLabels([], ["priority::1", "priority::3"]);
    expect(r.labels).toEqual(["priority::3"]);
    expect(r.added).toEqual(["priority::3"]);
    expect(r.notes).toEqual([{ added: "priority::3", replaced: ["priority::1"] }]);
  });
  it("keys on everything before the last ::", () => {
    const r = applyLabels(
      ["workflow::backend::review", "workflow::frontend"],
      ["workflow::backend::done"],
    );
    expect(r.labels).toEqual(["workflow::frontend", "workflow::backend::done"]);
  });
  it("does not treat Review-Priority:N as scoped", () => {
    expect(applyLabels(["Review-Priority:1"], ["Review-Priority:2"]).labels).toEqual([
      "Review-Priority:1",
      "Review-Priority:2",
    ]);
  });
  it("makes every InfraSec:: workflow label exclusive", () => {
    let labels: string[] = [];
    for (const l of [
      "InfraSec::triage",
      "InfraSec::prioritised",
      "InfraSec::WIP",
      "InfraSec::Blocked",
    ]) {
      labels = applyLabels(labels, [l]).labels;
    }
    expect(labels).toEqual(["InfraSec::Blocked"]);
  });
  it("is a no-op for present additions and absent removals", () => {
    const r = applyLabels(["a"], ["a"], ["b"]);
    expect(r).toEqual({ labels: ["a"], added: [], removed: [], notes: [] });
    expect(describeLabelChange(r)).toBe("no label change");
  });
  it("removes labels and whole scopes", () => {
    expect(describeLabelChange(applyLabels(["a", "b"], [], ["a"]))).toBe('removed ~"a"');
    expect(
      removeLabelScopes(["InfraSecStatus::ongoing", "x", "InfraSec::WIP"], ["InfraSecStatus"])
        .labels,
    ).toEqual(["x", "InfraSec::WIP"]);
    expect(scopeValue(["Department::InfraSec", "InfraSec::WIP"], "InfraSec")).toBe("WIP");
    expect(scopeValue([], "InfraSec")).toBeNull();
    expect(labelScope("severity::1")).toBe("severity");
  });
});

describe("label catalogue", () => {
  it("ships the team label and every workflow label of the current convention", () => {
    const names = labelCatalog("current").map((l) => l.name);
    for (const n of [
      "Department::InfraSec",
      "InfraSec::triage",
      "InfraSec::this-quarter",
      "InfraSec::decision",
      "InfraSec::backlog",
      "InfraSec::prioritised",
      "InfraSec::WIP",
      "InfraSec::stale",
      "priority::1",
      "severity::4",
      "Review-Priority:1",
      "InfraSecWork::interrupt",
    ]) {
      expect(names).toContain(n);
    }
    expect(new Set(names).size).toBe(names.length);
  });
  it("ships the old convention with its emoji team label", () => {
    expect(
      labelCatalog("old")
        .map((l) => l.name)
        .slice(0, 4),
    ).toEqual(["☁️ InfraSec", "InfraSec::triage", "InfraSec::this-quarter", "InfraSec::decision"]);
    expect(TEAM_LABELS.old.scope).toBeNull();
  });
  it("gives every label a hex colour, a description and the scope its name implies", () => {
    for (const l of [...labelCatalog("current"), ...labelCatalog("old")]) {
      expect(l.color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(l.description.length).toBeGreaterThan(0);
      expect(l.scope).toBe(labelScope(l.name));
    }
  });
  it("maps effort labels to the published weights", () => {
    expect(EFFORT_LABELS.map((e) => [e.name, e.weight, e.peerReviewed])).toEqual([
      ["InfraSecEffort::Trivial", 1, false],
      ["InfraSecEffort::Small", 2, false],
      ["InfraSecEffort::Medium", 3, false],
      ["InfraSecEffort::Large", 5, true],
      ["InfraSecEffort::Too Large", 13, true],
    ]);
    expect(effortWeight("InfraSecEffort::Large")).toBe(5);
    expect(effortWeight("InfraSec::WIP")).toBeNull();
  });
  it("builds work-type labels from either published list", () => {
    expect(workTypeLabels(WORK_TYPE_PRESETS.capacity).map((l) => l.name)[0]).toBe(
      "InfraSecWork::Counterpart",
    );
  });
});
