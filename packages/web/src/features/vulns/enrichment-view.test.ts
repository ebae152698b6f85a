import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { VulnSlaSweepResult } from "@infrasec/contracts";
import {
  FeedFileError,
  REFRESH_COMMANDS,
  coverageText,
  decodeFeedBytes,
  feedFreshness,
  isGzip,
} from "./enrichment-view";
import { epssPercent, epssTitle } from "./priority-format";
import { sweepSummary } from "./sla-format";

const CSV = "#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000\ncve,epss,percentile\n";

describe("reading feed files in the browser", () => {
  it("reads plain text and gzip alike", async () => {
    const plain = new TextEncoder().encode(CSV);
    expect(isGzip(plain)).toBe(false);
    expect(await decodeFeedBytes(plain, 1000)).toBe(CSV);
    const gz = new Uint8Array(gzipSync(CSV));
    expect(isGzip(gz)).toBe(true);
    expect(await decodeFeedBytes(gz, 1000)).toBe(CSV);
  });

  it("stops a file, or an archive, that expands past the limit", async () => {
    const bomb = new Uint8Array(gzipSync("x".repeat(200_000)));
    expect(bomb.length).toBeLessThan(1000);
    await expect(decodeFeedBytes(bomb, 50_000)).rejects.toThrow(
      /expands to more than 50,000 characters/,
    );
    await expect(decodeFeedBytes(new TextEncoder().encode("y".repeat(101)), 100)).rejects.toThrow(
      FeedFileError,
    );
  });

  it("names a broken archive", async () => {
    const broken = new Uint8Array(gzipSync(CSV)).slice(0, 12);
    await expect(decodeFeedBytes(broken, 1000)).rejects.toThrow(/not valid gzip/);
  });
});

describe("feed status in words", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");
  it("ages a feed by its own date, else its import time", () => {
    expect(feedFreshness(null, now)).toEqual({ text: "never imported", stale: true });
    expect(feedFreshness({ date: "2026-11-25T00:00:00Z", importedAt: "x" }, now)).toEqual({
      text: "from today",
      stale: false,
    });
    expect(feedFreshness({ date: null, importedAt: "2026-11-24T10:00:00Z" }, now).text).toBe(
      "1 day old",
    );
    expect(feedFreshness({ date: "2026-11-10T00:00:00Z", importedAt: "x" }, now)).toEqual({
      text: "15 days old",
      stale: true,
    });
  });

  it("shows coverage and the refresh commands", () => {
    expect(coverageText(3, 12)).toBe("3 of 12 open findings (25 %)");
    expect(coverageText(0, 0)).toBe("0 (no open findings)");
    expect(REFRESH_COMMANDS.epss).toBe(
      "curl -fsSL https://epss.empiricalsecurity.com/epss_scores-current.csv.gz -o epss.csv.gz && infrasec vulns enrich epss epss.csv.gz",
    );
    expect(REFRESH_COMMANDS.kev).toContain("infrasec vulns enrich kev kev.json");
  });

  it("writes EPSS as a percentage with its percentile", () => {
    expect(epssPercent(0.00131)).toBe("0.13 %");
    expect(epssPercent(0.0523)).toBe("5.2 %");
    expect(epssPercent(0.94421)).toBe("94 %");
    expect(epssTitle({ score: 0.94421, percentile: 0.99312 })).toBe(
      "EPSS 94 %: probability of exploitation in the next 30 days (99th percentile)",
    );
    expect(epssTitle({ score: 0.2, percentile: 0.912 })).toContain("(91st percentile)");
    expect(epssTitle({ score: 0.2, percentile: 0.112 })).toContain("(11th percentile)");
  });

  it("says what a sweep did in one line", () => {
    const r: VulnSlaSweepResult = {
      startedAt: "",
      finishedAt: "",
      examined: 12,
      changed: 3,
      events: { due_soon: 1, breached: 2, met: 0, missed: 0 },
      batches: 1,
    };
    expect(sweepSummary(r)).toBe("12 findings checked, 3 changed: 1 due soon, 2 breached");
    expect(
      sweepSummary({
        ...r,
        examined: 1,
        changed: 0,
        events: { due_soon: 0, breached: 0, met: 0, missed: 0 },
      }),
    ).toBe("1 finding checked, 0 changed");
  });
});
