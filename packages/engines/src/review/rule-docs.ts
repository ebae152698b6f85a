import { allRuleMetas } from "./rule-registry";
import type { ReviewRuleMeta } from "./review-types";

const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n+/g, " ");

function rulePage(title: string, rules: ReviewRuleMeta[]): string {
  const lines = [
    `# ${title}`,
    "",
    `${rules.length} rules. Generated from the rule metadata by \`npm run docs:rules\`; do not edit.`,
    "",
  ];
  lines.push("| id | severity | title | Checkov | Trivy |", "|---|---|---|---|---|");
  for (const r of rules) {
    lines.push(
      `| [${r.id}](#${r.id.toLowerCase()}) | ${r.severity} | ${esc(r.title)} | ${r.equivalents.checkov.join(", ")} | ${r.equivalents.trivy.join(", ")} |`,
    );
  }
  for (const r of rules) lines.push("", ...ruleSection(r));
  return `${lines.join("\n")}\n`;
}

function ruleSection(r: ReviewRuleMeta): string[] {
  const lines = [
    `## ${r.id}`,
    "",
    `**${esc(r.title)}** — severity ${r.severity}`,
    "",
    r.description.trim(),
    "",
    `**Fix:** ${r.remediation.trim()}`,
  ];
  if (r.frameworks.length) lines.push("", `**Frameworks:** ${r.frameworks.join("; ")}`);
  if (r.references.length)
    lines.push("", "**References:**", ...r.references.map((u) => `- <${u}>`));
  return lines;
}

/** The documentation of one rule as Markdown (the same section as in docs/rules). */
export function ruleDocMarkdown(r: ReviewRuleMeta): string {
  const eq = [
    r.equivalents.checkov.length ? `Checkov: ${r.equivalents.checkov.join(", ")}` : "",
    r.equivalents.trivy.length ? `Trivy: ${r.equivalents.trivy.join(", ")}` : "",
  ].filter(Boolean);
  const lines = ruleSection(r);
  if (eq.length) lines.push("", `**Equivalents:** ${eq.join("; ")}`);
  return `${lines.join("\n")}\n`;
}

/** The docs/rules pages as { file name: Markdown }, grouped by framework and provider. */
export function ruleDocPages(): Record<string, string> {
  const groups = new Map<string, ReviewRuleMeta[]>();
  for (const r of allRuleMetas()) {
    const key = r.framework === "terraform" ? `terraform-${r.provider}` : r.framework;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const pages: Record<string, string> = {};
  const index = [
    "# Change review rules",
    "",
    "Generated from the rule metadata by `npm run docs:rules`; do not edit.",
    "",
    "| page | rules |",
    "|---|---|",
  ];
  for (const [key, rules] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
    pages[`${key}.md`] = rulePage(`${key} rules`, sorted);
    index.push(`| [${key}](${key}.md) | ${rules.length} |`);
  }
  pages["README.md"] = `${index.join("\n")}\n`;
  return pages;
}
