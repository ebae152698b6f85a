import { statSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import type { VulnFindingListQuery, VulnImportJob } from "@infrasec/contracts";
import { VULN_IMPORT_FORMATS } from "@infrasec/contracts";
import { AppError } from "@infrasec/core";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson, printTable } from "../output";

/**
 * Checks the report file exists; it is then streamed (never read whole), plain or gzip: local
 * mode parses it in place, remote mode sends it as the upload route's raw body.
 */
function checkReport(file: string): void {
  try {
    if (!statSync(file).isFile()) throw new Error("not a file");
  } catch {
    throw new AppError("validation_failed", `cannot read ${file}`, [
      { file, message: "no such file or not a regular file" },
    ]);
  }
}

function jobLine(file: string, j: VulnImportJob): string {
  const c = j.counts;
  const base = `${file}: import ${j.id} ${j.status}`;
  if (j.status === "failed") return `${base}: ${j.error ?? "unknown error"}\n`;
  if (j.status === "waiting_confirmation")
    return (
      `${base}: it would close ${j.toClose} of ${j.openInScope} open findings; ` +
      `confirm with POST /api/v1/vulns/imports/${j.id}/confirm\n`
    );
  if (j.status !== "done") return `${base} (${Math.round(j.progress * 100)}%)\n`;
  return (
    `${base}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ` +
    `${c.closed} closed, ${c.reactivated} reactivated, ${c.unknown} unknown\n`
  );
}

/**
 * `infrasec vulns import|list|show`: the stored side of vulnerability management, in local mode
 * (services on the configured database) or remote mode (`--server`).
 */
export function registerVulnsPlatformCommands(vulns: Command): void {
  vulns
    .command("import <file>")
    .description(
      "import a scanner report (plain or .gz), or a .zip / .tar / .tar.gz of reports (one job, all or nothing), for an asset and reconcile its findings (local mode waits; remote mode streams it to the server and waits with --wait)",
    )
    .requiredOption("--asset <name>", "asset key, id or identifier (must be in the inventory)")
    .option(
      "--scanner <name>",
      "reconciliation key (default: the scanner each report names; in an archive, reports of one scanner are reconciled together)",
    )
    .option("--scope <name>", "reconciliation scope within asset and scanner", "default")
    .option("--report-format <format>", `skip auto-detection: ${VULN_IMPORT_FORMATS.join(", ")}`)
    .option("--wait", "remote mode: wait until the import job has finished")
    .action(
      async (
        file: string,
        o: {
          asset: string;
          scanner?: string;
          scope: string;
          reportFormat?: string;
          wait?: boolean;
        },
        cmd: Command,
      ) => {
        const g = cmd.optsWithGlobals<GlobalOptions>();
        if (
          o.reportFormat &&
          !(VULN_IMPORT_FORMATS as readonly string[]).includes(o.reportFormat)
        ) {
          throw new AppError(
            "validation_failed",
            `--report-format must be one of ${VULN_IMPORT_FORMATS.join(", ")}`,
            [{ path: "--report-format", message: `got ${o.reportFormat}` }],
          );
        }
        checkReport(file);
        const job = await withBackend(g, (b) =>
          b.importVulnReport(
            {
              file,
              asset: o.asset,
              scanner: o.scanner,
              scope: o.scope,
              format: o.reportFormat as (typeof VULN_IMPORT_FORMATS)[number] | undefined,
              fileName: basename(file),
            },
            Boolean(o.wait),
          ),
        );
        if (g.json) printJson(job);
        else process.stdout.write(jobLine(file, job));
        if (job.status === "failed") {
          const details = job.errorDetails.length
            ? job.errorDetails
            : [{ message: job.error ?? "" }];
          throw new AppError("parse_failed", job.error ?? "import failed", details);
        }
      },
    );

  vulns
    .command("list")
    .description("search, filter and sort stored findings")
    .option("--asset <name>", "asset key or id")
    .option("--severity <severity>", "critical, high, medium, low or info")
    .option(
      "--status <status>",
      "detected, confirmed, in_progress, resolved, dismissed, open or closed",
    )
    .option("--vuln <id>", "vulnerability id or alias (CVE-…, GHSA-…)")
    .option("--package <name>")
    .option("-q, --query <text>", "text in id, aliases, package or title")
    .option("--sla <state>", "breached, due_soon, on_track or none")
    .option(
      "--sort <field>",
      "-severity, severity, -priority, slaDue, -slaDue, firstSeen, -firstSeen, lastSeen, -lastSeen, vulnId",
    )
    .option("--limit <n>", "at most 500", "100")
    .option("--offset <n>", "skip", "0")
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const q = Object.fromEntries(
        Object.entries({
          asset: o.asset,
          severity: o.severity,
          status: o.status,
          vulnId: o.vuln,
          package: o.package,
          q: o.query,
          sla: o.sla,
          sort: o.sort,
          limit: o.limit,
          offset: o.offset,
        }).filter(([, v]) => v !== undefined),
      ) as unknown as VulnFindingListQuery;
      const r = await withBackend(g, (b) => b.listVulnFindings(q));
      if (g.json) return printJson(r);
      printTable(r.items, [
        "id",
        "severity",
        "vulnId",
        "package",
        "version",
        "fixedVersion",
        "status",
        "slaDueAt",
        "assetKey",
      ]);
      process.stdout.write(`${r.items.length} of ${r.total}\n`);
    });

  vulns
    .command("show <id>")
    .description("show a finding with its occurrences, identity explanation and history")
    .action(async (id: string, _o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const f = await withBackend(g, (b) => b.getVulnFinding(id));
      if (g.json) return printJson(f);
      const lines: [string, string][] = [
        ["id", f.id],
        ["vulnerability", [f.vulnId, ...f.aliases].join(", ")],
        ["title", f.title ?? ""],
        ["asset", f.assetKey],
        ["package", `${f.package ?? ""} ${f.version ?? ""}`.trim()],
        ["fixed version", f.fixedVersion ?? ""],
        [
          "severity",
          `${f.severity} (${f.severitySource}${f.cvssScore !== null ? `, CVSS ${f.cvssScore}` : ""})`,
        ],
        ["status", f.dismissalReason ? `${f.status} (${f.dismissalReason})` : f.status],
        ["sla", f.slaDueAt ? `${f.slaState}, due ${f.slaDueAt}` : f.slaState],
        ["first seen", f.firstSeenAt],
        ["last seen", f.lastSeenAt],
        ["scanner", `${f.scanner}/${f.scope} (${f.scanners.join(", ")})`],
        ["identity", `${f.identity.version} ${f.identity.hash.slice(0, 16)}…`],
        ["matched on", f.identity.basis],
      ];
      for (const [k, v] of lines) process.stdout.write(`${k.padEnd(15)} ${v}\n`);
      process.stdout.write(`occurrences (${f.occurrences.length}):\n`);
      for (const o of f.occurrences) process.stdout.write(`  ${JSON.stringify(o)}\n`);
      process.stdout.write("history:\n");
      for (const h of f.history) {
        const move = h.toStatus ? ` ${h.fromStatus ?? ""}→${h.toStatus}` : "";
        const extra = [h.reason, h.note].filter(Boolean).join(": ");
        process.stdout.write(
          `  ${h.at} ${h.kind}${move} by ${h.actorName}${extra ? ` — ${extra}` : ""}\n`,
        );
      }
    });
}
