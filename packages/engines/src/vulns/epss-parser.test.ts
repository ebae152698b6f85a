import { describe, expect, it } from "vitest";
import { isAppError } from "@infrasec/core";
import { createEpssLineParser, parseEpss } from "./epss-parser";

const HEADER = "#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000";

function failure(content: string, opts = {}) {
  try {
    parseEpss(content, opts);
  } catch (e) {
    if (isAppError(e)) return { message: e.message, details: e.details };
    throw e;
  }
  throw new Error("expected a parse failure");
}

describe("EPSS CSV", () => {
  it("reads the model header and the rows (CRLF, BOM, blank lines)", () => {
    const out = parseEpss(
      `\uFEFF${HEADER}\r\ncve,epss,percentile\r\nCVE-2024-3094,0.86000,0.99300\r\n\r\ncve-2021-44228,0.94400,1.00000\r\n`,
    );
    expect(out.header).toEqual({
      modelVersion: "v2025.03.14",
      scoreDate: "2025-03-14T00:00:00.000Z",
    });
    expect(out.rows).toEqual([
      { cve: "CVE-2024-3094", score: 0.86, percentile: 0.993 },
      { cve: "CVE-2021-44228", score: 0.944, percentile: 1 },
    ]);
  });

  it("accepts files without the comment line and columns in another order", () => {
    const out = parseEpss("percentile,cve,epss\n0.5,CVE-2020-0001,0.01\n");
    expect(out.header).toEqual({ modelVersion: null, scoreDate: null });
    expect(out.rows).toEqual([{ cve: "CVE-2020-0001", score: 0.01, percentile: 0.5 }]);
  });

  it("feeds a line at a time (streams)", () => {
    const p = createEpssLineParser();
    expect(p.line(HEADER)).toBeNull();
    expect(p.line("cve,epss,percentile")).toBeNull();
    expect(p.line("CVE-2024-0001,0.1,0.2")).toEqual({
      cve: "CVE-2024-0001",
      score: 0.1,
      percentile: 0.2,
    });
    expect(p.finish()).toMatchObject({ rows: 1, header: { modelVersion: "v2025.03.14" } });
  });

  it.each([
    [
      `${HEADER}\ncve,epss,percentile\nCVE-2024-0001,1.5,0.2`,
      3,
      'epss "1.5" is not a number between 0 and 1',
    ],
    [`${HEADER}\ncve,epss,percentile\nCVE-2024-0001,0.1`, 3, 'percentile "" is not a number'],
    [`${HEADER}\ncve,epss,percentile\nGHSA-xxxx,0.1,0.2`, 3, '"GHSA-XXXX" is not a CVE id'],
    [`${HEADER}\nid,score\n`, 2, 'expected the column header "cve,epss,percentile"'],
    ["#model_version:v1,score_date:yesterday\n", 1, 'score_date "yesterday" is not a date'],
    [
      "cve,epss,percentile\nCVE-2024-0001,0.1,0.2\nCVE-2024-0001,0.3,0.4",
      3,
      "CVE-2024-0001 is listed twice",
    ],
    ["", 2, 'no "cve,epss,percentile" header'],
  ])("rejects %j at line %i", (content, line, message) => {
    const f = failure(content);
    expect(f.message).toContain("FIRST EPSS CSV");
    expect(f.message).toContain(message);
    expect(f.details[0]?.line).toBe(line);
  });

  it("is bounded in rows and line length", () => {
    const rows = ["cve,epss,percentile", "CVE-2024-0001,0.1,0.1", "CVE-2024-0002,0.1,0.1"];
    expect(failure(rows.join("\n"), { maxRows: 1 }).message).toContain("more than 1 rows");
    expect(
      failure(`cve,epss,percentile\n${"x".repeat(50)}`, { maxLineLength: 40 }).message,
    ).toContain("line is 50 characters long");
  });
});
