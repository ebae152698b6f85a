import type { Executor } from "./executor";

/** Which reminders and escalations an access-review campaign has sent (each at most once). */
export function accessSignalsRepo(db: Executor) {
  return {
    /** Records a signal; false when it was sent already (by this or another process). */
    async claim(campaignId: string, signal: string, at: string): Promise<boolean> {
      const r = await db
        .insertInto("access_campaign_signals")
        .values({ campaign_id: campaignId, signal, sent_at: at })
        .onConflict((oc) => oc.columns(["campaign_id", "signal"]).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async list(campaignId: string): Promise<{ signal: string; sentAt: string }[]> {
      const rows = await db
        .selectFrom("access_campaign_signals")
        .select(["signal", "sent_at"])
        .where("campaign_id", "=", campaignId)
        .orderBy("sent_at")
        .orderBy("signal")
        .execute();
      return rows.map((r) => ({ signal: r.signal, sentAt: r.sent_at }));
    },
  };
}
export type AccessSignalsRepo = ReturnType<typeof accessSignalsRepo>;
