import { describe, expect, it } from "vitest";
import { expiryView, suppressionStateBadges, suppressionWhere } from "./suppression-expiry";

describe("suppression expiry", () => {
  it("says how many days are left, and flags the last month", () => {
    expect(expiryView(95)).toEqual({ state: "later", label: "expires in 95 days", color: "green" });
    expect(expiryView(10)).toEqual({ state: "soon", label: "expires in 10 days", color: "orange" });
    expect(expiryView(1).label).toBe("expires in 1 day");
    expect(expiryView(30).state).toBe("soon");
    expect(expiryView(31).state).toBe("later");
  });

  it("still applies on the expiry day and is expired the day after", () => {
    expect(expiryView(0)).toMatchObject({ state: "soon", label: "expires today" });
    expect(expiryView(-1)).toEqual({ state: "expired", label: "expired 1 day ago", color: "red" });
    expect(expiryView(-12).label).toBe("expired 12 days ago");
  });

  it("reads a missing expiry as no expiry", () => {
    expect(expiryView(null)).toMatchObject({ state: "none", label: "no expiry" });
    expect(expiryView(undefined).state).toBe("none");
  });
});

describe("suppression state badges", () => {
  it("marks stale and expired suppressions", () => {
    expect(suppressionStateBadges({ state: "active", expiresInDays: 5, matched: 2 })).toEqual([]);
    expect(
      suppressionStateBadges({ state: "stale", expiresInDays: null, matched: 0 }).map(
        (b) => b.label,
      ),
    ).toEqual(["stale"]);
    expect(
      suppressionStateBadges({ state: "expired", expiresInDays: -3, matched: 0 }).map(
        (b) => b.label,
      ),
    ).toEqual(["expired"]);
    // Active at upload time but past its expiry now: shown as expired too.
    expect(
      suppressionStateBadges({ state: "active", expiresInDays: -1, matched: 1 }).map(
        (b) => b.label,
      ),
    ).toEqual(["expired"]);
  });

  it("describes where a suppression applies", () => {
    expect(suppressionWhere({ file: "main.tf", line: 12, resource: null, attribute: null })).toBe(
      "main.tf:12",
    );
    expect(
      suppressionWhere({
        file: ".infrasec.yaml",
        line: 0,
        resource: "aws_s3_bucket.*",
        attribute: "acl",
      }),
    ).toBe(".infrasec.yaml (aws_s3_bucket.* · acl)");
  });
});
