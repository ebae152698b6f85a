import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import type { FastifyInstance } from "fastify";
import { systemActor, systemClock } from "@infrasec/core";
import type { Clock } from "@infrasec/core";
import { createJetStreamPublisher, createServices, natsConfig } from "@infrasec/services";
import type { Services } from "@infrasec/services";
import { createStore, migrateToLatest, openDatabase } from "@infrasec/storage";
import type { DatabaseHandle } from "@infrasec/storage";
import { buildApp } from "./app";
import { createBackgroundScheduler } from "./background-scheduler";
import { backgroundTasks } from "./background-tasks";
import type { ServerConfig } from "./config/config";
import { VERSION } from "./version";

export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  url: string;
  /** Set when this start created the first admin with a generated one-time password. */
  initialAdminPassword: string | null;
  close(): Promise<void>;
}

/** SQLite file inside the data directory, unless DATABASE_URL says otherwise. */
export function sqlitePathFor(config: Pick<ServerConfig, "dataDir">): string {
  return join(resolve(config.dataDir), "infrasec.sqlite");
}

/**
 * Where uploaded vulnerability reports wait for their import job (inside the data directory, so
 * a job waiting for confirmation keeps its report across restarts), and the upload limit.
 * Shared by `serve` and the CLI's local mode.
 */
export function vulnsUploadOptions(
  config: Pick<ServerConfig, "dataDir"> & Partial<Pick<ServerConfig, "vulnUploadLimitBytes">>,
): { spoolDir: string; maxUploadBytes?: number } {
  return {
    spoolDir: join(resolve(config.dataDir), "vuln-uploads"),
    maxUploadBytes: config.vulnUploadLimitBytes,
  };
}

/** Opens (and migrates) the configured database. Shared by `serve` and local CLI commands. */
export async function openConfiguredDatabase(
  config: Pick<ServerConfig, "dataDir" | "databaseUrl">,
  onIdleError?: (err: Error) => void,
): Promise<DatabaseHandle> {
  const handle = openDatabase({
    url: config.databaseUrl,
    sqlitePath: sqlitePathFor(config),
    onIdleError,
  });
  try {
    await migrateToLatest(handle.db);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}

/** Finds the built web app: INFRASEC_WEB_DIR, else packages/web/dist of this checkout. */
function defaultWebDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [
    join(here, "../../web/dist"),
    join(here, "../../../web/dist"),
    resolve("packages/web/dist"),
  ]) {
    if (existsSync(join(candidate, "index.html"))) return candidate;
  }
  return undefined;
}

/** Composition root: database, services, first admin, HTTP app, listening socket, shutdown. */
export async function startServer(
  config: ServerConfig,
  opts: { clock?: Clock; logger?: pino.Logger | false } = {},
): Promise<RunningServer> {
  const logger =
    opts.logger === undefined
      ? pino({
          level: config.logLevel,
          redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
        })
      : opts.logger;
  const handle = await openConfiguredDatabase(config, (err) => {
    if (logger) logger.warn({ err }, "an idle database connection failed; the pool replaces it");
  });
  // NATS mode (INFRASEC_NATS_URL): ingestion publishes, `infrasec detect worker` detects.
  const publisher = config.natsUrl
    ? createJetStreamPublisher(natsConfig(config.natsUrl, { partitions: config.natsPartitions }))
    : undefined;
  const services = createServices({
    store: createStore(handle),
    clock: opts.clock ?? systemClock,
    vulns: vulnsUploadOptions(config),
    monitoring: publisher ? { publisher } : undefined,
  });
  const boot = await services.users.bootstrapAdmin(
    { actor: systemActor, requestId: "bootstrap" },
    config.adminPassword,
  );
  // Import jobs of a process that died mid-run are marked failed (their transaction rolled back).
  await services.vulns.recoverInterruptedJobs();

  let shuttingDown = false;
  const app = await buildApp({
    services,
    config: { ...config, webDir: config.webDir ?? defaultWebDir() },
    logger,
    version: VERSION,
    isShuttingDown: () => shuttingDown,
  });
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await app.close();
    await handle.close();
    throw e;
  }
  if (logger)
    logger.info(
      { address, database: handle.dialect, location: handle.location },
      "infrasec is listening",
    );
  // Sweeps (SLA clocks, exception expiry, reminders) run after the socket is open, so a slow
  // first round never delays start-up; `INFRASEC_BACKGROUND_TASKS=off` disables them.
  const scheduler = createBackgroundScheduler(
    config.backgroundTasks === false ? [] : backgroundTasks(services),
    logger,
  );
  void scheduler.start();
  return {
    app,
    services,
    url: address,
    initialAdminPassword: boot.initialPassword,
    async close() {
      shuttingDown = true;
      await app.close(); // stops accepting, lets in-flight requests finish
      await scheduler.stop(); // lets a sweep in flight commit
      await services.vulns.idle(); // lets running import jobs commit or roll back
      await publisher?.close();
      await handle.close();
    },
  };
}
