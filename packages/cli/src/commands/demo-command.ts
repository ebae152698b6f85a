import type { Command } from "commander";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson } from "../output";

export function registerDemoCommand(program: Command): void {
  const demo = program.command("demo").description("demo data for a first look");
  demo
    .command("load")
    .description(
      "local mode only: load demo users (eve, sam), work items of every kind, labels, an epic, " +
        "a milestone and an OKR, and four assets with 120 days of vulnerability scans, status " +
        "changes, exceptions, EPSS and KEV samples into the configured database; running it " +
        "again changes nothing",
    )
    .action(async (_o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const r = await withBackend(g, (b) => b.loadDemoData());
      if (g.json) return printJson(r);
      const v = r.vulns;
      if (r.alreadyLoaded && (!v || v.alreadyLoaded)) {
        process.stdout.write("demo data already loaded; nothing changed\n");
        return;
      }
      if (!r.alreadyLoaded) {
        process.stdout.write(
          `loaded demo data: ${r.items.length} work item(s), ${r.milestones.length} milestone(s), ` +
            `${r.objectives.length} objective(s)\n`,
        );
      }
      if (v && !v.alreadyLoaded) {
        process.stdout.write(
          `loaded vulnerability demo: ${v.assets.length} asset(s) (${v.assets.filter((a) => a.created).length} new), ` +
            `${v.imports} scan import(s) over 120 days, ${v.openFindings} open finding(s), ` +
            `${v.exceptions.length} exception(s)\n`,
        );
      }
      for (const u of r.users) {
        process.stdout.write(
          u.initialPassword
            ? `user ${u.username} (${u.role}): one-time password (shown once): ${u.initialPassword}\n`
            : `user ${u.username} (${u.role}) already existed; password unchanged\n`,
        );
      }
      process.stdout.write(
        "try: infrasec items list --label InfraSec::triage, or open Vulnerabilities → Dashboard\n",
      );
    });
}
