import { describe, expect, it } from "vitest";
import { ROLE_PERMISSIONS } from "@infrasec/core";
import type { Permission } from "@infrasec/core";
import { plannedAreas, visibleNav } from "./nav";
import type { NavItem } from "./nav";

const labels = (items: NavItem[]): string[] =>
  items.flatMap((i) => [i.label, ...labels(i.children ?? [])]);

describe("navigation", () => {
  it("shows every capability area of the product to an admin", () => {
    const all = labels(visibleNav((p) => ROLE_PERMISSIONS.admin.includes(p)));
    for (const area of [
      "Home",
      "Assets",
      "Change review",
      "Vulnerabilities",
      "Access",
      "Posture",
      "Monitoring",
      "Intake",
      "Triage",
      "Boards",
      "Decisions",
      "Design docs",
      "Planning",
      "Users",
      "Teams",
      "API tokens",
      "Audit log",
    ]) {
      expect(all).toContain(area);
    }
  });

  it("hides what a role may not open", () => {
    const can = (p: Permission) => ROLE_PERMISSIONS.viewer.includes(p);
    const viewer = labels(visibleNav(can));
    expect(viewer).not.toContain("Users");
    expect(viewer).not.toContain("Audit log");
    expect(viewer).toContain("API tokens");
    const engineer = labels(visibleNav((p) => ROLE_PERMISSIONS.engineer.includes(p)));
    expect(engineer).not.toContain("Access");
  });

  it("says what every unbuilt area will do", () => {
    const planned = plannedAreas();
    expect(planned.length).toBeGreaterThanOrEqual(10);
    for (const area of planned) expect(area.planned?.length).toBeGreaterThan(20);
    expect(planned.find((a) => a.path === "/work/boards")?.permission).toBe("work:read");
  });
});
