import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { can } from "./actor";
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS } from "./permissions";
import { permissionsMarkdownTable } from "./permissions-table";

describe("permission matrix", () => {
  it("is documented exactly in docs/permissions.md", () => {
    const doc = readFileSync(new URL("../../../docs/permissions.md", import.meta.url), "utf8");
    expect(doc).toContain(permissionsMarkdownTable());
  });

  it("gives admin everything, the auditor read-only access, and the viewer no audit log", () => {
    expect(ROLE_PERMISSIONS.admin).toEqual(PERMISSIONS);
    const writes = ROLE_PERMISSIONS.auditor.filter((p) => !/:(read|export|own)$/.test(p));
    expect(writes).toEqual([]);
    expect(ROLE_PERMISSIONS.viewer).not.toContain("audit:read");
    for (const role of ROLES)
      expect(new Set(ROLE_PERMISSIONS[role]).size).toBe(ROLE_PERMISSIONS[role].length);
  });

  it("narrows a token's actor to its scopes", () => {
    const actor = {
      kind: "token" as const,
      userId: "u",
      username: "u",
      role: "admin" as const,
      scopes: ["assets:read" as const],
    };
    expect(can(actor, "assets:read")).toBe(true);
    expect(can(actor, "assets:write")).toBe(false);
    expect(can({ ...actor, role: "viewer", scopes: ["assets:write"] }, "assets:write")).toBe(false);
  });
});
