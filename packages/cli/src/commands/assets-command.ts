import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import type { Command } from "commander";
import type { AssetListQuery, ImportFormat } from "@infrasec/contracts";
import { AppError } from "@infrasec/core";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson, printTable } from "../output";

const MAX_IMPORT_BYTES = 10_000_000;

function formatOf(file: string, explicit?: string): ImportFormat {
  const f =
    explicit ??
    { ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv" }[
      extname(file).toLowerCase()
    ];
  if (f !== "yaml" && f !== "json" && f !== "csv") {
    throw new AppError(
      "validation_failed",
      `cannot tell the format of ${file}; pass --format yaml|json|csv`,
      [{ path: "--format", file, message: "unknown format" }],
    );
  }
  return f;
}

export function registerAssetsCommand(program: Command): void {
  const assets = program.command("assets").description("the asset inventory");
  assets
    .command("import <file>")
    .description("upsert assets by key from a YAML, JSON or CSV file; all or nothing, idempotent")
    .option("--format <format>", "yaml, json or csv (default: from the file extension)")
    .action(async (file: string, o: { format?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const format = formatOf(file, o.format);
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        throw new AppError("validation_failed", `cannot read ${file}`, [
          { file, message: "no such file or not readable" },
        ]);
      }
      if (size > MAX_IMPORT_BYTES)
        throw new AppError("payload_too_large", `${file} is larger than ${MAX_IMPORT_BYTES} bytes`);
      const r = await withBackend(g, (b) =>
        b.importAssets(format, readFileSync(file, "utf8"), file),
      );
      if (g.json) return printJson(r);
      process.stdout.write(
        `${file}: ${r.total} asset(s): ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged\n`,
      );
    });
  assets
    .command("list")
    .description("search and filter assets")
    .option("-q, --query <text>", "text in name, key, description or identifiers")
    .option("--kind <kind>")
    .option("--owner-team <team>")
    .option("--environment <env>")
    .option("--criticality <n>")
    .option("--exposure <exposure>")
    .option("--classification <class>")
    .option("--tag <tag>")
    .option("--sort <field>", "name, -name, criticality, -criticality, updatedAt, -updatedAt, kind")
    .option("--limit <n>", "at most 500", "100")
    .option("--offset <n>", "skip", "0")
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const q = {
        q: o.query,
        kind: o.kind,
        ownerTeam: o.ownerTeam,
        environment: o.environment,
        criticality: o.criticality,
        exposure: o.exposure,
        dataClassification: o.classification,
        tag: o.tag,
        sort: o.sort,
        limit: o.limit,
        offset: o.offset,
      } as unknown as AssetListQuery;
      const r = await withBackend(g, (b) => b.listAssets(q));
      if (g.json) return printJson(r);
      printTable(r.items, [
        "key",
        "name",
        "kind",
        "ownerTeam",
        "environment",
        "criticality",
        "exposure",
        "dataClassification",
        "tags",
      ]);
      process.stdout.write(`${r.items.length} of ${r.total}\n`);
    });
  assets
    .command("show <idOrKeyOrIdentifier>")
    .description("show one asset by id, key, or any identifier (hostname, IP, image, …)")
    .action(async (ref: string, _o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const a = await withBackend(g, (b) => b.getAsset(ref));
      if (g.json) return printJson(a);
      const lines = [
        ["id", a.id],
        ["key", a.key],
        ["name", a.name],
        ["kind", a.kind],
        ["owner team", a.ownerTeam ?? ""],
        ["environment", a.environment],
        ["criticality", String(a.criticality)],
        ["exposure", a.exposure],
        ["classification", a.dataClassification],
        ["tags", a.tags.join(", ")],
        ["identifiers", a.identifiers.map((i) => `${i.type}:${i.value}`).join(", ")],
        ["description", a.description],
        ["updated", a.updatedAt],
      ];
      for (const [k, v] of lines) process.stdout.write(`${k!.padEnd(15)} ${v}\n`);
    });
}
