import { Command } from "commander";
import { VERSION } from "@infrasec/server";
import { registerAccessCommand } from "./commands/access-command";
import { registerAssetsCommand } from "./commands/assets-command";
import { registerAuditCommand } from "./commands/audit-command";
import { registerDbCommand } from "./commands/db-command";
import { registerDemoCommand } from "./commands/demo-command";
import { registerDetectCommand } from "./commands/detect-command";
import { registerItemsCommand } from "./commands/items-command";
import { registerReviewCommand } from "./commands/review-command";
import { registerServeCommand } from "./commands/serve-command";
import { registerTokensCommand } from "./commands/tokens-command";
import { registerTriageCommand } from "./commands/triage-command";
import { registerUsersCommand } from "./commands/users-command";
import { registerVulnsCommand } from "./commands/vulns-command";

/** The `infrasec` command tree. Engine commands work offline; management commands run locally or remotely. */
export function buildProgram(): Command {
  const program = new Command("infrasec")
    .description(
      "infrastructure security platform: change review, vulnerabilities, access, posture, monitoring, workflow",
    )
    .version(VERSION)
    .option(
      "--server <url>",
      "remote mode: the infrasec server (or INFRASEC_SERVER); the token comes from INFRASEC_TOKEN",
    )
    .option(
      "--data-dir <dir>",
      "local mode: data directory (INFRASEC_DATA_DIR, default ./.infrasec)",
    )
    .option("--json", "machine-readable output")
    .showHelpAfterError()
    .enablePositionalOptions(false);
  registerServeCommand(program);
  registerDbCommand(program);
  registerUsersCommand(program);
  registerTokensCommand(program);
  registerAssetsCommand(program);
  registerAuditCommand(program);
  registerReviewCommand(program);
  registerVulnsCommand(program);
  registerDetectCommand(program);
  registerAccessCommand(program);
  registerItemsCommand(program);
  registerTriageCommand(program);
  registerDemoCommand(program);
  return program;
}
