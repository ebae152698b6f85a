// Streaming import benchmark (issue 4: "one [Trivy report] of about 1 GB … peak RSS ≤ 1 GB while
// importing the 1 GB report", on SQLite and PostgreSQL).
// Writes a generated Trivy report of VULNS_STREAM_MB (default 1024) MB to a temp file by
// streaming (realistic records: descriptions, references, CVSS from two sources, PURLs, layers,
// several targets, a few findings seen in two targets), then, for each dialect (SQLite always;
// PostgreSQL when INFRASEC_TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres
// answers), imports it cold and again identically in a CHILD process through the service's file
// import (the path of `infrasec vulns import FILE` and of the upload route), so that each child's
// peak RSS (process.resourceUsage().maxRSS and /proc/self/status VmHWM) is the import's own.
// VULNS_STREAM_DIALECTS=sqlite limits the dialects; VULNS_STREAM_GZIP=1 gzips the file first;
// VULNS_STREAM_FILE=path imports an existing report instead of generating one (a missing path is
// generated there and kept). Each case prints the child's peak RSS so far (maxRssMb, vmHwmMb) and
// the phase's own peak (phaseVmHwmMb), with the load average next to it.
// Prints one JSON object per case and a summary; figures, not assertions.
import { spawnSync } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { createGzip } from "node:zlib";
import pg from "pg";
import { ManualClock, systemActor } from "@infrasec/core";
import { createServices } from "@infrasec/services";
import { createStore, migrateToLatest, openDatabase } from "@infrasec/storage";
import type { DatabaseHandle } from "@infrasec/storage";

const PG_ADMIN =
  process.env.INFRASEC_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ctx = { actor: { ...systemActor, username: "bench" }, requestId: "bench" };
const MB = 1024 * 1024;

const WORDS = (
  "a flaw was found in the handling of crafted input which allows a remote attacker to cause " +
  "a denial of service or possibly execute arbitrary code via a specially crafted request when " +
  "the parser processes malformed headers buffer overflow in the decoder out of bounds read " +
  "use after free integer overflow leads to heap corruption null pointer dereference"
).split(" ");

/** Deterministic pseudo-random numbers, so every run writes the same report. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function sentence(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]!);
  return out.join(" ");
}

/** One Trivy vulnerability of realistic shape and size (~2.5 KB). */
function vuln(i: number, r: () => number, pkg: string, version: string, purl: string): string {
  const year = 2015 + (i % 11);
  const id = `CVE-${year}-${String(10000 + i)}`;
  const refs = Array.from(
    { length: 4 + Math.floor(r() * 10) },
    (_, k) =>
      `https://security.example.org/advisories/${id}/${k}/${sentence(r, 2).replace(/ /g, "-")}`,
  );
  const v3 = 2 + Math.floor(r() * 80) / 10;
  return JSON.stringify({
    VulnerabilityID: id,
    PkgID: `${pkg}@${version}`,
    PkgName: pkg,
    PkgIdentifier: { PURL: `${purl}@${version}`, UID: Math.floor(r() * 1e16).toString(16) },
    InstalledVersion: version,
    FixedVersion: i % 4 === 0 ? "" : `${version}.${1 + (i % 5)}`,
    Status: i % 4 === 0 ? "affected" : "fixed",
    Layer: {
      Digest: `sha256:${(i % 23).toString(16).padStart(2, "0").repeat(32)}`,
      DiffID: `sha256:${(i % 19).toString(16).padStart(2, "0").repeat(32)}`,
    },
    SeveritySource: "nvd",
    PrimaryURL: `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
    DataSource: {
      ID: "debian",
      Name: "Debian Security Tracker",
      URL: "https://salsa.debian.org/security-tracker-team/security-tracker",
    },
    Title: `${pkg}: ${sentence(r, 6)}`,
    Description: sentence(r, 60 + Math.floor(r() * 160)),
    Severity: ["LOW", "MEDIUM", "HIGH", "CRITICAL"][i % 4],
    CweIDs: [`CWE-${20 + (i % 700)}`],
    VendorSeverity: { debian: 1 + (i % 3), nvd: 1 + (i % 4), redhat: 2 },
    CVSS: {
      nvd: { V3Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", V3Score: v3 },
      redhat: {
        V3Vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
        V3Score: Math.max(1, v3 - 1),
      },
    },
    References: refs,
    PublishedDate: `${year}-0${1 + (i % 9)}-1${i % 10}T12:00:00Z`,
    LastModifiedDate: "2026-10-01T08:00:00Z",
  });
}

/** Writes the report by streaming, with backpressure; returns its records and size. */
async function generate(
  file: string,
  targetBytes: number,
): Promise<{ records: number; bytes: number }> {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await new Promise<void>((r) => out.once("drain", () => r()));
  };
  const r = rng(42);
  let records = 0;
  await write(
    `{"SchemaVersion":2,"CreatedAt":"2026-11-25T12:00:00Z","ArtifactName":"registry.example.com/bench/big:1",` +
      `"ArtifactType":"container_image","Metadata":{"OS":{"Family":"debian","Name":"12.5"},` +
      `"RepoTags":["registry.example.com/bench/big:1"]},"Results":[`,
  );
  // 70 % OS packages in one result, the rest in 20 language-package results; 1 in 50
  // language findings repeats one of the previous target (the same jar in two places).
  const targets = [
    {
      target: "registry.example.com/bench/big:1 (debian 12.5)",
      cls: "os-pkgs",
      type: "debian",
      share: 0.7,
    },
    ...Array.from({ length: 20 }, (_, t) => ({
      target: `app/lib/module${t}/pom.xml`,
      cls: "lang-pkgs",
      type: "pom",
      share: 0.3 / 20,
    })),
  ];
  let i = 0;
  for (const [t, tg] of targets.entries()) {
    await write(
      `${t ? "," : ""}{"Target":${JSON.stringify(tg.target)},"Class":"${tg.cls}","Type":"${tg.type}","Vulnerabilities":[`,
    );
    const until = bytes + (targetBytes - 200) * tg.share;
    let first = true;
    while (bytes < until) {
      const p = i % 9000;
      const lang = tg.cls === "lang-pkgs";
      const dup = lang && t > 1 && i % 50 === 0;
      const n = dup ? i - 7 : i;
      const pkg = lang ? `org.example.group${p % 40}:artifact${p}` : `lib${p}`;
      const purl = lang
        ? `pkg:maven/org.example.group${p % 40}/artifact${p}`
        : `pkg:deb/debian/lib${p}`;
      await write(
        `${first ? "" : ","}${vuln(n, r, dup ? pkg : pkg, `1.${p % 10}.${n % 7}`, purl)}`,
      );
      first = false;
      records++;
      i++;
    }
    await write("]}");
  }
  await write("]}");
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  return { records, bytes };
}

interface BenchDb {
  handle: DatabaseHandle;
  cleanup: () => Promise<void>;
}

async function openFresh(dialect: "sqlite" | "postgres", dir: string): Promise<BenchDb | null> {
  if (dialect === "sqlite") {
    const handle = openDatabase({ sqlitePath: join(dir, "bench.sqlite") });
    await migrateToLatest(handle.db);
    return { handle, cleanup: () => handle.close() };
  }
  const name = `infrasec_stream_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch {
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  const handle = openDatabase({ url: u.toString(), poolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Peak resident set size of this process so far, in MB (both sources Linux gives). */
function peakRssMb(): { maxRssMb: number; vmHwmMb: number | null } {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return {
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    vmHwmMb: m ? Math.round(Number(m[1]) / 1024) : null,
  };
}

/**
 * Resets the kernel's peak RSS (VmHWM) to the current RSS, so each phase reports its own peak
 * (`phaseVmHwmMb`); maxRSS stays the whole child's. Not every kernel lets a process do this.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** Child: one dialect, a cold import and an identical re-import of the file. */
async function child(dialect: "sqlite" | "postgres", file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "infrasec-stream-db-"));
  const db = await openFresh(dialect, dir);
  if (!db) {
    console.log(JSON.stringify({ dialect, skipped: `PostgreSQL not reachable at ${PG_ADMIN}` }));
    return;
  }
  const clock = new ManualClock("2026-11-25T12:00:00.000Z");
  const s = createServices({
    store: createStore(db.handle),
    clock,
    vulns: { spoolDir: join(dir, "spool") },
  });
  try {
    await s.assets.create(ctx, { key: "big", name: "big", kind: "container_image" });
    for (const phase of ["cold", "re-import"] as const) {
      clock.advance(60_000);
      const reset = resetPeakRss();
      const t0 = performance.now();
      const job = await s.vulns.runImport(ctx, { file, asset: "big" });
      const seconds = Math.round((performance.now() - t0) / 100) / 10;
      if (job.status !== "done") throw new Error(`${phase}: ${job.status}: ${job.error ?? ""}`);
      const c = job.counts;
      const findings = c.created + c.updated + c.unchanged + c.reactivated;
      const peak = peakRssMb();
      const phaseVmHwmMb = reset ? peak.vmHwmMb : null;
      console.log(
        JSON.stringify({
          dialect,
          phase,
          seconds,
          findings,
          counts: job.counts,
          ...peak,
          phaseVmHwmMb,
        }),
      );
    }
  } finally {
    await s.vulns.idle();
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const mb = Number(process.env.VULNS_STREAM_MB ?? "1024");
  const dialects = (process.env.VULNS_STREAM_DIALECTS ?? "sqlite,postgres").split(",");
  const dir = mkdtempSync(join(tmpdir(), "infrasec-stream-bench-"));
  try {
    // VULNS_STREAM_FILE: import an existing report instead of generating one; a path that does
    // not exist yet is generated there and kept, so the 1 GB report is written once.
    const given = process.env.VULNS_STREAM_FILE;
    const reuse = given !== undefined && existsSync(given);
    let file = given ?? join(dir, "trivy-big.json");
    const t0 = performance.now();
    const { records, bytes } = reuse
      ? { records: null, bytes: statSync(file).size }
      : await generate(file, mb * MB);
    const report = {
      file: file.replace(dir, "$TMP"),
      bytes,
      mb: Math.round(bytes / MB),
      records,
      generateSeconds: Math.round((performance.now() - t0) / 100) / 10,
    };
    // The machine may be shared: wall times are only comparable at a similar load.
    const load = () => loadavg().map((l) => Math.round(l * 100) / 100);
    if (process.env.VULNS_STREAM_GZIP === "1") {
      await pipeline(
        createReadStream(file),
        createGzip(),
        createWriteStream(join(dir, "trivy-big.json.gz")),
      );
      if (!given) rmSync(file);
      file = join(dir, "trivy-big.json.gz");
      Object.assign(report, { gzipBytes: statSync(file).size });
    }
    console.log(JSON.stringify({ report }));
    const results: unknown[] = [];
    for (const dialect of dialects) {
      const run = spawnSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), "--child", dialect, file],
        { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 16 * MB },
      );
      for (const line of run.stdout.split("\n").filter(Boolean)) {
        const result = { ...(JSON.parse(line) as object), loadavg: load() };
        console.log(JSON.stringify(result));
        results.push(result);
      }
      if (run.status !== 0) console.log(JSON.stringify({ dialect, exit: run.status }));
    }
    console.log(JSON.stringify({ summary: { report, results, targetPeakRssMb: 1024 } }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child")
  await child(process.argv[3] as "sqlite" | "postgres", process.argv[4]!);
else await main();
