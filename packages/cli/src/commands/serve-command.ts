import type { Command } from "commander";
import { loadConfig, startServer } from "@infrasec/server";

/** `infrasec serve`: the platform on the configured database, until SIGINT/SIGTERM. */
export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description(
      "start the infrasec server (embedded SQLite in INFRASEC_DATA_DIR unless DATABASE_URL is set)",
    )
    .option("--port <port>", "port to listen on (INFRASEC_PORT, default 8080)")
    .option("--host <host>", "address to bind (INFRASEC_HOST, default 127.0.0.1)")
    .option("--data-dir <dir>", "data directory (INFRASEC_DATA_DIR, default ./.infrasec)")
    .action(async (o: { port?: string; host?: string; dataDir?: string }) => {
      const config = loadConfig(process.env, process.cwd(), {
        port: o.port === undefined ? undefined : (o.port as unknown as number),
        host: o.host,
        dataDir: o.dataDir,
      });
      const server = await startServer(config);
      const shown = server.url.replace("127.0.0.1", "localhost");
      process.stderr.write(`\ninfrasec is running at ${shown}\n`);
      if (server.initialAdminPassword) {
        process.stderr.write(
          `\nFirst start: created the user "admin" with this one-time password (shown only now):\n\n    ${server.initialAdminPassword}\n\nSign in at ${shown} and choose a new password.\n\n`,
        );
      }
      await new Promise<void>((resolveStop) => {
        const stop = (signal: string) => {
          process.stderr.write(`\n${signal}: shutting down…\n`);
          server.close().then(resolveStop, (e: unknown) => {
            process.stderr.write(`error during shutdown: ${String(e)}\n`);
            resolveStop();
          });
        };
        process.once("SIGINT", () => stop("SIGINT"));
        process.once("SIGTERM", () => stop("SIGTERM"));
      });
    });
}
