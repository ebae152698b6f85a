import { PERMISSIONS, ROLES, ROLE_PERMISSIONS } from "./permissions";

/** The permission matrix as a Markdown table (docs/permissions.md embeds it; a test compares). */
export function permissionsMarkdownTable(): string {
  const header = `| permission | ${ROLES.join(" | ")} |`;
  const rule = `|---|${ROLES.map(() => "---").join("|")}|`;
  const rows = PERMISSIONS.map(
    (p) =>
      `| \`${p}\` | ${ROLES.map((r) => (ROLE_PERMISSIONS[r].includes(p) ? "yes" : "")).join(" | ")} |`,
  );
  return [header, rule, ...rows].join("\n");
}
