import type { Command } from "commander";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson } from "../output";

export function registerDemoCommand(program: Command): void {
  const demo = program.command("demo").description("demo data for a first look");
  demo
    .command("load")
    .description(
      "local mode only: load demo users (eve, sam), work items of every kind, labels, an epic, " +
        "a milestone and an OKR into the configured database; running it again changes nothing",
    )
    .action(async (_o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const r = await withBackend(g, (b) => b.loadDemoData());
      if (g.json) return printJson(r);
      if (r.alreadyLoaded) {
        process.stdout.write("demo data already loaded; nothing changed\n");
        return;
      }
      process.stdout.write(
        `loaded demo data: ${r.items.length} work item(s), ${r.milestones.length} milestone(s), ` +
          `${r.objectives.length} objective(s)\n`,
      );
      for (const u of r.users) {
        process.stdout.write(
          u.initialPassword
            ? `user ${u.username} (${u.role}): one-time password (shown once): ${u.initialPassword}\n`
            : `user ${u.username} (${u.role}) already existed; password unchanged\n`,
        );
      }
      process.stdout.write("try: infrasec items list --label InfraSec::triage\n");
    });
}
