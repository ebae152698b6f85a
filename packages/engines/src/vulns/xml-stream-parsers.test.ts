import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cycloneDxXmlStreamReader } from "./cyclonedx-xml-stream-parser";
import { nessusStreamReader } from "./nessus-stream-parser";
import { parseReport } from "./parse-report";
import type { ParseReportOptions } from "./parse-report";
import { parseReportStream } from "./parse-stream";
import { streamRecords, streamableFormat } from "./stream-records";
import type { StreamRecordsEnd } from "./stream-records";
import type { FormatParseResult, FormatStreamReader, VulnRecord } from "./vulns-types";

const dir = new URL("./testdata/", import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, dir));
/** Every XML fixture that is a valid report (the hostile ones are tested for their errors). */
const XML_FIXTURES = readdirSync(dir).filter(
  (n) => /\.(xml|nessus)$/.test(n) && !/truncated|xxe|laughs/.test(n),
);
const CHUNK_SIZES = [1, 7, 64 * 1024];

function chunks(buf: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

/** Runs a reader over chunks the way streamRecords does: take() after every feed. */
function runReader(reader: FormatStreamReader, parts: Uint8Array[]): FormatParseResult {
  const taken = [];
  for (const p of parts) {
    reader.feed(p);
    taken.push(...reader.take());
  }
  const end = reader.finish();
  return { ...end, records: [...taken, ...end.records] };
}

async function drain(
  parts: Uint8Array[],
  opts: ParseReportOptions = {},
): Promise<{ records: VulnRecord[]; end: StreamRecordsEnd }> {
  const gen = streamRecords(parts, { ...opts, batchSize: 2 });
  const records: VulnRecord[] = [];
  for (;;) {
    const r = await gen.next();
    if (r.done) return { records, end: r.value };
    records.push(...r.value);
  }
}

describe("XML stream readers", () => {
  it("cover fixtures that exercise what they must agree on", () => {
    expect(XML_FIXTURES).toEqual(
      expect.arrayContaining([
        "cyclonedx.xml",
        "cyclonedx-1.6-assemblies.xml",
        "multi-report.nessus",
        "scan.nessus",
      ]),
    );
    // Splitting at 1 and 7 bytes cuts multibyte characters only if there are some.
    for (const name of ["multi-report.nessus", "cyclonedx-1.6-assemblies.xml"]) {
      const buf = fixture(name);
      expect(buf.toString("utf8").length).toBeLessThan(buf.length);
    }
  });

  for (const name of XML_FIXTURES) {
    for (const size of CHUNK_SIZES) {
      it(`${name} in ${size}-byte chunks: streamRecords equals parseReport`, async () => {
        const buf = fixture(name);
        const whole = parseReport(buf);
        expect(whole.records.length).toBeGreaterThan(0);
        // The stream reader runs, not the collect-and-parse fallback.
        expect(streamableFormat(buf, undefined)).toBe(whole.format);
        const { records, end } = await drain(chunks(buf, size));
        expect(records).toEqual(whole.records);
        expect(end).toEqual({
          format: whole.format,
          coverage: whole.coverage,
          warnings: whole.warnings,
          records: whole.records.length,
        });
      });
    }
    it(`${name}: options (asset, includeInfo, knownAliases) give the same result streamed`, async () => {
      const buf = fixture(name);
      for (const opts of [
        { asset: "override" },
        { includeInfo: true },
        { knownAliases: [["CVE-2023-5868", "GHSA-aaaa-bbbb-cccc"]] },
      ] as ParseReportOptions[]) {
        const whole = parseReport(buf, opts);
        const streamed = await parseReportStream(chunks(buf, 7), opts);
        expect(streamed).toEqual(whole);
      }
    });
  }

  it("hand over Nessus records host by host, before the end of the input", () => {
    const buf = fixture("multi-report.nessus");
    const text = buf.toString("utf8");
    const reader = nessusStreamReader();
    const cut = Buffer.byteLength(text.slice(0, text.indexOf('<ReportHost name="10.1.2.3"')));
    reader.feed(buf.subarray(0, cut));
    expect(reader.take().map((r) => r.reportedId)).toEqual(["NESSUS-156860", "NESSUS-41028"]);
    reader.feed(buf.subarray(cut));
    expect(reader.take().map((r) => r.reportedId)).toEqual(["NESSUS-10000", "NESSUS-187000"]);
    const end = reader.finish();
    expect(end.records).toEqual([]);
    expect(end.coverage).toEqual(parseReport(buf).coverage);
    expect(end.coverage.targets).toHaveLength(4); // the empty <ReportHost/> is a target too
  });

  it("keep the first Nessus host until the asset override is known to apply", () => {
    const one = Buffer.from(
      `<NessusClientData_v2><Report name="r"><ReportHost name="h1"><ReportItem port="1" protocol="tcp" severity="2" pluginID="7"/></ReportHost></Report></NessusClientData_v2>`,
    );
    const reader = nessusStreamReader({ asset: "my-host" });
    reader.feed(one);
    expect(reader.take()).toEqual([]);
    const end = reader.finish();
    expect(end.records.map((r) => r.target)).toEqual(["my-host"]);
    expect(end.warnings).toEqual([]);
    const two = runReader(nessusStreamReader({ asset: "my-host" }), [fixture("scan.nessus")]);
    expect(two.records.map((r) => r.target)).not.toContain("my-host");
    expect(two.warnings[0]).toBe("asset override ignored: the report covers several hosts");
  });

  it("hand over CycloneDX records per vulnerability once metadata and components are known", () => {
    const buf = fixture("cyclonedx-1.6-assemblies.xml");
    const text = buf.toString("utf8");
    const reader = cycloneDxXmlStreamReader();
    const cut = Buffer.byteLength(
      text.slice(0, text.indexOf('<cdx:vulnerability bom-ref="v-babel"')),
    );
    reader.feed(buf.subarray(0, cut));
    const first = reader.take();
    expect(first.map((r) => r.package)).toEqual(["qs", "org.example:inner-dup"]);
    expect(first[1]!.vex).toEqual({ state: "not_affected" });
    reader.feed(buf.subarray(cut));
    const end = reader.finish();
    expect(end.records).toHaveLength(4);
    expect(end.warnings).toEqual(["2 affects[].ref value(s) name no component in the BOM"]);
    expect(end.coverage.targets[0]).toMatchObject({
      asset: "pkg:npm/z%c3%bcrich-portal",
      packages: 4, // express, qs, traverse, and "dup" once
    });
  });

  it("keep CycloneDX vulnerabilities until the end when components come after them", async () => {
    const xml = `<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><vulnerabilities><vulnerability><id>CVE-1</id><affects><target><ref>a</ref></target></affects></vulnerability></vulnerabilities><components><component bom-ref="a"><name>alpha</name><version>1</version></component></components></bom>`;
    const reader = cycloneDxXmlStreamReader();
    reader.feed(Buffer.from(xml));
    expect(reader.take()).toEqual([]);
    const end = reader.finish();
    expect(end.records.map((r) => [r.package, r.version])).toEqual([["alpha", "1"]]);
    expect(await parseReportStream([Buffer.from(xml)])).toEqual(parseReport(xml));
  });
});
