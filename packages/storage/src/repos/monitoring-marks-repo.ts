import type { Executor } from "./executor";

/**
 * Per-partition high-water marks of the JetStream detection workers. `advance` runs in the
 * transaction that stores a message's alerts: it succeeds only for a sequence above the stored
 * one, so a redelivered message (or a second owner during a lease hand-over) stores nothing.
 */
export function monitoringMarksRepo(db: Executor) {
  return {
    async get(stream: string, partition: number): Promise<number> {
      const r = await db
        .selectFrom("monitoring_partition_marks")
        .select("last_seq")
        .where("stream", "=", stream)
        .where("partition", "=", partition)
        .executeTakeFirst();
      return r ? Number(r.last_seq) : 0;
    },
    /** Moves the mark to `seq` when it is higher; false when `seq` was committed already. */
    async advance(stream: string, partition: number, seq: number, at: string): Promise<boolean> {
      await db
        .insertInto("monitoring_partition_marks")
        .values({ stream, partition, last_seq: 0, updated_at: at })
        .onConflict((oc) => oc.columns(["stream", "partition"]).doNothing())
        .execute();
      // The UPDATE locks the row (PostgreSQL) and re-checks the condition after a concurrent
      // commit, so two owners of one partition cannot both pass.
      const r = await db
        .updateTable("monitoring_partition_marks")
        .set({ last_seq: seq, updated_at: at })
        .where("stream", "=", stream)
        .where("partition", "=", partition)
        .where("last_seq", "<", seq)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
export type MonitoringMarksRepo = ReturnType<typeof monitoringMarksRepo>;
