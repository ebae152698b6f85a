import {
  EvalError,
  Unknown,
  equals,
  isObject,
  toBool,
  toList,
  toNum,
  toStr,
  typeName,
} from "./values";
import type { ObjectValue, Value } from "./values";
import { safeRegExp } from "./safe-regex";

/** A built-in function over evaluated arguments (callers short-circuit shallow unknowns). */
export type TfFunction = (args: Value[]) => Value;

const arg = (args: Value[], i: number): Value => {
  if (i >= args.length) throw new EvalError(`missing argument ${i + 1}`);
  return args[i]!;
};
const s = (args: Value[], i: number): string => toStr(arg(args, i));
const n = (args: Value[], i: number): number => toNum(arg(args, i));
const l = (args: Value[], i: number): Value[] => toList(arg(args, i));
const o = (args: Value[], i: number): ObjectValue => {
  const v = arg(args, i);
  if (isObject(v)) return v;
  if (v === null) return {};
  throw new EvalError(`expected an object or map but got ${typeName(v)}`);
};

/** Go-style `format` verbs used in Terraform (%s %d %v %q %f %t %x %%). */
function format(spec: string, values: Value[]): string {
  let i = 0;
  return spec.replace(
    /%([-+# 0]*)(\d*)(?:\.(\d+))?([sdvqftxXob%])/g,
    (_m, flags: string, width: string, prec: string | undefined, verb: string) => {
      if (verb === "%") return "%";
      const v = values[i++];
      if (v === undefined) throw new EvalError("not enough arguments for format");
      let out: string;
      if (verb === "d") out = String(Math.trunc(toNum(v)));
      else if (verb === "f") out = toNum(v).toFixed(prec ? Number(prec) : 6);
      else if (verb === "q") out = JSON.stringify(toStr(v));
      else if (verb === "t") out = String(toBool(v));
      else if (verb === "x" || verb === "X") {
        out = typeof v === "number" ? v.toString(16) : Buffer.from(toStr(v)).toString("hex");
        if (verb === "X") out = out.toUpperCase();
      } else if (verb === "v" && typeof v === "object" && v !== null) out = JSON.stringify(v);
      else out = toStr(v);
      if (!width) return out;
      if (flags.includes("-")) return out.padEnd(Number(width));
      return out.padStart(Number(width), flags.includes("0") && verb !== "s" ? "0" : " ");
    },
  );
}

function flatten(v: Value[]): Value[] {
  const out: Value[] = [];
  for (const x of v) {
    if (Array.isArray(x)) out.push(...flatten(x));
    else if (x instanceof Unknown) throw new EvalError("unknown element in flatten");
    else out.push(x);
  }
  return out;
}

function uniq(v: Value[]): Value[] {
  const out: Value[] = [];
  for (const x of v) if (!out.some((y) => equals(x, y))) out.push(x);
  return out;
}

function keyOf(v: Value): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new EvalError(`cannot use a ${typeName(v)} as a map key`);
}

/** String, numeric and collection functions. */
export const coreFunctions: Record<string, TfFunction> = {
  // strings
  upper: (a) => s(a, 0).toUpperCase(),
  lower: (a) => s(a, 0).toLowerCase(),
  title: (a) => s(a, 0).replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: (a) => s(a, 0).trim(),
  trim: (a) => {
    const set = s(a, 1);
    let str = s(a, 0);
    while (str && set.includes(str[0]!)) str = str.slice(1);
    while (str && set.includes(str[str.length - 1]!)) str = str.slice(0, -1);
    return str;
  },
  trimprefix: (a) => (s(a, 0).startsWith(s(a, 1)) ? s(a, 0).slice(s(a, 1).length) : s(a, 0)),
  trimsuffix: (a) =>
    s(a, 1) && s(a, 0).endsWith(s(a, 1)) ? s(a, 0).slice(0, -s(a, 1).length) : s(a, 0),
  chomp: (a) => s(a, 0).replace(/(\r?\n)+$/, ""),
  indent: (a) => s(a, 1).replace(/\n/g, "\n" + " ".repeat(n(a, 0))),
  join: (a) => l(a, 1).map(toStr).join(s(a, 0)),
  split: (a) => (s(a, 1) === "" ? [] : s(a, 1).split(s(a, 0))),
  replace: (a) => {
    const pat = s(a, 1);
    if (pat.length > 2 && pat.startsWith("/") && pat.endsWith("/")) {
      return s(a, 0).replace(
        safeRegExp(pat.slice(1, -1), "g", s(a, 0)),
        s(a, 2).replace(/\$\{?(\d+)\}?/g, "$$$1"),
      );
    }
    return s(a, 0).split(pat).join(s(a, 2));
  },
  substr: (a) => {
    const str = [...s(a, 0)];
    let off = n(a, 1);
    if (off < 0) off = Math.max(0, str.length + off);
    const len = n(a, 2);
    return str.slice(off, len < 0 ? undefined : off + len).join("");
  },
  format: (a) => format(s(a, 0), a.slice(1)),
  formatlist: (a) => {
    const lists = a.slice(1);
    const len = Math.max(0, ...lists.map((x) => (Array.isArray(x) ? x.length : 0)));
    return Array.from({ length: len }, (_v, i) =>
      format(
        s(a, 0),
        lists.map((x) => (Array.isArray(x) ? x[i]! : x)),
      ),
    );
  },
  regex: (a) => {
    const m = safeRegExp(s(a, 0), "", s(a, 1)).exec(s(a, 1));
    if (!m) throw new EvalError("pattern did not match");
    if (m.groups) return { ...m.groups };
    return m.length > 1 ? m.slice(1).map((x) => x ?? null) : m[0];
  },
  regexall: (a) =>
    [...s(a, 1).matchAll(safeRegExp(s(a, 0), "g", s(a, 1)))].map((m) =>
      m.length > 1 ? m.slice(1).map((x) => x ?? null) : m[0],
    ),
  startswith: (a) => s(a, 0).startsWith(s(a, 1)),
  endswith: (a) => s(a, 0).endsWith(s(a, 1)),
  strcontains: (a) => s(a, 0).includes(s(a, 1)),
  strrev: (a) => [...s(a, 0)].reverse().join(""),
  // numeric
  abs: (a) => Math.abs(n(a, 0)),
  ceil: (a) => Math.ceil(n(a, 0)),
  floor: (a) => Math.floor(n(a, 0)),
  max: (a) => Math.max(...a.map(toNum)),
  min: (a) => Math.min(...a.map(toNum)),
  pow: (a) => Math.pow(n(a, 0), n(a, 1)),
  signum: (a) => Math.sign(n(a, 0)),
  log: (a) => Math.log(n(a, 0)) / Math.log(n(a, 1)),
  parseint: (a) => {
    const v = parseInt(s(a, 0), n(a, 1));
    if (isNaN(v)) throw new EvalError("cannot parse integer");
    return v;
  },
  // collections
  length: (a) => {
    const v = arg(a, 0);
    if (typeof v === "string") return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    throw new EvalError(`cannot take the length of ${typeName(v)}`);
  },
  concat: (a) => a.flatMap((x) => toList(x)),
  flatten: (a) => flatten(l(a, 0)),
  distinct: (a) => uniq(l(a, 0)),
  compact: (a) => l(a, 0).filter((x) => x !== null && x !== ""),
  contains: (a) => l(a, 0).some((x) => equals(x, arg(a, 1))),
  element: (a) => {
    const list = l(a, 0);
    if (!list.length) throw new EvalError("element() on an empty list");
    return list[((Math.trunc(n(a, 1)) % list.length) + list.length) % list.length]!;
  },
  index: (a) => {
    const i = l(a, 0).findIndex((x) => equals(x, arg(a, 1)));
    if (i < 0) throw new EvalError("item not found");
    return i;
  },
  slice: (a) => l(a, 0).slice(n(a, 1), n(a, 2)),
  reverse: (a) => [...l(a, 0)].reverse(),
  sort: (a) => l(a, 0).map(toStr).sort(),
  range: (a) => {
    const [start, end, step] =
      a.length === 1
        ? [0, n(a, 0), 1]
        : [n(a, 0), n(a, 1), a.length > 2 ? n(a, 2) : n(a, 0) <= n(a, 1) ? 1 : -1];
    const out: number[] = [];
    if (step === 0) throw new EvalError("range step must not be zero");
    for (let i = start; step > 0 ? i < end : i > end; i += step) {
      out.push(i);
      if (out.length > 1024) throw new EvalError("range too long");
    }
    return out;
  },
  chunklist: (a) => {
    const list = l(a, 0);
    const size = n(a, 1);
    if (size <= 0) return [list];
    const out: Value[] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
  },
  keys: (a) => Object.keys(o(a, 0)).sort(),
  values: (a) => toList(o(a, 0)),
  lookup: (a) => {
    const m = o(a, 0);
    const k = s(a, 1);
    if (k in m) return m[k]!;
    if (a.length > 2) return a[2]!;
    throw new EvalError(`key "${k}" not found`);
  },
  merge: (a) => {
    const out: ObjectValue = {};
    for (const x of a) if (x !== null) Object.assign(out, o([x], 0));
    return out;
  },
  zipmap: (a) => {
    const ks = l(a, 0);
    const vs = l(a, 1);
    const out: ObjectValue = {};
    ks.forEach((k, i) => (out[keyOf(k)] = vs[i] ?? null));
    return out;
  },
  setunion: (a) => uniq(a.flatMap((x) => toList(x))),
  setintersection: (a) =>
    uniq(l(a, 0)).filter((x) => a.slice(1).every((y) => toList(y).some((z) => equals(x, z)))),
  setsubtract: (a) => uniq(l(a, 0)).filter((x) => !l(a, 1).some((z) => equals(x, z))),
  setproduct: (a) =>
    a
      .map((x) => toList(x))
      .reduce<Value[][]>((acc, list) => acc.flatMap((p) => list.map((x) => [...p, x])), [[]]),
  transpose: (a) => {
    const out: Record<string, Value[]> = {};
    for (const [k, vs] of Object.entries(o(a, 0)))
      for (const v of toList(vs)) (out[toStr(v)] ??= []).push(k);
    return out;
  },
  coalesce: (a) => {
    for (const x of a) if (x !== null && x !== "") return x;
    throw new EvalError("no non-null arguments");
  },
  coalescelist: (a) => {
    for (const x of a) if (Array.isArray(x) && x.length) return x;
    return [];
  },
  one: (a) => {
    const list = l(a, 0);
    if (list.length > 1) throw new EvalError("one() needs at most one element");
    return list[0] ?? null;
  },
  sum: (a) => l(a, 0).reduce<number>((acc, x) => acc + toNum(x), 0),
  alltrue: (a) => l(a, 0).every((x) => toBool(x)),
  anytrue: (a) => l(a, 0).some((x) => toBool(x)),
  matchkeys: (a) => l(a, 0).filter((_x, i) => l(a, 2).some((k) => equals(k, l(a, 1)[i] ?? null))),
};
