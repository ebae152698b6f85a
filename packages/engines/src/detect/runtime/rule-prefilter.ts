import type { ConditionNode } from "../condition/condition-ast";
import { expandPattern } from "../condition/condition-compiler";
import { AhoCorasick } from "../match/aho-corasick";
import { parseWildcard } from "../match/wildcard-matcher";
import type { DetectionDef } from "../rules/rule-types";
import type { EventView } from "./event-view";

/**
 * A literal that must occur (lower-cased) in a field for a rule to possibly match. `field` ""
 * means the keyword texts. A rule's atoms are a disjunction: if none occurs, the rule cannot
 * match and is not evaluated. Rules without atoms are always evaluated.
 */
export interface Atom {
  readonly field: string;
  readonly literal: string;
}

// Modifiers that change the searched text or are not substring tests: no sound literal.
const OPAQUE = new Set([
  "re",
  "cidr",
  "exists",
  "fieldref",
  "neq",
  "expand",
  "windash",
  "base64",
  "base64offset",
  "utf16le",
  "utf16be",
  "utf16",
  "wide",
  "lt",
  "lte",
  "gt",
  "gte",
  "minute",
  "hour",
  "day",
  "week",
  "month",
  "year",
]);

function literalOf(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return undefined;
  let best = "";
  for (const seg of parseWildcard(value.toLowerCase()).segments) {
    let run = "";
    for (const c of [...seg, null]) {
      if (c === null) {
        if (run.length > best.length) best = run;
        run = "";
      } else run += c;
    }
  }
  return best === "" ? undefined : best;
}

/** Prefers the disjunction whose weakest literal is longest, then the one with fewer atoms. */
function best(options: (Atom[] | undefined)[]): Atom[] | undefined {
  let pick: Atom[] | undefined;
  const score = (a: Atom[]): number =>
    Math.min(...a.map((x) => x.literal.length)) * 1000 - a.length;
  for (const o of options) if (o && (!pick || score(o) > score(pick))) pick = o;
  return pick;
}

function union(options: (Atom[] | undefined)[]): Atom[] | undefined {
  if (options.some((o) => o === undefined)) return undefined;
  return (options as Atom[][]).flat();
}

function itemAtoms(key: string, value: unknown): Atom[] | undefined {
  const [field, ...mods] = key.split("|");
  if (mods.some((m) => OPAQUE.has(m))) return undefined;
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  const lits = values.map(literalOf);
  if (lits.length === 0 || lits.some((l) => l === undefined)) return undefined;
  const atoms = (lits as string[]).map((literal) => ({ field: field ?? "", literal }));
  return mods.includes("all") ? best(atoms.map((a) => [a])) : atoms;
}

function selectionAtoms(value: unknown): Atom[] | undefined {
  const isMap = (x: unknown): x is Record<string, unknown> =>
    x !== null && typeof x === "object" && !Array.isArray(x);
  if (isMap(value)) return best(Object.entries(value).map(([k, v]) => itemAtoms(k, v)));
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length > 0 && list.every(isMap)) return union(list.map(selectionAtoms));
  return itemAtoms("", list);
}

/** Derives a rule's prefilter atoms from its detection; undefined when none are sound. */
export function requiredAtoms(def: DetectionDef): Atom[] | undefined {
  const names = [...def.selections.keys()];
  const go = (n: ConditionNode): Atom[] | undefined => {
    switch (n.kind) {
      case "ref":
        return selectionAtoms(def.selections.get(n.name));
      case "not":
        return undefined;
      case "and":
        return best(n.operands.map(go));
      case "or":
        return union(n.operands.map(go));
      case "of": {
        const parts = expandPattern(n.pattern, names).map((name) => go({ kind: "ref", name }));
        return n.quantifier === "all" ? best(parts) : union(parts);
      }
    }
  };
  return go(def.condition);
}

/**
 * The rules of one logsource behind an Aho–Corasick automaton per field. `select` returns the
 * rules worth evaluating for an event, in their original order (so match order is stable).
 */
export class PrefilterGroup<R extends { readonly atoms?: readonly Atom[] }> {
  private readonly always: Uint8Array;
  private readonly fields: { field: string; ac: AhoCorasick; owners: Int32Array }[] = [];
  private readonly hit: Uint8Array;

  constructor(readonly rules: readonly R[]) {
    this.always = new Uint8Array(rules.length);
    this.hit = new Uint8Array(rules.length);
    const perField = new Map<string, { literals: string[]; owners: number[] }>();
    rules.forEach((r, i) => {
      if (!r.atoms) {
        this.always[i] = 1;
        return;
      }
      for (const a of r.atoms) {
        const f = perField.get(a.field) ?? { literals: [], owners: [] };
        f.literals.push(a.literal);
        f.owners.push(i);
        perField.set(a.field, f);
      }
    });
    for (const [field, f] of perField)
      this.fields.push({
        field,
        ac: new AhoCorasick(f.literals),
        owners: Int32Array.from(f.owners),
      });
  }

  /** Rules that may match the event. */
  select(view: EventView): R[] {
    const hit = this.hit;
    hit.fill(0);
    for (const { field, ac, owners } of this.fields) {
      const fs = field === "" ? view.keywordFieldStrings() : view.get(field);
      if (!fs) continue;
      for (const text of fs.folded) ac.mark(text, owners, hit);
    }
    const out: R[] = [];
    for (let i = 0; i < this.rules.length; i++)
      if (this.always[i] === 1 || hit[i] === 1) out.push(this.rules[i]!);
    return out;
  }
}
