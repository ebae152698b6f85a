import { describe, expect, it } from "vitest";
import { isAppError } from "@infrasec/core";
import { parseAssetImport } from "./asset-import-fns";

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected an error");
}

describe("parseAssetImport", () => {
  it("accepts a bare list or an assets object and applies defaults", () => {
    const a = parseAssetImport("json", JSON.stringify([{ key: "k", name: "n", kind: "host" }]));
    expect(a[0]).toMatchObject({
      environment: "production",
      criticality: 3,
      exposure: "internal",
      dataClassification: "yellow",
      tags: [],
    });
    expect(
      parseAssetImport("yaml", "assets:\n  - { key: k, name: n, kind: bucket }\n")[0]?.kind,
    ).toBe("bucket");
  });

  it("names the line and field of every problem and accepts nothing", () => {
    const yaml =
      "- key: a\n  name: a\n  kind: host\n- key: b\n  name: b\n  kind: host\n  criticality: 0\n- key: a\n  name: again\n  kind: host\n";
    const e = errorOf(() => parseAssetImport("yaml", yaml, "inv.yaml"));
    expect(e.code).toBe("validation_failed");
    expect(e.details).toEqual([
      expect.objectContaining({ file: "inv.yaml", line: 4, path: "[1].criticality" }),
      expect.objectContaining({
        file: "inv.yaml",
        line: 8,
        path: "[2].key",
        message: expect.stringMatching(/duplicate key a \(first at line 1\)/),
      }),
    ]);
  });

  it("refuses a YAML alias bomb instead of expanding it", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
      "assets: *i",
    ].join("\n");
    const e = errorOf(() => parseAssetImport("yaml", bomb));
    expect(e.code).toBe("parse_failed");
    expect(e.message).toMatch(/alias/i);
  });

  it("reports malformed JSON, YAML and CSV as parse errors with a place", () => {
    expect(errorOf(() => parseAssetImport("json", "[{]")).code).toBe("parse_failed");
    const y = errorOf(() => parseAssetImport("yaml", "- key: a\n  name: [unclosed\n"));
    expect(y.details[0]?.line).toBeGreaterThan(0);
    const c = errorOf(() => parseAssetImport("csv", 'key,name,kind\n"a,b,host\n'));
    expect(c.code).toBe("parse_failed");
    expect(errorOf(() => parseAssetImport("json", '{"things": []}')).message).toMatch(
      /list of assets/,
    );
  });

  it("reads CSV lists of tags and typed identifiers", () => {
    const [a] = parseAssetImport(
      "csv",
      "key,name,kind,tags,identifiers\nk,n,host,a;b,ip:10.0.0.1|hostname:h1|plain\n",
    );
    expect(a?.tags).toEqual(["a", "b"]);
    expect(a?.identifiers).toEqual([
      { type: "ip", value: "10.0.0.1" },
      { type: "hostname", value: "h1" },
      { type: "name", value: "plain" },
    ]);
  });
});
