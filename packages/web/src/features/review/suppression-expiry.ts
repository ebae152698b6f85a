import type { ReviewSuppression } from "@infrasec/contracts";

/**
 * How a suppression's expiry and state read in the list. The server computes `expiresInDays`
 * (negative once past) on its own clock, so the browser's clock never disagrees with the
 * `expired` state it reports.
 */

export type ExpiryState = "expired" | "soon" | "later" | "none";

export interface ExpiryView {
  state: ExpiryState;
  /** "expired 3 days ago", "expires today", "expires in 12 days", "no expiry". */
  label: string;
  color: string;
}

/** Expiring within this many days counts as "soon" (a month of notice to renew or fix). */
export const EXPIRY_SOON_DAYS = 30;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function expiryView(expiresInDays: number | null | undefined): ExpiryView {
  if (expiresInDays === null || expiresInDays === undefined || !Number.isFinite(expiresInDays))
    return { state: "none", label: "no expiry", color: "gray" };
  const days = Math.trunc(expiresInDays);
  // "until 2026-12-31" still applies on that day: the engine stops at until < today.
  if (days < 0)
    return { state: "expired", label: `expired ${plural(-days, "day")} ago`, color: "red" };
  const label = days === 0 ? "expires today" : `expires in ${plural(days, "day")}`;
  if (days <= EXPIRY_SOON_DAYS) return { state: "soon", label, color: "orange" };
  return { state: "later", label, color: "green" };
}

export interface StateBadge {
  label: string;
  color: string;
  title: string;
}

/** The state badges beside the expiry: stale (matched nothing) and expired (stopped suppressing). */
export function suppressionStateBadges(
  s: Pick<ReviewSuppression, "state" | "expiresInDays" | "matched">,
): StateBadge[] {
  const out: StateBadge[] = [];
  if (s.state === "expired" || (s.expiresInDays !== null && s.expiresInDays < 0))
    out.push({
      label: "expired",
      color: "red",
      title: "Past its expiry: it no longer suppresses, the finding is reported again",
    });
  if (s.state === "stale")
    out.push({
      label: "stale",
      color: "gray",
      title: "Matched no finding in the latest run: remove it, or fix its rule or scope",
    });
  return out;
}

/** Where a suppression applies, in one line: `file:line`, then resource and attribute scope. */
export function suppressionWhere(
  s: Pick<ReviewSuppression, "file" | "line" | "resource" | "attribute">,
): string {
  const at = s.line > 0 ? `${s.file}:${s.line}` : s.file;
  const scope = [s.resource, s.attribute].filter(Boolean).join(" · ");
  return scope ? `${at} (${scope})` : at;
}
