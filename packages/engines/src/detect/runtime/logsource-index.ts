import type { Logsource } from "../detect-types";

/**
 * Routes events to the rules that can match them: a rule is a candidate only when every
 * logsource attribute it sets equals the event's tag (a correctness filter, not only speed).
 * Candidate lists are cached per distinct event logsource, bounded in number.
 */
export class LogsourceIndex<T extends { readonly logsource: Logsource }> {
  private readonly cache = new Map<string, readonly T[]>();

  constructor(
    private readonly items: readonly T[],
    private readonly maxCached = 1024,
  ) {}

  /** Rules whose logsource accepts the event's logsource. */
  candidates(ls: Logsource): readonly T[] {
    const key = `${ls.product ?? ""}\u0000${ls.category ?? ""}\u0000${ls.service ?? ""}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const list = this.items.filter((r) => logsourceAccepts(r.logsource, ls));
    if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, list);
    return list;
  }
}

/** True when every attribute the rule sets equals the event's tag. */
export function logsourceAccepts(rule: Logsource, event: Logsource): boolean {
  return (
    (rule.product === undefined || rule.product === event.product) &&
    (rule.category === undefined || rule.category === event.category) &&
    (rule.service === undefined || rule.service === event.service)
  );
}
