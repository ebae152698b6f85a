import type { Repos } from "@infrasec/storage";
import type { Ctx } from "../shared/service-context";
import { notifyPeople } from "../shared/notify-people";

/**
 * Tells each reviewer of a new campaign how many items they have and by when (inbox plus the
 * outbound stream), in the campaign's own transaction. The launcher is not notified about items
 * assigned to themself.
 */
export async function notifyAssignedReviewers(
  tx: Repos,
  ctx: Ctx,
  campaign: { id: string; name: string; dueDate: string },
  items: readonly { reviewer: string }[],
  at: Date,
): Promise<number> {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.reviewer, (counts.get(i.reviewer) ?? 0) + 1);
  let sent = 0;
  for (const [username, n] of counts) {
    const user = await tx.users.findByUsername(username);
    if (!user) continue;
    sent += await notifyPeople(tx, {
      kind: "access_review_assigned",
      title: `Access review "${campaign.name}": ${n} item(s) to decide by ${campaign.dueDate}`,
      link: `/access/campaigns/${campaign.id}`,
      recipients: [user],
      actorId: ctx.actor.userId ?? null,
      dedupeKey: (u) => `access_review_assigned:${campaign.id}:${u}`,
      payload: {
        campaignId: campaign.id,
        campaign: campaign.name,
        dueDate: campaign.dueDate,
        items: n,
      },
      at,
    });
  }
  return sent;
}
