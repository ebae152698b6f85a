import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAppError } from "@infrasec/core";
import { cycloneDxXmlStreamReader } from "./cyclonedx-xml-stream-parser";
import { nessusStreamReader } from "./nessus-stream-parser";
import { parseReport } from "./parse-report";
import { parseReportStream } from "./parse-stream";
import type { FormatStreamReader } from "./vulns-types";
import type { XmlLimits } from "./xml-stream";

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url));

function chunks(buf: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

/** The parse_failed message a reader gives on `input` fed in `size`-byte chunks. */
function streamFailure(
  input: string | Buffer,
  format: "nessus" | "cyclonedx-xml",
  size = 7,
  limits?: Partial<XmlLimits>,
): string {
  const reader: FormatStreamReader =
    format === "nessus" ? nessusStreamReader({}, limits) : cycloneDxXmlStreamReader({}, limits);
  try {
    for (const c of chunks(Buffer.from(input), size)) reader.feed(c);
    reader.finish();
  } catch (e) {
    if (!isAppError(e) || e.code !== "parse_failed") throw e;
    return e.message;
  }
  throw new Error("expected a parse failure");
}

function wholeFailure(input: string | Buffer): string {
  try {
    parseReport(input);
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e.message;
  }
  throw new Error("expected a parse failure");
}

const NESSUS = (body: string): string =>
  `<NessusClientData_v2><Report name="r"><ReportHost name="h">${body}</ReportHost></Report></NessusClientData_v2>`;
const BOM = (body: string): string =>
  `<bom xmlns="http://cyclonedx.org/schema/bom/1.5">${body}</bom>`;

describe("XML stream readers refuse hostile and broken input", () => {
  it.each([1, 7, 65536])(
    "refuse DOCTYPE (XXE, billion laughs) with its line, as parseReport does (%i-byte chunks)",
    (size) => {
      const xxe = streamFailure(fixture("xxe.xml"), "cyclonedx-xml", size);
      expect(xxe).toBe(
        "CycloneDX XML BOM: <!DOCTYPE> is not allowed (entity expansion is disabled) at line 2",
      );
      expect(wholeFailure(fixture("xxe.xml"))).toBe(xxe);
      const lol = streamFailure(fixture("billion-laughs.nessus"), "nessus", size);
      expect(lol).toBe(
        "Nessus v2 XML (.nessus): <!DOCTYPE> is not allowed (entity expansion is disabled) at line 2",
      );
      expect(wholeFailure(fixture("billion-laughs.nessus"))).toBe(lol);
    },
  );

  it("refuse an ENTITY declaration and never resolve an undeclared entity", () => {
    const decl = `<?xml version="1.0"?>\n\n<!ENTITY x SYSTEM "file:///etc/passwd">\n${NESSUS("")}`;
    expect(streamFailure(decl, "nessus", 1)).toBe(
      "Nessus v2 XML (.nessus): <!ENTITY> is not allowed (entity expansion is disabled) at line 3",
    );
    const used = NESSUS(`<HostProperties>\n<tag name="host-ip">&xxe;</tag></HostProperties>`);
    expect(streamFailure(used, "nessus")).toMatch(
      /^Nessus v2 XML \(\.nessus\): invalid XML: undefined entity\. at line 2, column 26$/,
    );
  });

  it("refuse a DOCTYPE the prolog check cannot see (after the root) through saxes", () => {
    expect(streamFailure(BOM("\n<!DOCTYPE x>"), "cyclonedx-xml", 3)).toMatch(
      /^CycloneDX XML BOM: invalid XML: inappropriately located doctype declaration\. at line 2/,
    );
  });

  it("accept DOCTYPE text inside CDATA in the body", () => {
    const xml = NESSUS(
      `<ReportItem port="80" protocol="tcp" severity="1" pluginID="1" pluginName="x"><plugin_output><![CDATA[<!DOCTYPE html><html/>]]></plugin_output></ReportItem>`,
    );
    const reader = nessusStreamReader();
    for (const c of chunks(Buffer.from(xml), 3)) reader.feed(c);
    expect([...reader.take(), ...reader.finish().records]).toHaveLength(1);
  });

  it.each([1, 7, 65536])(
    "fail on a truncated file naming the format, the open elements and the last line (%i-byte chunks)",
    (size) => {
      const msg = streamFailure(fixture("truncated.nessus"), "nessus", size);
      expect(msg).toBe(
        "Nessus v2 XML (.nessus): unexpected end of input (truncated file?): unclosed <NessusClientData_v2>, <Report>, <ReportHost>, <ReportItem> at line 12",
      );
      expect(wholeFailure(fixture("truncated.nessus"))).toBe(msg);
      const cdx = fixture("cyclonedx.xml");
      expect(streamFailure(cdx.subarray(0, cdx.indexOf("<ratings>")), "cyclonedx-xml", size)).toBe(
        "CycloneDX XML BOM: unexpected end of input (truncated file?): unclosed <bom>, <vulnerabilities>, <vulnerability> at line 21",
      );
    },
  );

  it("fail on malformed XML with the line and column saxes reports", () => {
    expect(streamFailure(NESSUS("\n  <ReportItem></Report>"), "nessus")).toMatch(
      /^Nessus v2 XML \(\.nessus\): invalid XML: unexpected close tag\. at line 2, column \d+$/,
    );
    expect(streamFailure(BOM('\n\n<components a="1" a="2"/>'), "cyclonedx-xml")).toMatch(
      /invalid XML: duplicate attribute: a\. at line 3/,
    );
    // Leading blank lines arrive alone in 1-byte chunks and still count.
    expect(streamFailure(`\n\n${NESSUS("\n<ReportItem></ReportHost>")}`, "nessus", 1)).toMatch(
      /invalid XML: unexpected close tag\. at line 4, column \d+$/,
    );
    expect(streamFailure(`${NESSUS("")}<second/>`, "nessus")).toMatch(
      /invalid XML: documents may contain only one root\. at line 1/,
    );
  });

  it("name the input problem as parseReport does: JSON, empty, wrong root, bad namespace", async () => {
    expect(streamFailure(fixture("grype.json"), "nessus")).toBe(
      "Nessus v2 XML (.nessus): input is JSON, not XML at line 1, column 1",
    );
    await expect(parseReportStream([fixture("grype.json")], { format: "nessus" })).rejects.toThrow(
      "Nessus v2 XML (.nessus): input is JSON, not XML at line 1, column 1",
    );
    expect(streamFailure(" \n ", "nessus")).toBe(
      "Nessus v2 XML (.nessus): the file is empty at line 1, column 1",
    );
    for (const xml of ["<testsuites/>", "<NessusClientData_v2/>"]) {
      expect(streamFailure(xml, "nessus")).toBe(
        "Nessus v2 XML (.nessus): root element <NessusClientData_v2> not found at /",
      );
    }
    const old = `<bom xmlns="http://cyclonedx.org/schema/bom/1.3"><components/></bom>`;
    const msg = streamFailure(old, "cyclonedx-xml");
    expect(msg).toBe(
      'CycloneDX XML BOM: unsupported or missing schema namespace "http://cyclonedx.org/schema/bom/1.3" (1.4–1.7) at /bom/@xmlns',
    );
    expect(wholeFailure(old)).toBe(msg);
  });

  it("refuse a repeated <bom> section in both readers instead of dropping it", () => {
    const twice = BOM(
      `<components><component bom-ref="a"><name>a</name></component></components><components/>`,
    );
    const msg = streamFailure(twice, "cyclonedx-xml");
    expect(msg).toBe(
      "CycloneDX XML BOM: <components> appears more than once in <bom> at /bom/components",
    );
    expect(wholeFailure(twice)).toBe(msg);
    expect(streamFailure(BOM("<metadata/><metadata/>"), "cyclonedx-xml")).toMatch(
      /<metadata> appears more than once/,
    );
  });

  it("bound element nesting depth", () => {
    const deep = (n: number): string =>
      NESSUS(`${"<HostProperties>".repeat(n)}${"</HostProperties>".repeat(n)}`);
    expect(streamFailure(deep(20000), "nessus", 65536)).toBe(
      "Nessus v2 XML (.nessus): elements nested deeper than 256 levels at line 1",
    );
    expect(streamFailure(deep(20), "nessus", 7, { maxDepth: 10 })).toMatch(
      /elements nested deeper than 10 levels at line 1$/,
    );
    const reader = nessusStreamReader({}, { maxDepth: 30 });
    reader.feed(Buffer.from(deep(20)));
    expect(reader.finish().coverage.targets).toHaveLength(1);
  });

  it("bound the length of one text node, attribute set, comment or CDATA section", () => {
    const limits = { maxTokenChars: 1000 };
    const big = "x".repeat(5000);
    for (const body of [
      `<tag name="a">${big}</tag>`,
      `<tag name="${big}"/>`,
      `<!-- ${big} -->`,
      `<tag><![CDATA[${big}]]></tag>`,
    ]) {
      expect(streamFailure(NESSUS(`\n${body}`), "nessus", 64, limits)).toMatch(
        /^Nessus v2 XML \(\.nessus\): a text, tag, comment or CDATA section longer than 1000 characters at line 2$/,
      );
    }
    // Short pieces that add up inside one kept element are bounded too.
    const pieces = `<tag name="a">${`<![CDATA[${"y".repeat(600)}]]>`.repeat(3)}</tag>`;
    expect(
      streamFailure(NESSUS(`<HostProperties>${pieces}</HostProperties>`), "nessus", 64, limits),
    ).toMatch(/element text longer than 1000 characters at line 1$/);
    // Text the mapping does not read (plugin output) is not accumulated at all.
    const dropped = NESSUS(
      `<ReportItem severity="2" pluginID="1"><plugin_output>${`<![CDATA[${"z".repeat(600)}]]>`.repeat(5)}</plugin_output></ReportItem>`,
    );
    const reader = nessusStreamReader({}, limits);
    for (const c of chunks(Buffer.from(dropped), 64)) reader.feed(c);
    expect([...reader.take(), ...reader.finish().records]).toHaveLength(1);
  });

  it.each(["scan.nessus", "multi-report.nessus", "cyclonedx.xml", "cyclonedx-1.6-assemblies.xml"])(
    "%s: every truncation and random byte damage gives a result or parse_failed when streamed",
    async (name) => {
      const buf = fixture(name);
      const clean = async (input: Uint8Array, label: string): Promise<void> => {
        await parseReportStream(chunks(input, 7), {
          format: name.endsWith(".nessus") ? "nessus" : "cyclonedx-xml",
        }).then(
          () => undefined,
          (e: unknown) => {
            if (!isAppError(e) || e.code !== "parse_failed")
              throw new Error(`${label}: ${String(e)}`);
          },
        );
      };
      for (let cut = 0; cut < buf.length; cut += 37)
        await clean(buf.subarray(0, cut), `cut ${cut}`);
      let seed = buf.length;
      const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let k = 0; k < 60; k++) {
        const copy = Buffer.from(buf);
        for (let j = 0; j < 3; j++)
          copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 128);
        await clean(copy, `damage ${k}`);
      }
    },
  );

  it("keep failing after the first error", () => {
    const reader = nessusStreamReader();
    expect(() => reader.feed(Buffer.from("<NessusClientData_v2><a></b>"))).toThrow(
      /unexpected close tag/,
    );
    expect(() => reader.feed(Buffer.from("</NessusClientData_v2>"))).toThrow(
      /unexpected close tag/,
    );
    expect(() => reader.finish()).toThrow(/unexpected close tag/);
  });
});
