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
      "Runs",
      "Rules",
      "Suppressions",
      "Vulnerabilities",
      "Findings",
      "Imports",
      "Access",
      "Posture",
      "Monitoring",
      "Alerts",
      "Intake",
      "Items",
      "Triage",
      "Boards",
      "Decisions",
      "Design docs",
      "Planning",
      "Users",
      "Teams",
      "API tokens",
      "Audit log",
      "Workflow",
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
    expect(planned.map((a) => a.path)).toEqual(["/posture"]);
    for (const area of planned) expect(area.planned?.length).toBeGreaterThan(20);
    expect(planned.find((a) => a.path === "/posture")?.permission).toBe("posture:read");
  });

  it("opens Monitoring on alerts, rules and suppressions for those who may read alerts", () => {
    const sirt = visibleNav((p) => ROLE_PERMISSIONS.sirt.includes(p)).find(
      (i) => i.path === "/monitoring",
    );
    expect(sirt?.children?.map((c) => c.path)).toEqual([
      "/monitoring/alerts",
      "/monitoring/rules",
      "/monitoring/suppressions",
    ]);
    const hidden = visibleNav(() => false).find((i) => i.path === "/monitoring");
    expect(hidden).toBeUndefined();
  });

  it("opens Vulnerabilities on the dashboard for those who may read findings", () => {
    const viewer = visibleNav((p) => ROLE_PERMISSIONS.viewer.includes(p)).find(
      (i) => i.path === "/vulnerabilities",
    );
    expect(viewer?.children?.map((c) => c.path)).toEqual([
      "/vulnerabilities/dashboard",
      "/vulnerabilities/findings",
      "/vulnerabilities/fix-actions",
      "/vulnerabilities/sla-events",
      "/vulnerabilities/exceptions",
      "/vulnerabilities/imports",
      "/vulnerabilities/enrichment",
      "/vulnerabilities/policy",
    ]);
    expect(visibleNav(() => false).find((i) => i.path === "/vulnerabilities")).toBeUndefined();
  });

  it("opens Access on snapshots and campaigns for those who may read access data", () => {
    const auditor = visibleNav((p) => ROLE_PERMISSIONS.auditor.includes(p)).find(
      (i) => i.path === "/access",
    );
    expect(auditor?.children?.map((c) => c.path)).toEqual([
      "/access/snapshots",
      "/access/campaigns",
    ]);
  });

  it("gives reviewers without access:read a single entry to the reviews assigned to them", () => {
    const forRole = (role: keyof typeof ROLE_PERMISSIONS) =>
      visibleNav((p) => ROLE_PERMISSIONS[role].includes(p)).filter((i) =>
        i.path.startsWith("/access"),
      );
    expect(forRole("engineer").map((i) => [i.label, i.path])).toEqual([
      ["My access reviews", "/access/campaigns"],
    ]);
    expect(forRole("auditor").map((i) => i.label)).toEqual(["Access"]);
  });

  it("opens Change review on its runs, rules and suppressions for every role", () => {
    for (const role of Object.keys(ROLE_PERMISSIONS) as (keyof typeof ROLE_PERMISSIONS)[]) {
      const review = visibleNav((p) => ROLE_PERMISSIONS[role].includes(p)).find(
        (i) => i.path === "/review",
      );
      expect(review?.children?.map((c) => c.path)).toEqual([
        "/review/runs",
        "/review/rules",
        "/review/suppressions",
      ]);
    }
  });

  it("hides the intake from roles that cannot file requests but keeps the items list", () => {
    const auditor = labels(visibleNav((p) => ROLE_PERMISSIONS.auditor.includes(p)));
    expect(auditor).toContain("Items");
    expect(auditor).not.toContain("Intake");
    expect(auditor).not.toContain("Workflow");
  });
});
