import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { sarifStreamReader } from "./sarif-stream-parser";
import { cycloneDxJsonStreamReader } from "./cyclonedx-stream-parser";
import { gitlabStreamReader } from "./gitlab-stream-parser";
import { osvStreamReader } from "./osv-stream-parser";
import type { FormatParseResult, FormatStreamReader } from "./vulns-types";

// A collector we can call between measurements, so that heap figures count what is retained,
// not garbage awaiting collection.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap plus array buffers (chunks a reader kept as bytes count too) after a full collection. */
function retained(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const MB = 1024 * 1024;
const filler = (n: number, seed: number): string =>
  `${seed}: ${"lorem ipsum dolor sit amet é漢字 ".repeat(Math.ceil(n / 34))}`.slice(0, n);

/**
 * A SARIF log of about `mb` MB, generated chunk by chunk (the test never holds it): rules with
 * long help text, results with 16 KB code flows, as CodeQL writes them.
 */
function* sarifChunks(mb: number): Generator<Uint8Array> {
  const rules = Array.from({ length: 50 }, (_, i) => ({
    id: `js/rule-${i}`,
    shortDescription: { text: `Rule ${i}` },
    help: { markdown: filler(20_000, i) },
    properties: { tags: ["security", `external/cwe/cwe-${79 + i}`], "security-severity": "7.5" },
  }));
  const head = JSON.stringify({
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "CodeQL", semanticVersion: "2.19.0", rules } }, results: [] }],
  });
  yield Buffer.from(head.slice(0, head.lastIndexOf("[]") + 1));
  let size = head.length;
  for (let i = 0; size < mb * MB; i++) {
    const result = JSON.stringify({
      ruleId: `js/rule-${i % 50}`,
      message: { text: `Finding ${i}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: `src/file-${i}.js` },
            region: { startLine: (i % 400) + 1 },
          },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: `h${i}` },
      codeFlows: [{ threadFlows: [{ locations: [{ message: { text: filler(16_000, i) } }] }] }],
    });
    const chunk = Buffer.from(`${i ? "," : ""}${result}`);
    size += chunk.length;
    yield chunk;
  }
  yield Buffer.from("]}]}");
}

/** `head`, then items until about `mb` MB, then `tail`, one chunk per item. */
function* itemChunks(
  head: string,
  item: (i: number) => unknown,
  tail: string,
  mb: number,
): Generator<Uint8Array> {
  yield Buffer.from(head);
  let size = head.length;
  for (let i = 0; size < mb * MB; i++) {
    const chunk = Buffer.from(`${i ? "," : ""}${JSON.stringify(item(i))}`);
    size += chunk.length;
    yield chunk;
  }
  yield Buffer.from(tail);
}

/** OSV records with long `details`, as osv.dev has. */
const osvChunks = (mb: number): Generator<Uint8Array> =>
  itemChunks(
    '{"results":[{"source":{"path":"/src/package-lock.json","type":"lockfile"},"packages":[',
    (i) => ({
      package: { name: `pkg-${i}`, version: "1.0.0", ecosystem: "npm" },
      vulnerabilities: [
        {
          id: `GHSA-${i}`,
          aliases: [`CVE-2024-${i}`],
          summary: `Problem ${i}`,
          details: filler(16_000, i),
          affected: [{ package: { name: `pkg-${i}` }, ranges: [{ events: [{ fixed: "1.0.1" }] }] }],
        },
      ],
      groups: [{ ids: [`GHSA-${i}`] }],
    }),
    "]}]}",
    mb,
  );

/** Long descriptions, of which records keep a 200-character title. */
const cycloneDxChunks = (mb: number): Generator<Uint8Array> =>
  itemChunks(
    '{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"component":{"bom-ref":"app","name":"app"}},"components":[{"bom-ref":"lib","name":"lib","version":"1.0"}],"vulnerabilities":[',
    (i) => ({
      id: `CVE-2024-${i}`,
      description: filler(16_000, i),
      ratings: [{ source: { name: "NVD" }, score: 7.5, method: "CVSSv31" }],
      affects: [{ ref: "lib" }],
    }),
    "]}",
    mb,
  );

/** GitLab's analyzers' order: `scan` after the vulnerabilities, so all records wait for it. */
const gitlabChunks = (mb: number): Generator<Uint8Array> =>
  itemChunks(
    '{"version":"15.0.7","vulnerabilities":[',
    (i) => ({
      id: `v${i}`,
      name: `Vulnerability ${i} in a dependency`,
      description: filler(16_000, i),
      severity: "High",
      solution: `Upgrade to version 2.0.${i}.`,
      identifiers: [{ type: "cve", name: `CVE-2024-${i}`, value: `CVE-2024-${i}` }],
      location: {
        file: "package-lock.json",
        dependency: { package: { name: `p${i}` }, version: "1.0" },
      },
    }),
    '],"scan":{"type":"dependency_scanning","status":"success","scanner":{"id":"gemnasium","name":"Gemnasium"},"analyzer":{"id":"gemnasium","name":"Gemnasium"}}}',
    mb,
  );

/** Feeds the chunks, then measures what stays retained while the result is still held. */
function measure(
  reader: FormatStreamReader,
  source: Iterable<Uint8Array>,
): { bytes: number; growth: number; result: FormatParseResult } {
  const before = retained();
  let bytes = 0;
  for (const c of source) {
    bytes += c.length;
    reader.feed(c);
  }
  const result = reader.finish();
  return { bytes, growth: retained() - before, result };
}

/** A reader that (wrongly) keeps every chunk, to show the measurement catches buffering. */
function buffering(reader: FormatStreamReader): FormatStreamReader & { kept: Uint8Array[] } {
  const kept: Uint8Array[] = [];
  return {
    kept,
    feed: (c) => {
      kept.push(Buffer.from(c));
      reader.feed(c);
    },
    take: () => reader.take(),
    finish: () => reader.finish(),
  };
}

describe("stream readers hold records, not the document", () => {
  it("streams a 50 MB SARIF log with retained memory far below its size", () => {
    const m = measure(sarifStreamReader(), sarifChunks(50));
    expect(m.bytes).toBeGreaterThan(50 * MB);
    expect(m.result.records.length).toBeGreaterThan(2900);
    expect(m.result.records[0]).toMatchObject({ kind: "code", reportedId: "js/rule-0" });
    // Records (~3,000) take a few MB; the document's text or tree would take ≥ 50 MB.
    expect(m.growth).toBeLessThan(m.bytes / 8);
  });

  it.each([
    ["CycloneDX JSON", cycloneDxJsonStreamReader, cycloneDxChunks, 50],
    ["OSV-Scanner", osvStreamReader, osvChunks, 25],
    ["GitLab", gitlabStreamReader, gitlabChunks, 25],
  ] as const)("streams a %s report the same way", (_, reader, chunks, mb) => {
    const m = measure(reader(), chunks(mb));
    expect(m.bytes).toBeGreaterThan(mb * MB);
    expect(m.result.records.length).toBeGreaterThan(mb * 60);
    expect(m.result.records[0]).toMatchObject({ kind: "package", target: expect.any(String) });
    expect(m.growth).toBeLessThan(m.bytes / 8);
  });

  it("the measurement fails a reader that keeps the text", () => {
    const reader = buffering(sarifStreamReader());
    const m = measure(reader, sarifChunks(50));
    expect(reader.kept.length).toBeGreaterThan(0);
    expect(m.growth).toBeGreaterThan(m.bytes / 8);
  });
});
