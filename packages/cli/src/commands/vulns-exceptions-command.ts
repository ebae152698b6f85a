import type { Command } from "commander";
import type {
  VulnException,
  VulnExceptionDetail,
  VulnExceptionListQuery,
  VulnExceptionRequestBody,
} from "@infrasec/contracts";
import { VULN_EXCEPTION_KINDS, VULN_EXCEPTION_STATUSES } from "@infrasec/contracts";
import { AppError, SEVERITIES } from "@infrasec/core";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson, printTable } from "../output";

/** Repeatable option: `--asset a --asset b`. */
const collect = (v: string, prev: string[] = []) => [...prev, v];

function scopeText(e: VulnException): string {
  const s = e.scope;
  return [
    s.vulnId,
    s.package ? `pkg ${s.package}` : null,
    s.assets.length ? s.assets.map((a) => a.key).join(",") : null,
    s.findingIds.length ? `${s.findingIds.length} finding(s)` : null,
  ]
    .filter(Boolean)
    .join(" ");
}

function printDetail(e: VulnExceptionDetail): void {
  const lines: [string, string][] = [
    ["id", e.id],
    ["kind", e.kind],
    ["status", e.expiringSoon ? `${e.status} (expiring soon)` : e.status],
    ["scope", scopeText(e)],
    ["severity", `${e.severity} (at most ${e.maxDays ?? "unlimited"} days)`],
    ["window", `${e.startsAt} → ${e.expiresAt} (${e.durationDays} days)`],
    ["requested", `${e.requestedAt} by ${e.requestedBy.name}`],
    ["decided", e.decidedBy ? `${e.decidedAt ?? ""} by ${e.decidedBy.name}` : "-"],
    ["decision note", e.decisionNote ?? ""],
    ["decision log", e.decisionItem ? `#${e.decisionItem.number} ${e.decisionItem.title}` : ""],
    ["justification", e.justification],
    ["controls", e.compensatingControls ?? ""],
  ];
  for (const [k, v] of lines) process.stdout.write(`${k.padEnd(14)} ${v}\n`);
  const label = e.status === "requested" ? "would cover" : "covered";
  process.stdout.write(
    `${label} (${e.status === "requested" ? e.findings.length : e.coveredCount}):\n`,
  );
  for (const f of e.findings) {
    process.stdout.write(
      `  ${f.id} ${f.assetKey} ${f.vulnId} ${f.package ?? ""} ${f.severity} ${f.status}${f.dismissalReason ? ` (${f.dismissalReason})` : ""}\n`,
    );
  }
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1) {
    throw new AppError("validation_failed", `${flag} must be a whole number of days, at least 1`, [
      { path: flag, message: `got ${v}` },
    ]);
  }
  return n;
}

function oneOf<T extends string>(
  v: string | undefined,
  list: readonly T[],
  flag: string,
): T | undefined {
  if (v === undefined) return undefined;
  if (!(list as readonly string[]).includes(v)) {
    throw new AppError("validation_failed", `${flag} must be one of ${list.join(", ")}`, [
      { path: flag, message: `got ${v}` },
    ]);
  }
  return v as T;
}

/**
 * `infrasec vulns exceptions list|show|request|approve|reject|revoke|expire`: risk acceptances
 * and deviation requests, in local mode (acting as `--as USERNAME` where a person is needed) or
 * remote mode (`--server`, acting as the token's user).
 */
export function registerVulnsExceptionsCommand(vulns: Command): void {
  const ex = vulns
    .command("exceptions")
    .description("risk acceptances and deviation requests: request, decide, list, expire");

  ex.command("list")
    .description("exceptions, newest first")
    .option("--status <status>", VULN_EXCEPTION_STATUSES.join(", "))
    .option("--kind <kind>", VULN_EXCEPTION_KINDS.join(", "))
    .option("--asset <name>", "asset key or id")
    .option("--vuln <id>", "vulnerability id (CVE-…, GHSA-…)")
    .option("--expiring <days>", "approved exceptions ending within this many days")
    .option("--limit <n>", "at most 500", "100")
    .option("--offset <n>", "skip", "0")
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const q = Object.fromEntries(
        Object.entries({
          status: oneOf(o.status, VULN_EXCEPTION_STATUSES, "--status"),
          kind: oneOf(o.kind, VULN_EXCEPTION_KINDS, "--kind"),
          asset: o.asset,
          vulnId: o.vuln,
          expiringWithinDays: o.expiring,
          limit: o.limit,
          offset: o.offset,
        }).filter(([, v]) => v !== undefined),
      ) as unknown as VulnExceptionListQuery;
      const r = await withBackend(g, (b) => b.vulnExceptions.list(q));
      if (g.json) return printJson(r);
      printTable(
        r.items.map((e) => ({
          ...e,
          scope: scopeText(e),
          requester: e.requestedBy.name,
          covered: String(e.coveredCount),
        })),
        ["id", "kind", "status", "severity", "scope", "requester", "expiresAt", "covered"],
      );
      process.stdout.write(`${r.items.length} of ${r.total}\n`);
    });

  ex.command("show <id>")
    .description("an exception with the findings it covers (or would cover)")
    .action(async (id: string, _o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const e = await withBackend(g, (b) => b.vulnExceptions.get(id));
      if (g.json) printJson(e);
      else printDetail(e);
    });

  ex.command("request")
    .description(
      "request an exception; the scope is every given part (--finding, --asset, --vuln, --package)",
    )
    .option("--finding <id>", "a finding id (repeatable)", collect)
    .option("--asset <name>", "asset key or id (repeatable)", collect)
    .option("--vuln <id>", "vulnerability id or alias, on every asset unless --asset")
    .option("--package <name>", "package name or purl without version")
    .requiredOption(
      "--days <n>",
      "length in days from approval (Critical ≤ 30, High ≤ 90, else ≤ 365)",
    )
    .requiredOption("--justification <text>", "why the risk is accepted or deviated from")
    .option("--kind <kind>", "risk_acceptance (default) or deviation (mitigating control)")
    .option("--controls <text>", "compensating controls")
    .option(
      "--severity <severity>",
      `judge the length as this severity when nothing matches yet: ${SEVERITIES.join(", ")}`,
    )
    .option("--decision <item>", "decision-log work item (#12 or id)")
    .option("--as <username>", "local mode: the person requesting")
    .action(async (o: Record<string, string | string[] | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const str = (k: string) => o[k] as string | undefined;
      const list = (k: string) => o[k] as string[] | undefined;
      const body: VulnExceptionRequestBody = {
        kind: oneOf(str("kind"), VULN_EXCEPTION_KINDS, "--kind"),
        scope: {
          findingIds: list("finding"),
          assets: list("asset"),
          vulnId: str("vuln"),
          package: str("package"),
        },
        days: positiveInt(str("days") ?? "", "--days"),
        justification: str("justification") ?? "",
        compensatingControls: str("controls"),
        severity: oneOf(str("severity"), SEVERITIES, "--severity"),
        decisionItem: str("decision"),
      };
      const e = await withBackend(g, (b) => b.vulnExceptions.request(body, str("as")));
      if (g.json) return printJson(e);
      process.stdout.write(
        `requested ${e.id}: ${e.kind} for ${scopeText(e)}, ${e.severity}, ${e.durationDays} days; ${e.findings.length} open finding(s) match\n`,
      );
    });

  ex.command("approve <id>")
    .description("approve a requested exception (another person than the requester)")
    .option("--note <text>", "decision note")
    .option("--as <username>", "local mode: the approver")
    .action(async (id: string, o: { note?: string; as?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const e = await withBackend(g, (b) => b.vulnExceptions.approve(id, o.note, o.as));
      if (g.json) return printJson(e);
      process.stdout.write(
        `approved ${e.id} until ${e.expiresAt}: ${e.coveredCount} finding(s) dismissed\n`,
      );
    });

  ex.command("reject <id>")
    .description("reject a requested exception")
    .requiredOption("--note <text>", "why (required)")
    .option("--as <username>", "local mode: who rejects")
    .action(async (id: string, o: { note: string; as?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const e = await withBackend(g, (b) => b.vulnExceptions.reject(id, o.note, o.as));
      if (g.json) return printJson(e);
      process.stdout.write(`rejected ${e.id}\n`);
    });

  ex.command("revoke <id>")
    .description("end an approved exception now; the findings it covered reopen")
    .option("--note <text>", "why")
    .option("--as <username>", "local mode: who revokes")
    .action(async (id: string, o: { note?: string; as?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const e = await withBackend(g, (b) => b.vulnExceptions.revoke(id, o.note, o.as));
      if (g.json) return printJson(e);
      const reopened = e.findings.filter((f) => f.status === "detected").length;
      process.stdout.write(`revoked ${e.id}: ${reopened} finding(s) open again\n`);
    });

  ex.command("expire")
    .description(
      "local mode: end exceptions past their expiry now (the server does it every 10 minutes)",
    )
    .action(async (_o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const r = await withBackend(g, (b) => b.vulnExceptions.expire());
      if (g.json) return printJson(r);
      process.stdout.write(
        `${r.expired} exception(s) expired, ${r.reopened} finding(s) reopened, ${r.expiringNotices} expiring notice(s) sent\n`,
      );
    });
}
