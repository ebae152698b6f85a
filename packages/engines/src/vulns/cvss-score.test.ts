import { describe, expect, it } from "vitest";
import {
  CvssVectorError,
  cvssSeverity,
  cvssVersionOf,
  scoreCvss,
  tryScoreCvss,
} from "./cvss-score";

describe("scoreCvss", () => {
  it.each([
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.1", 9.8, "critical"],
    ["CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:C/C:L/I:L/A:N", "3.1", 4.4, "medium"],
    ["CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", "3.0", 5.5, "medium"],
    ["AV:N/AC:L/Au:N/C:P/I:P/A:P", "2.0", 7.5, "high"],
    // v2 has no Critical band: 10.0 is High.
    ["(AV:N/AC:L/Au:N/C:C/I:C/A:C)", "2.0", 10, "high"],
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", 9.3, "critical"],
    ["CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", "4.0", 1, "low"],
  ] as const)("scores %s", (vector, version, score, severity) => {
    expect(scoreCvss(vector)).toEqual({ version, score, vector, severity });
  });

  it("scores v4.0 as CVSS-B: threat metrics do not lower the score (KEV/EPSS carry exploitation)", () => {
    const base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
    expect(scoreCvss(`${base}/E:U`).score).toBe(scoreCvss(base).score);
  });

  it("ignores temporal metrics of v3.1 (base score)", () => {
    expect(scoreCvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U").score).toBe(9.8);
  });

  it.each([
    ["", "CVSS vector is empty"],
    ["garbage", 'not a CVSS vector: "garbage"'],
    ["CVSS:5.0/AV:N", 'unsupported CVSS version "CVSS:5.0"'],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "CVSS 3.1 vector: missing base metric A"],
    [
      "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H",
      "CVSS 4.0 vector: missing base metrics AT, SC, SI, SA",
    ],
    [
      "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      'CVSS 3.1 vector: part 1 "AV:Q": unknown value Q for AV',
    ],
    [
      "CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      'CVSS 3.1 vector: part 2 "AV:L" repeats metric AV',
    ],
    [
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A",
      'CVSS 3.1 vector: part 8 "A" is not METRIC:VALUE',
    ],
    [
      "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      'CVSS 3.1 vector: base metrics must be defined ("AV:X" is not)',
    ],
  ])("rejects %j naming the bad part", (vector, message) => {
    expect(() => scoreCvss(vector)).toThrow(CvssVectorError);
    expect(() => scoreCvss(vector)).toThrow(message);
  });

  it("rejects over-long input before parsing", () => {
    expect(() => scoreCvss(`CVSS:3.1/${"AV:N/".repeat(200)}`)).toThrow(/at most 512/);
  });

  it("tryScoreCvss gives null for a bad or missing vector", () => {
    expect(tryScoreCvss(null)).toBeNull();
    expect(tryScoreCvss("CVSS:3.1/AV:N")).toBeNull();
    expect(tryScoreCvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")?.score).toBe(9.8);
  });

  it("knows versions and bands", () => {
    expect(cvssVersionOf("CVSS:3.0/AV:N")).toBe("3.0");
    expect(cvssVersionOf("AV:L/AC:M/Au:N/C:N/I:N/A:P")).toBe("2.0");
    expect(cvssVersionOf("CVSS:9.9/AV:N")).toBeNull();
    expect(cvssSeverity(0, "3.1")).toBe("info");
    expect(cvssSeverity(3.9, "4.0")).toBe("low");
    expect(cvssSeverity(9, "3.1")).toBe("critical");
  });
});
