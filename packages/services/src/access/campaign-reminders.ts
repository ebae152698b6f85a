import type { Repos, UserRecord } from "@infrasec/storage";
import type { ServiceDeps } from "../shared/service-context";
import { notifyPeople } from "../shared/notify-people";
import { orderedId } from "../work/work-ids";
import { businessDaysUntil } from "./business-days";

/**
 * Reminder thresholds in business days before the deadline and who hears about each (the
 * cadence the domain brief records from GitLab's access reviews): 5 a nudge, 3 a second nudge
 * (chat through the outbound stream), 2 the reviewer's manager, 0 the CISO. infrasec does not
 * know managers, so escalations go to the outbound stream (delivery integrations route them)
 * and to the person who launched the campaign.
 */
export const REMINDER_THRESHOLDS = [
  { days: 5, escalate: null },
  { days: 3, escalate: null },
  { days: 2, escalate: "manager" },
  { days: 0, escalate: "ciso" },
] as const;

/** Calendar days a revoke decision waits for the manager's validation before removal is due. */
export const REMOVAL_VALIDATION_DAYS = 7;

export interface ReminderRound {
  campaigns: number;
  reminders: number;
  escalations: number;
  overdue: number;
  removalsDue: number;
}

/**
 * One reminder round over the open campaigns. Every reminder, escalation, overdue notice and
 * removal-due event is claimed in `access_campaign_signals` first, in the same transaction, so a
 * round repeated (every hour, or in two processes) sends each one once. A reviewer who crosses
 * several thresholds at once (a campaign launched two days before its deadline) gets only the
 * most urgent one.
 */
export async function runCampaignReminders({ store, clock }: ServiceDeps): Promise<ReminderRound> {
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  const round: ReminderRound = {
    campaigns: 0,
    reminders: 0,
    escalations: 0,
    overdue: 0,
    removalsDue: 0,
  };
  for (let offset = 0; ; offset += 100) {
    const page = await store.access.campaigns.list({ status: "open" }, 100, offset);
    for (const c of page.items) {
      round.campaigns++;
      await store.transaction(async (tx) => {
        const sent = new Set((await tx.access.signals.list(c.id)).map((x) => x.signal));
        // Claimed before this round: skipped without a write; the claim still guards races.
        const claim = async (signal: string) =>
          !sent.has(signal) && (await tx.access.signals.claim(c.id, signal, iso(now)));
        const progress = await tx.access.campaigns.progress(c.id);
        const pending = progress.reviewers.filter((r) => r.decided < r.total);
        const users = await usersByName(tx, [...pending.map((r) => r.username), c.createdBy]);
        const owner = users.get(c.createdBy.toLowerCase());
        const link = `/access/campaigns/${c.id}`;
        const left = businessDaysUntil(today, c.dueDate);
        const base = { campaignId: c.id, campaign: c.name, dueDate: c.dueDate };
        if (left >= 0) {
          for (const r of pending) {
            const crossed = REMINDER_THRESHOLDS.filter((t) => left <= t.days);
            if (crossed.length === 0) continue;
            let fresh = false;
            for (const t of crossed) {
              if (await claim(`remind:${t.days}:${r.username}`)) fresh = true;
            }
            if (!fresh) continue;
            const t = crossed[crossed.length - 1]!;
            const open = r.total - r.decided;
            const reviewer = users.get(r.username.toLowerCase());
            const title =
              left === 0
                ? `Access review "${c.name}" is due today: ${open} item(s) left`
                : `Access review "${c.name}": ${open} item(s) left, due ${c.dueDate} (${left} business day(s))`;
            round.reminders += await notifyPeople(tx, {
              kind: "access_review_reminder",
              title,
              link,
              recipients: reviewer ? [reviewer] : [],
              actorId: null,
              payload: { ...base, threshold: t.days, pending: open },
              at: now,
            });
            await tx.notifications.appendEvent({
              id: orderedId(now.getTime()),
              type: "access.campaign.reminder",
              recipientId: reviewer?.id ?? null,
              payload: {
                ...base,
                reviewer: r.username,
                pending: open,
                businessDaysLeft: left,
                threshold: t.days,
                escalate: t.escalate,
                owner: c.createdBy,
              },
              createdAt: iso(now),
            });
            if (t.escalate) round.escalations++;
          }
        } else if (pending.length > 0 && (await claim("overdue"))) {
          const open = pending.reduce((n, r) => n + r.total - r.decided, 0);
          await notifyPeople(tx, {
            kind: "access_review_overdue",
            title: `Access review "${c.name}" is overdue: ${open} item(s) undecided since ${c.dueDate}`,
            link,
            recipients: [...pending.map((r) => users.get(r.username.toLowerCase())), owner].filter(
              (u): u is UserRecord => !!u,
            ),
            actorId: null,
            payload: { ...base, pending: open },
            at: now,
          });
          await tx.notifications.appendEvent({
            id: orderedId(now.getTime()),
            type: "access.campaign.overdue",
            recipientId: null,
            payload: {
              ...base,
              pending: open,
              reviewers: pending.map((r) => ({
                reviewer: r.username,
                pending: r.total - r.decided,
              })),
              owner: c.createdBy,
            },
            createdAt: iso(now),
          });
          round.overdue++;
        }
        round.removalsDue += await removalsDue(tx, c.id, base, now, claim);
      });
    }
    if (offset + page.items.length >= page.total || page.items.length === 0) break;
  }
  return round;
}

/**
 * Revoke decisions whose 7-day validation window has passed: the access is now due for removal
 * (without the manager's objection it is removed, as the review policy says). One event per
 * campaign and round lists them; each decision is announced once.
 */
async function removalsDue(
  tx: Repos,
  campaignId: string,
  base: Record<string, unknown>,
  now: Date,
  claim: (signal: string) => Promise<boolean>,
): Promise<number> {
  const cutoff = new Date(now.getTime() - REMOVAL_VALIDATION_DAYS * 86_400_000).toISOString();
  const due = (await tx.access.campaigns.listItems(campaignId, { decision: "revoke" }, 10_000, 0))
    .items;
  const fresh = [];
  for (const item of due) {
    if (!item.decidedAt || item.decidedAt > cutoff) continue;
    if (await claim(`removal_due:${item.id}`)) fresh.push(item);
  }
  if (fresh.length === 0) return 0;
  await tx.notifications.appendEvent({
    id: orderedId(now.getTime()),
    type: "access.revocation.due",
    recipientId: null,
    payload: {
      ...base,
      validationDays: REMOVAL_VALIDATION_DAYS,
      items: fresh.map((i) => ({
        itemId: i.id,
        principal: i.principalId,
        entitlement: i.entitlementKey,
        decidedBy: i.decidedBy,
        decidedAt: i.decidedAt,
        followUpTicket: i.followUpTicket,
      })),
    },
    createdAt: iso(now),
  });
  return fresh.length;
}

async function usersByName(tx: Repos, names: string[]): Promise<Map<string, UserRecord>> {
  const out = new Map<string, UserRecord>();
  for (const name of new Set(names.map((n) => n.toLowerCase()))) {
    const u = await tx.users.findByUsername(name);
    if (u) out.set(name, u);
  }
  return out;
}

function iso(d: Date): string {
  return d.toISOString();
}
