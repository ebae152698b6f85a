import type { Finding } from "@infrasec/core";
import { sortFindings, type ReviewReport } from "./report-model";

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function testcase(f: Finding): string {
  const name = xmlEscape(
    `${f.ruleId} ${f.resource}${f.attributePath ? ` ${f.attributePath}` : ""}`,
  );
  const head = `    <testcase name="${name}" classname="${xmlEscape(f.location.file)}" file="${xmlEscape(f.location.file)}" line="${f.location.startLine}">`;
  const detail = xmlEscape(
    `${f.title}\n${f.location.file}:${f.location.startLine} ${f.resource}\n${f.message}`,
  );
  if (f.status === "fixed") return `${head}</testcase>`;
  if (f.status === "suppressed") {
    const why = f.suppression ? `suppressed: ${f.suppression.reason}` : "suppressed";
    return `${head}\n      <skipped message="${xmlEscape(why)}"/>\n    </testcase>`;
  }
  if (f.status === "unknown") {
    return `${head}\n      <skipped message="${xmlEscape(`unknown: ${f.needs ?? "value not resolvable"}`)}"/>\n    </testcase>`;
  }
  return `${head}\n      <failure message="${xmlEscape(f.message)}" type="${f.severity}">${detail}</failure>\n    </testcase>`;
}

/**
 * JUnit XML: one testsuite per file, one testcase per finding (failure when open, skipped when
 * suppressed or unknown, passing when fixed), and a suite "errors" for files that could not be
 * evaluated. CI systems show it in their test tabs.
 */
export function writeJunit(report: ReviewReport): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of sortFindings(report.findings)) {
    byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), f]);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const [file, list] of byFile) {
    const fail = list.filter((f) => f.status === "new" || f.status === "existing").length;
    const skip = list.filter((f) => f.status === "suppressed" || f.status === "unknown").length;
    tests += list.length;
    failures += fail;
    skipped += skip;
    suites.push(
      `  <testsuite name="${xmlEscape(file)}" tests="${list.length}" failures="${fail}" errors="0" skipped="${skip}">\n${list.map(testcase).join("\n")}\n  </testsuite>`,
    );
  }
  if (report.errors.length > 0) {
    tests += report.errors.length;
    const cases = report.errors.map(
      (e) =>
        `    <testcase name="${xmlEscape(`parse ${e.file}`)}" classname="${xmlEscape(e.file)}" file="${xmlEscape(e.file)}"${e.line !== undefined ? ` line="${e.line}"` : ""}>\n      <error message="${xmlEscape(e.message)}" type="error"/>\n    </testcase>`,
    );
    suites.push(
      `  <testsuite name="errors" tests="${report.errors.length}" failures="0" errors="${report.errors.length}" skipped="0">\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  const name = xmlEscape(`${report.tool.name} review`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${name}" tests="${tests}" failures="${failures}" errors="${report.errors.length}" skipped="${skipped}">\n${suites.join("\n")}${suites.length ? "\n" : ""}</testsuites>\n`;
}
