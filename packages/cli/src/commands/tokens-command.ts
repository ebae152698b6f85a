import type { Command } from "commander";
import { AppError, PERMISSIONS, type Permission } from "@infrasec/core";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson, printTable } from "../output";

function parseScopes(raw: string | undefined): Permission[] | undefined {
  if (!raw) return undefined;
  const scopes = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = scopes.filter((s) => !(PERMISSIONS as readonly string[]).includes(s));
  if (bad.length)
    throw new AppError("validation_failed", `unknown scope(s): ${bad.join(", ")}`, [
      { path: "--scopes", message: `known: ${PERMISSIONS.join(", ")}` },
    ]);
  return scopes as Permission[];
}

export function registerTokensCommand(program: Command): void {
  const tokens = program
    .command("tokens")
    .description("manage API tokens for the CLI and CI pipelines");
  tokens
    .command("create")
    .description("create a token and print its secret once")
    .requiredOption("--name <name>", "what the token is for, e.g. ci")
    .option("--user <username>", "owner (local mode: required; remote: defaults to the caller)")
    .option("--scopes <list>", "comma-separated permissions; default: all of the owner's role")
    .option("--expires-in-days <n>", "1 to 730; default: no expiry")
    .action(
      async (
        o: { name: string; user?: string; scopes?: string; expiresInDays?: string },
        cmd: Command,
      ) => {
        const g = cmd.optsWithGlobals<GlobalOptions>();
        const days = o.expiresInDays === undefined ? undefined : Number(o.expiresInDays);
        if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 730)) {
          throw new AppError(
            "validation_failed",
            "--expires-in-days must be a whole number from 1 to 730",
            [{ path: "--expires-in-days", message: `got ${o.expiresInDays}` }],
          );
        }
        const r = await withBackend(g, async (b) => {
          if (b.mode === "local" && !o.user)
            throw new AppError("validation_failed", "local mode needs --user", [
              { path: "--user", message: "required" },
            ]);
          const userId = o.user ? await b.findUserId(o.user) : undefined;
          return b.createToken({
            name: o.name,
            userId,
            scopes: parseScopes(o.scopes),
            expiresInDays: days,
          });
        });
        if (g.json) return printJson(r);
        process.stderr.write(
          `created token ${r.token.name} for ${r.token.username} (id ${r.token.id}); it is shown only now:\n`,
        );
        process.stdout.write(`${r.secret}\n`);
      },
    );
  tokens
    .command("list")
    .description("list tokens (never their secrets)")
    .option("--all", "everyone's tokens (needs tokens:manage in remote mode)")
    .action(async (o: { all?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const list = await withBackend(g, (b) => b.listTokens(Boolean(o.all)));
      if (g.json) return printJson(list);
      printTable(
        list.map((t) => ({ ...t, scopes: t.scopes.length ? t.scopes : ["(role)"] })),
        ["id", "name", "username", "prefix", "scopes", "expiresAt", "lastUsedAt", "revokedAt"],
      );
    });
  tokens
    .command("revoke <id>")
    .description("revoke a token")
    .action(async (id: string, _o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const t = await withBackend(g, (b) => b.revokeToken(id));
      if (g.json) return printJson(t);
      process.stdout.write(`revoked token ${t.name} (${t.prefix}…)\n`);
    });
}
