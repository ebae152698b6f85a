import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isAppError } from "@infrasec/core";
import { closingStatus } from "./items-command";
import {
  applyFieldArgs,
  kindOf,
  listOption,
  parseDay,
  parseFieldValue,
  parseItemNumber,
  parseWeight,
  readFieldsFile,
} from "./items-input-fns";

/** The option or field an input error names. */
function pathOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.details[0]?.path;
    throw e;
  }
  return undefined;
}

describe("items input", () => {
  it("maps template names, engine template ids and kinds to kinds", () => {
    expect(kindOf("security-review")).toBe("security_review_request");
    expect(kindOf("bau")).toBe("bau_request");
    expect(kindOf("bau-request")).toBe("bau_request");
    expect(kindOf("Change-Request")).toBe("change_request");
    expect(kindOf("design_doc")).toBe("design_doc");
    expect(pathOf(() => kindOf("rfc", "--kind"))).toBe("--kind");
  });

  it("parses --field values as JSON when they look like JSON, else as text", () => {
    expect(parseFieldValue("3", "k")).toBe(3);
    expect(parseFieldValue("-1.5e2", "k")).toBe(-150);
    expect(parseFieldValue("true", "k")).toBe(true);
    expect(parseFieldValue("null", "k")).toBeNull();
    expect(parseFieldValue('["a","b"]', "k")).toEqual(["a", "b"]);
    expect(parseFieldValue('{"x":1}', "k")).toEqual({ x: 1 });
    expect(parseFieldValue('"2048"', "k")).toBe("2048");
    expect(parseFieldValue("P1", "k")).toBe("P1");
    expect(parseFieldValue("yes", "k")).toBe("yes");
    expect(parseFieldValue("3 days", "k")).toBe("3 days");
    expect(parseFieldValue("0123", "k")).toBe("0123");
    expect(parseFieldValue("2026-12-01", "k")).toBe("2026-12-01");
    expect(parseFieldValue("https://x.example/a?b=c", "k")).toBe("https://x.example/a?b=c");
    expect(pathOf(() => parseFieldValue("[1,", "steps"))).toBe("--field steps");
  });

  it("applies key=value pairs over the fields file, dotted keys nesting", () => {
    const out = applyFieldArgs(
      [
        "roadmapPriority=P2",
        "note=a=b",
        "prrIdentityAccess.wafCoverage.notApplicable=true",
        "prrIdentityAccess.wafCoverage.naReason=internal only",
      ],
      { roadmapPriority: "P1", prrIdentityAccess: { leastPrivilege: { answer: "yes" } } },
    );
    expect(out).toEqual({
      roadmapPriority: "P2",
      note: "a=b",
      prrIdentityAccess: {
        leastPrivilege: { answer: "yes" },
        wafCoverage: { notApplicable: true, naReason: "internal only" },
      },
    });
    expect(pathOf(() => applyFieldArgs(["=x"]))).toBe("--field");
    expect(pathOf(() => applyFieldArgs(["no-equals"]))).toBe("--field");
  });

  it("reads YAML and JSON fields files and refuses anything else", () => {
    const dir = mkdtempSync(join(tmpdir(), "infrasec-fields-"));
    try {
      writeFileSync(join(dir, "f.yaml"), "maturity: GA\nsteps:\n  - { phase: change }\n");
      expect(readFieldsFile(join(dir, "f.yaml"))).toEqual({
        maturity: "GA",
        steps: [{ phase: "change" }],
      });
      writeFileSync(join(dir, "f.json"), '{"maturity":"Beta"}');
      expect(readFieldsFile(join(dir, "f.json"))).toEqual({ maturity: "Beta" });
      writeFileSync(join(dir, "list.yaml"), "- a\n- b\n");
      expect(pathOf(() => readFieldsFile(join(dir, "list.yaml")))).toBe("--fields-file");
      writeFileSync(join(dir, "bad.json"), "{");
      expect(pathOf(() => readFieldsFile(join(dir, "bad.json")))).toBe("--fields-file");
      expect(pathOf(() => readFieldsFile(join(dir, "f.txt")))).toBe("--fields-file");
      expect(pathOf(() => readFieldsFile(join(dir, "missing.yaml")))).toBe("--fields-file");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("checks weights, days, item numbers and list options", () => {
    expect(parseWeight("13")).toBe(13);
    expect(pathOf(() => parseWeight("4"))).toBe("--weight");
    expect(parseDay("2028-02-29", "--due")).toBe("2028-02-29");
    expect(pathOf(() => parseDay("2026-02-29", "--due"))).toBe("--due");
    expect(pathOf(() => parseDay("tomorrow", "--since"))).toBe("--since");
    expect(parseItemNumber("#12")).toBe(12);
    expect(pathOf(() => parseItemNumber("0"))).toBe("<number>");
    expect(listOption(["a,b", " c ", ""])).toEqual(["a", "b", "c"]);
  });

  it("closes to the kind's done status, falling back to the ones that need a reason", () => {
    const derived = (allowed: string[]) =>
      ({
        allowedStatuses: allowed,
      }) as unknown as Parameters<typeof closingStatus>[0]["derived"];
    expect(closingStatus({ kind: "task", status: "open", derived: derived(["closed"]) })).toBe(
      "closed",
    );
    expect(
      closingStatus({
        kind: "security_review_request",
        status: "ongoing",
        derived: derived(["completed", "cancelled"]),
      }),
    ).toBe("completed");
    expect(
      closingStatus({
        kind: "change_request",
        status: "unscheduled",
        derived: derived(["scheduled", "aborted"]),
      }),
    ).toBe("aborted");
    expect(
      pathOf(() => closingStatus({ kind: "decision", status: "superseded", derived: derived([]) })),
    ).toBe("status");
  });
});
