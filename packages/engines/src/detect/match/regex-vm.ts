import { RegexSyntaxError, type CharSet, type RegexNode } from "./regex-ast";

/**
 * A Thompson-NFA (Pike VM without captures) for patterns V8 cannot run safely: time is
 * O(pattern × input) whatever the pattern, so a rule author cannot stall the detector.
 */

type Inst =
  | { op: "set"; set: CharSet; next: number }
  | { op: "any"; next: number }
  | { op: "split"; a: number; b: number }
  | { op: "jmp"; next: number }
  | { op: "assert"; kind: "bol" | "eol" | "wordb" | "nwordb"; next: number }
  | { op: "match" };

const MAX_PROGRAM = 20_000;

/** Flags of a compiled VM program. */
export interface VmFlags {
  readonly ignoreCase: boolean;
  readonly multiline: boolean;
  readonly dotAll: boolean;
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff || c === 0x2028 || c === 0x2029
  );
}

function inShorthand(sh: string, c: number): boolean {
  switch (sh) {
    case "d":
      return c >= 48 && c <= 57;
    case "D":
      return !(c >= 48 && c <= 57);
    case "w":
      return isWordCode(c);
    case "W":
      return !isWordCode(c);
    case "s":
      return isSpaceCode(c);
    default:
      return !isSpaceCode(c);
  }
}

function setHas(set: CharSet, c: number): boolean {
  let hit = false;
  for (const [lo, hi] of set.ranges) if (c >= lo && c <= hi) hit = true;
  if (!hit) for (const sh of set.shorthands) if (inShorthand(sh, c)) hit = true;
  return hit !== set.negated;
}

/** Compiles an AST to a VM program. Throws when counted repetition makes it too large. */
function compile(ast: RegexNode): Inst[] {
  const prog: Inst[] = [];
  const emit = (inst: Inst): number => {
    if (prog.length >= MAX_PROGRAM)
      throw new RegexSyntaxError("pattern too large once repetitions are expanded");
    prog.push(inst);
    return prog.length - 1;
  };
  // Each gen() appends code for a node whose exit falls through to prog.length.
  const gen = (n: RegexNode): void => {
    switch (n.t) {
      case "set":
        emit({ op: "set", set: n.set, next: prog.length + 1 });
        return;
      case "any":
        emit({ op: "any", next: prog.length + 1 });
        return;
      case "bol":
      case "eol":
        emit({ op: "assert", kind: n.t, next: prog.length + 1 });
        return;
      case "wordb":
        emit({ op: "assert", kind: n.negated ? "nwordb" : "wordb", next: prog.length + 1 });
        return;
      case "seq":
        n.items.forEach(gen);
        return;
      case "alt": {
        const jumps: number[] = [];
        n.alts.forEach((alt, k) => {
          if (k < n.alts.length - 1) {
            const split = emit({ op: "split", a: prog.length + 1, b: -1 });
            gen(alt);
            jumps.push(emit({ op: "jmp", next: -1 }));
            (prog[split] as { b: number }).b = prog.length;
          } else gen(alt);
        });
        for (const j of jumps) (prog[j] as { next: number }).next = prog.length;
        return;
      }
      case "rep": {
        for (let k = 0; k < n.min; k++) gen(n.body);
        if (n.max === Infinity) {
          const split = emit({ op: "split", a: prog.length + 1, b: -1 });
          gen(n.body);
          emit({ op: "jmp", next: split });
          (prog[split] as { b: number }).b = prog.length;
        } else {
          const splits: number[] = [];
          for (let k = n.min; k < n.max; k++) {
            splits.push(emit({ op: "split", a: prog.length + 1, b: -1 }));
            gen(n.body);
          }
          for (const s of splits) (prog[s] as { b: number }).b = prog.length;
        }
        return;
      }
    }
  };
  gen(ast);
  emit({ op: "match" });
  return prog;
}

/** A linear-time matcher: `test(input)` answers whether the pattern occurs anywhere in input. */
export interface VmRegex {
  test(input: string): boolean;
}

const OP_SET = 0;
const OP_ANY = 1;
const OP_SPLIT = 2;
const OP_JMP = 3;
const OP_ASSERT = 4;
const OP_MATCH = 5;
const ASSERT_KIND: Record<string, number> = { bol: 0, eol: 1, wordb: 2, nwordb: 3 };

/**
 * Builds a linear-time unanchored matcher for a parsed pattern. The program is flattened into
 * typed arrays and character sets into ASCII bitmaps so the hot loop does not allocate.
 */
export function compileVm(ast: RegexNode, flags: VmFlags): VmRegex {
  const prog = compile(ast);
  const n = prog.length;
  const op = new Uint8Array(n);
  const x = new Int32Array(n);
  const y = new Int32Array(n);
  const sets: ((c: number) => boolean)[] = [];
  const fold = (set: CharSet, c: number): boolean => {
    if (setHas(set, c)) return true;
    if (!flags.ignoreCase) return false;
    const ch = String.fromCharCode(c);
    const lo = ch.toLowerCase().charCodeAt(0);
    const up = ch.toUpperCase().charCodeAt(0);
    return (lo !== c && setHas(set, lo)) || (up !== c && setHas(set, up));
  };
  prog.forEach((inst, pc) => {
    switch (inst.op) {
      case "set": {
        op[pc] = OP_SET;
        x[pc] = inst.next;
        const bitmap = new Uint8Array(128);
        for (let c = 0; c < 128; c++) bitmap[c] = fold(inst.set, c) ? 1 : 0;
        const set = inst.set;
        y[pc] = sets.length;
        sets.push((c) => (c < 128 ? bitmap[c] === 1 : fold(set, c)));
        break;
      }
      case "any":
        op[pc] = OP_ANY;
        x[pc] = inst.next;
        break;
      case "split":
        op[pc] = OP_SPLIT;
        x[pc] = inst.a;
        y[pc] = inst.b;
        break;
      case "jmp":
        op[pc] = OP_JMP;
        x[pc] = inst.next;
        break;
      case "assert":
        op[pc] = OP_ASSERT;
        x[pc] = inst.next;
        y[pc] = ASSERT_KIND[inst.kind]!;
        break;
      case "match":
        op[pc] = OP_MATCH;
        break;
    }
  });
  const mark = new Uint32Array(n);
  const stack = new Int32Array(n);
  let clist = new Int32Array(n);
  let nlist = new Int32Array(n);
  let gen = 0;

  const nextGen = (): void => {
    if (++gen === 0xffffffff) {
      mark.fill(0);
      gen = 1;
    }
  };

  const assertOk = (kind: number, input: string, pos: number): boolean => {
    const prev = pos > 0 ? input.charCodeAt(pos - 1) : -1;
    const cur = pos < input.length ? input.charCodeAt(pos) : -1;
    if (kind === 0) return pos === 0 || (flags.multiline && prev === 10);
    if (kind === 1) return pos === input.length || (flags.multiline && cur === 10);
    const boundary = (prev >= 0 && isWordCode(prev)) !== (cur >= 0 && isWordCode(cur));
    return kind === 2 ? boundary : !boundary;
  };

  return {
    test(input: string): boolean {
      let ccount = 0;
      let ncount = 0;
      // Follows epsilon edges from pc, appending consuming instructions to `list`; true on Match.
      const add = (list: Int32Array, count: number, pc0: number, pos: number): number => {
        if (mark[pc0] === gen) return count;
        mark[pc0] = gen;
        let sp = 0;
        stack[sp++] = pc0;
        while (sp > 0) {
          const pc = stack[--sp]!;
          const o = op[pc]!;
          if (o === OP_MATCH) return -1;
          if (o === OP_SET || o === OP_ANY) list[count++] = pc;
          else {
            let a = -1;
            let b = -1;
            if (o === OP_JMP) a = x[pc]!;
            else if (o === OP_SPLIT) {
              a = x[pc]!;
              b = y[pc]!;
            } else if (assertOk(y[pc]!, input, pos)) a = x[pc]!;
            if (b >= 0 && mark[b] !== gen) {
              mark[b] = gen;
              stack[sp++] = b;
            }
            if (a >= 0 && mark[a] !== gen) {
              mark[a] = gen;
              stack[sp++] = a;
            }
          }
        }
        return count;
      };
      for (let pos = 0; pos <= input.length; pos++) {
        nextGen();
        const tmp = clist;
        clist = nlist;
        nlist = tmp;
        ccount = ncount;
        ncount = 0;
        for (let k = 0; k < ccount; k++) mark[clist[k]!] = gen;
        // Unanchored search: a new thread starts at every position.
        const added = add(clist, ccount, 0, pos);
        if (added < 0) return true;
        ccount = added;
        if (pos === input.length) break;
        const c = input.charCodeAt(pos);
        nextGen();
        for (let k = 0; k < ccount; k++) {
          const pc = clist[k]!;
          const ok = op[pc] === OP_ANY ? flags.dotAll || c !== 10 : sets[y[pc]!]!(c);
          if (!ok) continue;
          const r = add(nlist, ncount, x[pc]!, pos + 1);
          if (r < 0) return true;
          ncount = r;
        }
      }
      return false;
    },
  };
}
