import { compileCondition } from "../condition/condition-compiler";
import {
  compileFieldItem,
  type EventPredicate,
  type MatchOptions,
} from "../match/field-item-compiler";
import { ItemError } from "../match/modifier-spec";
import type { DetectionDef } from "./rule-types";

/** A compiled detection: the rule predicate plus each selection's predicate for explanations. */
export interface CompiledDetection {
  readonly predicate: EventPredicate;
  readonly selections: ReadonlyMap<string, EventPredicate>;
  /** Event fields each selection reads ("" for keyword texts), for explanations. */
  readonly selectionFields: ReadonlyMap<string, readonly string[]>;
}

/** An error while compiling a detection; `path` is the dotted path inside the rule. */
export class DetectionError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "DetectionError";
  }
}

const STRING_MATCH = ["contains", "startswith", "endswith", "re", "cidr", "exists", "fieldref"];

// Keyword items search inside text: a field-less key gets an implicit `contains`.
function keywordKey(key: string): string {
  const mods = key.split("|").slice(1);
  return mods.some((m) => STRING_MATCH.includes(m) || /^(lt|lte|gt|gte)$/.test(m))
    ? key
    : `${key}|contains`;
}

function compileMap(
  map: Record<string, unknown>,
  path: string,
  opts: MatchOptions,
): EventPredicate {
  const keys = Object.keys(map);
  if (keys.length === 0) throw new DetectionError(path, "empty selection");
  const items = keys.map((k) => {
    try {
      return compileFieldItem(k.startsWith("|") ? keywordKey(k) : k, map[k], opts);
    } catch (e) {
      if (e instanceof ItemError) throw new DetectionError(`${path}.${k}`, e.message);
      throw e;
    }
  });
  if (items.length === 1) return items[0]!;
  return (v) => {
    for (const p of items) if (!p(v)) return false;
    return true;
  };
}

function anyOf(ps: readonly EventPredicate[]): EventPredicate {
  return (v) => {
    for (const p of ps) if (p(v)) return true;
    return false;
  };
}

const isMap = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === "object" && !Array.isArray(x);

/** Compiles one selection: a map (AND), a list of maps (OR) or a list of keywords (OR). */
export function compileSelection(value: unknown, path: string, opts: MatchOptions): EventPredicate {
  if (isMap(value)) return compileMap(value, path, opts);
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0) throw new DetectionError(path, "empty selection");
  if (list.every(isMap)) {
    const ps = list.map((m, i) => compileMap(m, `${path}[${i}]`, opts));
    return ps.length === 1 ? ps[0]! : anyOf(ps);
  }
  if (list.some(isMap) || list.some(Array.isArray)) {
    throw new DetectionError(path, "a selection list must hold only maps or only keywords");
  }
  if (list.some((x) => x === null)) throw new DetectionError(path, "null is not a keyword");
  try {
    return compileFieldItem("|contains", list, opts);
  } catch (e) {
    if (e instanceof ItemError) throw new DetectionError(path, e.message);
    throw e;
  }
}

function fieldsOf(def: DetectionDef): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of def.selections) {
    const maps = isMap(value)
      ? [value]
      : Array.isArray(value)
        ? (value as unknown[]).filter(isMap)
        : [];
    const fields = new Set<string>(
      maps.length === 0 ? [""] : maps.flatMap((m) => Object.keys(m).map((k) => k.split("|")[0]!)),
    );
    out.set(name, [...fields]);
  }
  return out;
}

/** Compiles every selection and the condition of a detection section. */
export function compileDetection(def: DetectionDef, opts: MatchOptions): CompiledDetection {
  const selections = new Map<string, EventPredicate>();
  for (const [name, value] of def.selections)
    selections.set(name, compileSelection(value, `detection.${name}`, opts));
  try {
    return {
      predicate: compileCondition(def.condition, selections),
      selections,
      selectionFields: fieldsOf(def),
    };
  } catch (e) {
    throw new DetectionError("detection.condition", (e as Error).message);
  }
}
