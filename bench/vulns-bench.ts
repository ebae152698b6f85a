// Parser benchmark for the vulnerability engine (issue 4, `npm run bench:vulns`).
// Cases run in child processes so each peak RSS is its own:
//   30k      a generated Trivy report with 30,000 findings, parsed from memory with parseReport
//   200mb    a generated ~200 MB Trivy report read from disk and parsed with parseReport
//   stream   the same file streamed with parseReportStream (64 KiB chunks)
//   batches  the same file through streamRecords, keeping only a hash → count map (an import's view)
//   huge     with VULNS_BENCH_HUGE_MB=1000: a ~1 GB report through streamRecords
// Prints MB/s, records/s and peak RSS. Sizes: VULNS_BENCH_MB (default 200), VULNS_BENCH_FINDINGS
// (default 30000). Set VULNS_BENCH_SKIP_LARGE=1 to run only the 30k case. Figures, not assertions.
import { spawnSync } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { parseReport, parseReportStream, streamRecords } from "@infrasec/engines/vulns";
import type { ParsedReport } from "@infrasec/engines/vulns";

const FINDINGS = Number(process.env.VULNS_BENCH_FINDINGS ?? 30_000);
const LARGE_MB = Number(process.env.VULNS_BENCH_MB ?? 200);

const DESCRIPTION =
  "A flaw was found in the library's handling of crafted input. A remote attacker could use this to cause a denial " +
  "of service or possibly execute arbitrary code. The issue affects all versions before the fixed release listed. ";

/** One Trivy vulnerability of realistic size (~1.6 KB) for package `p` and vulnerability number `i`. */
function vuln(i: number, p: number): string {
  const id = `CVE-20${20 + (i % 6)}-${String(10000 + i).padStart(5, "0")}`;
  return JSON.stringify({
    VulnerabilityID: id,
    PkgID: `pkg${p}@1.${p % 10}.${i % 7}`,
    PkgName: `pkg${p}`,
    PkgIdentifier: {
      PURL: `pkg:deb/debian/pkg${p}@1.${p % 10}.${i % 7}?arch=amd64`,
      UID: (i * 2654435761).toString(16),
    },
    InstalledVersion: `1.${p % 10}.${i % 7}`,
    FixedVersion: i % 3 === 0 ? "" : `1.${p % 10}.${(i % 7) + 1}`,
    Status: i % 3 === 0 ? "affected" : "fixed",
    Layer: { DiffID: `sha256:${(p % 16).toString(16).repeat(64)}` },
    SeveritySource: "nvd",
    PrimaryURL: `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
    Title: `pkg${p}: crafted input handling flaw`,
    Description: DESCRIPTION + DESCRIPTION,
    Severity: ["LOW", "MEDIUM", "HIGH", "CRITICAL"][i % 4],
    CweIDs: ["CWE-787"],
    VendorSeverity: { debian: 1, nvd: 3 },
    CVSS: {
      nvd: { V3Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", V3Score: 4 + (i % 60) / 10 },
    },
    References: [
      `https://security-tracker.debian.org/tracker/${id}`,
      `https://nvd.nist.gov/vuln/detail/${id}`,
    ],
    PublishedDate: "2024-01-01T00:00:00Z",
    LastModifiedDate: "2024-02-01T00:00:00Z",
  });
}

/** Writes a Trivy report with `n` vulnerabilities (or until `maxBytes`) through `write`. */
async function generate(
  write: (s: string) => Promise<void> | void,
  n: number,
  maxBytes = Infinity,
): Promise<number> {
  let bytes = 0;
  const w = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    await write(s);
  };
  await w(
    `{"SchemaVersion":2,"Trivy":{"Version":"0.58.0"},"ArtifactName":"registry.example.com/bench/app:1","ArtifactType":"container_image",` +
      `"Metadata":{"RepoTags":["registry.example.com/bench/app:1"]},"Results":[{"Target":"registry.example.com/bench/app:1 (debian 12.5)","Class":"os-pkgs","Type":"debian","Vulnerabilities":[`,
  );
  let i = 0;
  let batch: string[] = [];
  for (; i < n && bytes < maxBytes; i++) {
    batch.push((i ? "," : "") + vuln(i, i % 1500));
    if (batch.length === 500) {
      await w(batch.join(""));
      batch = [];
    }
  }
  await w(batch.join("") + "]}]}\n");
  return i;
}

function report(
  name: string,
  bytes: number,
  ms: number,
  cpu: NodeJS.CpuUsage,
  r: ParsedReport,
  baseRss: number,
): void {
  const peak = process.resourceUsage().maxRSS / 1024;
  const mb = bytes / 1e6;
  // CPU seconds next to wall seconds: on a shared machine the wall clock mostly measures the queue.
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${name.padEnd(8)} ${mb.toFixed(1).padStart(7)} MB  ${(ms / 1000).toFixed(2).padStart(6)} s wall  ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s  ` +
      `${cpuS.toFixed(2)} s CPU  ${(mb / cpuS).toFixed(1)} MB/CPU-s  ` +
      `${String(r.records.length).padStart(7)} records  ${String(r.findings.length).padStart(7)} findings  ` +
      `${Math.round(r.records.length / (ms / 1000))} rec/s  peak RSS ${peak.toFixed(0)} MB (before parse ${baseRss.toFixed(0)} MB)`,
  );
}

async function runCase(name: string, file: string | undefined): Promise<void> {
  if (name === "30k") {
    const parts: string[] = [];
    await generate((s) => void parts.push(s), FINDINGS);
    const buf = Buffer.from(parts.join(""));
    parts.length = 0;
    const base = process.memoryUsage().rss / 1e6;
    const t = performance.now();
    const c0 = process.cpuUsage();
    const r = parseReport(buf);
    report(name, buf.byteLength, performance.now() - t, process.cpuUsage(c0), r, base);
    return;
  }
  if (!file) throw new Error("file required");
  if (name === "batches" || name === "huge") {
    const base = process.memoryUsage().rss / 1e6;
    const t = performance.now();
    const c0 = process.cpuUsage();
    // What an import keeps: one entry per identity, not the records.
    const seen = new Map<string, number>();
    let records = 0;
    for await (const batch of streamRecords(createReadStream(file, { highWaterMark: 64 * 1024 }), {
      batchSize: 1000,
    })) {
      records += batch.length;
      for (const r of batch) seen.set(r.identity.hash, (seen.get(r.identity.hash) ?? 0) + 1);
    }
    const stub = {
      records: { length: records },
      findings: { length: seen.size },
    } as unknown as ParsedReport;
    report(name, statSync(file).size, performance.now() - t, process.cpuUsage(c0), stub, base);
    return;
  }
  const base = process.memoryUsage().rss / 1e6;
  const t = performance.now();
  const c0 = process.cpuUsage();
  const r =
    name === "stream"
      ? await parseReportStream(createReadStream(file, { highWaterMark: 64 * 1024 }))
      : parseReport(readFileSync(file));
  report(name, statSync(file).size, performance.now() - t, process.cpuUsage(c0), r, base);
}

async function main(): Promise<void> {
  const [, , mode, caseName, caseFile] = process.argv;
  if (mode === "--case" && caseName) return runCase(caseName, caseFile);
  // The load average says how far figures on a shared machine are from an idle one.
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  console.log(`bench:vulns on ${process.version}, ${cpus().length} CPUs, load average ${load}`);
  console.log(`${FINDINGS} findings in memory, and a ${LARGE_MB} MB report from disk\n`);
  const self = (args: string[]): void => {
    const res = spawnSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, "--case", ...args],
      { stdio: "inherit" },
    );
    if (res.status !== 0) console.log(`case ${args[0]} failed with status ${res.status}`);
  };
  self(["30k"]);
  if (process.env.VULNS_BENCH_SKIP_LARGE === "1") return;
  const dir = mkdtempSync(join(tmpdir(), "vulns-bench-"));
  const file = join(dir, "trivy-large.json");
  try {
    const out = createWriteStream(file);
    const n = await generate(
      async (s) => {
        if (!out.write(s)) await once(out, "drain");
      },
      Number.MAX_SAFE_INTEGER,
      LARGE_MB * 1e6,
    );
    out.end();
    await once(out, "finish");
    console.log(`generated ${(statSync(file).size / 1e6).toFixed(0)} MB with ${n} vulnerabilities`);
    self(["200mb", file]);
    self(["stream", file]);
    self(["batches", file]);
    const hugeMb = Number(process.env.VULNS_BENCH_HUGE_MB ?? 0);
    if (hugeMb > 0) {
      rmSync(file);
      const huge = join(dir, "trivy-huge.json");
      const out2 = createWriteStream(huge);
      const n2 = await generate(
        async (s) => {
          if (!out2.write(s)) await once(out2, "drain");
        },
        Number.MAX_SAFE_INTEGER,
        hugeMb * 1e6,
      );
      out2.end();
      await once(out2, "finish");
      console.log(
        `generated ${(statSync(huge).size / 1e6).toFixed(0)} MB with ${n2} vulnerabilities`,
      );
      self(["huge", huge]);
    }
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
