import { describe, expect, it } from "vitest";
import { BAND_COLORS, BAND_NAMES, bandRangeLabel, previewKeyResult, scoreColor } from "./okr-bands";

describe("OKR band colours", () => {
  it("colours the published bands green, amber and red at the 85 and 70 boundaries", () => {
    expect(scoreColor(100)).toBe("green");
    expect(scoreColor(85)).toBe("green");
    expect(scoreColor(84)).toBe("yellow");
    expect(scoreColor(70)).toBe("yellow");
    expect(scoreColor(69)).toBe("red");
    expect(scoreColor(0)).toBe("red");
    expect(BAND_COLORS).toEqual({ on_target: "green", off_target: "yellow", at_risk: "red" });
  });

  it("names bands with their ranges", () => {
    expect(BAND_NAMES.off_target).toBe("Off target");
    expect(bandRangeLabel("on_target")).toBe("On target (85–100%)");
    expect(bandRangeLabel("at_risk")).toBe("At risk (0–69%)");
  });

  it("previews a key result's score and band as the current value changes", () => {
    expect(previewKeyResult(0, 10, 7)).toMatchObject({ score: 70, band: "off_target" });
    expect(previewKeyResult(0, 10, 9)).toMatchObject({ score: 90, band: "on_target" });
    // A decrease target: 40 incidents down to 10; at 16 that is 80% of the way.
    expect(previewKeyResult(40, 10, 16)).toMatchObject({ score: 80, band: "off_target" });
    expect(previewKeyResult(0, 10, 25).score).toBe(100);
    expect(previewKeyResult(0, 10, -3).score).toBe(0);
  });
});
