/** Every value modifier of Sigma v2.1 this engine accepts (plus the pySigma flag aliases). */
export const KNOWN_MODIFIERS = new Set([
  "contains",
  "startswith",
  "endswith",
  "all",
  "exists",
  "cased",
  "neq",
  "windash",
  "re",
  "i",
  "ignorecase",
  "m",
  "multiline",
  "s",
  "dotall",
  "base64",
  "base64offset",
  "utf16le",
  "wide",
  "utf16be",
  "utf16",
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
  "cidr",
  "expand",
  "fieldref",
]);

/** Thrown while compiling a detection item; the rule compiler adds the file and field path. */
export class ItemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ItemError";
  }
}

/** Modifiers of one detection item, grouped by role. */
export interface ModifierSet {
  readonly field: string;
  readonly list: readonly string[];
  readonly has: (m: string) => boolean;
  /** Encoding and dash transformations in the order written. */
  readonly transforms: readonly string[];
  readonly numericOp?: "lt" | "lte" | "gt" | "gte";
  readonly timePart?: "minute" | "hour" | "day" | "week" | "month" | "year";
}

const TRANSFORMS = new Set([
  "windash",
  "base64",
  "base64offset",
  "utf16le",
  "wide",
  "utf16be",
  "utf16",
]);
const NUMERIC = ["lt", "lte", "gt", "gte"] as const;
const TIME = ["minute", "hour", "day", "week", "month", "year"] as const;
const FLAG_ALIASES: Record<string, string> = { ignorecase: "i", multiline: "m", dotall: "s" };

/** Splits `field|mod|mod`, rejects unknown, duplicate and incompatible modifiers. */
export function parseModifiers(key: string): ModifierSet {
  const [field, ...raw] = key.split("|");
  const list = raw.map((m) => FLAG_ALIASES[m] ?? m);
  const seen = new Set<string>();
  for (const [k, m] of list.entries()) {
    if (!KNOWN_MODIFIERS.has(m)) throw new ItemError(`unknown modifier '${raw[k]}'`);
    if (seen.has(m)) throw new ItemError(`modifier '${m}' given twice`);
    seen.add(m);
  }
  const has = (m: string): boolean => seen.has(m);
  const count = (ms: readonly string[]): number => ms.filter(has).length;
  if (has("exists") && list.length > 1)
    throw new ItemError("'exists' cannot be combined with other modifiers");
  if (count(["contains", "startswith", "endswith"]) > 1) {
    throw new ItemError("only one of contains, startswith, endswith may be used");
  }
  if (count(NUMERIC) > 1) throw new ItemError("only one of lt, lte, gt, gte may be used");
  if (count(TIME) > 1) throw new ItemError("only one time-part modifier may be used");
  for (const f of ["i", "m", "s"])
    if (has(f) && !has("re")) throw new ItemError(`regex flag '${f}' needs the 're' modifier`);
  const transforms = list.filter((m) => TRANSFORMS.has(m));
  const numericOp = NUMERIC.find(has);
  const timePart = TIME.find(has);
  const exclusive = ["re", "cidr", "fieldref", "exists"].filter(has);
  if (exclusive.length > 1)
    throw new ItemError(`'${exclusive[0]}' cannot be combined with '${exclusive[1]}'`);
  if (
    (numericOp || timePart) &&
    (exclusive.length > 0 ||
      transforms.length > 0 ||
      count(["contains", "startswith", "endswith"]) > 0)
  ) {
    throw new ItemError("numeric and time modifiers cannot be combined with string modifiers");
  }
  if ((has("re") || has("cidr")) && transforms.length > 0) {
    throw new ItemError(
      `'${has("re") ? "re" : "cidr"}' cannot be combined with '${transforms[0]}'`,
    );
  }
  if (has("cidr") && count(["contains", "startswith", "endswith"]) > 0)
    throw new ItemError("'cidr' cannot be combined with string matching modifiers");
  if (has("fieldref") && (transforms.length > 0 || has("expand")))
    throw new ItemError(
      "'fieldref' combines only with contains, startswith, endswith, neq and cased",
    );
  return { field: field ?? "", list, has, transforms, numericOp, timePart };
}
