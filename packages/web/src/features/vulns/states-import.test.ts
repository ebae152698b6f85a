import { describe, expect, it } from "vitest";
import { vulnStatesImportBody } from "@infrasec/contracts";
import { guessSource, statesBody, statesProblems, statesSummary } from "./states-import";

describe("applying VEX and GitLab states from a file", () => {
  it("tells a GitLab CSV from a CycloneDX document by name, else by content", () => {
    expect(guessSource("vulnerabilities.csv", "{")).toBe("gitlab");
    expect(guessSource("vex.cdx.json", "Status,")).toBe("vex");
    expect(guessSource("export", '  {"bomFormat":"CycloneDX"}')).toBe("vex");
    expect(guessSource("export", "Status,Group Name")).toBe("gitlab");
  });

  it("needs a file and an asset before sending", () => {
    expect(statesProblems({ content: " ", asset: null })).toEqual({
      content: "Choose a file (it is empty or missing)",
      asset: "Choose the asset whose findings the file describes",
    });
    expect(statesProblems({ content: "{}", asset: "shop-api" })).toEqual({});
  });

  it("builds a body the route accepts", () => {
    const body = statesBody("{}", "shop-api", "vex.json");
    expect(vulnStatesImportBody.parse(body)).toEqual({
      content: "{}",
      asset: "shop-api",
      fileName: "vex.json",
    });
    expect(statesBody("{}", "shop-api", null)).toEqual({ content: "{}", asset: "shop-api" });
  });

  it("states the counts in one sentence", () => {
    expect(statesSummary({ matched: 4, changed: 3, skipped: 1, unmatched: 2 })).toBe(
      "4 rows matched a finding: 3 changed, 1 skipped; 2 matched none",
    );
    expect(statesSummary({ matched: 1, changed: 0, skipped: 1, unmatched: 0 })).toBe(
      "1 row matched a finding: 0 changed, 1 skipped; 0 matched none",
    );
  });
});
