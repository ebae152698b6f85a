import { XMLParser, XMLValidator } from "fast-xml-parser";
import { vulnParseError } from "./parse-error";
import { isObject } from "./json-shape";
import type { JsonObject } from "./json-shape";

/**
 * Parses XML safely: a DOCTYPE (and with it any entity declaration) is refused before parsing,
 * and entity expansion is off, so XXE and "billion laughs" inputs cannot expand. The validator
 * runs first because the parser is lenient: a truncated file must fail with a line number
 * instead of yielding half a report.
 */
export function parseXmlText(text: string, expected: string): JsonObject {
  if (text.trim() === "")
    throw vulnParseError(expected, "the file is empty", { line: 1, column: 1 });
  // Only the prolog can declare a DTD; CDATA in the body (e.g. Nessus plugin output quoting
  // HTML) may legitimately contain "<!DOCTYPE" as text.
  const root = /<[A-Za-z_]/.exec(text);
  const dt = /<!(DOCTYPE|ENTITY)/i.exec(root ? text.slice(0, root.index) : text);
  if (dt) {
    const line = text.slice(0, dt.index).split("\n").length;
    throw vulnParseError(
      expected,
      `<!${dt[1]!.toUpperCase()}> is not allowed (entity expansion is disabled)`,
      { line },
    );
  }
  const valid = guard(expected, () =>
    XMLValidator.validate(text, { allowBooleanAttributes: true }),
  );
  if (valid !== true) {
    // The validator reports unclosed elements as "Invalid '[…names…]' found" at line 1; say
    // what it means (a truncated file) and point at the end of the input instead.
    const unclosed = /^Invalid '\[(.*)\]' found/s.exec(valid.err.msg);
    if (unclosed) {
      const names = unclosed[1]!.split(",").map((x) => `<${x.trim().replace(/^"|"$/g, "")}>`);
      throw vulnParseError(
        expected,
        `unexpected end of input (truncated file?): unclosed ${names.join(", ")}`,
        {
          line: text.split("\n").length,
        },
      );
    }
    throw vulnParseError(expected, `invalid XML: ${valid.err.msg}`, {
      line: valid.err.line,
      column: valid.err.col,
    });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    trimValues: true,
  });
  const doc = guard(expected, (): unknown => parser.parse(text));
  if (!isObject(doc)) throw vulnParseError(expected, "no root element", { line: 1 });
  // Namespace declarations are dropped with the prefixes; keep the root's, it carries versions.
  const ns = /<(?:[\w.-]+:)?[\w.-]+\s[^>]*?\bxmlns(?::[\w.-]+)?\s*=\s*["']([^"']+)["']/.exec(
    text.slice(0, 4096),
  );
  if (ns) doc[ROOT_NAMESPACE] = ns[1];
  return doc;
}

/** Runs the XML library, turning its own errors (nesting limits, stack depth) into parse errors. */
function guard<T>(expected: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw vulnParseError(expected, `invalid XML: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Key under which parseXmlText stores the root element's namespace URI. */
export const ROOT_NAMESPACE = "#rootNamespace";

/** The element list at `v`: XML gives one object for one child and an array for several. */
export function asList(v: unknown): unknown[] {
  if (v === undefined || v === null || v === "") return [];
  return Array.isArray(v) ? v : [v];
}

/** Child objects at `v` (non-objects such as empty elements dropped). */
export function objList(v: unknown): JsonObject[] {
  return asList(v).filter(isObject);
}

/** Text of an element or attribute, with XML's predefined and numeric entities decoded. */
export function xmlText(v: unknown): string | null {
  if (isObject(v)) v = v["#text"];
  if (typeof v === "number") return String(v);
  if (typeof v !== "string" || v === "") return null;
  return v.includes("&") ? decodeEntities(v) : v;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code =
        e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}
