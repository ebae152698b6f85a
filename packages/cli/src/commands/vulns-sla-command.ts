import type { Command } from "commander";
import { readFileSync } from "node:fs";
import type { VulnDashboard, VulnSlaPolicyEdit } from "@infrasec/contracts";
import { SEVERITIES } from "@infrasec/core";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson, printTable } from "../output";

/**
 * `infrasec vulns sla sweep | events | policy` and `infrasec vulns dashboard` (issue 4): SLA states and
 * events, and the metrics of docs/vulns/sla-and-metrics.md, in local or remote mode.
 */
export function registerVulnsSlaCommands(vulns: Command): void {
  const sla = vulns
    .command("sla")
    .description("SLA clocks: sweep now, list due-soon and breached events");
  sla
    .command("sweep")
    .description("recompute stored SLA states now and record due-soon / breached events once")
    .action(async (_o: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const r = await withBackend(g, (b) => b.vulnSla.sweep());
      if (g.json) return printJson(r);
      process.stdout.write(
        `examined ${r.examined}, changed ${r.changed}: ${r.events.due_soon} due soon, ` +
          `${r.events.breached} breached, ${r.events.met} met, ${r.events.missed} missed\n`,
      );
    });
  sla
    .command("events")
    .description("SLA events, newest first (due soon and breached unless --kind says otherwise)")
    .option("--kind <kind>", "due_soon, breached, met or missed")
    .option("--asset <asset>", "asset key or id")
    .option("--team <team>", "owner team of the assets")
    .option("--severity <severity>", SEVERITIES.join(", "))
    .option("--since <iso>", "only events at or after this instant")
    .option("--limit <n>", "at most this many (1–500)", "50")
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const page = await withBackend(g, (b) =>
        b.vulnSla.events({
          kind: o.kind as never,
          asset: o.asset,
          team: o.team,
          severity: o.severity as never,
          since: o.since,
          limit: o.limit,
        }),
      );
      if (g.json) return printJson(page);
      printTable(
        page.items.map((e) => ({ ...e, ownerTeam: e.ownerTeam ?? "", slaDueAt: e.slaDueAt ?? "" })),
        ["at", "kind", "severity", "vulnId", "assetKey", "ownerTeam", "slaDueAt", "status"],
      );
    });
  sla
    .command("policy")
    .description("show the remediation policy, or edit it with --set (a JSON file of fields)")
    .option("--set <file>", 'JSON edit: policy fields and/or {"preset": "defectdojo"}')
    .action(async (o: { set?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const edit = o.set ? (JSON.parse(readFileSync(o.set, "utf8")) as VulnSlaPolicyEdit) : null;
      const v = await withBackend(g, (b) =>
        edit ? b.vulnSla.setPolicy(edit) : b.vulnSla.policy(),
      );
      if (g.json) return printJson(v);
      const t = v.policy.targets;
      process.stdout.write(
        `${v.policy.name} (${v.stamp}, ${v.source}): critical ${t.critical.remediateDays ?? "–"}, ` +
          `high ${t.high.remediateDays ?? "–"}, medium ${t.medium.remediateDays ?? "–"}, ` +
          `low ${t.low.remediateDays ?? "–"} days; ${v.policy.overrides.length} overrides, ` +
          `KEV cap ${v.policy.kevCap ? "on" : "off"}\n`,
      );
      const rc = v.recompute;
      if (rc) {
        process.stdout.write(
          `recomputation ${rc.id}: ${rc.status}, ${rc.done}/${rc.total} open findings, ` +
            `${rc.changed} deadlines moved\n`,
        );
      }
    });
  vulns
    .command("dashboard")
    .description("open findings by severity and age, SLA compliance, MTTR, due soon, burndown")
    .option("--asset <asset>", "one asset (key or id), computed live")
    .option("--team <team>", "the assets of one owner team")
    .option("--days <n>", "compliance window and burndown length (7–365)", "90")
    .option("--months <n>", "months of MTTR (1–24)", "6")
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const d = await withBackend(g, (b) =>
        b.vulnSla.dashboard({
          asset: o.asset,
          team: o.team,
          days: o.days,
          months: o.months,
        }),
      );
      if (g.json) return printJson(d);
      printDashboard(d);
    });
}

function printDashboard(d: VulnDashboard): void {
  const t = d.totals;
  const pct = (v: number | null) => (v === null ? "–" : `${v}%`);
  process.stdout.write(
    `as of ${d.scope.asOf}: ${t.open} open (${t.breached} breached, ${t.dueSoon} due soon, ` +
      `${t.onTrack} on track, ${t.noSla} without SLA); last ${d.scope.days} days: ` +
      `${t.detectedInWindow} detected, ${t.resolvedInWindow} resolved; ` +
      `SLA compliance ${pct(d.slaCompliance.overall.compliancePct)}\n\n`,
  );
  printTable(
    d.openByAge.rows.map((r) => ({
      severity: r.severity,
      ...Object.fromEntries(d.openByAge.buckets.map((b, i) => [b, r.counts[i] ?? 0])),
      total: r.total,
    })),
    ["severity", ...d.openByAge.buckets, "total"],
  );
  process.stdout.write("\n");
  printTable(
    d.slaCompliance.bySeverity.map((c) => ({ ...c, compliancePct: pct(c.compliancePct) })),
    ["key", "met", "missed", "openBreached", "compliancePct"],
  );
  process.stdout.write("\n");
  printTable(
    d.mttr.filter((m) => m.resolved > 0),
    ["month", "severity", "resolved", "meanDays"],
  );
  process.stdout.write("\n");
  printTable(
    d.dueNext7Days.map((x) => ({ ownerTeam: x.ownerTeam ?? "(none)", total: x.total })),
    ["ownerTeam", "total"],
  );
}
