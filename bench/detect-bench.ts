// Throughput of the Sigma engine over generated Falco, auditd and osquery event streams with every
// SigmaHQ Linux rule of the shared bench folder loaded, on one thread and on N worker threads
// (events sharded by host, the correlations' group key). Prints JSON; exits 1 when match counts
// differ between indexed, naive and N-worker runs.
// Run: npx tsx bench/detect-bench.ts [--events N] [--workers N] [--naive-sample N] [rules-dir]
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { LANES, loadBenchRules, type LaneName } from "./detect-bench-lanes";
import { runShard, type ShardJob, type ShardResult } from "./detect-bench-run";

const DEFAULT_DIR = resolve(import.meta.dirname, "../../shared/bench/detect/sigmahq-rules");

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
}

const rate = (n: number, ms: number): number => Math.round((n / Math.max(ms, 0.001)) * 1000);
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

function inWorker(dir: string, job: ShardJob): Promise<ShardResult & { loadMs: number }> {
  return new Promise((ok, fail) => {
    // Node 20 cannot start a worker from a .ts file: the worker first registers tsx's loader.
    const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => {
      m.register();
      return import(${JSON.stringify(new URL("./detect-bench-worker.ts", import.meta.url).href)});
    });`;
    const w = new Worker(boot, { eval: true, workerData: { dir, job } });
    w.once("message", ok);
    w.once("error", fail);
    w.once("exit", (code) => code !== 0 && fail(new Error(`worker exited with ${code}`)));
  });
}

async function lane(
  name: LaneName,
  dir: string,
  set: ReturnType<typeof loadBenchRules>["set"],
  n: number,
  workers: number,
  naiveSample: number,
) {
  // auditd: n lines = n / 5 kernel events of five records each.
  const units = name === "auditd" ? Math.floor(n / 5) : n;
  const sampleUnits = Math.min(
    units,
    name === "auditd" ? Math.floor(naiveSample / 5) : naiveSample,
  );
  const job = (mode: ShardJob["mode"], u: number, shard = 0, shards = 1): ShardJob => ({
    lane: name,
    units: u,
    shard,
    shards,
    mode,
  });
  const parse = name === "auditd" ? null : runShard(set, job("parse", units));
  const one = runShard(set, job("indexed", units));
  const naive = runShard(set, job("naive", sampleUnits));
  const indexedSample = sampleUnits === units ? one : runShard(set, job("indexed", sampleUnits));
  const t0 = performance.now();
  const shards = await Promise.all(
    Array.from({ length: workers }, (_, k) => inWorker(dir, job("indexed", units, k, workers))),
  );
  const wallMs = performance.now() - t0;
  const sum = (f: (r: ShardResult) => number) => shards.reduce((a, r) => a + f(r), 0);
  const slowest = Math.max(...shards.map((r) => r.processMs));
  const oneRate = rate(one.inputs, one.processMs);
  const nRate = rate(
    sum((r) => r.inputs),
    slowest,
  );
  const invariant = {
    indexedEqualsNaiveOnSample:
      indexedSample.matches === naive.matches &&
      indexedSample.correlationMatches === naive.correlationMatches,
    nWorkersEqualsOne:
      sum((r) => r.matches) === one.matches &&
      sum((r) => r.correlationMatches) === one.correlationMatches,
  };
  return {
    lane: name,
    inputs: one.inputs,
    events: one.events,
    parseOnlyPerSec: parse ? rate(parse.inputs, parse.processMs) : null,
    oneWorker: {
      inputsPerSec: oneRate,
      inputsPerCpuSec: rate(one.inputs, one.processCpuMs),
      matches: one.matches,
      correlationMatches: one.correlationMatches,
    },
    naive: {
      sampleInputs: naive.inputs,
      inputsPerSec: rate(naive.inputs, naive.processMs),
      matches: naive.matches,
      correlationMatches: naive.correlationMatches,
      indexedMatchesOnSample: indexedSample.matches,
    },
    nWorkers: {
      workers,
      inputsPerSec: nRate,
      scaling: Math.round((nRate / Math.max(oneRate, 1)) * 100) / 100,
      perWorker: shards.map((r) => ({
        inputs: r.inputs,
        inputsPerSec: rate(r.inputs, r.processMs),
        ruleLoadMs: Math.round(r.loadMs),
      })),
      wallMsIncludingGenerationAndRuleLoad: Math.round(wallMs),
      matches: sum((r) => r.matches),
      correlationMatches: sum((r) => r.correlationMatches),
    },
    invariant,
    peakRssMbSoFar: peakRssMb(),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const n = option(args, "--events", Number(process.env.BENCH_EVENTS ?? 200_000));
  const workers = option(args, "--workers", 2);
  const naiveSample = option(args, "--naive-sample", 100_000);
  const lanesArg = args.indexOf("--lanes");
  const lanes = lanesArg >= 0 ? (args[lanesArg + 1]!.split(",") as LaneName[]) : [...LANES];
  const valued = new Set(["--events", "--workers", "--naive-sample", "--lanes"]);
  const dir = resolve(
    args.find((a, i) => !a.startsWith("--") && !valued.has(args[i - 1] ?? "")) ?? DEFAULT_DIR,
  );
  if (!existsSync(dir)) {
    console.log(JSON.stringify({ skipped: `${dir} not found` }));
    return;
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const { set, files } = loadBenchRules(dir);
  const ruleLoadMs = Math.round(performance.now() - t0);
  const cpu = process.cpuUsage(c0);
  const results = [];
  for (const name of lanes) results.push(await lane(name, dir, set, n, workers, naiveSample));
  const report = {
    node: process.version,
    rules: set.rules.length,
    correlations: set.correlations.length,
    ruleFiles: files,
    ruleLoadMs,
    ruleLoadCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
    lanes: results,
    peakRssMb: peakRssMb(),
  };
  console.log(JSON.stringify(report, null, 2));
  const broken = results.filter(
    (r) => !r.invariant.indexedEqualsNaiveOnSample || !r.invariant.nWorkersEqualsOne,
  );
  if (broken.length > 0) {
    console.error(`match counts differ in lanes: ${broken.map((r) => r.lane).join(", ")}`);
    process.exitCode = 1;
  }
}

await main();
