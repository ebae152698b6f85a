import type { EpicView } from "@infrasec/contracts";

/** How an epic's or milestone's progress reads in lists and on detail pages. */

type ProgressView = EpicView["progress"];

/** "3/5 closed". */
export function countLabel(p: ProgressView): string {
  return `${p.closed}/${p.total} closed`;
}

/** "weight 8/13", or null when no child carries a weight (progress is then by count). */
export function weightLabel(p: ProgressView): string | null {
  return p.totalWeight > 0 ? `weight ${p.closedWeight}/${p.totalWeight}` : null;
}

/** The full sentence for screen readers and tooltips. */
export function progressSentence(p: ProgressView): string {
  const basis = p.totalWeight > 0 ? "by weight" : "by count";
  const weight = weightLabel(p);
  return `${Math.round(p.percent)}% done ${basis}: ${countLabel(p)}${weight ? `, ${weight}` : ""}`;
}

/** Colour of a progress bar: done is green, otherwise the app's primary colour. */
export function progressColor(p: ProgressView): string {
  return p.total > 0 && p.percent >= 100 ? "green" : "indigo";
}

/** The newest status update of an epic, or null. */
export function latestUpdate(epic: Pick<EpicView, "updates">): EpicView["updates"][number] | null {
  let latest: EpicView["updates"][number] | null = null;
  for (const u of epic.updates) if (!latest || u.createdAt > latest.createdAt) latest = u;
  return latest;
}

/** Whether the assessed health differs from the owner's declared health on the item. */
export function healthDiffers(epic: Pick<EpicView, "item" | "assessed">): boolean {
  return epic.item.health !== null && epic.item.health !== epic.assessed.health;
}
