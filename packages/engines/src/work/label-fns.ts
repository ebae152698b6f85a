/**
 * Scoped labels with GitLab's semantics: a label is scoped when its title contains `::`; its key
 * is everything before the LAST `::` (`workflow::backend::review` has the key
 * `workflow::backend`). An item carries at most one label per key: adding another replaces it,
 * and among labels applied together the last one wins. `Review-Priority:1` (one colon) is not
 * scoped. Titles compare exactly, as GitLab stores them.
 */

/** A label title split into its scope key and value (both null for an unscoped label). */
export interface ParsedLabel {
  name: string;
  scope: string | null;
  value: string | null;
}

/** Splits a label title at its last `::`. */
export function parseLabel(name: string): ParsedLabel {
  const i = name.lastIndexOf("::");
  // A title that starts with `::` or ends with it has no key or no value: treat it as unscoped.
  if (i <= 0 || i + 2 >= name.length) return { name, scope: null, value: null };
  return { name, scope: name.slice(0, i), value: name.slice(i + 2) };
}

/** The scope key of a label, or null when it is not scoped. */
export function labelScope(name: string): string | null {
  return parseLabel(name).scope;
}

/** One replacement or addition, as the item's history records it (a system note). */
export interface LabelChangeNote {
  added: string;
  replaced: string[];
}

/** The result of applying label changes. */
export interface LabelChange {
  labels: string[];
  added: string[];
  removed: string[];
  notes: LabelChangeNote[];
}

/**
 * Applies additions then removals to a label set. Adding a scoped label removes every other
 * label of the same key (returned in `removed`, and per addition in `notes`). Labels added
 * together resolve left to right, so the last label of a key wins. Adding a label already on
 * the item, or removing one that is not, changes nothing.
 */
export function applyLabels(
  current: readonly string[],
  add: readonly string[] = [],
  remove: readonly string[] = [],
): LabelChange {
  const labels = [...new Set(current)];
  const notes: LabelChangeNote[] = [];
  for (const name of add) {
    if (labels.includes(name)) continue;
    const scope = labelScope(name);
    const replaced =
      scope === null ? [] : labels.filter((l) => l !== name && labelScope(l) === scope);
    for (const r of replaced) labels.splice(labels.indexOf(r), 1);
    labels.push(name);
    notes.push({ added: name, replaced });
  }
  for (const name of remove) {
    const i = labels.indexOf(name);
    if (i >= 0) labels.splice(i, 1);
  }
  const before = new Set(current);
  const after = new Set(labels);
  return {
    labels,
    added: labels.filter((l) => !before.has(l)),
    removed: [...before].filter((l) => !after.has(l)),
    // A label added and then removed in the same call leaves no trace in the history.
    notes: notes.filter((n) => after.has(n.added)),
  };
}

/** Removes every label of the given scope keys (e.g. status labels when an item closes). */
export function removeLabelScopes(
  current: readonly string[],
  scopes: readonly string[],
): LabelChange {
  return applyLabels(
    current,
    [],
    current.filter((l) => {
      const s = labelScope(l);
      return s !== null && scopes.includes(s);
    }),
  );
}

/** The value of a scope on an item (`InfraSec` → `WIP`), or null. */
export function scopeValue(labels: readonly string[], scope: string): string | null {
  for (const l of labels) {
    const p = parseLabel(l);
    if (p.scope === scope) return p.value;
  }
  return null;
}

/** A human sentence for a label change, for the history and the audit summary. */
export function describeLabelChange(change: LabelChange): string {
  const parts: string[] = [];
  for (const n of change.notes) {
    parts.push(
      n.replaced.length > 0
        ? `replaced ~"${n.replaced.join('", ~"')}" with ~"${n.added}"`
        : `added ~"${n.added}"`,
    );
  }
  const replaced = new Set(change.notes.flatMap((n) => n.replaced));
  const plainRemoved = change.removed.filter((r) => !replaced.has(r));
  if (plainRemoved.length > 0) parts.push(`removed ~"${plainRemoved.join('", ~"')}"`);
  return parts.length > 0 ? parts.join("; ") : "no label change";
}
