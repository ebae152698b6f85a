import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { streamRecords } from "./stream-records";

// A full collection before each heap sample, so the figures are live data, not garbage timing.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const HOSTS = 2000;
const ITEMS = 10;
/** Plugin output and description: most of a real .nessus, and text the mapping never reads. */
const OUTPUT = `  Installed package : openssl-libs-1.0.2k-19.el7 — fixé\n`.repeat(20);

function host(h: number): string {
  const items: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    items.push(
      `<ReportItem port="${443 + i}" svc_name="www" protocol="tcp" severity="${i % 5}" pluginID="${100000 + i}" pluginName="Plugin ${i} &amp; co">` +
        `<description>${OUTPUT}</description><plugin_output><![CDATA[${OUTPUT}]]></plugin_output>` +
        `<cve>CVE-2024-${1000 + i}</cve><cvss3_base_score>7.5</cvss3_base_score></ReportItem>\n`,
    );
  }
  return (
    `<ReportHost name="host-${h}"><HostProperties><tag name="host-ip">10.${h >> 8}.${h & 255}.1</tag>` +
    `<tag name="Credentialed_Scan">true</tag></HostProperties>\n${items.join("")}</ReportHost>\n`
  );
}

/** ~50 MB of .nessus, generated chunk by chunk so that the test itself holds none of it. */
function* nessus(onChunk: (i: number) => void): Generator<Uint8Array> {
  yield Buffer.from(`<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Report name="big">\n`);
  for (let h = 0; h < HOSTS; h++) {
    onChunk(h);
    yield Buffer.from(host(h));
  }
  yield Buffer.from(`</Report>\n</NessusClientData_v2>\n`);
}

const live = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

describe("a large .nessus streams in bounded memory", () => {
  it("holds records, not the ~50 MB document", async () => {
    const size = HOSTS * Buffer.byteLength(host(0));
    expect(size).toBeGreaterThan(45 * 1024 * 1024);
    gc();
    const base = live();
    const samples: number[] = [];
    let consumed = 0;
    let firstBatchAt = -1;
    const sample = (h: number): void => {
      consumed = h;
      if (h % 100 !== 0) return;
      gc();
      samples.push(live() - base);
    };
    const gen = streamRecords(nessus(sample), { batchSize: 500 });
    let records = 0;
    let hosts = 0;
    for (;;) {
      const r = await gen.next();
      if (r.done) {
        hosts = r.value.coverage.targets.length;
        break;
      }
      if (firstBatchAt < 0) firstBatchAt = consumed;
      records += r.value.length; // Dropped: an importer upserts and forgets each batch.
    }
    expect(hosts).toBe(HOSTS);
    expect(records).toBe(HOSTS * ITEMS * 0.8); // severities 1–4 of 0–4
    // Records leave while most of the input is still unread...
    expect(firstBatchAt).toBeGreaterThan(0);
    expect(firstBatchAt).toBeLessThan(HOSTS / 10);
    // ...the live heap (bytes included) never holds more than a fraction of the text: collecting
    // it would hold all of it as bytes, and parseReport its decoded text and tree on top...
    expect(samples).toHaveLength(HOSTS / 100);
    expect(Math.max(...samples)).toBeLessThan(size / 3);
    // ...and what it holds does not grow with the input read (nothing per host is kept).
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const growth = mean(samples.slice(-5)) - mean(samples.slice(1, 6));
    expect(Math.abs(growth)).toBeLessThan(size / 20);
  });
});
