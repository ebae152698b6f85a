import type { Command } from "commander";
import { AppError, systemClock } from "@infrasec/core";
import { loadConfig, openConfiguredDatabase } from "@infrasec/server";
import { natsConfig, startDetectionWorker } from "@infrasec/services";
import { createStore } from "@infrasec/storage";
import type { GlobalOptions } from "../cli-context";

interface WorkerCliOptions {
  nats?: string;
  partitions: string;
  id?: string;
  leaseTtl: string;
  ackWait: string;
  lateness: string;
  statsEvery: string;
}

const positive = (name: string, v: string, max: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new AppError("validation_failed", `${name} must be an integer from 1 to ${max}`, [
      { path: name, message: `got "${v}"` },
    ]);
  return n;
};

/**
 * `infrasec detect worker`: a NATS JetStream detection worker on the configured database.
 * Runs until SIGINT/SIGTERM, then hands its partitions over (leases released) and exits.
 */
export function registerDetectWorkerCommand(detect: Command): void {
  detect
    .command("worker")
    .description(
      "consume events from NATS JetStream (NATS mode of the server) and store alerts; several workers share the partitions",
    )
    .option("--nats <url>", "NATS server URL (INFRASEC_NATS_URL)")
    .option("--partitions <n>", "partitions of the stream (INFRASEC_NATS_PARTITIONS)", "8")
    .option("--id <id>", "worker id in leases and logs (default: a new UUID)")
    .option("--lease-ttl <ms>", "a partition whose owner stops renewing is free after", "15000")
    .option("--ack-wait <ms>", "unacked messages are redelivered after", "30000")
    .option("--lateness <ms>", "event-time lateness allowed to correlations", "60000")
    .option("--stats-every <ms>", "print a JSON stats line every", "60000")
    .action(async (o: WorkerCliOptions, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const url = o.nats ?? process.env.INFRASEC_NATS_URL;
      if (!url)
        throw new AppError("validation_failed", "detect worker needs --nats or INFRASEC_NATS_URL", [
          { path: "--nats", message: "missing" },
        ]);
      const partitions = positive(
        "--partitions",
        process.env.INFRASEC_NATS_PARTITIONS ?? o.partitions,
        1024,
      );
      const c = natsConfig(url, {
        partitions,
        leaseTtlMs: positive("--lease-ttl", o.leaseTtl, 3_600_000),
        ackWaitMs: positive("--ack-wait", o.ackWait, 3_600_000),
      });
      const handle = await openConfiguredDatabase(
        loadConfig(process.env, process.cwd(), { dataDir: g.dataDir }),
      );
      const log = (x: Record<string, unknown>) =>
        process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), ...x })}\n`);
      try {
        const worker = await startDetectionWorker(
          { store: createStore(handle), clock: systemClock },
          c,
          {
            workerId: o.id,
            allowedLatenessMs: positive("--lateness", o.lateness, 86_400_000),
            onError: (e, where) => log({ error: String(e), where }),
          },
        );
        log({ worker: worker.workerId, started: true, stream: c.stream, partitions });
        const timer = setInterval(
          () => log({ worker: worker.workerId, owned: worker.owned(), ...worker.stats }),
          positive("--stats-every", o.statsEvery, 86_400_000),
        );
        await new Promise<void>((done) => {
          const stop = (signal: string) => {
            clearInterval(timer);
            log({ worker: worker.workerId, signal, stopping: true });
            worker.stop().then(done, (e: unknown) => {
              log({ error: String(e), where: "stop" });
              done();
            });
          };
          process.once("SIGINT", () => stop("SIGINT"));
          process.once("SIGTERM", () => stop("SIGTERM"));
        });
        log({ worker: worker.workerId, stopped: true, ...worker.stats });
      } finally {
        await handle.close();
      }
    });
}
