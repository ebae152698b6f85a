import { describe, expect, it } from "vitest";
import {
  expiryFromPreset,
  expiryView,
  formatConditions,
  isContextKey,
  parseConditions,
} from "./suppression-format";

const NOW = Date.parse("2026-11-26T12:00:00Z");
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe("suppression expiry", () => {
  it("reads no expiry, expired, soon and later", () => {
    expect(expiryView(null, NOW)).toMatchObject({ state: "none", label: "no expiry" });
    expect(expiryView(at(-3 * DAY - 1000), NOW)).toMatchObject({
      state: "expired",
      label: "expired 3 days ago",
      color: "red",
    });
    expect(expiryView(at(-1000), NOW)).toMatchObject({ state: "expired", label: "expired today" });
    expect(expiryView(at(5 * 3_600_000), NOW)).toMatchObject({
      state: "soon",
      label: "expires in 5 hours",
    });
    expect(expiryView(at(2 * DAY + 1000), NOW)).toMatchObject({
      state: "soon",
      label: "expires in 2 days",
      color: "orange",
    });
    expect(expiryView(at(30 * DAY + 1000), NOW)).toMatchObject({
      state: "later",
      label: "expires in 30 days",
      color: "green",
    });
  });

  it("turns presets into timestamps", () => {
    expect(expiryFromPreset("7", NOW)).toBe(at(7 * DAY));
    expect(expiryFromPreset("never", NOW)).toBeUndefined();
  });
});

describe("suppression conditions", () => {
  it("parses key = value lines and formats them back", () => {
    const parsed = parseConditions("host = web-1\n\n  Image=/usr/bin/*  \nproc.name = a=b");
    expect(parsed).toEqual({
      ok: true,
      conditions: { host: "web-1", Image: "/usr/bin/*", "proc.name": "a=b" },
    });
    if (parsed.ok)
      expect(formatConditions(parsed.conditions)).toBe(
        "host = web-1\nImage = /usr/bin/*\nproc.name = a=b",
      );
    expect(parseConditions("")).toEqual({ ok: true, conditions: {} });
  });

  it("names the line that is wrong", () => {
    expect(parseConditions("host = a\nnothing")).toMatchObject({ ok: false, line: 2 });
    expect(parseConditions("1x = a")).toMatchObject({ ok: false, line: 1 });
    expect(parseConditions("User =")).toMatchObject({ ok: false, message: "User needs a value" });
    expect(parseConditions("a = 1\na = 2")).toMatchObject({ ok: false, line: 2 });
    const many = Array.from({ length: 11 }, (_, i) => `k${i} = v`).join("\n");
    expect(parseConditions(many)).toMatchObject({ ok: false, message: "At most 10 conditions" });
  });

  it("tells context keys from event fields", () => {
    expect(isContextKey("host")).toBe(true);
    expect(isContextKey("containerId")).toBe(true);
    expect(isContextKey("Image")).toBe(false);
  });
});
