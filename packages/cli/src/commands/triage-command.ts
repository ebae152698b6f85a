import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { AppError } from "@infrasec/core";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson } from "../output";
import { parseDay } from "./items-input-fns";

export function registerTriageCommand(program: Command): void {
  const triage = program.command("triage").description("the team's triage sync");
  triage
    .command("report")
    .description(
      "the triage report as Markdown: new items, missing fields, stale, overdue and blocked items",
    )
    .option("--since <YYYY-MM-DD>", "only items created or updated on or after this day")
    .option("--output <file>", "write the Markdown to a file instead of standard output")
    .action(async (o: { since?: string; output?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const since = parseDay(o.since, "--since");
      const r = await withBackend(g, (b) => b.triageReport(since));
      if (o.output) {
        try {
          writeFileSync(o.output, r.markdown.endsWith("\n") ? r.markdown : `${r.markdown}\n`);
        } catch (e) {
          throw new AppError("validation_failed", `cannot write ${o.output}`, [
            { path: "--output", file: o.output, message: (e as Error).message },
          ]);
        }
        if (g.json) return printJson({ output: o.output, generatedAt: r.generatedAt });
        process.stdout.write(`wrote the triage report to ${o.output}\n`);
        return;
      }
      if (g.json) return printJson(r);
      process.stdout.write(r.markdown.endsWith("\n") ? r.markdown : `${r.markdown}\n`);
    });
}
