import { describe, expect, it } from "vitest";
import {
  definitionPath,
  errorsByPath,
  formatDefinition,
  jsonErrorOffset,
  lineColumn,
  parseDefinition,
} from "./template-json";

describe("template JSON editor helpers", () => {
  it("pretty-prints and parses a definition", () => {
    const def = { id: "task", sections: [{ title: "Context", fields: [] }] };
    const text = formatDefinition(def);
    expect(text.split("\n")[1]).toBe('  "id": "task",');
    expect(parseDefinition(text)).toEqual({ ok: true, value: def });
  });

  it("locates a syntax error by line and column", () => {
    const r = parseDefinition('{\n  "id": "task",\n  "name": oops\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.line).toBe(3);
      expect(r.column).toBe(11);
      expect(r.message).toBe("syntax error at line 3, column 11");
    }
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });

  it("finds the offset of the first syntax error wherever JSON.parse does not say", () => {
    const valid = ['{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}}', "[]", ' "s" '];
    for (const t of valid) expect(jsonErrorOffset(t)).toBeNull();
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('{"a": [1 2]}')).toBe(9);
    expect(jsonErrorOffset('{"a": "open')).toBe(11);
    expect(jsonErrorOffset("{} x")).toBe(3);
    expect(jsonErrorOffset("")).toBe(0);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
  });

  it("rejects JSON that is not an object", () => {
    expect(parseDefinition("[1, 2]")).toMatchObject({ ok: false, message: /JSON object/ });
    expect(parseDefinition("null")).toMatchObject({ ok: false });
  });

  it("reads server paths as paths inside the definition", () => {
    expect(definitionPath("body.definition.sections.0.fields.2.key")).toBe(
      "sections[0].fields[2].key",
    );
    expect(definitionPath("template.sections[1].fields[0].type")).toBe(
      "sections[1].fields[0].type",
    );
    expect(definitionPath("/body/definition/name")).toBe("name");
    expect(definitionPath("body.definition")).toBe("(definition)");
    expect(definitionPath(undefined)).toBe("(definition)");
    expect(definitionPath("risk_score")).toBe("risk_score");
    expect(definitionPath("templates")).toBe("templates");
  });

  it("groups messages by path in the server's order", () => {
    expect(
      errorsByPath([
        { path: "template.sections[0].fields[1].key", message: "a key starts with a letter" },
        { path: "body.definition.name", message: "required" },
        { path: "template.sections[0].fields[1].key", message: "duplicate field key x" },
      ]),
    ).toEqual([
      {
        path: "sections[0].fields[1].key",
        messages: ["a key starts with a letter", "duplicate field key x"],
      },
      { path: "name", messages: ["required"] },
    ]);
  });
});
