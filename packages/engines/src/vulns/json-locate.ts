import { childPath } from "./parse-error";
import type { ParsePlace } from "./parse-error";

/** The first syntax error of a JSON text, with its line, column and the JSON path reached. */
export interface JsonSyntaxError extends ParsePlace {
  message: string;
}

/**
 * Finds where a JSON text is broken. `JSON.parse` is fast but its messages lack a line and a
 * path, so this scanner runs only after it failed, to say where (e.g. `$.Results[3].Vulns`).
 * It validates structure and string escapes; numbers and literals are checked by their shape.
 */
export function locateJsonError(text: string): JsonSyntaxError {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  const fail = (message: string, path: string): JsonSyntaxError => ({
    message,
    path,
    line,
    column: i - lineStart + 1,
  });
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        lineStart = i + 1;
      } else if (c !== 32 && c !== 9 && c !== 13) return;
      i++;
    }
  };
  const str = (path: string): JsonSyntaxError | string => {
    const start = ++i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) return text.slice(start, i++);
      if (c === 92) i += 2;
      else if (c < 32) return fail("control character or line break inside a string", path);
      else i++;
    }
    return fail("unterminated string", path);
  };
  // An explicit stack instead of recursion: deeply nested input must not overflow the JS stack.
  const stack: { kind: "obj" | "arr"; path: string; index: number }[] = [];
  let path = "$";
  for (;;) {
    ws();
    if (i >= n)
      return fail(stack.length ? "unexpected end of input (truncated file?)" : "empty input", path);
    const c = text[i];
    if (c === "{" || c === "[") {
      i++;
      ws();
      const top = { kind: c === "{" ? ("obj" as const) : ("arr" as const), path, index: 0 };
      if (text[i] === (c === "{" ? "}" : "]")) {
        i++;
      } else {
        stack.push(top);
        if (top.kind === "obj") {
          const key = readKey();
          if (typeof key !== "string") return key;
          path = childPath(top.path, key);
        } else path = childPath(top.path, 0);
        continue;
      }
    } else if (c === '"') {
      const s = str(path);
      if (typeof s !== "string") return s;
    } else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
        text.slice(i, i + 64),
      );
      if (!m) return fail(`unexpected character ${JSON.stringify(c)}`, path);
      i += m[0].length;
    }
    // After a value: close containers or move to the next member.
    for (;;) {
      const top = stack[stack.length - 1];
      ws();
      if (!top) {
        if (i < n) return fail(`unexpected data after the end of the document`, "$");
        return { message: "no syntax error found", path: "$", line, column: 1 };
      }
      if (i >= n) return fail("unexpected end of input (truncated file?)", path);
      const d = text[i];
      const close = top.kind === "obj" ? "}" : "]";
      if (d === close) {
        i++;
        stack.pop();
        path = top.path;
        continue;
      }
      if (d !== ",") return fail(`expected ',' or '${close}' but found ${JSON.stringify(d)}`, path);
      i++;
      top.index++;
      if (top.kind === "obj") {
        ws();
        const key = readKey();
        if (typeof key !== "string") return key;
        path = childPath(top.path, key);
      } else path = childPath(top.path, top.index);
      break;
    }
  }

  function readKey(): JsonSyntaxError | string {
    const at = stack[stack.length - 1]?.path ?? "$";
    if (text[i] !== '"') return fail("expected a double-quoted property name", at);
    const key = str(at);
    if (typeof key !== "string") return key;
    ws();
    if (text[i] !== ":") return fail(`expected ':' after property name ${JSON.stringify(key)}`, at);
    i++;
    return key;
  }
}
