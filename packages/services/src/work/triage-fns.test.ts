import { describe, expect, it } from "vitest";
import { makeWorkItem } from "@infrasec/engines/work";
import { changedSince, hygieneNote, isUntriaged } from "./triage-fns";

describe("triage rules around the engine", () => {
  const item = (labels: string[]) => makeWorkItem({ kind: "task", labels });
  it("treats triage-labelled items and items without a workflow label as untriaged", () => {
    expect(isUntriaged(item(["Department::InfraSec", "InfraSec::triage"]))).toBe(true);
    expect(isUntriaged(item(["Department::InfraSec"]))).toBe(true);
    expect(isUntriaged(item(["InfraSecStatus::planned"]))).toBe(true);
    expect(isUntriaged(item(["InfraSec::backlog"]))).toBe(false);
    expect(isUntriaged(item(["InfraSec::WIP"]))).toBe(false);
  });
  it("keeps items created or changed on or after the day", () => {
    const i = makeWorkItem({
      kind: "task",
      createdAt: "2026-11-01T10:00:00.000Z",
      updatedAt: "2026-11-20T23:59:00.000Z",
    });
    expect(changedSince(i, "2026-11-20")).toBe(true);
    expect(changedSince(i, "2026-11-21")).toBe(false);
  });
  it("words the bot's history notes", () => {
    expect(
      hygieneNote({ kind: "add_label", label: "InfraSec::stale", reason: "no activity" }),
    ).toBe("triage bot: added InfraSec::stale (no activity)");
    expect(hygieneNote({ kind: "ping_assignee", reason: "still relevant?" })).toBe(
      "triage bot: still relevant?",
    );
  });
});
