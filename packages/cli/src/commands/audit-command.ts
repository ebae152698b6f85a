import { createWriteStream } from "node:fs";
import type { Command } from "commander";
import { AppError } from "@infrasec/core";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson } from "../output";

export function registerAuditCommand(program: Command): void {
  const audit = program.command("audit").description("the tamper-evident audit log");
  audit
    .command("verify")
    .description("check the hash chain; exit 1 naming the first broken event")
    .action(async (_o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const r = await withBackend(g, (b) => b.verifyAudit());
      if (g.json) printJson(r);
      else if (r.ok) process.stdout.write(`audit log intact: ${r.checked} event(s) verified\n`);
      else
        process.stdout.write(
          `audit log BROKEN at event ${r.firstBroken!.seq} (${r.firstBroken!.id || "end of chain"}): ${r.firstBroken!.reason}; ${r.checked} event(s) before it verified\n`,
        );
      if (!r.ok) throw new AppError("integrity_failed", "audit chain verification failed");
    });
  audit
    .command("export")
    .description("export the audit log (newest first) as NDJSON or CSV")
    .option("--format <format>", "ndjson or csv", "ndjson")
    .option("--output <file>", "write to a file instead of standard output")
    .option("--actor <name>")
    .option("--action <action>")
    .option("--target-type <type>")
    .option("--since <iso>")
    .option("--until <iso>")
    .action(
      async (
        o: {
          format: string;
          output?: string;
          actor?: string;
          action?: string;
          targetType?: string;
          since?: string;
          until?: string;
        },
        cmd: Command,
      ) => {
        const g = cmd.optsWithGlobals<GlobalOptions>();
        if (o.format !== "ndjson" && o.format !== "csv")
          throw new AppError("validation_failed", "--format must be ndjson or csv", [
            { path: "--format", message: `got ${o.format}` },
          ]);
        const out = o.output ? createWriteStream(o.output) : process.stdout;
        await withBackend(g, (b) =>
          b.exportAudit(
            {
              actor: o.actor,
              action: o.action,
              targetType: o.targetType,
              since: o.since,
              until: o.until,
            },
            o.format as "ndjson" | "csv",
            (chunk) => out.write(chunk),
          ),
        );
        if (o.output)
          await new Promise<void>((r) => (out as ReturnType<typeof createWriteStream>).end(r));
      },
    );
}
