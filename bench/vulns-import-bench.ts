// Import benchmark for vulnerability management (issue 4, `npm run bench:vulns-import`).
// For each dialect (SQLite always; PostgreSQL when INFRASEC_TEST_POSTGRES_URL or the default
// postgres://postgres@127.0.0.1:5432/postgres answers) and each size (VULNS_IMPORT_SIZES,
// default "10000,100000"): a cold import of a generated Trivy report into a fresh database, then
// an identical re-import. Prints wall time, findings/s, SQL statements per 1,000 findings and
// peak RSS, and the issue's targets (100k cold ≤ 30 s, re-import ≤ 15 s, ≤ 20 statements per
// 1,000 findings). Figures, not assertions: the statement budget is asserted in
// packages/services/src/vulns/vulns-import.test.ts.
// CPU time is printed next to wall time because the machine is shared: "node" is this
// process (user + system), "pg" the PostgreSQL backends serving the bench database (read from
// /proc, so only when the server runs on this machine), and the load average after each case.
// VULNS_IMPORT_DIALECTS=postgres limits the dialects; VULNS_IMPORT_PROFILE=1 adds the time spent
// in each findings-repository method.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { KyselyPlugin } from "kysely";
import { ManualClock, systemActor } from "@infrasec/core";
import { createServices } from "@infrasec/services";
import { createStore, migrateToLatest, openDatabase } from "@infrasec/storage";
import type { DatabaseHandle, Repos, Store } from "@infrasec/storage";

const SIZES = (process.env.VULNS_IMPORT_SIZES ?? "10000,100000").split(",").map(Number);
const DIALECTS = (process.env.VULNS_IMPORT_DIALECTS ?? "sqlite,postgres")
  .split(",")
  .filter((d): d is "sqlite" | "postgres" => d === "sqlite" || d === "postgres");
const PROFILE = process.env.VULNS_IMPORT_PROFILE === "1";
const PG_ADMIN =
  process.env.INFRASEC_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ctx = { actor: { ...systemActor, username: "bench" }, requestId: "bench" };

/** A Trivy image report with `n` vulnerabilities of realistic shape (~700 bytes each). */
function trivyReport(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = i % 4000;
    const id = `CVE-20${20 + (i % 6)}-${String(10000 + i)}`;
    parts.push(
      JSON.stringify({
        VulnerabilityID: id,
        PkgName: `pkg${p}`,
        PkgIdentifier: { PURL: `pkg:deb/debian/pkg${p}@1.${p % 10}.${i % 7}?arch=amd64` },
        InstalledVersion: `1.${p % 10}.${i % 7}`,
        FixedVersion: i % 3 === 0 ? "" : `1.${p % 10}.${(i % 7) + 1}`,
        Status: i % 3 === 0 ? "affected" : "fixed",
        Layer: { DiffID: `sha256:${(p % 16).toString(16).repeat(64)}` },
        SeveritySource: "nvd",
        Title: `pkg${p}: crafted input handling flaw`,
        Severity: ["LOW", "MEDIUM", "HIGH", "CRITICAL"][i % 4],
        CweIDs: ["CWE-787"],
        CVSS: {
          nvd: {
            V3Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            V3Score: 4 + (i % 60) / 10,
          },
        },
      }),
    );
  }
  return (
    `{"SchemaVersion":2,"Trivy":{"Version":"0.58.0"},"ArtifactName":"registry.example.com/bench/app:1",` +
    `"ArtifactType":"container_image","Metadata":{"RepoTags":["registry.example.com/bench/app:1"]},` +
    `"Results":[{"Target":"registry.example.com/bench/app:1 (debian 12.5)","Class":"os-pkgs","Type":"debian",` +
    `"Vulnerabilities":[${parts.join(",")}]}]}`
  );
}

interface BenchDb {
  handle: DatabaseHandle;
  cleanup: () => Promise<void>;
  /** CPU milliseconds the database server spent for this database so far (null: unknown). */
  serverCpuMs: () => number | null;
}

const TICK_MS = 10; // Linux USER_HZ is 100 on every distribution we run on.

/**
 * CPU time of the PostgreSQL backends of one database, from /proc: backend process titles
 * name their database. Sampled every 200 ms and kept per pid, so a pooled connection that
 * closes while idle keeps its share.
 */
function backendCpu(dbName: string): { read: () => number | null; stop: () => void } {
  const seen = new Map<number, number>();
  let readable = false;
  const sample = () => {
    let pids: string[];
    try {
      pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
    } catch {
      return;
    }
    for (const pid of pids) {
      try {
        const title = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!title.startsWith("postgres:") || !title.includes(` ${dbName} `)) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ticks = Number(f[11]) + Number(f[12]);
        seen.set(Number(pid), Math.max(seen.get(Number(pid)) ?? 0, ticks));
        readable = true;
      } catch {
        // The process ended between listing and reading, or is not ours to read.
      }
    }
  };
  const timer = setInterval(sample, 200);
  timer.unref();
  return {
    read: () => {
      sample();
      if (!readable) return null;
      let ticks = 0;
      for (const t of seen.values()) ticks += t;
      return ticks * TICK_MS;
    },
    stop: () => clearInterval(timer),
  };
}

async function openFresh(dialect: "sqlite" | "postgres"): Promise<BenchDb | null> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "infrasec-bench-"));
    const handle = openDatabase({ sqlitePath: join(dir, "bench.sqlite") });
    await migrateToLatest(handle.db);
    return {
      handle,
      cleanup: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
      serverCpuMs: () => null,
    };
  }
  const name = `infrasec_bench_${Date.now().toString(36)}`;
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
  const cpu = backendCpu(name);
  await migrateToLatest(handle.db);
  return {
    handle,
    serverCpuMs: cpu.read,
    cleanup: async () => {
      cpu.stop();
      await handle.close();
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The store with every findings-repository call inside transactions timed into `ms`. */
function profiled(store: Store, ms: Map<string, number>): Store {
  const timed = (repo: Repos["vulns"]): Repos["vulns"] =>
    new Proxy(repo, {
      get(target, key, receiver) {
        const v: unknown = Reflect.get(target, key, receiver);
        if (typeof v !== "function" || typeof key !== "string") return v;
        return async (...args: unknown[]) => {
          const t0 = performance.now();
          try {
            const method = v as (...a: unknown[]) => Promise<unknown>;
            return await method.apply(target, args);
          } finally {
            ms.set(key, (ms.get(key) ?? 0) + performance.now() - t0);
          }
        };
      },
    });
  return {
    ...store,
    transaction: (fn) => store.transaction((tx) => fn({ ...tx, vulns: timed(tx.vulns) })),
  };
}

let peakRss = 0;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50).unref();

async function runCase(dialect: "sqlite" | "postgres", n: number, report: string) {
  const db = await openFresh(dialect);
  if (!db) {
    console.log(`${dialect}: PostgreSQL not reachable at ${PG_ADMIN}; skipped`);
    return;
  }
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery: (a) => a.node,
    transformResult: (a) => {
      statements++;
      return Promise.resolve(a.result);
    },
  };
  const clock = new ManualClock("2026-11-25T12:00:00.000Z");
  const store = createStore({ db: db.handle.db.withPlugin(counter), dialect: db.handle.dialect });
  const repoMs = new Map<string, number>();
  const s = createServices({ store: PROFILE ? profiled(store, repoMs) : store, clock });
  try {
    await s.assets.create(ctx, {
      key: "bench-app",
      name: "bench app",
      kind: "container_image",
      criticality: 2,
      exposure: "internal",
    });
    for (const phase of ["cold", "re-import"] as const) {
      statements = 0;
      peakRss = process.memoryUsage().rss;
      repoMs.clear();
      clock.advance(60_000);
      const cpu0 = process.cpuUsage();
      const server0 = db.serverCpuMs();
      const t0 = performance.now();
      const job = await s.vulns.runImport(ctx, { content: report, asset: "bench-app" });
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const nodeCpuMs = (cpu.user + cpu.system) / 1000;
      const server1 = db.serverCpuMs();
      const serverCpuMs = server0 === null || server1 === null ? null : server1 - server0;
      if (job.status !== "done") throw new Error(`${phase}: job ${job.status}: ${job.error ?? ""}`);
      const target = phase === "cold" ? 30_000 : 15_000;
      const scaled = (ms * 100_000) / n;
      console.log(
        [
          dialect.padEnd(8),
          `${String(n).padStart(6)} findings`,
          phase.padEnd(9),
          `${(ms / 1000).toFixed(2).padStart(7)} s`,
          `${Math.round((n / ms) * 1000)
            .toString()
            .padStart(7)}/s`,
          `cpu node ${(nodeCpuMs / 1000).toFixed(2)} s` +
            (serverCpuMs === null ? "" : ` + pg ${(serverCpuMs / 1000).toFixed(2)} s`),
          `${((statements * 1000) / n).toFixed(1).padStart(5)} stmts/1k`,
          `peak RSS ${Math.round(peakRss / 1048576)} MB`,
          n >= 100_000
            ? `target ${target / 1000} s: ${ms <= target ? "met" : "MISSED"}`
            : `(≈ ${(scaled / 1000).toFixed(1)} s per 100k)`,
          JSON.stringify(job.counts),
          // Wall times are only comparable at a similar load (the machine may be shared).
          `load ${loadavg()
            .map((l) => l.toFixed(2))
            .join(" ")}`,
        ].join("  "),
      );
      if (PROFILE) {
        const parts = [...repoMs].sort((a, b) => b[1] - a[1]);
        const inRepo = parts.reduce((t, [, v]) => t + v, 0);
        console.log(
          `          repo: ${parts.map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`).join(", ")}; ` +
            `outside the findings repository ${((ms - inRepo) / 1000).toFixed(2)} s`,
        );
      }
    }
  } finally {
    await s.vulns.idle();
    await db.cleanup();
  }
}

console.log(`vulns import benchmark: ${cpus().length} CPU(s), node ${process.version}`);
for (const n of SIZES) {
  const report = trivyReport(n);
  console.log(`report: ${n} findings, ${(report.length / 1048576).toFixed(1)} MB`);
  for (const dialect of DIALECTS) await runCase(dialect, n, report);
}
