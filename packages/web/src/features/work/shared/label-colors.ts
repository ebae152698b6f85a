import { labelScope } from "@infrasec/engines/work";
import type { LabelView } from "@infrasec/contracts";

/** Colour of a label missing from the catalogue (deleted, or synced from elsewhere). */
export const UNKNOWN_LABEL_COLOR = "#868e96";

/** Black or white text, whichever reads better on the label colour (WCAG luminance). */
export function labelTextColor(background: string): "#000" | "#fff" {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background);
  if (!m) return "#fff";
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? "0", 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is (1.05)/(L+0.05); with black (L+0.05)/0.05. Pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#fff" : "#000";
}

/** A label split for display: scoped labels show "Scope | value". */
export interface LabelParts {
  name: string;
  scope: string | null;
  value: string;
  color: string;
  description: string;
}

export function labelParts(name: string, catalog?: ReadonlyMap<string, LabelView>): LabelParts {
  const scope = labelScope(name);
  const def = catalog?.get(name);
  return {
    name,
    scope,
    value: scope === null ? name : name.slice(scope.length + 2),
    color: def?.color ?? UNKNOWN_LABEL_COLOR,
    description: def?.description ?? "",
  };
}

/** The catalogue keyed by label name. */
export function catalogMap(labels: readonly LabelView[] | undefined): Map<string, LabelView> {
  return new Map((labels ?? []).map((l) => [l.name, l]));
}
