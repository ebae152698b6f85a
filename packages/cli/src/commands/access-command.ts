import type { Command } from "commander";
import { AppError } from "@infrasec/core";
import {
  accessSnapshotOf,
  analyzeAccessInputs,
  diffSnapshots,
  parseSessionPolicy,
  toCliJson,
  type AccessInputAnalysis,
} from "@infrasec/engines/access";
import { VERSION } from "@infrasec/server";
import type { GlobalOptions } from "../cli-context";
import { accessSarif, failingFindings, renderAccessText, renderDiffText } from "./access-format";
import { analysisTime, checkFailOn, checkFormat, readAccessFiles, usage } from "./access-input";
import { canText, chooseProvider, runCan, runWhoCan, whoCanText } from "./access-query";

interface CommonOptions {
  format?: string;
  now?: string;
  includeDefaults?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];
const out = (s: string): void => void process.stdout.write(s);

function formatOf(o: CommonOptions, cmd: Command, allowed: readonly string[]): string {
  const f = o.format ?? (cmd.optsWithGlobals<GlobalOptions>().json === true ? "json" : "text");
  checkFormat(f, allowed);
  return f;
}

function analyze(files: readonly string[], o: CommonOptions): AccessInputAnalysis {
  const now = analysisTime(o.now);
  return analyzeAccessInputs(readAccessFiles(files), {
    now,
    ...(o.includeDefaults ? { includeDefaults: true } : {}),
  });
}

function withCommon(c: Command, formats: string): Command {
  return c
    .option("--format <format>", `output: ${formats} (default text, json with --json)`)
    .option("--now <iso>", "analysis time for key ages and date conditions (default: now)")
    .option("--include-defaults", "Kubernetes: also report default system:* bindings");
}

/** The raw argv of the whole program (commander keeps it on the root command). */
function rawArgs(cmd: Command): string[] {
  let root: Command = cmd;
  while (root.parent) root = root.parent;
  return (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
}

/**
 * Splits `access diff OLD... -- NEW...` (commander drops the `--` marker from the operands, so
 * the count after it in the raw arguments tells where NEW begins) or `--old/--new` options.
 */
function diffSides(
  operands: string[],
  o: { old: string[]; new: string[] },
  cmd: Command,
): { before: string[]; after: string[] } {
  if (o.old.length > 0 || o.new.length > 0) {
    if (operands.length > 0) throw usage("use either OLD... -- NEW... or --old/--new", "FILE");
    if (o.old.length === 0 || o.new.length === 0)
      throw usage("give both --old and --new", o.old.length === 0 ? "--old" : "--new");
    return { before: o.old, after: o.new };
  }
  const raw = rawArgs(cmd);
  const dash = raw.indexOf("--");
  const after = dash === -1 ? 0 : raw.length - dash - 1;
  if (dash === -1 || after === 0 || after >= operands.length)
    throw usage("give OLD... -- NEW... (or --old FILE --new FILE)", "FILE");
  return {
    before: operands.slice(0, operands.length - after),
    after: operands.slice(operands.length - after),
  };
}

/** `infrasec access`: offline access analysis of AWS IAM, GCP IAM and Kubernetes RBAC exports. */
export function registerAccessCommand(program: Command): void {
  const access = program
    .command("access")
    .description(
      "access and permissions review (offline): AWS IAM, GCP IAM, Kubernetes RBAC — analyze, who-can, can, diff",
    );

  withCommon(
    access
      .command("analyze")
      .description(
        "analyse access exports: admins, escalation paths, risky grants, credential hygiene. " +
          "Exit 0: nothing at or above --fail-on; 1: findings; 2: usage or malformed input",
      )
      .argument(
        "<file...>",
        "authorization details, credential report, SCP/RCP, resource policies, GCP IAM, Kubernetes RBAC",
      ),
    "json, text, sarif",
  )
    .option(
      "--fail-on <severity>",
      "exit 1 when a finding is at or above: critical, high, medium, low, info, none",
      "none",
    )
    .action((files: string[], o: CommonOptions & { failOn: string }, cmd: Command) => {
      const format = formatOf(o, cmd, ["json", "text", "sarif"]);
      const failOn = checkFailOn(o.failOn);
      const a = analyze(files, o);
      const j = toCliJson(a.reports);
      if (format === "json") out(`${JSON.stringify(j, null, 2)}\n`);
      else if (format === "sarif")
        out(
          `${JSON.stringify(accessSarif(a, { name: "infrasec-access", version: VERSION }), null, 2)}\n`,
        );
      else out(renderAccessText(a, j));
      const failing = failingFindings(j, failOn);
      if (failing > 0)
        throw new AppError(
          "integrity_failed",
          `access: ${failing} finding(s) at or above ${failOn}`,
        );
    });

  withCommon(
    access
      .command("who-can")
      .description(
        "who can do ACTION on RESOURCE (AWS action + ARN or *, GCP role/permission + resource, Kubernetes verb + resource)",
      )
      .argument("<action>", "s3:GetObject · roles/owner or iam.serviceAccounts.actAs · get")
      .argument("<resource>", "ARN or * · projects/p · secrets, pods/exec, deployments.apps")
      .argument("<file...>", "input files"),
    "json, text",
  )
    .option("--provider <provider>", "aws, gcp or kubernetes (default: from the inputs and ACTION)")
    .option(
      "-n, --namespace <ns>",
      "Kubernetes namespace (default: cluster-wide and every namespace)",
    )
    .option("--name <name>", "Kubernetes object name (resourceNames)")
    .action(
      (
        action: string,
        resource: string,
        files: string[],
        o: CommonOptions & { provider?: string; namespace?: string; name?: string },
        cmd: Command,
      ) => {
        const format = formatOf(o, cmd, ["json", "text"]);
        const a = analyze(files, o);
        const provider = chooseProvider(a, action, o.provider);
        const rows = runWhoCan(a, provider, action, resource, {
          ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
          ...(o.name !== undefined ? { name: o.name } : {}),
        });
        if (format === "json")
          out(
            `${JSON.stringify({ schemaVersion: 1, provider, action, resource, principals: rows }, null, 2)}\n`,
          );
        else out(whoCanText(rows, action, resource));
      },
    );

  withCommon(
    access
      .command("can")
      .description(
        "can PRINCIPAL do ACTION on RESOURCE: allowed, conditional or denied, with --explain the deciding statements",
      )
      .argument(
        "<principal>",
        "AWS ARN or user/role name · GCP member · Kubernetes User:x, Group:x, ServiceAccount:ns/name",
      )
      .argument("<action>", "s3:GetObject · roles/owner · get")
      .argument("<resource>", "ARN or * · projects/p · secrets")
      .argument("<file...>", "input files"),
    "json, text",
  )
    .option("--explain", "list the statements or bindings that decided")
    .option("--provider <provider>", "aws, gcp or kubernetes (default: from the inputs and ACTION)")
    .option("-n, --namespace <ns>", "Kubernetes namespace (default: a cluster-wide request)")
    .option("--name <name>", "Kubernetes object name (resourceNames)")
    .option(
      "--session-policy <file>",
      "AWS: the session policy of an AssumeRole/federation session (limits what the principal may do)",
    )
    .action(
      (
        principal: string,
        action: string,
        resource: string,
        files: string[],
        o: CommonOptions & {
          explain?: boolean;
          provider?: string;
          namespace?: string;
          name?: string;
          sessionPolicy?: string;
        },
        cmd: Command,
      ) => {
        const format = formatOf(o, cmd, ["json", "text"]);
        const a = analyze(files, o);
        const provider = chooseProvider(a, action, o.provider);
        const session =
          o.sessionPolicy !== undefined
            ? parseSessionPolicy(o.sessionPolicy, readAccessFiles([o.sessionPolicy])[0]!.text)
            : undefined;
        const ans = runCan(a, provider, principal, action, resource, {
          ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
          ...(o.name !== undefined ? { name: o.name } : {}),
          ...(session ? { sessionPolicy: session } : {}),
        });
        if (format === "json")
          out(
            `${JSON.stringify({ schemaVersion: 1, provider, action, resource, ...ans }, null, 2)}\n`,
          );
        else out(canText(ans, action, resource, o.explain === true));
      },
    );

  withCommon(
    access
      .command("diff")
      .description(
        "what changed between two snapshots: new admins, new escalation paths, widened or removed permissions",
      )
      .argument("[file...]", "OLD... -- NEW...")
      .option("--old <file>", "a file of the old snapshot (repeatable)", collect, [])
      .option("--new <file>", "a file of the new snapshot (repeatable)", collect, []),
    "json, text",
  ).action((files: string[], o: CommonOptions & { old: string[]; new: string[] }, cmd: Command) => {
    const format = formatOf(o, cmd, ["json", "text"]);
    const { before, after } = diffSides(files, o, cmd);
    const d = diffSnapshots(
      accessSnapshotOf(analyze(before, o)),
      accessSnapshotOf(analyze(after, o)),
    );
    if (format === "json") out(`${JSON.stringify({ schemaVersion: 1, ...d }, null, 2)}\n`);
    else out(renderDiffText(d));
  });
}
