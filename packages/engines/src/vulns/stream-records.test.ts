import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReport } from "./parse-report";
import { streamRecords } from "./stream-records";
import type { StreamRecordsEnd, StreamRecordsOptions } from "./stream-records";
import type { VulnRecord } from "./vulns-types";

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url));

async function drain(
  source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  opts?: StreamRecordsOptions,
): Promise<{ batches: VulnRecord[][]; end: StreamRecordsEnd }> {
  const gen = streamRecords(source, opts);
  const batches: VulnRecord[][] = [];
  for (;;) {
    const r = await gen.next();
    if (r.done) return { batches, end: r.value };
    batches.push(r.value);
  }
}

function chunks(buf: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

describe("streamRecords", () => {
  it("yields the same records as parseReport, in batches, with the coverage at the end", async () => {
    const whole = parseReport(fixture("trivy-image.json"));
    const { batches, end } = await drain(chunks(fixture("trivy-image.json"), 50), { batchSize: 3 });
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(batches.flat()).toEqual(whole.records);
    expect(end).toEqual({ format: "trivy", coverage: whole.coverage, warnings: [], records: 7 });
  });

  it("hands out records before the source is exhausted", async () => {
    const vulns = Array.from({ length: 3000 }, (_, i) => ({
      VulnerabilityID: `CVE-2024-${10000 + i}`,
      PkgName: `p${i}`,
      InstalledVersion: "1",
    }));
    const doc = Buffer.from(
      JSON.stringify({
        SchemaVersion: 2,
        ArtifactName: "repo",
        ArtifactType: "repository",
        Results: [{ Target: "t", Class: "lang-pkgs", Vulnerabilities: vulns }],
      }),
    );
    let consumed = 0;
    const parts = chunks(doc, 1024);
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
  });

  it("resolves known aliases per record and batches formats that cannot stream", async () => {
    const { batches } = await drain([fixture("trivy-image.json")], {
      knownAliases: [["GHSA-35jh-r3h4-6jhm", "CVE-2021-23337"]],
    });
    expect(batches.flat().find((r) => r.package === "lodash")?.vulnId).toBe("CVE-2021-23337");
    const grype = await drain(chunks(fixture("grype.json"), 64));
    expect(grype.batches.flat().map((r) => r.identity.hash)).toEqual(
      parseReport(fixture("grype.json")).records.map((r) => r.identity.hash),
    );
    const nessus = await drain([fixture("scan.nessus")], { batchSize: 2 });
    expect(nessus.batches.map((b) => b.length)).toEqual([2, 1]);
    expect(nessus.end.format).toBe("nessus");
  });
});
