import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SigmaEvent } from "../detect-types";
import { createAuditdNormalizer } from "../normalize/auditd-normalizer";
import { normalizeFalcoAlert } from "../normalize/falco-normalizer";
import { normalizeOsqueryResult } from "../normalize/osquery-normalizer";
import { createDetector } from "./detector";
import { loadRuleSet } from "./rule-set-loader";

const data = (p: string): string =>
  readFileSync(join(import.meta.dirname, "../testdata", p), "utf8");
const lines = (p: string): string[] =>
  data(p)
    .split("\n")
    .filter((l) => l !== "");
const rules = loadRuleSet([{ path: "linux-e2e.yml", text: data("rules/linux-e2e.yml") }]);

function detect(events: SigmaEvent[]): string[] {
  const d = createDetector(rules);
  return [...events.flatMap((e) => d.process(e)), ...d.flush()].map(
    (m) => `${m.ruleId}@${m.event?.source ?? "-"}`,
  );
}

describe("normalized events through the detector", () => {
  it("loads the pack", () => {
    expect(rules.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(rules.rules).toHaveLength(5);
  });

  it("fires on Falco alerts", () => {
    const events = lines("events/falco-alerts.jsonl").flatMap((l) => {
      const r = normalizeFalcoAlert(l);
      return r.ok ? [...r.events] : [];
    });
    expect(detect(events)).toEqual([
      "e2e-interactive-shell@falco",
      "e2e-cron-file@falco",
      "e2e-port-4444@falco",
    ]);
  });

  it("fires on both auditd views", () => {
    const n = createAuditdNormalizer();
    const events = lines("events/auditd-sample.log").flatMap((l) => {
      const r = n.push(l);
      return r.ok ? [...r.events] : [];
    });
    expect(detect([...events, ...n.flush()])).toEqual([
      "e2e-auditd-execve@auditd", // per-record EXECVE view
      "e2e-interactive-shell@auditd", // coalesced process_creation view
      "e2e-cron-file@auditd",
      "e2e-auditd-login@auditd",
    ]);
  });

  it("fires on osquery results", () => {
    const events = lines("events/osquery-results.jsonl").flatMap((l) => {
      const r = normalizeOsqueryResult(l);
      return r.ok ? [...r.events] : [];
    });
    expect(detect(events)).toEqual(["e2e-port-4444@osquery", "e2e-cron-file@osquery"]);
  });

  it("carries author, level and the event for attribution (DRL 1.1)", () => {
    const r = normalizeFalcoAlert(lines("events/falco-alerts.jsonl")[0]);
    const [m] = createDetector(rules).process(r.ok ? r.events[0]! : ({} as SigmaEvent));
    expect(m).toMatchObject({
      author: "infrasec tests",
      level: "medium",
      selections: ["selection"],
      fields: { Image: "/usr/bin/bash", CommandLine: "bash -i" },
      provenance: { Image: "proc.exepath", CommandLine: "proc.cmdline" },
    });
    expect(m!.event?.context?.pod).toBe("web-0");
  });

  it("survives hostile events: deep nesting and huge values", () => {
    let nested: Record<string, unknown> = { x: "res=failed" };
    for (let i = 0; i < 10_000; i++) nested = { n: nested };
    const deep: SigmaEvent = {
      logsource: { product: "linux", service: "auditd" },
      fields: nested as never,
      timestamp: 0,
      source: "generic",
    };
    const huge: SigmaEvent = { ...deep, fields: { CommandLine: "a".repeat(1_000_000) } };
    const d = createDetector(rules);
    expect(d.process(deep)).toEqual([]); // keyword walk is depth-bounded
    expect(d.process(huge)).toEqual([]);
  });
});
