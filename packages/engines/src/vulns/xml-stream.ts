import { isAppError } from "@infrasec/core";
import { SaxesParser } from "saxes";
import type { SaxesTagPlain } from "saxes";
import { detached } from "./detach-string";
import { vulnParseError } from "./parse-error";
import type { JsonObject } from "./json-shape";

/**
 * A subtree in the shape parseXmlText (fast-xml-parser) gives, so one mapping function reads
 * both: attributes under "@_name", text under "#text", repeated children as arrays, an element
 * with neither attributes nor children as its text ("" when empty). Namespace prefixes are
 * removed; text and attribute values keep XML's escaping of "&" so that xmlText decodes them.
 */
export type XmlNode = JsonObject | string;

/** Bounds on what one document may make the reader hold. */
export interface XmlLimits {
  /** Deepest element nesting accepted. */
  maxDepth: number;
  /** Longest single text node, attribute set, comment or CDATA section, in characters. */
  maxTokenChars: number;
}

/** Nessus nests 5 deep and CycloneDX assemblies rarely past 30; text is bounded at 16 Mi chars. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 256, maxTokenChars: 16 * 1024 * 1024 };

/** The outline of an element outside units, at its close. */
export interface XmlOutline {
  attributes: number;
  children: number;
}

/** What the reader hands to the format reader. Paths are local names from the root down. */
export interface XmlSubtreeOptions {
  /** The format's name, for errors. */
  expected: string;
  /** Whether the element at `path` is built whole and handed to onUnit (not nested in a unit). */
  isUnit(path: readonly string[]): boolean;
  /** Whether text under the element at `path` is needed; dropped text costs no memory. */
  keepText?(path: readonly string[]): boolean;
  onUnit(path: readonly string[], node: XmlNode): void;
  /** An element outside units opens; `attrs` are raw names and values, in document order. */
  onOpen?(path: readonly string[], attrs: Readonly<Record<string, string>>): void;
  onClose?(path: readonly string[], outline: XmlOutline): void;
  limits?: Partial<XmlLimits>;
}

interface Frame {
  attrs: JsonObject | null;
  children: JsonObject | null;
  text: string;
  keep: boolean;
}

/** Characters written to saxes at once, so the token bound is checked often. */
const SLICE = 64 * 1024;

/**
 * Streaming, well-formedness-checking XML reader (saxes) that builds only the units a format
 * asks for, one at a time. Security: a DOCTYPE or ENTITY declaration before the root element is
 * refused as soon as it is seen, before saxes reads the DTD (and saxes never resolves external
 * entities nor expands declared ones: only XML's five and numeric references exist); nesting
 * depth and token length are bounded.
 */
export class XmlSubtreeReader {
  private readonly parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  private readonly decoder = new TextDecoder();
  private readonly limits: XmlLimits;
  /** Local names of open elements; raw names kept apart for truncation messages. */
  private readonly path: string[] = [];
  private readonly rawNames: string[] = [];
  private readonly outlines: XmlOutline[] = [];
  private frames: Frame[] = [];
  private unitDepth = 0;
  private failure: Error | null = null;
  private atStart = true;
  private started = false;
  private prologDone = false;
  private prologTail = "";
  private prologLine = 1;
  private lastEvent = 0;

  constructor(private readonly o: XmlSubtreeOptions) {
    this.limits = { ...DEFAULT_XML_LIMITS, ...o.limits };
    const p = this.parser;
    const seen = (): void => {
      this.lastEvent = p.position;
    };
    p.on("error", (e) => {
      const m = /^(\d+):(\d+): (.*)$/s.exec(e.message);
      throw vulnParseError(o.expected, `invalid XML: ${m ? m[3]! : e.message}`, {
        line: m ? Number(m[1]) : p.line,
        column: (m ? Number(m[2]) : p.column) + 1,
      });
    });
    p.on("doctype", () => {
      throw this.refuse("DOCTYPE", p.line);
    });
    p.on("opentagstart", (t) => {
      seen();
      this.prologDone = true;
      if (this.path.length >= this.limits.maxDepth) {
        throw vulnParseError(
          o.expected,
          `elements nested deeper than ${this.limits.maxDepth} levels`,
          { line: p.line },
        );
      }
      this.rawNames.push(t.name);
      this.path.push(localName(t.name));
    });
    p.on("opentag", (t) => {
      seen();
      this.open(t);
    });
    p.on("closetag", () => {
      seen();
      this.close();
    });
    p.on("text", (t) => {
      seen();
      const f = this.frames[this.frames.length - 1];
      if (!f?.keep) return;
      const piece = t.trim();
      if (piece) this.addText(f, piece.includes("&") ? piece.replace(/&/g, "&amp;") : piece);
    });
    p.on("cdata", (t) => {
      seen();
      const f = this.frames[this.frames.length - 1];
      // Raw, like the whole-document parser (which leaves entity decoding to xmlText).
      if (f?.keep && t) this.addText(f, t);
    });
    p.on("processinginstruction", (pi) => {
      seen();
      const f = this.frames[this.frames.length - 1];
      if (f) addChild(f, `?${pi.target}`, "");
    });
    p.on("comment", seen);
    p.on("xmldecl", seen);
  }

  /** Feeds the next bytes (UTF-8; chunk boundaries may split characters). */
  feed(chunk: Uint8Array): void {
    this.write(this.decoder.decode(chunk, { stream: true }));
  }

  /** Ends the document: a truncated one fails with the elements left open. */
  end(): void {
    this.write(this.decoder.decode());
    this.guard(() => {
      if (!this.started)
        throw vulnParseError(this.o.expected, "the file is empty", { line: 1, column: 1 });
      if (this.rawNames.length) {
        const names = this.rawNames.map((n) => `<${n}>`).join(", ");
        throw vulnParseError(
          this.o.expected,
          `unexpected end of input (truncated file?): unclosed ${names}`,
          { line: this.parser.line },
        );
      }
      this.parser.close();
    });
  }

  private write(text: string): void {
    this.guard(() => {
      if (this.atStart && text) {
        this.atStart = false;
        text = text.replace(/^\uFEFF/, "");
      }
      if (!this.started) {
        // Leading whitespace still goes to saxes below, so that line numbers stay right.
        const first = /\S/.exec(text);
        if (first) {
          this.started = true;
          if (first[0] === "{" || first[0] === "[")
            throw vulnParseError(this.o.expected, "input is JSON, not XML", { line: 1, column: 1 });
        }
      }
      for (let at = 0; at < text.length; at += SLICE) {
        // A slice may end inside a surrogate pair: saxes carries the high half over itself.
        const slice = text.slice(at, at + SLICE);
        if (!this.prologDone) this.checkProlog(slice);
        this.parser.write(slice);
        if (this.parser.position - this.lastEvent > this.limits.maxTokenChars) {
          throw vulnParseError(
            this.o.expected,
            `a text, tag, comment or CDATA section longer than ${this.limits.maxTokenChars} characters`,
            { line: this.parser.line },
          );
        }
      }
    });
  }

  /** Runs f, remembering the first failure: a broken reader refuses all later input. */
  private guard(f: () => void): void {
    if (this.failure) throw this.failure;
    try {
      f();
    } catch (e) {
      this.failure = isAppError(e)
        ? e
        : vulnParseError(
            this.o.expected,
            `invalid XML: ${e instanceof Error ? e.message : String(e)}`,
            { line: this.parser.line },
          );
      throw this.failure;
    }
  }

  /**
   * Refuses a DTD before saxes reads it (a DTD can be large, and nothing in it is needed).
   * Like parseXmlText, only text before the first element is looked at: CDATA in the body may
   * quote "<!DOCTYPE" legitimately.
   */
  private checkProlog(slice: string): void {
    const text = this.prologTail + slice;
    const root = /<[A-Za-z_]/.exec(text);
    const region = root ? text.slice(0, root.index) : text;
    const dt = /<!(DOCTYPE|ENTITY)/i.exec(region);
    if (dt) throw this.refuse(dt[1]!.toUpperCase(), this.prologLine + newlines(text, dt.index));
    if (root) {
      this.prologDone = true;
      return;
    }
    const keep = Math.min(8, text.length); // "<!DOCTYPE".length - 1
    this.prologLine += newlines(text, text.length - keep);
    this.prologTail = text.slice(text.length - keep);
  }

  private refuse(what: string, line: number): Error {
    return vulnParseError(
      this.o.expected,
      `<!${what}> is not allowed (entity expansion is disabled)`,
      { line },
    );
  }

  private open(t: SaxesTagPlain): void {
    const path = this.path;
    const parent = this.outlines[this.outlines.length - 1];
    if (parent) parent.children++;
    this.outlines.push({ attributes: Object.keys(t.attributes).length, children: 0 });
    const top = this.frames[this.frames.length - 1];
    if (!top) {
      if (!this.o.isUnit(path)) {
        this.o.onOpen?.(path, t.attributes);
        return;
      }
      this.unitDepth = path.length;
    }
    const keep = (top?.keep ?? true) && (this.o.keepText?.(path) ?? true);
    let attrs: JsonObject | null = null;
    for (const [name, value] of Object.entries(t.attributes)) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const local = localName(name);
      const v = detached(value.trim());
      (attrs ??= {})[`@_${local}`] = v.includes("&") ? v.replace(/&/g, "&amp;") : v;
    }
    this.frames.push({ attrs, children: null, text: "", keep });
  }

  private close(): void {
    const path = this.path;
    const outline = this.outlines.pop()!;
    const f = this.frames.pop();
    if (!f) this.o.onClose?.(path, outline);
    else {
      // saxes hands out slices of its input chunk: a kept value would keep the chunk alive.
      const text = detached(f.text);
      const node: XmlNode =
        f.attrs || f.children
          ? { ...f.children, ...f.attrs, ...(text ? { "#text": text } : {}) }
          : text;
      const parent = this.frames[this.frames.length - 1];
      if (parent) addChild(parent, path[path.length - 1]!, node);
      else if (path.length === this.unitDepth) this.o.onUnit(path, node);
    }
    path.pop();
    this.rawNames.pop();
  }

  private addText(f: Frame, piece: string): void {
    f.text += piece;
    if (f.text.length > this.limits.maxTokenChars) {
      throw vulnParseError(
        this.o.expected,
        `element text longer than ${this.limits.maxTokenChars} characters`,
        { line: this.parser.line },
      );
    }
  }
}

/** Adds a child the way fast-xml-parser does: a second child of the same name makes an array. */
function addChild(f: Frame, name: string, node: XmlNode): void {
  const children = (f.children ??= {});
  const had = children[name];
  if (had === undefined) children[name] = node;
  else if (Array.isArray(had)) had.push(node);
  else children[name] = [had, node];
}

/** The name without its namespace prefix (as fast-xml-parser's removeNSPrefix does). */
function localName(name: string): string {
  const parts = name.split(":");
  return parts.length === 2 ? parts[1]! : name;
}

function newlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
