import {
  CorrelationEvaluator,
  type CorrelationFire,
  type FieldLookup,
} from "../correlation/correlation-evaluator";
import {
  DEFAULT_CORRELATION_LIMITS,
  type CorrelationLimits,
  type CorrelationStats,
} from "../correlation/correlation-state";
import type { DetectionMatch, FieldValue, SigmaEvent } from "../detect-types";
import type { CompiledCorrelation, CompiledRule, CompiledRuleSet } from "./rule-set-compiler";
import { EventView } from "./event-view";
import { PrefilterGroup } from "./rule-prefilter";

/** Options of a detector. */
export interface DetectorOptions {
  /** Events older than (latest event time − lateness) are not fed to correlations; counted as late. */
  readonly allowedLatenessMs?: number;
  readonly correlationLimits?: Partial<CorrelationLimits>;
  /** Naive mode tests every rule on every event (no logsource index, no prefilter); reference for tests. */
  readonly naive?: boolean;
  /** Attach the event to each match (default true). */
  readonly includeEvent?: boolean;
}

/** A streaming detector: feed events in, get matches out; `flush` closes open correlation windows. */
export interface Detector {
  process(event: SigmaEvent): DetectionMatch[];
  flush(): DetectionMatch[];
  /**
   * Timer-driven close: evaluates the windows that ended before `watermarkMs` (a wall clock
   * minus the allowed lateness) although no later event arrived. From then on, events older
   * than the watermark are late (plain rules only, not fed to correlations), so a closed window
   * is never reopened by a straggler.
   */
  advance(watermarkMs: number): DetectionMatch[];
  readonly stats: Readonly<CorrelationStats & { events: number; ruleEvaluations: number }>;
}

// Explanation, computed only for matches: which selections held and the values they read.
function explain(
  rule: CompiledRule,
  view: EventView,
): Pick<DetectionMatch, "selections" | "fields" | "provenance"> {
  const selections: string[] = [];
  const fields: Record<string, FieldValue> = {};
  const provenance: Record<string, string> = {};
  for (const [name, p] of rule.detection.selections) {
    if (!p(view)) continue;
    selections.push(name);
    for (const f of rule.detection.selectionFields.get(name) ?? []) {
      if (f === "") {
        fields.keywords = keywordHits(p, view);
        continue;
      }
      const v = view.get(f);
      if (!v) continue;
      fields[f] = v.values.length === 1 ? v.values[0]! : v.values;
      const from = view.event.provenance?.[f];
      if (from) provenance[f] = from;
    }
  }
  return { selections, fields, provenance };
}

/**
 * Creates a streaming detector over a compiled rule set. Pure: time comes only from event
 * timestamps; state is bounded by `correlationLimits`.
 */
export function createDetector(ruleSet: CompiledRuleSet, opts: DetectorOptions = {}): Detector {
  const limits: CorrelationLimits = { ...DEFAULT_CORRELATION_LIMITS, ...opts.correlationLimits };
  const stats = {
    evictedGroups: 0,
    droppedEntries: 0,
    lateEvents: 0,
    events: 0,
    ruleEvaluations: 0,
  };
  const lateness = opts.allowedLatenessMs ?? 60_000;
  const includeEvent = opts.includeEvent ?? true;
  const evaluators = new Map<string, CorrelationEvaluator>();
  const consumers = new Map<string, CorrelationEvaluator[]>();
  for (const c of ruleSet.correlations) {
    const ev = new CorrelationEvaluator(c, limits, stats);
    evaluators.set(c.ruleId, ev);
    for (const r of new Set(c.refs)) consumers.set(r, [...(consumers.get(r) ?? []), ev]);
  }
  const groups = new Map<string, PrefilterGroup<CompiledRule>>();
  const candidatesOf = (event: SigmaEvent, view: EventView): readonly CompiledRule[] => {
    const ls = event.logsource;
    const key = `${ls.product ?? ""}\u0000${ls.category ?? ""}\u0000${ls.service ?? ""}`;
    let g = groups.get(key);
    if (!g) {
      if (groups.size >= 1024) groups.delete(groups.keys().next().value!);
      g = new PrefilterGroup(ruleSet.index.candidates(ls));
      groups.set(key, g);
    }
    return g.select(view);
  };
  let maxTs = Number.NEGATIVE_INFINITY;
  // Raised by advance(): events before it are late whatever the events seen so far say.
  let floor = Number.NEGATIVE_INFINITY;
  let sinceSweep = 0;

  const correlationMatch = (c: CompiledCorrelation, f: CorrelationFire): DetectionMatch => ({
    ruleId: c.ruleId,
    title: c.rule.title,
    level: c.rule.level,
    author: c.rule.author,
    tags: c.rule.tags,
    timestamp: f.timestamp,
    selections: [],
    fields: f.group,
    provenance: {},
    event: includeEvent ? f.event : undefined,
    correlation: {
      type: c.rule.type,
      group: f.group,
      count: f.count,
      firstTimestamp: f.firstTimestamp,
    },
  });

  // Feeds a match of `ruleId` to the correlations using it, following chains upward.
  const propagate = (
    ruleId: string,
    t: number,
    lookup: FieldLookup,
    event: SigmaEvent | undefined,
    out: DetectionMatch[],
    depth = 0,
  ): void => {
    if (depth > 16) return;
    for (const ev of consumers.get(ruleId) ?? []) {
      for (const fire of ev.feed(ruleId, t, lookup, event)) emitFire(ev, fire, out, depth);
    }
  };
  const emitFire = (
    ev: CorrelationEvaluator,
    fire: CorrelationFire,
    out: DetectionMatch[],
    depth: number,
  ): void => {
    const c = ev.correlation;
    if (c.emit) out.push(correlationMatch(c, fire));
    // A parent correlation groups on the child's group fields, falling back to the event.
    const lookup: FieldLookup = (f) =>
      fire.group[f] ?? (fire.event ? firstString(new EventView(fire.event), f) : undefined);
    propagate(c.ruleId, fire.timestamp, lookup, fire.event, out, depth + 1);
  };

  const sweep = (watermark: number | undefined, out: DetectionMatch[]): void => {
    for (const ev of evaluators.values())
      for (const fire of ev.closeWindows(watermark)) emitFire(ev, fire, out, 0);
  };

  return {
    stats,
    process(event: SigmaEvent): DetectionMatch[] {
      stats.events++;
      const out: DetectionMatch[] = [];
      const view = new EventView(event);
      const t = event.timestamp;
      // An event without a usable time cannot be placed in a window: plain rules only.
      const late = !Number.isFinite(t) || t < maxTs - lateness || t < floor;
      if (late) stats.lateEvents++;
      if (t > maxTs) maxTs = t;
      const candidates = opts.naive ? ruleSet.rules : candidatesOf(event, view);
      for (const rule of candidates) {
        stats.ruleEvaluations++;
        if (opts.naive && !logsourceOk(rule, event)) continue;
        if (!rule.detection.predicate(view)) continue;
        if (rule.filters.some((f) => f(view))) continue;
        if (rule.emit) {
          out.push({
            ruleId: rule.ruleId,
            title: rule.rule.title,
            level: rule.rule.level,
            author: rule.rule.author,
            tags: rule.rule.tags,
            timestamp: t,
            ...explain(rule, view),
            event: includeEvent ? event : undefined,
            correlation: null,
          });
        }
        if (!late && consumers.has(rule.ruleId))
          propagate(rule.ruleId, t, (f) => firstString(view, f), event, out);
      }
      // Close finished windows of upper-bounded conditions now and then, not on every event.
      if (evaluators.size > 0 && ++sinceSweep >= 1024) {
        sinceSweep = 0;
        sweep(maxTs - lateness, out);
      }
      return out;
    },
    flush(): DetectionMatch[] {
      const out: DetectionMatch[] = [];
      sweep(undefined, out);
      return out;
    },
    advance(watermarkMs: number): DetectionMatch[] {
      const out: DetectionMatch[] = [];
      if (!Number.isFinite(watermarkMs) || watermarkMs <= floor) return out;
      floor = watermarkMs;
      if (evaluators.size > 0) sweep(watermarkMs, out);
      return out;
    },
  };
}

// Which keyword texts made a keyword selection true: the selection is re-run on each text alone.
// When only the combination of texts satisfies it (`'|all'` across fields), all are named.
function keywordHits(p: (v: EventView) => boolean, view: EventView): string[] {
  const texts = view.keywordTexts();
  if (view.event.raw !== undefined) return ["raw"];
  const hits = texts.filter((t) => p(new EventView({ ...view.event, raw: t.raw })));
  return (hits.length > 0 ? hits : texts).map((t) => t.field);
}

function firstString(view: EventView, field: string): string | undefined {
  return view.get(field)?.raw[0];
}

// Naive mode keeps routing semantics (a rule of another product never matches) but checks it
// per rule instead of through the index, so both modes must give identical matches.
function logsourceOk(rule: CompiledRule, event: SigmaEvent): boolean {
  const r = rule.logsource;
  const e = event.logsource;
  return (
    (r.product === undefined || r.product === e.product) &&
    (r.category === undefined || r.category === e.category) &&
    (r.service === undefined || r.service === e.service)
  );
}
