import { readFileSync, statSync } from "node:fs";
import type { Command } from "commander";
import { AppError } from "@infrasec/core";
import { VULN_REPORT_FORMATS, parseReport, toParseOutput } from "@infrasec/engines/vulns";
import type { VulnReportFormat } from "@infrasec/engines/vulns";
import { printJson, printTable } from "../output";
import { registerVulnsPlatformCommands } from "./vulns-platform-commands";
import { registerVulnsEnrichCommands } from "./vulns-enrich-command";
import { registerVulnsExceptionsCommand } from "./vulns-exceptions-command";
import { registerVulnsStatesCommands } from "./vulns-states-command";
import { registerVulnsSlaCommands } from "./vulns-sla-command";

/** `infrasec vulns parse`: normalize a scanner report offline, without storing anything. */
export function registerVulnsCommand(program: Command): void {
  const vulns = program
    .command("vulns")
    .description("vulnerability management: parse reports offline, import, list and show findings");
  registerVulnsPlatformCommands(vulns);
  registerVulnsEnrichCommands(vulns);
  registerVulnsExceptionsCommand(vulns);
  registerVulnsStatesCommands(vulns);
  registerVulnsSlaCommands(vulns);
  vulns
    .command("parse <file>")
    .description(
      "parse a scanner report (Trivy, Grype, SARIF, CycloneDX, OSV, GitLab, Nessus) and print the normalized records",
    )
    .option("--format <format>", "output: json or text", "text")
    .option("--report-format <format>", `skip auto-detection: ${VULN_REPORT_FORMATS.join(", ")}`)
    .option("--asset <name>", "asset the report is about, when the report does not name one")
    .action((file: string, o: { format: string; reportFormat?: string; asset?: string }) => {
      if (o.format !== "json" && o.format !== "text") {
        throw new AppError("validation_failed", "--format must be json or text", [
          { path: "--format", message: `got ${o.format}` },
        ]);
      }
      if (o.reportFormat && !(VULN_REPORT_FORMATS as readonly string[]).includes(o.reportFormat)) {
        throw new AppError(
          "validation_failed",
          `--report-format must be one of ${VULN_REPORT_FORMATS.join(", ")}`,
          [{ path: "--report-format", message: `got ${o.reportFormat}` }],
        );
      }
      try {
        if (!statSync(file).isFile()) throw new Error("not a file");
      } catch {
        throw new AppError("validation_failed", `cannot read ${file}`, [
          { file, message: "no such file or not a regular file" },
        ]);
      }
      const report = parseReport(readFileSync(file), {
        format: o.reportFormat as VulnReportFormat | undefined,
        asset: o.asset,
      });
      const out = toParseOutput(report);
      if (o.format === "json") return printJson(out);
      printTable(
        out.records.map((r) => ({ ...r, package: r.package ?? r.location ?? "" })),
        ["vulnId", "severity", "package", "version", "fixedVersion", "target"],
      );
      process.stdout.write(
        `${file}: ${out.format}, ${out.records.length} record(s), ${out.findings} finding(s) after identity merging\n`,
      );
    });
}
