// Throughput of the Sigma engine over generated Falco, auditd and osquery event streams with every
// SigmaHQ Linux rule of the shared bench folder loaded. Prints JSON.
// Run: npx tsx bench/detect-bench.ts [--events N] [rules-dir]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import {
  builtinRuleSources,
  createAuditdNormalizer,
  createDetector,
  loadRuleSet,
  normalizeFalcoAlert,
  normalizeOsqueryResult,
  type CompiledRuleSet,
  type NormalizeResult,
  type SigmaEvent,
} from "../packages/engines/src/detect/index";

const DEFAULT_DIR = resolve(import.meta.dirname, "../../shared/bench/detect/sigmahq-rules");

function listYaml(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listYaml(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

// Deterministic PRNG so every run measures the same stream.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IMAGES = [
  "/usr/bin/bash",
  "/usr/bin/curl",
  "/usr/bin/python3",
  "/usr/sbin/nginx",
  "/usr/bin/ls",
  "/usr/bin/cat",
  "/usr/bin/wget",
  "/usr/bin/nc",
  "/usr/bin/base64",
  "/usr/bin/crontab",
  "/usr/bin/apt-get",
  "/usr/bin/chmod",
];
const ARGS = [
  "-la /tmp",
  "-c 'id'",
  "http://203.0.113.9/x.sh -O /tmp/x",
  "-e /bin/sh 203.0.113.9 4444",
  "/etc/passwd",
  "-d payload",
  "-l",
  "install -y netcat",
  "+x /tmp/x",
  "--version",
  "-m http.server 8000",
  "/etc/shadow",
];
const FILES = [
  "/tmp/x",
  "/etc/cron.d/job",
  "/var/log/app.log",
  "/home/u/.bashrc",
  "/etc/ld.so.preload",
  "/usr/lib/python3.9/site-packages/x.pth",
];

function falcoLines(n: number, r: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const image = IMAGES[Math.floor(r() * IMAGES.length)]!;
    const name = image.split("/").pop()!;
    const kind = r();
    const base = {
      "proc.exepath": image,
      "proc.cmdline": `${name} ${ARGS[Math.floor(r() * ARGS.length)]}`,
      "proc.pid": 1000 + i,
      "proc.ppid": 1,
      "user.name": r() < 0.5 ? "root" : "app",
      "container.id": "abc123",
    };
    const fields =
      kind < 0.7
        ? { ...base, "evt.type": "execve", "proc.pexepath": "/usr/bin/bash" }
        : kind < 0.9
          ? { ...base, "evt.type": "openat", "fd.name": FILES[Math.floor(r() * FILES.length)] }
          : { ...base, "evt.type": "connect", "fd.rip": "203.0.113.9", "fd.rport": 4444 };
    const time = new Date(1_795_600_000_000 + i * 10).toISOString();
    out.push(
      JSON.stringify({
        hostname: `node-${i % 50}`,
        output: `${time}: Notice event`,
        priority: "Notice",
        rule: "collector",
        source: "syscall",
        time,
        output_fields: fields,
      }),
    );
  }
  return out;
}

function auditdLines(n: number, r: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const ts = `${1_795_600_000 + Math.floor(i / 100)}.${String(i % 1000).padStart(3, "0")}:${i}`;
    const image = IMAGES[Math.floor(r() * IMAGES.length)]!;
    const args = ARGS[Math.floor(r() * ARGS.length)]!.split(" ");
    const execve = [image.split("/").pop()!, ...args].map(
      (a, k) =>
        `a${k}=${/[\s"']/.test(a) ? Buffer.from(a).toString("hex").toUpperCase() : `"${a}"`}`,
    );
    out.push(
      `type=SYSCALL msg=audit(${ts}): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=0 items=2 ppid=1 pid=${2000 + i} auid=1000 uid=0 comm="x" exe="${image}" key="exec"`,
    );
    out.push(`type=EXECVE msg=audit(${ts}): argc=${execve.length} ${execve.join(" ")}`);
    out.push(`type=CWD msg=audit(${ts}): cwd="/tmp"`);
    out.push(`type=PATH msg=audit(${ts}): item=0 name="${image}" inode=1 nametype=NORMAL`);
    out.push(`type=EOE msg=audit(${ts}): `);
  }
  return out;
}

function osqueryLines(n: number, r: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const image = IMAGES[Math.floor(r() * IMAGES.length)]!;
    const cols = {
      pid: String(3000 + i),
      parent: "1",
      path: image,
      cmdline: `${image} ${ARGS[Math.floor(r() * ARGS.length)]}`,
      cwd: "/tmp",
      uid: "0",
      time: String(1_795_600_000 + i),
    };
    out.push(
      JSON.stringify({
        name: "pack_linux_process_events",
        hostIdentifier: `h${i % 20}`,
        unixTime: 1_795_600_000 + i,
        counter: 1,
        numerics: false,
        action: "added",
        columns: cols,
      }),
    );
  }
  return out;
}

interface LaneResult {
  lane: string;
  inputs: number;
  events: number;
  matches: number;
  parseOnlyPerCpuSec: number;
  normalizePerCpuSec: number;
  detectEventsPerCpuSec: number;
  detectEventsPerWallSec: number;
  endToEndPerCpuSec: number;
  endToEndPerWallSec: number;
  naiveMatches: number;
  naiveEventsPerCpuSec: number;
  matchCountInvariant: boolean;
}

// Wall time and this process's CPU time: on a shared machine CPU time is the per-core figure.
function timed<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

function detectAll(
  set: CompiledRuleSet,
  events: readonly SigmaEvent[],
  naive: boolean,
): { matches: number; ms: number; cpuMs: number } {
  const d = createDetector(set, { naive, includeEvent: false });
  const t = timed(() => {
    let matches = 0;
    for (const e of events) matches += d.process(e).length;
    return matches + d.flush().length;
  });
  return { matches: t.value, ms: t.ms, cpuMs: t.cpuMs };
}

/** A streaming normalizer for one lane: line in, events out; flush at end of input. */
interface LaneNormalizer {
  push(line: string): readonly SigmaEvent[];
  flush(): readonly SigmaEvent[];
}

function stateless(fn: (line: string) => NormalizeResult): () => LaneNormalizer {
  return () => ({
    push: (l) => {
      const x = fn(l);
      return x.ok ? x.events : [];
    },
    flush: () => [],
  });
}

function lane(
  name: string,
  set: CompiledRuleSet,
  inputs: string[],
  make: () => LaneNormalizer,
  jsonInput: boolean,
): LaneResult {
  const parse = timed(() => {
    if (jsonInput) for (const l of inputs) JSON.parse(l);
  });
  // Normalize-only pass: results are dropped as a stream consumer would, so the heap stays small.
  const norm = timed(() => {
    const nz = make();
    let count = 0;
    for (const l of inputs) count += nz.push(l).length;
    return count + nz.flush().length;
  });
  const nz = make();
  const events = [...inputs.flatMap((l) => nz.push(l)), ...nz.flush()];
  const idx = detectAll(set, events, false);
  const naive = detectAll(set, events, true);
  events.length = 0;
  // End to end as the CLI runs it: line → normalize → detect, nothing kept.
  const e2e = timed(() => {
    const n2 = make();
    const d = createDetector(set, { includeEvent: false });
    let matches = 0;
    for (const l of inputs) for (const e of n2.push(l)) matches += d.process(e).length;
    for (const e of n2.flush()) matches += d.process(e).length;
    return matches + d.flush().length;
  });
  const rate = (n: number, ms: number): number => Math.round((n / Math.max(ms, 0.001)) * 1000);
  return {
    lane: name,
    inputs: inputs.length,
    events: norm.value,
    matches: idx.matches,
    parseOnlyPerCpuSec: jsonInput ? rate(inputs.length, parse.cpuMs) : 0,
    normalizePerCpuSec: rate(inputs.length, norm.cpuMs),
    detectEventsPerCpuSec: rate(norm.value, idx.cpuMs),
    detectEventsPerWallSec: rate(norm.value, idx.ms),
    endToEndPerCpuSec: rate(inputs.length, e2e.cpuMs),
    endToEndPerWallSec: rate(inputs.length, e2e.ms),
    naiveMatches: naive.matches,
    naiveEventsPerCpuSec: rate(norm.value, naive.cpuMs),
    matchCountInvariant: idx.matches === naive.matches && e2e.value === idx.matches,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const eventsArg = args.indexOf("--events");
  const n =
    eventsArg >= 0 ? Number(args[eventsArg + 1]) : Number(process.env.BENCH_EVENTS ?? 200_000);
  const dir = resolve(
    args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--events") ?? DEFAULT_DIR,
  );
  if (!existsSync(dir)) {
    console.log(JSON.stringify({ skipped: `${dir} not found` }));
    return;
  }
  const files = ["rules", "rules-threat-hunting", "rules-emerging-threats"]
    .map((d) => join(dir, d))
    .filter(existsSync)
    .flatMap(listYaml);
  const load = timed(() =>
    // SigmaHQ's Linux rules plus infrasec's built-in pack, as the issue's lanes ask.
    loadRuleSet([
      ...files.map((f) => ({ path: relative(dir, f), text: readFileSync(f, "utf8") })),
      ...builtinRuleSources(),
    ]),
  );
  const set = load.value;
  const r = rng(42);
  const lanes = [
    lane("falco", set, falcoLines(n, r), stateless(normalizeFalcoAlert), true),
    lane(
      "auditd",
      set,
      auditdLines(Math.floor(n / 5), r),
      () => {
        const a = createAuditdNormalizer();
        return {
          push: (l) => {
            const x = a.push(l);
            return x.ok ? x.events : [];
          },
          flush: () => a.flush(),
        };
      },
      false,
    ),
    lane(
      "osquery",
      set,
      osqueryLines(n, r),
      stateless((l) => normalizeOsqueryResult(l)),
      true,
    ),
  ];
  const report = {
    node: process.version,
    rules: set.rules.length,
    ruleFiles: files.length,
    ruleLoadMs: Math.round(load.ms),
    ruleLoadCpuMs: Math.round(load.cpuMs),
    loadAverage: (await import("node:os")).loadavg().map((l) => Math.round(l * 10) / 10),
    lanes,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(report, null, 2));
}

await main();
