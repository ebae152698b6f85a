import { isBacktrackingSafe, parseRegex, type RegexNode } from "./regex-ast";
import { compileVm } from "./regex-vm";

/** Options of a Sigma `re` value. */
export interface RegexOptions {
  readonly ignoreCase: boolean;
  readonly multiline: boolean;
  readonly dotAll: boolean;
  /** Spec issue #41 is open: infrasec searches (unanchored) by default; `full` anchors both ends. */
  readonly anchoring: "search" | "full";
  /** Wrap for `startswith` / `endswith` combined with `re`. */
  readonly anchorStart?: boolean;
  readonly anchorEnd?: boolean;
}

/** A compiled regex test plus which engine runs it (reported by the eval script). */
export interface CompiledRegex {
  readonly test: (value: string) => boolean;
  readonly engine: "v8" | "linear";
}

/**
 * Compiles a user regex. Patterns V8 can run with bounded cost use RegExp (fast); anything with
 * nested or repeated unbounded repetition runs on the linear-time VM. Throws RegexSyntaxError
 * for constructs outside the supported subset.
 */
export function compileSigmaRegex(pattern: string, opts: RegexOptions): CompiledRegex {
  const parsed = parseRegex(pattern);
  const ignoreCase = opts.ignoreCase || parsed.inlineFlags.includes("i");
  const multiline = opts.multiline || parsed.inlineFlags.includes("m");
  const dotAll = opts.dotAll || parsed.inlineFlags.includes("s");
  const full = opts.anchoring === "full";
  const atStart = full || opts.anchorStart === true;
  const atEnd = full || opts.anchorEnd === true;
  if (isBacktrackingSafe(parsed.ast)) {
    const src = `${atStart ? "^" : ""}(?:${parsed.source})${atEnd ? "$" : ""}`;
    const re = new RegExp(
      src,
      `${ignoreCase ? "i" : ""}${multiline ? "m" : ""}${dotAll ? "s" : ""}`,
    );
    return { test: (v) => re.test(v), engine: "v8" };
  }
  const items: RegexNode[] = [];
  if (atStart) items.push({ t: "bol" });
  items.push(parsed.ast);
  if (atEnd) items.push({ t: "eol" });
  const vm = compileVm({ t: "seq", items }, { ignoreCase, multiline, dotAll });
  return { test: (v) => vm.test(v), engine: "linear" };
}
