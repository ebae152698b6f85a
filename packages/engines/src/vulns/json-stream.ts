import { childPath, vulnParseError } from "./parse-error";
import { locateJsonError } from "./json-locate";

/** A path segment: an object key or an array index. */
export type PathSegment = string | number;
/** A path pattern: keys, or "*" for any array index (so no key may be "*"). */
export type PathPattern = readonly string[];

/** What the splitter does with the values it meets. */
export interface JsonSplitterOptions {
  /** Array elements at these paths are parsed one by one, handed to onElement and not kept. */
  split: readonly PathPattern[];
  /** `ancestors` are the skeleton containers from the root down to the split array. */
  onElement(path: readonly PathSegment[], value: unknown, ancestors: readonly unknown[]): void;
  /** Called when a container on the way to a split path closes (e.g. one Trivy Result). */
  onClose?(path: readonly PathSegment[], value: unknown, ancestors: readonly unknown[]): void;
  /** Format named in errors. */
  expected: string;
}

interface Frame {
  obj: boolean;
  path: PathSegment[];
  value: Record<string, unknown> | unknown[];
  key: string | null;
  index: number;
}

enum S {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  CommaOrEnd,
  Capture,
  Done,
}

const WS = new Uint8Array(256);
for (const c of [9, 10, 13, 32]) WS[c] = 1;

/**
 * A streaming JSON reader for large reports: it scans bytes chunk by chunk and never holds the
 * whole document. Containers on the way to a split path become a small skeleton; each element
 * of a split array is sliced out, parsed alone with JSON.parse and handed over; every other
 * value is parsed alone and put in the skeleton. Memory is the skeleton plus one element.
 */
export class JsonSplitter {
  private state = S.Value;
  private stack: Frame[] = [];
  private root: unknown = undefined;
  private parts: Uint8Array[] = [];
  private cap = {
    path: [] as PathSegment[],
    emit: false,
    depth: 0,
    inStr: false,
    esc: false,
    scalar: false,
  };
  private offset = 0;
  // Line (1-based) and bytes since the last line break at the start of the current chunk, and
  // where the value or key being read began: errors name the line and column, as parseReport's.
  private line = 1;
  private col = 0;
  private chunk: Uint8Array = new Uint8Array(0);
  private at = 0;
  private start = { chunk: new Uint8Array(0) as Uint8Array, at: 0, line: 1, col: 0 };
  private readonly decoder = new TextDecoder();

  constructor(private readonly o: JsonSplitterOptions) {}

  /** Feeds the next chunk. Throws AppError parse_failed with the JSON path on a syntax error. */
  feed(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    this.chunk = chunk;
    while (i < n) {
      if (this.state === S.Capture) {
        const end = this.scanCapture(chunk, i);
        if (end < 0) {
          this.parts.push(chunk.subarray(i));
          break;
        }
        this.parts.push(chunk.subarray(i, end));
        i = end;
        this.finishCapture();
        continue;
      }
      const c = chunk[i]!;
      if (WS[c]) {
        i++;
        continue;
      }
      if (this.state === S.Key) {
        const end = this.scanKey(chunk, i);
        this.parts.push(chunk.subarray(i, end < 0 ? n : end));
        if (end < 0) break;
        i = end;
        const top = this.top();
        top.key = this.parseParts() as string;
        this.state = S.Colon;
        continue;
      }
      this.at = i;
      i = this.structural(c, chunk, i);
    }
    this.offset += n;
    let last = -1;
    for (let k = chunk.indexOf(10); k !== -1; k = chunk.indexOf(10, k + 1)) {
      this.line++;
      last = k;
    }
    this.col = last === -1 ? this.col + n : n - last - 1;
  }

  /** Line and 1-based column of byte `at` of `chunk`, whose start was at `line`/`col`. */
  private placeOf(chunk: Uint8Array, at: number, line: number, col: number) {
    let last = -1;
    for (let k = chunk.indexOf(10); k !== -1 && k < at; k = chunk.indexOf(10, k + 1)) {
      line++;
      last = k;
    }
    return { line, column: last === -1 ? col + at + 1 : at - last };
  }

  /** Remembers where a captured value or key starts. */
  private mark(chunk: Uint8Array, at: number): void {
    this.start = { chunk, at, line: this.line, col: this.col };
  }

  /** Ends the input; returns the skeleton. Throws when the document is incomplete. */
  end(): unknown {
    if (this.state === S.Capture && this.cap.scalar && this.stack.length > 0) this.finishCapture();
    if (this.state !== S.Done) {
      throw vulnParseError(this.o.expected, "unexpected end of input (truncated file?)", {
        path: this.where(),
        line: this.line,
        column: this.col + 1,
      });
    }
    return this.root;
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private where(): string {
    let p = "$";
    const segs = this.state === S.Capture ? this.cap.path : this.currentPath();
    for (const s of segs) p = childPath(p, s);
    return p;
  }

  private currentPath(): PathSegment[] {
    const f = this.stack[this.stack.length - 1];
    if (!f) return [];
    if (f.obj) return f.key === null ? f.path : [...f.path, f.key];
    return [...f.path, f.index];
  }

  private fail(message: string): never {
    const place = this.placeOf(this.chunk, this.at, this.line, this.col);
    throw vulnParseError(
      this.o.expected,
      `invalid JSON: ${message} (byte ${this.offset + this.at})`,
      { path: this.where(), ...place },
    );
  }

  /** Handles one structural byte at chunk[i]; returns the next index. */
  private structural(c: number, chunk: Uint8Array, i: number): number {
    switch (this.state) {
      case S.KeyOrEnd:
        if (c === 0x7d) return this.close(i);
        if (c !== 0x22)
          this.fail(`expected a property name, found ${JSON.stringify(String.fromCharCode(c))}`);
        this.parts = [];
        this.cap.esc = false;
        this.mark(chunk, i);
        this.parts.push(chunk.subarray(i, i + 1));
        this.state = S.Key;
        return i + 1;
      case S.Colon:
        if (c !== 0x3a) this.fail("expected ':' after a property name");
        this.state = S.Value;
        return i + 1;
      case S.CommaOrEnd: {
        const top = this.top();
        if (c === (top.obj ? 0x7d : 0x5d)) return this.close(i);
        if (c !== 0x2c) this.fail(`expected ',' or '${top.obj ? "}" : "]"}'`);
        if (top.obj) {
          top.key = null;
          this.state = S.KeyOrEnd;
        } else {
          top.index++;
          this.state = S.Value;
        }
        return i + 1;
      }
      case S.ValueOrEnd:
        if (c === 0x5d) return this.close(i);
        this.state = S.Value;
        return this.startValue(c, chunk, i);
      case S.Value:
        return this.startValue(c, chunk, i);
      case S.Done:
        return this.fail("unexpected data after the end of the document");
      default:
        return this.fail("internal state error");
    }
  }

  private startValue(c: number, chunk: Uint8Array, i: number): number {
    const path = this.currentPath();
    const split = this.o.split.some((p) => matches(p, path, true));
    const descend =
      !split && (c === 0x7b || c === 0x5b) && this.o.split.some((p) => matches(p, path, false));
    if (descend) {
      const value: Record<string, unknown> | unknown[] = c === 0x7b ? {} : [];
      this.assign(value);
      this.stack.push({ obj: c === 0x7b, path, value, key: null, index: 0 });
      this.state = c === 0x7b ? S.KeyOrEnd : S.ValueOrEnd;
      return i + 1;
    }
    if (this.stack.length === 0 && c !== 0x7b && c !== 0x5b)
      this.fail("a report must be a JSON object or array");
    this.cap = {
      path,
      emit: split,
      depth: 0,
      inStr: false,
      esc: false,
      scalar: c !== 0x7b && c !== 0x5b && c !== 0x22,
    };
    this.parts = [];
    this.mark(chunk, i);
    this.state = S.Capture;
    return i;
  }

  /** Scans a captured value from chunk[i]; returns the index just past its end, or -1. */
  private scanCapture(chunk: Uint8Array, i: number): number {
    const cap = this.cap;
    const n = chunk.length;
    if (cap.scalar) {
      for (; i < n; i++) {
        const c = chunk[i]!;
        if (c === 0x2c || c === 0x7d || c === 0x5d || WS[c]) return i;
      }
      return -1;
    }
    let { depth, inStr, esc } = cap;
    for (; i < n; i++) {
      const c = chunk[i]!;
      if (inStr) {
        if (esc) esc = false;
        else if (c === 0x5c) esc = true;
        else if (c === 0x22) {
          inStr = false;
          if (depth === 0) return i + 1;
        }
      } else if (c === 0x22) inStr = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) return i + 1;
      }
    }
    cap.depth = depth;
    cap.inStr = inStr;
    cap.esc = esc;
    return -1;
  }

  private scanKey(chunk: Uint8Array, i: number): number {
    let esc = this.cap.esc;
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (esc) esc = false;
      else if (c === 0x5c) esc = true;
      else if (c === 0x22) return i + 1;
    }
    this.cap.esc = esc;
    return -1;
  }

  private parseParts(): unknown {
    const parts = this.parts;
    this.parts = [];
    let text: string;
    if (parts.length === 1) text = this.decoder.decode(parts[0]);
    else {
      const all = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      text = this.decoder.decode(all);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      const inner = locateJsonError(text);
      let p = "$";
      for (const s of this.state === S.Capture ? this.cap.path : this.currentPath())
        p = childPath(p, s);
      const path = (inner.path ?? "$").replace(/^\$/, p);
      const st = this.start;
      const origin = this.placeOf(st.chunk, st.at, st.line, st.col);
      const innerLine = inner.line ?? 1;
      const place =
        innerLine === 1
          ? { line: origin.line, column: origin.column + (inner.column ?? 1) - 1 }
          : { line: origin.line + innerLine - 1, column: inner.column };
      throw vulnParseError(this.o.expected, `invalid JSON: ${inner.message}`, { path, ...place });
    }
  }

  private finishCapture(): void {
    const value = this.parseParts();
    if (this.cap.emit)
      this.o.onElement(
        this.cap.path,
        value,
        this.stack.map((f) => f.value),
      );
    else this.assign(value);
    this.state = this.stack.length ? S.CommaOrEnd : S.Done;
  }

  private assign(value: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) this.root = value;
    else if (top.obj) (top.value as Record<string, unknown>)[top.key!] = value;
    else (top.value as unknown[])[top.index] = value;
  }

  private close(i: number): number {
    const f = this.stack.pop()!;
    this.o.onClose?.(
      f.path,
      f.value,
      this.stack.map((x) => x.value),
    );
    this.state = this.stack.length ? S.CommaOrEnd : S.Done;
    return i + 1;
  }
}

/** Whether `path` equals the pattern (`full`) or is a strict prefix of it. */
function matches(pattern: PathPattern, path: readonly PathSegment[], full: boolean): boolean {
  if (full ? path.length !== pattern.length : path.length >= pattern.length) return false;
  for (let k = 0; k < path.length; k++) {
    const want = pattern[k]!;
    const got = path[k]!;
    if (want === "*" ? typeof got !== "number" : want !== got) return false;
  }
  return true;
}
