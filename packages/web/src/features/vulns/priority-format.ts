import type { MantineColor } from "@mantine/core";
import type { VulnEpss, VulnPriorityBand } from "@infrasec/contracts";

/** How priority, EPSS and KEV read in lists: band colours and compact texts. */

/** P1 most urgent; the severity palette, so P1 reads like critical. */
export const PRIORITY_BAND_COLORS: Readonly<Record<VulnPriorityBand, MantineColor>> = {
  P1: "red",
  P2: "orange",
  P3: "yellow",
  P4: "blue",
};

/** EPSS as a percentage with two decimals below 1 % (most scores are tiny): "0.04 %", "97 %". */
export function epssPercent(score: number): string {
  const pct = score * 100;
  if (pct < 1) return `${pct.toFixed(2)} %`;
  if (pct < 10) return `${pct.toFixed(1)} %`;
  return `${Math.round(pct)} %`;
}

/** "EPSS 97 % (99th percentile)" for the hover text of the EPSS badge. */
export function epssTitle(e: VulnEpss): string {
  const pct =
    e.percentile === null ? "" : ` (${ordinal(Math.floor(e.percentile * 100))} percentile)`;
  return `EPSS ${epssPercent(e.score)}: probability of exploitation in the next 30 days${pct}`;
}

function ordinal(n: number): string {
  const rem100 = n % 100;
  if (rem100 >= 11 && rem100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** EPSS scores at or above this get a badge in lists (the rest show as plain text). */
export const EPSS_BADGE_THRESHOLD = 0.1;
