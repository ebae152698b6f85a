import type { Command } from "commander";
import { loadConfig, openConfiguredDatabase } from "@infrasec/server";
import { migrationStatus } from "@infrasec/storage";
import { printJson, printTable } from "../output";
import type { GlobalOptions } from "../cli-context";

export function registerDbCommand(program: Command): void {
  const db = program.command("db").description("database administration (local mode)");
  db.command("migrate")
    .description("apply pending migrations to the configured database")
    .action(async (_o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const handle = await openConfiguredDatabase(
        loadConfig(process.env, process.cwd(), { dataDir: g.dataDir }),
      );
      try {
        const status = await migrationStatus(handle.db);
        if (g.json)
          printJson({ dialect: handle.dialect, location: handle.location, migrations: status });
        else
          process.stdout.write(
            `${handle.dialect} at ${handle.location}: ${status.length} migration(s) applied, schema up to date\n`,
          );
      } finally {
        await handle.close();
      }
    });
  db.command("status")
    .description("list migrations and whether they are applied")
    .action(async (_o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const handle = await openConfiguredDatabase(
        loadConfig(process.env, process.cwd(), { dataDir: g.dataDir }),
      );
      try {
        const status = await migrationStatus(handle.db);
        if (g.json) printJson(status);
        else printTable(status, ["name", "applied"]);
      } finally {
        await handle.close();
      }
    });
}
