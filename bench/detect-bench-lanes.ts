// The detect bench's lanes: seeded, streamed event generators (Falco alerts, raw auditd lines,
// osquery results), their normalizers, the rule set and the sharding key. Shared by the main
// bench and its worker threads so every thread sees the same stream.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import {
  builtinRuleSources,
  createAuditdNormalizer,
  loadRuleSet,
  normalizeFalcoAlert,
  normalizeOsqueryResult,
  type CompiledRuleSet,
  type NormalizeResult,
  type SigmaEvent,
} from "../packages/engines/src/detect/index";

export type LaneName = "falco" | "auditd" | "osquery";
export const LANES: readonly LaneName[] = ["falco", "auditd", "osquery"];

/** Hosts of the generated fleet; each host has its own login uid, the correlations' group key. */
export const HOSTS = 64;

// Deterministic PRNG so every run (and every worker) measures the same stream.
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
const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;

/**
 * The host of input `i`: a pseudo-random spread (not round robin) so shards differ in size a
 * little, as real partitions do. All events of a host share one login uid.
 */
export const hostOf = (i: number): number => (Math.imul(i >>> 3, 0x9e3779b1) >>> 0) % HOSTS;

/** The worker (shard) a host belongs to: all of a host's events, so all of its groups, go there. */
export const shardOf = (host: number, shards: number): number => host % shards;

function falcoLine(i: number, r: () => number): string {
  const host = hostOf(i);
  const image = pick(IMAGES, r);
  const name = image.split("/").pop()!;
  const kind = r();
  const base = {
    "proc.exepath": image,
    "proc.cmdline": `${name} ${pick(ARGS, r)}`,
    "proc.pid": 1000 + i,
    "proc.ppid": 1,
    "user.name": r() < 0.5 ? "root" : "app",
    "user.loginuid": 1000 + host,
    "container.id": `c${host.toString(16).padStart(11, "0")}`,
  };
  const fields =
    kind < 0.7
      ? { ...base, "evt.type": "execve", "proc.pexepath": "/usr/bin/bash" }
      : kind < 0.9
        ? { ...base, "evt.type": "openat", "fd.name": pick(FILES, r) }
        : { ...base, "evt.type": "connect", "fd.rip": "203.0.113.9", "fd.rport": 4444 };
  const time = new Date(1_795_600_000_000 + i * 10).toISOString();
  return JSON.stringify({
    hostname: `node-${host}`,
    output: `${time}: Notice event`,
    priority: "Notice",
    rule: "collector",
    source: "syscall",
    time,
    output_fields: fields,
  });
}

// One kernel event as five records; inputs count records, as the issue's "raw auditd lines".
function auditdLines(i: number, r: () => number): string[] {
  const host = hostOf(i);
  const ts = `${1_795_600_000 + Math.floor(i / 100)}.${String((i % 100) * 10).padStart(3, "0")}:${i}`;
  const image = pick(IMAGES, r);
  const args = pick(ARGS, r).split(" ");
  const execve = [image.split("/").pop()!, ...args].map(
    (a, k) => `a${k}=${/[\s"']/.test(a) ? Buffer.from(a).toString("hex").toUpperCase() : `"${a}"`}`,
  );
  const node = `node=node-${host} `;
  return [
    `${node}type=SYSCALL msg=audit(${ts}): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=0 items=2 ppid=1 pid=${2000 + i} auid=${1000 + host} uid=0 comm="x" exe="${image}" key="exec"`,
    `${node}type=EXECVE msg=audit(${ts}): argc=${execve.length} ${execve.join(" ")}`,
    `${node}type=CWD msg=audit(${ts}): cwd="/tmp"`,
    `${node}type=PATH msg=audit(${ts}): item=0 name="${image}" inode=1 nametype=NORMAL`,
    `${node}type=EOE msg=audit(${ts}): `,
  ];
}

function osqueryLine(i: number, r: () => number): string {
  const host = hostOf(i);
  const image = pick(IMAGES, r);
  return JSON.stringify({
    name: "pack_linux_process_events",
    hostIdentifier: `node-${host}`,
    unixTime: 1_795_600_000 + Math.floor(i / 10),
    counter: 1,
    numerics: false,
    action: "added",
    columns: {
      pid: String(3000 + i),
      parent: "1",
      path: image,
      cmdline: `${image} ${pick(ARGS, r)}`,
      cwd: "/tmp",
      uid: "0",
      auid: String(1000 + host),
      time: String(1_795_600_000 + Math.floor(i / 10)),
    },
  });
}

/**
 * Streams the lane's input lines in chunks, keeping only the lines of `shard`. Each input has
 * its own seeded generator, so the stream is identical in every thread and a thread formats
 * only its own lines. `units` counts kernel events for auditd (5 lines each), lines otherwise.
 */
export function* laneChunks(
  lane: LaneName,
  units: number,
  shard: number,
  shards: number,
  chunk = 4096,
): Generator<string[]> {
  let buf: string[] = [];
  for (let i = 0; i < units; i++) {
    if (shardOf(hostOf(i), shards) !== shard) continue;
    const r = rng(Math.imul(i + 1, 0x2545f491) ^ 42);
    if (lane === "falco") buf.push(falcoLine(i, r));
    else if (lane === "auditd") buf.push(...auditdLines(i, r));
    else buf.push(osqueryLine(i, r));
    if (buf.length >= chunk) {
      yield buf;
      buf = [];
    }
  }
  if (buf.length > 0) yield buf;
}

/** A streaming normalizer for one lane: line in, events out; flush at end of input. */
export interface LaneNormalizer {
  push(line: string): readonly SigmaEvent[];
  flush(): readonly SigmaEvent[];
}

const stateless = (fn: (line: string) => NormalizeResult): LaneNormalizer => ({
  push: (l) => {
    const x = fn(l);
    return x.ok ? x.events : [];
  },
  flush: () => [],
});

export function laneNormalizer(lane: LaneName): LaneNormalizer {
  if (lane === "falco") return stateless(normalizeFalcoAlert);
  if (lane === "osquery") return stateless((l) => normalizeOsqueryResult(l));
  const a = createAuditdNormalizer();
  return {
    push: (l) => {
      const x = a.push(l);
      return x.ok ? x.events : [];
    },
    flush: () => a.flush(),
  };
}

/**
 * Correlations added by the bench so the N-worker invariant covers correlation state too: the
 * SigmaHQ Linux rules and the built-in pack hold none. Both group by LogonId (one per host).
 */
const BENCH_CORRELATIONS = `title: Bench download tool run
id: 6f0c2c52-4d1e-4a3c-9f7a-000000000001
name: bench_download_tool
status: test
logsource: { product: linux, category: process_creation }
detection:
  selection:
    Image|endswith: ['/curl', '/wget']
  condition: selection
level: low
---
title: Bench burst of download tools per login
id: 6f0c2c52-4d1e-4a3c-9f7a-000000000002
status: test
correlation:
  type: event_count
  rules: [bench_download_tool]
  group-by: [LogonId]
  timespan: 1m
  condition: { gte: 10 }
level: medium
---
title: Bench few distinct command lines per login
id: 6f0c2c52-4d1e-4a3c-9f7a-000000000003
status: test
correlation:
  type: value_count
  rules: [bench_download_tool]
  group-by: [LogonId]
  timespan: 5m
  condition: { field: CommandLine, lte: 20 }
level: low
`;

function listYaml(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listYaml(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

/** SigmaHQ's rules of `dir`, infrasec's built-in pack and the bench correlations, compiled. */
export function loadBenchRules(dir: string): { set: CompiledRuleSet; files: number } {
  const files = ["rules", "rules-threat-hunting", "rules-emerging-threats"]
    .map((d) => join(dir, d))
    .filter(existsSync)
    .flatMap(listYaml);
  const set = loadRuleSet([
    ...files.map((f) => ({ path: relative(dir, f), text: readFileSync(f, "utf8") })),
    ...builtinRuleSources(),
    { path: "bench/correlations.yml", text: BENCH_CORRELATIONS },
  ]);
  return { set, files: files.length };
}
