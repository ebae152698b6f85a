import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAppError } from "@infrasec/core";
import type { AppError } from "@infrasec/core";
import { FORMAT_NAMES } from "./detect-format";
import { parseReport } from "./parse-report";
import type { ParseReportOptions } from "./parse-report";
import { parseReportStream } from "./parse-stream";
import { streamRecords, streamableFormat } from "./stream-records";
import type { StreamRecordsEnd } from "./stream-records";
import type { VulnRecord, VulnReportFormat } from "./vulns-types";

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url));

type Json = Record<string, unknown>;

/** The object with `keys` moved to the end, in that order (producers differ in key order). */
function moveLast(o: Json, keys: string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (!keys.includes(k)) out[k] = v;
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

const TEXT_KEYS = new Set(["text", "description", "summary", "message", "details", "name"]);
/** Adds 2-, 3- and 4-byte UTF-8 characters to free-text fields, so chunks split inside them. */
function multibyte(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(multibyte);
  if (typeof v !== "object" || v === null) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v))
    out[k] = TEXT_KEYS.has(k) && typeof x === "string" ? `${x} é–漢字😀` : multibyte(x);
  return out;
}

const doc = (name: string): Json => JSON.parse(fixture(name).toString("utf8")) as Json;
const pretty = (v: unknown): Buffer => Buffer.from(JSON.stringify(v, null, 2));

/** Each fixture of these formats, and variants with the parts records need written late. */
const CASES: [string, Buffer][] = [
  ["sarif.json", fixture("sarif.json")],
  ["cyclonedx-vex.json", fixture("cyclonedx-vex.json")],
  ["osv.json", fixture("osv.json")],
  ["gitlab-container.json", fixture("gitlab-container.json")],
  ["gitlab-dependency.json", fixture("gitlab-dependency.json")],
  ["gitlab-sast.json", fixture("gitlab-sast.json")],
  ["gitlab-secret.json", fixture("gitlab-secret.json")],
  [
    "sarif: tool, rules and provenance after results, multibyte text",
    pretty(
      multibyte({
        ...doc("sarif.json"),
        runs: (doc("sarif.json").runs as Json[]).map((r) =>
          moveLast(r, ["tool", "versionControlProvenance", "invocations"]),
        ),
      }),
    ),
  ],
  [
    "cyclonedx: components and metadata after vulnerabilities, multibyte text",
    pretty(multibyte(moveLast(doc("cyclonedx-vex.json"), ["components", "metadata"]))),
  ],
  [
    "osv: source after packages, multibyte text",
    pretty(
      multibyte({
        results: (doc("osv.json").results as Json[]).map((r) => moveLast(r, ["source"])),
      }),
    ),
  ],
  ...["gitlab-container.json", "gitlab-sast.json"].map((n): [string, Buffer] => [
    `${n}: scan after vulnerabilities (as GitLab's analyzers write it), multibyte text`,
    pretty(multibyte(moveLast(doc(n), ["scan"]))),
  ]),
];

function chunks(buf: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

async function* slowly(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) {
    await Promise.resolve();
    yield p;
  }
}

async function drain(
  parts: Uint8Array[],
  opts?: ParseReportOptions,
): Promise<{ records: VulnRecord[]; end: StreamRecordsEnd }> {
  const gen = streamRecords(slowly(parts), { ...opts, batchSize: 2 });
  const records: VulnRecord[] = [];
  for (;;) {
    const r = await gen.next();
    if (r.done) return { records, end: r.value };
    records.push(...r.value);
  }
}

async function streamFailure(input: Uint8Array, size: number): Promise<AppError> {
  try {
    await parseReportStream(slowly(chunks(input, size)));
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected parseReportStream to throw");
}

function wholeFailure(input: Uint8Array): AppError {
  try {
    parseReport(input);
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected parseReport to throw");
}

describe("SARIF, CycloneDX JSON, GitLab and OSV-Scanner stream readers", () => {
  it.each(CASES)(
    "%s is streamed, in 1-, 7- and 65536-byte chunks, like parseReport",
    async (_, buf) => {
      const whole = parseReport(buf);
      expect(whole.records.length).toBeGreaterThan(0);
      expect(streamableFormat(buf, undefined)).toBe(whole.format);
      for (const size of [1, 7, 65536]) {
        expect(await parseReportStream(slowly(chunks(buf, size)))).toEqual(whole);
        const { records, end } = await drain(chunks(buf, size));
        expect(end).toEqual({
          format: whole.format,
          coverage: whole.coverage,
          warnings: whole.warnings,
          records: whole.records.length,
        });
        expect(records.map((r) => r.identity.hash)).toEqual(
          whole.records.map((r) => r.identity.hash),
        );
      }
      const asset = { asset: "registry.example.com/team/app:1" };
      expect(await parseReportStream(chunks(buf, 7), asset)).toEqual(parseReport(buf, asset));
    },
  );

  it("the multibyte variants really split characters across chunks", () => {
    for (const [name, buf] of CASES.filter(([n]) => n.includes("multibyte"))) {
      // A 7-byte chunk starting with a UTF-8 continuation byte begins inside a character.
      const inside = chunks(buf, 7).filter((c) => c[0]! >= 0x80 && c[0]! < 0xc0);
      expect(inside.length, name).toBeGreaterThan(0);
    }
  });

  it.each(CASES)("%s: every truncation fails as parse_failed with a position", async (_, buf) => {
    const whole = parseReport(buf);
    const name = FORMAT_NAMES[whole.format];
    const end = buf.toString("utf8").trimEnd().length;
    const step = Math.max(1, Math.floor(end / 25));
    for (let cut = 1024 > end ? Math.floor(end / 3) : 1024; cut < end; cut += step) {
      const part = buf.subarray(0, cut);
      const e = await streamFailure(part, 7);
      expect(e.code).toBe("parse_failed");
      // parseReport names the format sniffed from the (cut) head; the stream may know more.
      const prefix = wholeFailure(part).message.split(": ")[0];
      expect([prefix, name]).toContain(e.message.split(": ")[0]);
      expect(e.message).toMatch(/unexpected end of input \(truncated file\?\)|invalid JSON/);
      expect(e.details[0]?.line).toEqual(expect.any(Number));
    }
  });

  it.each(CASES)(
    "%s: random byte damage gives parseReport's result or parse_failed",
    async (_, buf) => {
      let seed = buf.length;
      const rand = (): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      for (let k = 0; k < 40; k++) {
        const copy = Buffer.from(buf);
        for (let j = 0; j < 3; j++)
          copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 128);
        let whole: unknown = null;
        try {
          whole = parseReport(copy);
        } catch (e) {
          if (!isAppError(e)) throw e;
        }
        try {
          const streamed = await parseReportStream(chunks(copy, 7));
          if (whole) expect(streamed).toEqual(whole);
        } catch (e) {
          if (!isAppError(e) || e.code !== "parse_failed") throw e;
        }
      }
    },
  );

  it.each([
    ["sarif.json", "$.runs[0].results[0]"],
    ["cyclonedx-vex.json", "$.vulnerabilities[0]"],
    ["osv.json", "$.results[0].packages[0]"],
    ["gitlab-sast.json", "$.vulnerabilities[0]"],
  ])("%s: broken JSON inside an item names the same line as parseReport", async (name, at) => {
    const text = fixture(name).toString("utf8");
    // Drop the first comma after the first item's opening brace: a syntax error inside it.
    const key = at.split(".").pop()!.replace(/\[0\]/g, "");
    const open = text.indexOf("{", text.indexOf(`"${key}"`));
    const comma = text.indexOf(",", open);
    const broken = Buffer.from(text.slice(0, comma) + text.slice(comma + 1));
    const whole = wholeFailure(broken);
    for (const size of [1, 7, 65536]) {
      const e = await streamFailure(broken, size);
      expect(e.message).toMatch(/invalid JSON/);
      expect(e.message.startsWith(FORMAT_NAMES[parseReport(fixture(name)).format])).toBe(true);
      expect(e.details[0]?.line).toBe(whole.details[0]?.line);
      expect(e.details[0]?.path).toContain(at);
    }
  });

  it.each([
    [
      "sarif",
      { version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [1] }] },
      "SARIF 2.1.0 log: expected an object, found a number at $.runs[0].results[0]",
    ],
    [
      "sarif",
      { version: "2.0.0", runs: [{ tool: { driver: { name: "x" } }, results: [] }] },
      'SARIF 2.1.0 log: unsupported version "2.0.0" at $.version',
    ],
    [
      "sarif",
      { version: "2.1.0", runs: [{ results: [] }] },
      "SARIF 2.1.0 log: expected an object, found nothing at $.runs[0].tool.driver",
    ],
    [
      "cyclonedx-json",
      {
        bomFormat: "CycloneDX",
        specVersion: "1.6",
        metadata: {},
        components: {},
        vulnerabilities: [],
      },
      "CycloneDX JSON BOM: expected an array, found an object at $.components",
    ],
    [
      "osv-scanner",
      { results: [{ source: { path: "a" }, packages: [{ vulnerabilities: [] }] }] },
      "OSV-Scanner JSON report: expected an object, found nothing at $.results[0].packages[0].package",
    ],
    [
      "osv-scanner",
      { results: [{ source: { path: "a" }, packages: [] }, "x"] },
      "OSV-Scanner JSON report: expected an object, found a string at $.results[1]",
    ],
    [
      "gitlab",
      {
        version: "15.0.7",
        vulnerabilities: [{ identifiers: [{ value: "X" }] }],
        scan: { type: "sast" },
      },
      "GitLab security report (schema 15.x): expected an object, found nothing at $.vulnerabilities[0].location",
    ],
    [
      "gitlab",
      { version: "13.0", vulnerabilities: [], scan: { type: "sast" } },
      'GitLab security report (schema 15.x): unsupported report version "13.0" at $.version',
    ],
  ])("%s: shape errors are parseReport's, with the JSON path", async (format, value, message) => {
    const buf = pretty(value);
    const opts = { format: format as VulnReportFormat };
    expect(() => parseReport(buf, opts)).toThrow(message);
    await expect(parseReportStream(chunks(buf, 3), opts)).rejects.toThrow(message);
  });

  it("confirms the sniffed format on the document's top-level keys", async () => {
    // A GitLab report whose head matches sniffFormat's SARIF pattern (a nested "runs" key).
    const gitlab = doc("gitlab-sast.json");
    const vulns = (gitlab.vulnerabilities as Json[]).map((v) => ({ ...v, details: { runs: 3 } }));
    const buf = pretty({ ...gitlab, vulnerabilities: vulns });
    expect(parseReport(buf).format).toBe("gitlab");
    expect(streamableFormat(buf, undefined)).toBe("sarif");
    await expect(parseReportStream(chunks(buf, 64))).rejects.toThrow(
      /^SARIF 2\.1\.0 log: the document is a GitLab security report .*pass the format explicitly \(format: "gitlab"\) at \$$/,
    );
    const forced = { format: "gitlab" as const };
    expect(await parseReportStream(chunks(buf, 64), forced)).toEqual(parseReport(buf, forced));
  });

  it("streams a large GitLab report whose head shows no `scan`", () => {
    const gitlab = moveLast(doc("gitlab-dependency.json"), ["scan"]);
    const big = {
      ...gitlab,
      vulnerabilities: Array(300).fill((gitlab.vulnerabilities as Json[])[0]),
    };
    const buf = pretty(big);
    expect(buf.length).toBeGreaterThan(70 * 1024);
    expect(streamableFormat(buf, undefined)).toBe("gitlab");
  });

  it("leaves XML input with a forced JSON format to parseReport's error", async () => {
    const xml = fixture("scan.nessus");
    expect(streamableFormat(xml, "sarif")).toBeNull();
    await expect(parseReportStream([xml], { format: "sarif" })).rejects.toThrow(
      "SARIF 2.1.0 log: input is XML, not JSON at line 1, column 1",
    );
  });

  it.each([
    ["osv-scanner", osvDoc],
    ["cyclonedx-json", cdxDoc],
    ["sarif", sarifDoc],
  ])("%s: records leave before the source is exhausted", async (format, make) => {
    const buf = Buffer.from(JSON.stringify(make(6000)));
    const whole = parseReport(buf);
    expect(whole.format).toBe(format);
    let consumed = 0;
    const parts = chunks(buf, 1024);
    async function* source(): AsyncGenerator<Uint8Array> {
      for (const p of parts) {
        consumed++;
        await Promise.resolve();
        yield p;
      }
    }
    const gen = streamRecords(source(), { batchSize: 50 });
    const first = await gen.next();
    expect(first.done).toBe(false);
    expect(consumed).toBeLessThan(parts.length / 2);
    const rest: VulnRecord[] = first.done ? [] : [...first.value];
    for (let r = await gen.next(); !r.done; r = await gen.next()) rest.push(...r.value);
    expect(rest.map((r) => r.identity.hash)).toEqual(whole.records.map((r) => r.identity.hash));
  });
});

function osvDoc(n: number): Json {
  const results = [0, 1].map((k) => ({
    source: { path: `/src/${k}/go.sum`, type: "lockfile" },
    packages: Array.from({ length: n / 2 }, (_, i) => ({
      package: { name: `example.com/m${i}`, version: "1.0.0", ecosystem: "Go" },
      vulnerabilities: [{ id: `GO-2024-${1000 + i}`, aliases: [`CVE-2024-${20000 + i}`] }],
      groups: [{ ids: [`GO-2024-${1000 + i}`], aliases: [`CVE-2024-${20000 + i}`] }],
    })),
  }));
  return { results };
}

function cdxDoc(n: number): Json {
  return {
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    metadata: { component: { "bom-ref": "app", name: "app", type: "application" } },
    components: Array.from({ length: n / 20 }, (_, i) => ({
      "bom-ref": `c${i}`,
      name: `lib${i}`,
      version: "1.0",
      purl: `pkg:npm/lib${i}@1.0`,
    })),
    vulnerabilities: Array.from({ length: n }, (_, i) => ({
      id: `CVE-2024-${20000 + i}`,
      affects: [{ ref: `c${i % (n / 20)}` }],
    })),
  };
}

function sarifDoc(n: number): Json {
  // Several runs: a run's records leave when it closes.
  return {
    version: "2.1.0",
    runs: Array.from({ length: 10 }, (_, k) => ({
      tool: { driver: { name: `tool${k}`, rules: [{ id: "r1" }] } },
      results: Array.from({ length: n / 10 }, (_, i) => ({
        ruleId: "r1",
        message: { text: "m" },
        locations: [{ physicalLocation: { artifactLocation: { uri: `f${k}/${i}.js` } } }],
      })),
    })),
  };
}
