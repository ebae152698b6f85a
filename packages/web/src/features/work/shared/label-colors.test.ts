import { describe, expect, it } from "vitest";
import type { LabelView } from "@infrasec/contracts";
import { UNKNOWN_LABEL_COLOR, catalogMap, labelParts, labelTextColor } from "./label-colors";
import { kindLabel, statusLabel, weightLabel, healthLabel } from "./work-format";

const label = (name: string, color: string): LabelView => ({
  name,
  scope: null,
  color,
  description: `about ${name}`,
  usage: 0,
  createdAt: "2026-01-01T00:00:00Z",
});

describe("label display", () => {
  it("splits scoped labels at the last :: and takes the catalogue colour", () => {
    const catalog = catalogMap([label("workflow::backend::review", "#1f75cb")]);
    expect(labelParts("workflow::backend::review", catalog)).toMatchObject({
      scope: "workflow::backend",
      value: "review",
      color: "#1f75cb",
      description: "about workflow::backend::review",
    });
    expect(labelParts("Review-Priority:1")).toMatchObject({
      scope: null,
      value: "Review-Priority:1",
      color: UNKNOWN_LABEL_COLOR,
    });
  });

  it("picks readable text on light and dark colours", () => {
    expect(labelTextColor("#ffffff")).toBe("#000");
    expect(labelTextColor("#c2e0c6")).toBe("#000");
    expect(labelTextColor("#5843ad")).toBe("#fff");
    expect(labelTextColor("#000000")).toBe("#fff");
  });
});

describe("work display names", () => {
  it("names kinds, statuses, weights and health", () => {
    expect(kindLabel("security_review_request")).toBe("Security review request");
    expect(statusLabel("design_doc", "in-review")).toBe("In review");
    expect(statusLabel("security_review_request", "pending-risk-answers")).toBe(
      "Pending risk answers",
    );
    expect(statusLabel("task", "made-up")).toBe("Made up");
    expect(weightLabel(13)).toBe("13 · Too Large");
    expect(weightLabel(null)).toBe("—");
    expect(healthLabel("needs_attention")).toBe("Needs attention");
  });
});
