import type { Comment } from "./hcl-ast";

/** A syntax error with the line it was found on. */
export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "HclSyntaxError";
  }
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;
const SLASH = 47;
const STAR = 42;

/** True for characters that may start an HCL identifier. */
export function isIdentStart(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95 || ch > 127;
}

/** True for characters that may continue an HCL identifier (dashes are allowed in HCL). */
export function isIdentPart(ch: number): boolean {
  return isIdentStart(ch) || (ch >= 48 && ch <= 57) || ch === 45;
}

/** True for ASCII digits. */
export function isDigit(ch: number): boolean {
  return ch >= 48 && ch <= 57;
}

/**
 * Character-level cursor over HCL source. Scanning is done on demand by the parser (no token
 * array) which keeps memory flat on large corpora. `nl` says whether newlines are insignificant
 * at the current nesting (inside parentheses, brackets, calls and `for` expressions).
 */
export class Cursor {
  pos = 0;
  line: number;
  nl = false;
  readonly comments: Comment[] = [];
  private lastCommentPos = -1;

  constructor(
    readonly src: string,
    startLine = 1,
  ) {
    this.line = startLine;
  }

  /** Char code at pos+off, or -1 past the end. */
  peek(off = 0): number {
    const i = this.pos + off;
    return i < this.src.length ? this.src.charCodeAt(i) : -1;
  }

  eof(): boolean {
    return this.pos >= this.src.length;
  }

  /** Advance one character, counting lines. */
  advance(): void {
    if (this.src.charCodeAt(this.pos) === LF) this.line++;
    this.pos++;
  }

  fail(message: string): never {
    throw new HclSyntaxError(message, this.line);
  }

  /** Skip blanks and comments; also newlines when `newlines` is true. */
  skip(newlines: boolean): void {
    const s = this.src;
    for (;;) {
      const ch = this.pos < s.length ? s.charCodeAt(this.pos) : -1;
      if (ch === SPACE || ch === TAB || ch === CR) {
        this.pos++;
      } else if (ch === LF && newlines) {
        this.pos++;
        this.line++;
      } else if (ch === HASH || (ch === SLASH && s.charCodeAt(this.pos + 1) === SLASH)) {
        const start = this.pos;
        let end = s.indexOf("\n", this.pos);
        if (end < 0) end = s.length;
        this.record(s.slice(start, end), this.line, this.line, start);
        this.pos = end;
      } else if (ch === SLASH && s.charCodeAt(this.pos + 1) === STAR) {
        const start = this.pos;
        const startLine = this.line;
        const end = s.indexOf("*/", this.pos + 2);
        const stop = end < 0 ? s.length : end + 2;
        while (this.pos < stop) this.advance();
        this.record(s.slice(start, stop), startLine, this.line, start);
      } else {
        return;
      }
    }
  }

  /** Skip according to the current nesting. */
  ws(): void {
    this.skip(this.nl);
  }

  private record(text: string, line: number, endLine: number, at: number): void {
    // The parser may rescan a span after backtracking; record each comment once.
    if (at <= this.lastCommentPos) return;
    this.lastCommentPos = at;
    this.comments.push({ text, line, endLine });
  }

  /** Read an identifier at pos, or return null without moving. */
  ident(): string | null {
    const s = this.src;
    const start = this.pos;
    if (start >= s.length || !isIdentStart(s.charCodeAt(start))) return null;
    let i = start + 1;
    while (i < s.length && isIdentPart(s.charCodeAt(i))) i++;
    this.pos = i;
    return s.slice(start, i);
  }

  /** Consume `text` if it is next. */
  eat(text: string): boolean {
    if (this.src.startsWith(text, this.pos)) {
      for (let i = 0; i < text.length; i++) this.advance();
      return true;
    }
    return false;
  }

  /** Consume `text` or fail. */
  expect(text: string): void {
    if (!this.eat(text)) {
      const got = this.eof()
        ? "end of file"
        : JSON.stringify(this.src.slice(this.pos, this.pos + 12));
      this.fail(`expected "${text}" but found ${got}`);
    }
  }

  /** True when `text` is next. */
  at(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  /** Look past blanks, comments and newlines for `text` without consuming. */
  aheadAcrossLines(text: string): boolean {
    const save = this.pos;
    const saveLine = this.line;
    const saveCount = this.comments.length;
    const saveLast = this.lastCommentPos;
    this.skip(true);
    const found = this.at(text);
    this.pos = save;
    this.line = saveLine;
    this.comments.length = saveCount;
    this.lastCommentPos = saveLast;
    return found;
  }
}
