import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReport } from "./parse-report";
import { parseReportStream } from "./parse-stream";

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url));

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

describe("parseReportStream", () => {
  it.each(["trivy-image.json", "trivy-k8s.json", "trivy-legacy.json", "grype.json"])(
    "reads %s in 1-, 7- and 4096-byte chunks exactly like parseReport",
    async (name) => {
      const buf = fixture(name);
      const whole = parseReport(buf);
      for (const size of [1, 7, 4096]) {
        const streamed = await parseReportStream(slowly(chunks(buf, size)));
        expect(streamed).toEqual(whole);
      }
    },
  );

  it("copes with findings before Target and with ArtifactName after Results", async () => {
    const doc = JSON.stringify({
      SchemaVersion: 2,
      Results: [
        {
          Vulnerabilities: [
            { VulnerabilityID: "CVE-2024-0727", PkgName: "libssl3", InstalledVersion: "3.1" },
          ],
          Target: "os",
          Class: "os-pkgs",
        },
      ],
      ArtifactName: "late/name:1",
      ArtifactType: "repository",
    });
    const r = await parseReportStream(chunks(Buffer.from(doc), 16));
    expect(r.records[0]).toMatchObject({ target: "late/name:1", location: { detail: "os" } });
    expect(r.records[0]!.identity.hash).toBe(parseReport(doc).records[0]!.identity.hash);
  });

  it("fails on a truncated stream with the JSON path reached", async () => {
    await expect(parseReportStream([fixture("trivy-truncated.json")])).rejects.toThrow(
      "Trivy JSON report: unexpected end of input (truncated file?) at $.Results[0].Vulnerabilities[0]",
    );
    const broken = Buffer.from(
      '{"SchemaVersion": 2, "Results": [{"Target": "a", "Vulnerabilities": [{"VulnerabilityID": tru}]}]}',
    );
    await expect(parseReportStream(chunks(broken, 5))).rejects.toThrow(
      /invalid JSON: .* at \$\.Results\[0\]\.Vulnerabilities\[0\]\.VulnerabilityID/,
    );
  });

  it("refuses an unsupported schema version", async () => {
    const doc = Buffer.from('{"SchemaVersion": 3, "ArtifactType": "repository", "Results": []}');
    await expect(parseReportStream([doc])).rejects.toThrow(
      /unsupported SchemaVersion 3 \(2 expected\) at \$\.SchemaVersion/,
    );
  });

  it("collects other formats and parses them in one piece", async () => {
    // A legacy Trivy array is not recognised from its head, so it is collected.
    const r = await parseReportStream(chunks(fixture("trivy-legacy.json"), 100));
    expect(r.format).toBe("trivy");
    expect(r.records).toHaveLength(1);
    await expect(
      parseReportStream([fixture("trivy-legacy.json")], { maxBytes: 10 }),
    ).rejects.toThrow(/exceeds the limit of 10 bytes/);
  });
});
