import type { Command } from "commander";
import type { VulnEnrichmentImportResult, VulnFixActionQuery } from "@infrasec/contracts";
import { AppError, SEVERITIES } from "@infrasec/core";
import { checkFile } from "../backend/enrichment-files";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson, printTable } from "../output";

function importLine(file: string, r: VulnEnrichmentImportResult): string {
  const s = r.source;
  return (
    `${file}: ${s.source.toUpperCase()} ${s.version ?? "(no version)"}` +
    `${s.date ? ` of ${s.date}` : ""}: ${s.recordCount} records; ` +
    `${r.findingsUpdated} findings updated, ${r.deadlinesCapped} deadlines capped by KEV\n`
  );
}

/**
 * `infrasec vulns enrich epss|kev|status` and `infrasec vulns fix-actions`: exploitation feeds
 * imported from files (docs/vulns/enrichment.md has the refresh commands) and the upgrades that
 * fix the most, in local mode or remote mode (`--server`).
 */
export function registerVulnsEnrichCommands(vulns: Command): void {
  const enrich = vulns
    .command("enrich")
    .description("import the EPSS scores and the CISA KEV catalog, and show what is loaded");

  enrich
    .command("epss <file>")
    .description(
      "replace the EPSS scores with a FIRST EPSS CSV (plain or .gz) and recompute priorities",
    )
    .action(async (file: string, _o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      checkFile(file);
      const r = await withBackend(g, (b) => b.importEpss(file));
      if (g.json) printJson(r);
      else process.stdout.write(importLine(file, r));
    });

  enrich
    .command("kev <file>")
    .description(
      "replace the CISA KEV catalog (JSON, plain or .gz), recompute priorities, cap deadlines",
    )
    .action(async (file: string, _o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      checkFile(file);
      const r = await withBackend(g, (b) => b.importKev(file));
      if (g.json) printJson(r);
      else process.stdout.write(importLine(file, r));
    });

  enrich
    .command("status")
    .description("the EPSS and KEV feeds as last imported and how many open findings they cover")
    .action(async (_o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const s = await withBackend(g, (b) => b.enrichmentStatus());
      if (g.json) return printJson(s);
      for (const src of [s.epss, s.kev]) {
        if (!src) continue;
        process.stdout.write(
          `${src.source.padEnd(5)} ${src.version ?? "(no version)"}${src.date ? ` of ${src.date}` : ""}, ` +
            `${src.recordCount} records, imported ${src.importedAt} by ${src.importedBy}\n`,
        );
      }
      if (!s.epss) process.stdout.write("epss  not imported\n");
      if (!s.kev) process.stdout.write("kev   not imported\n");
      process.stdout.write(
        `${s.openFindings} open findings: ${s.withEpss} with an EPSS score, ${s.inKev} in KEV; priority model ${s.priorityModel}\n`,
      );
    });

  vulns
    .command("fix-actions")
    .description(
      'open findings grouped into upgrades: "upgrade P to V fixes N findings on M assets"',
    )
    .option("--asset <name>", "asset key or id")
    .option("--severity <severity>", SEVERITIES.join(", "))
    .option("--package <name>")
    .option("--limit <n>", "at most 500", "50")
    .option("--offset <n>", "skip", "0")
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      if (o.severity && !(SEVERITIES as readonly string[]).includes(o.severity)) {
        throw new AppError(
          "validation_failed",
          `--severity must be one of ${SEVERITIES.join(", ")}`,
          [{ path: "--severity", message: `got ${o.severity}` }],
        );
      }
      const q = Object.fromEntries(
        Object.entries({
          asset: o.asset,
          severity: o.severity,
          package: o.package,
          limit: o.limit,
          offset: o.offset,
        }).filter(([, v]) => v !== undefined),
      ) as unknown as VulnFixActionQuery;
      const r = await withBackend(g, (b) => b.fixActions(q));
      if (g.json) return printJson(r);
      printTable(
        r.items.map((a) => ({
          ...a,
          installed: a.installedVersions,
          kev: a.kevCount,
          severity: a.maxSeverity,
        })),
        [
          "package",
          "installed",
          "fixedVersion",
          "findingCount",
          "assetCount",
          "severity",
          "kev",
          "impact",
        ],
      );
      for (const a of r.items) process.stdout.write(`${a.summary}\n`);
      process.stdout.write(`${r.items.length} of ${r.total}\n`);
    });
}
