import { CommanderError } from "commander";
import { isAppError } from "@infrasec/core";
import { EXIT, EXIT_CODE } from "./exit-codes";
import { buildProgram } from "./program";

/** Runs the CLI and returns the exit code; errors are printed with what was wrong and where. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  for (const c of program.commands) c.exitOverride();
  const applyOverride = (cmd: typeof program) => {
    cmd.exitOverride();
    cmd.commands.forEach(applyOverride);
  };
  applyOverride(program);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end with code 0; every other commander error is a usage error.
      return e.exitCode === 0 ||
        e.code === "commander.helpDisplayed" ||
        e.code === "commander.version"
        ? EXIT.ok
        : EXIT.usage;
    }
    if (isAppError(e)) {
      process.stderr.write(`error: ${e.message}\n`);
      for (const d of e.details) {
        const where = [d.file, d.line !== undefined ? `line ${d.line}` : undefined, d.path]
          .filter(Boolean)
          .join(": ");
        process.stderr.write(`  - ${where ? `${where}: ` : ""}${d.message}\n`);
      }
      return EXIT_CODE[e.code];
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE") {
      process.stderr.write(
        `error: ${err.message} (is another infrasec running? set INFRASEC_PORT)\n`,
      );
      return EXIT.usage;
    }
    process.stderr.write(`error: ${err.stack ?? String(e)}\n`);
    return EXIT.checkFailed;
  }
}
