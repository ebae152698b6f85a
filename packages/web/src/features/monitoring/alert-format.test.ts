import { describe, expect, it } from "vitest";
import { ALERT_LEVELS, ALERT_STATUSES } from "@infrasec/contracts";
import { SEVERITIES } from "@infrasec/core";
import {
  LEVEL_SEVERITY,
  bulkPlan,
  describeBulk,
  entityLabel,
  nextStatuses,
  shortContainerId,
  statusActionLabel,
} from "./alert-format";

const none = {
  host: null,
  containerId: null,
  containerName: null,
  image: null,
  namespace: null,
  pod: null,
};

describe("alert formatting", () => {
  it("puts every Sigma level on the platform's severity palette", () => {
    for (const level of ALERT_LEVELS) expect(SEVERITIES).toContain(LEVEL_SEVERITY[level]);
    expect(LEVEL_SEVERITY.informational).toBe("info");
  });

  it("offers the status changes of the lifecycle", () => {
    expect(nextStatuses("new")).toEqual(["acknowledged", "resolved", "false_positive"]);
    expect(nextStatuses("acknowledged")).toEqual(["resolved", "false_positive"]);
    expect(nextStatuses("resolved")).toEqual(["acknowledged"]);
    expect(nextStatuses("false_positive")).toEqual(["acknowledged"]);
    for (const s of ALERT_STATUSES) expect(nextStatuses(s)).not.toContain(s);
    expect(statusActionLabel("new", "acknowledged")).toBe("Acknowledge");
    expect(statusActionLabel("resolved", "acknowledged")).toBe("Reopen");
    expect(statusActionLabel("new", "false_positive")).toBe("False positive");
  });

  it("plans a bulk change and says what it skips", () => {
    const plan = bulkPlan(
      [
        { id: "a", status: "new" },
        { id: "b", status: "acknowledged" },
        { id: "c", status: "resolved" },
      ],
      "acknowledged",
    );
    expect(plan).toEqual({ eligible: ["a"], skipped: ["b", "c"] });
    expect(describeBulk("acknowledged", 1, 2)).toBe(
      "Acknowledge 1 alert. 2 selected alerts already have a status that cannot change to acknowledged and are left as they are.",
    );
    expect(describeBulk("false_positive", 3, 0)).toBe("Mark as false positive 3 alerts.");
  });

  it("names the entity: host, then pod or container", () => {
    expect(entityLabel(none)).toBe("—");
    expect(entityLabel({ ...none, host: "web-1" })).toBe("web-1");
    expect(
      entityLabel({
        ...none,
        host: "node-3",
        containerId: "4f2a9c0b1d2e3f4a5b6c7d8e9f",
        pod: "api-7d9",
        namespace: "prod",
      }),
    ).toBe("node-3 · prod/api-7d9");
    expect(entityLabel({ ...none, containerId: "4f2a9c0b1d2e3f4a5b6c7d8e9f" })).toBe(
      "4f2a9c0b1d2e",
    );
    expect(entityLabel({ ...none, containerId: "abc", containerName: "nginx" })).toBe("nginx");
    expect(shortContainerId("host")).toBe("host");
    // Falco's container.id for processes on the host itself is not a container.
    expect(entityLabel({ ...none, host: "web-1", containerId: "host" })).toBe("web-1");
    expect(entityLabel({ ...none, containerId: "host" })).toBe("—");
  });
});
