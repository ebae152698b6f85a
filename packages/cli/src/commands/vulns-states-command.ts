import { createWriteStream } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import type {
  VulnBulkStatusBody,
  VulnExportQuery,
  VulnFindingListQuery,
  VulnStatesImportResult,
} from "@infrasec/contracts";
import {
  VULN_BULK_STATUS_MAX_IDS,
  VULN_DISMISSAL_REASONS,
  VULN_EXPORT_FORMATS,
  VULN_FINDING_STATUSES,
  VULN_IMPORT_MAX_CHARS,
  VULN_VEX_JUSTIFICATIONS,
} from "@infrasec/contracts";
import { AppError } from "@infrasec/core";
import { checkFile, fileText } from "../backend/enrichment-files";
import type { Backend } from "../backend/backend";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson, printTable } from "../output";

function oneOf(option: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new AppError("validation_failed", `${option} must be one of ${allowed.join(", ")}`, [
      { path: option, message: `got ${value}` },
    ]);
  }
}

function printImport(file: string, r: VulnStatesImportResult, json?: boolean): void {
  if (json) return printJson(r);
  const notable = r.rows.filter((x) => x.outcome !== "skipped" || !x.reason.startsWith("already"));
  if (notable.length) printTable(notable, ["where", "outcome", "findingId", "reason"]);
  process.stdout.write(
    `${file}: ${r.matched} matched, ${r.changed} changed, ${r.skipped} skipped, ${r.unmatched} unmatched` +
      `${r.rowsTruncated ? " (row list cut)" : ""}\n`,
  );
}

async function applyFile(
  file: string,
  asset: string,
  g: GlobalOptions,
  fn: (
    b: Backend,
    body: { asset: string; content: string; fileName: string },
  ) => Promise<VulnStatesImportResult>,
): Promise<void> {
  checkFile(file);
  const content = await fileText(file, VULN_IMPORT_MAX_CHARS);
  const r = await withBackend(g, (b) => fn(b, { asset, content, fileName: basename(file) }));
  printImport(file, r, g.json);
}

/** The ids of the findings a list filter matches (at most the bulk bound, else an error). */
async function idsFromList(b: Backend, q: VulnFindingListQuery): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await b.listVulnFindings({ ...q, limit: 500, offset, sort: "vulnId" });
    if (page.total > VULN_BULK_STATUS_MAX_IDS) {
      throw new AppError(
        "validation_failed",
        `${page.total} findings match; bulk-status takes at most ${VULN_BULK_STATUS_MAX_IDS}: narrow the filters`,
        [{ path: "--from-list", message: "too many findings" }],
      );
    }
    ids.push(...page.items.map((f) => f.id));
    if (page.items.length < 500 || ids.length >= page.total) return ids;
  }
}

/**
 * `infrasec vulns vex apply`, `vulns gitlab-states`, `vulns export` and `vulns bulk-status`:
 * finding states from and to CycloneDX VEX and GitLab, exports, and status changes in bulk, in
 * local mode or remote mode (`--server`). docs/vulns/states-and-exports.md has the mappings.
 */
export function registerVulnsStatesCommands(vulns: Command): void {
  vulns
    .command("vex")
    .description("CycloneDX VEX documents")
    .command("apply <file>")
    .description(
      "apply a CycloneDX VEX document (JSON or XML; or an SBOM's vulnerabilities[].analysis) to an asset's findings",
    )
    .requiredOption("--asset <asset>", "asset key or id")
    .action(async (file: string, o: { asset: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await applyFile(file, o.asset, g, (b, body) => b.vulnStates.applyVex(body));
    });

  vulns
    .command("gitlab-states <file>")
    .description(
      "apply the states of a GitLab Vulnerability Report CSV export to an asset's findings",
    )
    .requiredOption("--asset <asset>", "asset key or id")
    .action(async (file: string, o: { asset: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await applyFile(file, o.asset, g, (b, body) => b.vulnStates.applyGitlabStates(body));
    });

  vulns
    .command("export")
    .description("export findings as CycloneDX VEX, a GitLab security report, CSV or SARIF")
    .requiredOption("--format <format>", VULN_EXPORT_FORMATS.join(", "))
    .option("--asset <asset>", "asset key or id")
    .option("--severity <severity>")
    .option("--status <status>", "a status, open or closed")
    .option("--vuln-id <id>")
    .option("--package <name>")
    .option("--q <text>", "search text")
    .option("--sla <state>", "breached, due_soon, on_track, none")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      oneOf("--format", o.format, VULN_EXPORT_FORMATS);
      const query = Object.fromEntries(
        Object.entries({
          format: o.format,
          asset: o.asset,
          severity: o.severity,
          status: o.status,
          vulnId: o.vulnId,
          package: o.package,
          q: o.q,
          sla: o.sla,
        }).filter(([, v]) => v !== undefined),
      ) as unknown as VulnExportQuery;
      const out = o.output ? createWriteStream(o.output) : process.stdout;
      await withBackend(g, (b) => b.vulnStates.exportFindings(query, (c) => out.write(c)));
      if (o.output)
        await new Promise<void>((r) => (out as ReturnType<typeof createWriteStream>).end(r));
    });

  vulns
    .command("bulk-status")
    .description(
      `change the status of up to ${VULN_BULK_STATUS_MAX_IDS} findings at once (all or nothing), named by --ids or by list filters with --from-list`,
    )
    .requiredOption("--status <status>", VULN_FINDING_STATUSES.join(", "))
    .option("--reason <reason>", `to dismiss: ${VULN_DISMISSAL_REASONS.join(", ")}`)
    .option("--comment <text>", "required to dismiss and to resolve")
    .option(
      "--justification <j>",
      `VEX justification of a dismissal: ${VULN_VEX_JUSTIFICATIONS.join(", ")}`,
    )
    .option("--ids <ids>", "finding ids, comma-separated")
    .option("--from-list", "take the findings the filters below match")
    .option("--asset <asset>", "filter: asset key or id")
    .option("--severity <severity>", "filter")
    .option("--current <status>", "filter: current status, open or closed")
    .option("--vuln-id <id>", "filter")
    .option("--package <name>", "filter")
    .option("--q <text>", "filter: search text")
    .action(async (o: Record<string, string | boolean | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const str = (k: string) => {
        const v = o[k];
        return typeof v === "string" ? v : undefined;
      };
      oneOf("--status", str("status"), VULN_FINDING_STATUSES);
      oneOf("--reason", str("reason"), VULN_DISMISSAL_REASONS);
      oneOf("--justification", str("justification"), VULN_VEX_JUSTIFICATIONS);
      if (Boolean(o.ids) === Boolean(o.fromList)) {
        throw new AppError("validation_failed", "name the findings with --ids or --from-list", [
          { path: "--ids", message: "give exactly one of --ids and --from-list" },
        ]);
      }
      const r = await withBackend(g, async (b) => {
        const ids = o.fromList
          ? await idsFromList(
              b,
              Object.fromEntries(
                Object.entries({
                  asset: str("asset"),
                  severity: str("severity"),
                  status: str("current"),
                  vulnId: str("vulnId"),
                  package: str("package"),
                  q: str("q"),
                }).filter(([, v]) => v !== undefined),
              ),
            )
          : str("ids")!
              .split(",")
              .map((x) => x.trim())
              .filter(Boolean);
        if (ids.length === 0) {
          throw new AppError("not_found", "no finding matches the filters", [
            { path: "--from-list", message: "nothing to change" },
          ]);
        }
        const body = Object.fromEntries(
          Object.entries({
            ids,
            status: str("status"),
            reason: str("reason"),
            comment: str("comment"),
            justification: str("justification"),
          }).filter(([, v]) => v !== undefined),
        ) as unknown as VulnBulkStatusBody;
        return b.vulnStates.bulkStatus(body);
      });
      if (g.json) return printJson(r);
      process.stdout.write(`${r.changed} changed, ${r.unchanged} unchanged\n`);
    });
}
