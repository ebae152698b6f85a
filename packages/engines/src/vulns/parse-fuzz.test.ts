import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAppError } from "@infrasec/core";
import { parseReport } from "./parse-report";
import { parseReportStream } from "./parse-stream";

const dir = new URL("./testdata/", import.meta.url);
const names = readdirSync(dir).filter((n) => !/truncated|xxe|laughs/.test(n));

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Either parses or fails with parse_failed: never a TypeError, RangeError or library error. */
function expectCleanOutcome(f: () => unknown, label: string): void {
  try {
    f();
  } catch (e) {
    if (!isAppError(e) || e.code !== "parse_failed") throw new Error(`${label}: ${String(e)}`);
  }
}

describe("bad input never crashes the parsers", () => {
  it.each(names)(
    "%s: every truncation and random byte damage gives a result or parse_failed",
    (name) => {
      const buf = readFileSync(new URL(name, dir));
      const step = Math.max(1, Math.floor(buf.length / 60));
      for (let cut = 0; cut < buf.length; cut += step) {
        expectCleanOutcome(() => parseReport(buf.subarray(0, cut)), `${name} cut at ${cut}`);
      }
      const rand = rng(buf.length);
      for (let k = 0; k < 60; k++) {
        const copy = Buffer.from(buf);
        for (let j = 0; j < 3; j++)
          copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 128);
        expectCleanOutcome(() => parseReport(copy), `${name} damage ${k}`);
      }
    },
  );

  it("does the same when streaming", async () => {
    const buf = readFileSync(new URL("trivy-image.json", dir));
    for (let cut = 0; cut < buf.length; cut += 97) {
      await parseReportStream([buf.subarray(0, cut)]).then(
        () => undefined,
        (e: unknown) => {
          if (!isAppError(e)) throw e;
        },
      );
    }
  });

  it("turns the XML library's nesting limit into parse_failed", () => {
    const deep = `<NessusClientData_v2>${"<a>".repeat(20000)}${"</a>".repeat(20000)}</NessusClientData_v2>`;
    expect(() => parseReport(deep)).toThrow(/^Nessus v2 XML \(\.nessus\): invalid XML: /);
  });
});
