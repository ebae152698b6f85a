import type { BackgroundTask } from "./background-tasks";

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface BackgroundScheduler {
  /** Runs every task once now (awaited), then on its interval. */
  start(): Promise<void>;
  /** Stops the timers and waits for rounds in flight. */
  stop(): Promise<void>;
}

/**
 * Runs background tasks on timers. A round never overlaps the previous round of the same task (a
 * slow sweep skips ticks instead of piling up), a failing round is logged and retried on the next
 * tick (the server keeps serving), and timers are unref'd so they never keep the process alive.
 */
export function createBackgroundScheduler(
  tasks: readonly BackgroundTask[],
  log: SchedulerLog | false,
): BackgroundScheduler {
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;

  function round(task: BackgroundTask): Promise<void> {
    const running = inFlight.get(task.name);
    if (running) return running;
    const p = (async () => {
      try {
        const summary = await task.run();
        if (log && summary && Object.values(summary).some((n) => n > 0))
          log.info({ task: task.name, ...summary }, "background task round");
      } catch (err) {
        if (log) log.warn({ task: task.name, err }, "background task failed; retried next round");
      } finally {
        inFlight.delete(task.name);
      }
    })();
    inFlight.set(task.name, p);
    return p;
  }

  return {
    async start() {
      for (const task of tasks) {
        await round(task);
        if (stopped) return;
        const t = setInterval(() => {
          if (!stopped) void round(task);
        }, task.everyMs);
        t.unref();
        timers.push(t);
      }
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.all([...inFlight.values()]);
    },
  };
}
