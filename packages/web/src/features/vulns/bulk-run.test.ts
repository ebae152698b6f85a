import { describe, expect, it } from "vitest";
import { VULN_BULK_STATUS_MAX_IDS } from "@infrasec/contracts";
import { bulkOutcome, bulkStatusBody, describeOutcome } from "./bulk-run";

const findings = [
  { id: "a", vulnId: "CVE-2024-1", assetKey: "shop-api" },
  { id: "b", vulnId: "CVE-2024-2", assetKey: "billing" },
];

describe("bulk status changes through the bulk-status route", () => {
  it("sends every selected id with the status, reason and comment in one body", () => {
    expect(
      bulkStatusBody(["a", "b"], "dismissed", { reason: "false_positive", comment: "why" }),
    ).toEqual({ ids: ["a", "b"], status: "dismissed", reason: "false_positive", comment: "why" });
    expect(bulkStatusBody(["a"], "confirmed", {})).toEqual({ ids: ["a"], status: "confirmed" });
  });

  it("refuses an empty selection and more ids than one request takes, saying how many", () => {
    expect(() => bulkStatusBody([], "confirmed", {})).toThrow("Select at least one finding");
    const ids = Array.from({ length: VULN_BULK_STATUS_MAX_IDS + 1 }, (_, i) => `id-${i}`);
    expect(() => bulkStatusBody(ids, "confirmed", {})).toThrow(
      `At most ${VULN_BULK_STATUS_MAX_IDS} findings per bulk change (${VULN_BULK_STATUS_MAX_IDS + 1} selected)`,
    );
  });

  it("names each finding of the per-id answer, in the server's order", () => {
    const outcome = bulkOutcome(
      "confirmed",
      {
        results: [
          { id: "b", result: "unchanged" },
          { id: "a", result: "changed" },
          { id: "gone", result: "changed" },
        ],
        changed: 2,
        unchanged: 1,
      },
      findings,
    );
    expect(outcome.rows).toEqual([
      { id: "b", label: "CVE-2024-2 on billing", result: "unchanged" },
      { id: "a", label: "CVE-2024-1 on shop-api", result: "changed" },
      { id: "gone", label: "gone", result: "changed" },
    ]);
    expect(describeOutcome(outcome, "confirmed")).toBe(
      "2 findings changed to confirmed, 1 already was",
    );
    expect(describeOutcome({ ...outcome, changed: 1, unchanged: 0 }, "dismissed")).toBe(
      "1 finding changed to dismissed",
    );
  });
});
