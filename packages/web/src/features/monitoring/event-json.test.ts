import { describe, expect, it } from "vitest";
import { jsonLines, lineColumn, markedCount, parsePastedEvents } from "./event-json";

describe("pasted events", () => {
  it("accepts one object, an array of objects, or NDJSON", () => {
    expect(parsePastedEvents('  {"rule":"x"} ')).toEqual({ ok: true, events: [{ rule: "x" }] });
    expect(parsePastedEvents('[{"a":1},{"a":2}]')).toEqual({
      ok: true,
      events: [{ a: 1 }, { a: 2 }],
    });
    expect(parsePastedEvents('{"a":1}\n\n{"a":2}\n')).toEqual({
      ok: true,
      events: [{ a: 1 }, { a: 2 }],
    });
  });

  it("rejects empty text and values that are not events", () => {
    expect(parsePastedEvents("  ")).toMatchObject({ ok: false, message: "Paste an event as JSON" });
    expect(parsePastedEvents("42")).toMatchObject({ ok: false });
    expect(parsePastedEvents("[]")).toMatchObject({ ok: false });
    expect(parsePastedEvents('{"a":1}\n[1]')).toMatchObject({ ok: false, line: 2 });
  });

  it("says on which line and column a multi-line object is broken", () => {
    const text = '{\n  "rule": "Terminal shell",\n  "priority": Notice\n}';
    const result = parsePastedEvents(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.line).toBe(3);
    expect(result.column).toBeGreaterThan(1);
    expect(result.message).not.toMatch(/position/);
  });

  it("says which NDJSON line is broken", () => {
    const result = parsePastedEvents('{"a":1}\n{"a":}');
    expect(result).toMatchObject({ ok: false, line: 2 });
  });

  it("computes 1-based line and column of an offset", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});

describe("event layout with matched fields", () => {
  const falco = {
    rule: "Terminal shell in container",
    output_fields: { "proc.cmdline": "bash -i", "container.id": "abc", "user.name": "root" },
    tags: ["shell"],
    empty: {},
  };

  it("lays the event out as indented lines, highlighting matched keys and paths", () => {
    const lines = jsonLines(falco, ["proc.cmdline", "rule"]);
    expect(lines[0]).toMatchObject({ depth: 0, text: "{", highlighted: false });
    const cmd = lines.find((l) => l.key === "proc.cmdline");
    expect(cmd).toMatchObject({
      depth: 2,
      text: '"bash -i",',
      path: "output_fields.proc.cmdline",
      highlighted: true,
    });
    expect(lines.find((l) => l.key === "rule")?.highlighted).toBe(true);
    expect(lines.find((l) => l.key === "user.name")).toMatchObject({
      text: '"root"',
      highlighted: false,
    });
    expect(lines.find((l) => l.key === "empty")?.text).toBe("{}");
    expect(lines.at(-1)).toMatchObject({ depth: 0, text: "}" });
    expect(markedCount(lines)).toBe(2);
  });

  it("matches dotted paths case-insensitively and indexes arrays", () => {
    const lines = jsonLines({ process: { Image: "/bin/sh", args: ["-c", "id"] } }, [
      "PROCESS.image",
    ]);
    expect(lines.find((l) => l.key === "Image")?.highlighted).toBe(true);
    expect(lines.filter((l) => l.path === "process.args[1]").map((l) => l.text)).toEqual(['"id"']);
  });
});
