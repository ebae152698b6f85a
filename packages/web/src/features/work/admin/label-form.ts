import { labelScope } from "@infrasec/engines/work";

/**
 * What the label form explains as the admin types a name: scoped labels (`Scope::value`, key =
 * everything before the last `::`) exclude the other values of their scope on one item.
 */
export function scopeHint(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return "Write Scope::value for a scoped label, or a plain name.";
  const scope = labelScope(trimmed);
  if (scope === null) return "Unscoped: an item may carry it together with any other label.";
  return `Scoped “${scope}”: an item carries at most one ${scope}:: label, so adding this one removes the other ${scope}:: label.`;
}

/** A random-free default colour for a new label, cycling through readable hues by name. */
export const LABEL_SWATCHES = [
  "#1f75cb",
  "#5843ad",
  "#0e8a16",
  "#d9534f",
  "#e9be74",
  "#8fbc8f",
  "#6699cc",
  "#868686",
  "#ed9121",
  "#009966",
] as const;

/** Whether a colour is a #rrggbb hex, as the API requires. */
export function isHexColor(value: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(value);
}
