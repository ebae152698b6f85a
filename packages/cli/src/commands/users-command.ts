import type { Command } from "commander";
import { AppError, ROLES, type Role } from "@infrasec/core";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson, printTable } from "../output";

export function registerUsersCommand(program: Command): void {
  const users = program.command("users").description("manage users and service accounts");
  users
    .command("create <username>")
    .description(
      "create a user; prints a one-time password once unless INFRASEC_NEW_PASSWORD is set",
    )
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--display-name <name>", "full name")
    .option("--email <email>", "email address")
    .option("--service", "a service account: no password, signs in with API tokens only")
    .action(
      async (
        username: string,
        o: { role: string; displayName?: string; email?: string; service?: boolean },
        cmd: Command,
      ) => {
        if (!(ROLES as readonly string[]).includes(o.role)) {
          throw new AppError("validation_failed", `--role must be one of ${ROLES.join(", ")}`, [
            { path: "--role", message: `got ${o.role}` },
          ]);
        }
        const g = cmd.optsWithGlobals<GlobalOptions>();
        const r = await withBackend(g, (b) =>
          b.createUser({
            username,
            role: o.role as Role,
            displayName: o.displayName,
            email: o.email,
            kind: o.service ? "service" : "human",
            password: o.service ? undefined : process.env.INFRASEC_NEW_PASSWORD || undefined,
          }),
        );
        if (g.json) return printJson(r);
        process.stdout.write(
          `created ${r.user.kind} user ${r.user.username} (${r.user.role}), id ${r.user.id}\n`,
        );
        if (r.initialPassword)
          process.stdout.write(`one-time password (shown once): ${r.initialPassword}\n`);
      },
    );
  users
    .command("list")
    .description("list users")
    .action(async (_o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const list = await withBackend(g, (b) => b.listUsers());
      if (g.json) return printJson(list);
      printTable(
        list.map((u) => ({ ...u, teams: u.teams.map((t) => t.name) })),
        ["username", "role", "kind", "disabled", "locked", "lastLoginAt", "teams"],
      );
    });
}
