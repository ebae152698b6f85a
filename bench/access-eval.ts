/**
 * `npm run eval:access`: runs the access engine over the reference data in
 * ../shared/bench/access (Cloudsplaining samples, pathfinding.cloud iam-* paths turned into
 * positive and negative accounts, Kubernetes default RBAC) and prints what was found per case.
 * Skips cleanly when the folder is absent. Set ACCESS_BENCH_DIR to point elsewhere.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  analyzeAwsAccount,
  analyzePolicyDocument,
  parseAuthorizationDetails,
  parsePolicyDocument,
} from "@infrasec/engines/access";
import { JsonCursor } from "../packages/engines/src/access/shared/input-errors";
import { evalKubernetes, evalPathfinding, type Tally } from "./access-eval-cases";

const ROOT =
  process.env.ACCESS_BENCH_DIR ??
  join(import.meta.dirname, "..", "..", "shared", "bench", "access");
const NOW = "2026-11-25T00:00:00Z";

if (!existsSync(ROOT)) {
  console.log(`eval:access skipped: ${ROOT} not found`);
  process.exit(0);
}

const tally: Tally = { pass: 0, fail: 0, na: 0 };
function report(id: string, ok: boolean | "n/a", detail: string): void {
  if (ok === "n/a") tally.na++;
  else if (ok) tally.pass++;
  else tally.fail++;
  console.log(`${ok === "n/a" ? "N/A " : ok ? "PASS" : "FAIL"} ${id.padEnd(48)} ${detail}`);
}
const same = (a: readonly string[], b: readonly string[]): boolean =>
  JSON.stringify([...a].map((x) => x.toLowerCase()).sort()) ===
  JSON.stringify([...b].map((x) => x.toLowerCase()).sort());

const cs = join(ROOT, "cloudsplaining");
const readJson = (p: string): unknown => JSON.parse(readFileSync(join(cs, p), "utf8")) as unknown;
const policy = (doc: unknown) =>
  parsePolicyDocument(new JsonCursor("inline", "$", doc), { id: "p", name: "p", kind: "inline" });

console.log("== Cloudsplaining inline-policy cases (policy lens, compact catalogue) ==");
interface InlineCase {
  id: string;
  policy: unknown;
  options: Record<string, unknown>;
  expected: Record<string, unknown>;
}
const inline = (readJson("inline-cases.json") as { cases: InlineCase[] }).cases;
for (const c of inline) {
  const r = analyzePolicyDocument(policy(c.policy), {
    includeResourceConstrained: c.options.flag_resource_arn_statements === true,
    includeConditional: c.options.flag_conditional_statements === true,
  });
  const e = c.expected;
  const get = (k: string, alt: string): unknown => {
    const v = e[k] ?? e[alt];
    return v && typeof v === "object" && !Array.isArray(v) && "findings" in v ? v.findings : v;
  };
  const checks: [string, boolean | "n/a"][] = [];
  const esc = get("PrivilegeEscalation", "allows_privilege_escalation") as
    { type: string }[] | undefined;
  if (esc)
    checks.push([
      "escalation",
      same(
        r.privilegeEscalation.map((x) => x.type),
        esc.map((x) => x.type),
      ),
    ]);
  const exfil = (get("DataExfiltration", "allows_data_exfiltration_actions") ??
    e["DataExfiltration.findings"]) as string[] | undefined;
  if (exfil) checks.push(["exfiltration", same(r.dataExfiltration, exfil)]);
  const creds = get("CredentialsExposure", "credentials_exposure") as string[] | undefined;
  if (creds) checks.push(["credentials", same(r.credentialsExposure, creds)]);
  const res = get("ResourceExposure", "permissions_management_without_constraints") as
    string[] | undefined;
  if (res) checks.push(["resource-exposure", same(r.resourceExposure, res)]);
  const svc = e.ServicesAffected as string[] | undefined;
  if (svc) checks.push(["services", same(r.servicesAffected, svc)]);
  if ("ServicesAffected_count_greater_than" in e) checks.push(["service-count>150", "n/a"]);
  const failed = checks.filter(([, ok]) => ok === false).map(([k]) => k);
  const onlyNa = checks.every(([, ok]) => ok === "n/a");
  const detail = `${checks.map(([k, ok]) => `${k}:${ok === "n/a" ? "n/a" : ok ? "ok" : "DIFF"}`).join(" ")} | found ${r.privilegeEscalation.map((x) => x.type).join(",") || "-"}`;
  report(c.id, onlyNa ? "n/a" : failed.length === 0, detail);
}

console.log("\n== Cloudsplaining authorization-details cases (principal analysis) ==");
const authz = (f: string) => parseAuthorizationDetails(f, readFileSync(join(cs, f), "utf8"));
{
  const acct = authz("test/files/example-authz-details.json");
  report(
    "validate-authz-details",
    true,
    `parsed: ${acct.users.length} users, ${acct.groups.length} groups, ${acct.roles.length} roles, ${acct.policies.size} policies`,
  );
  const a = analyzeAwsAccount(acct, { now: NOW, file: "example-authz-details.json" });
  const biden = a.report.principals.find((p) => p.name === "biden");
  const bidenS3 = a.model.can(a.model.byArn.get(biden?.id ?? "")!.policies, "s3:GetObject", {
    kind: "all",
  }).verdict;
  report(
    "group-biden-allowed-actions",
    bidenS3 === "allowed",
    `user biden (group biden) s3:GetObject on *: ${bidenS3}`,
  );
  const ec2 = acct.roles.find((r) => r.name === "OverprivilegedEC2");
  const compute = (ec2?.trustPolicy?.statements ?? [])
    .flatMap((s) => s.principal?.service ?? [])
    .map((s) => s.split(".")[0]);
  const trustFindings = a.report.findings.filter(
    (f) => f.resource === ec2?.arn && f.ruleId.startsWith("IAM-TRUST"),
  );
  report(
    "role-detail-overprivileged-ec2 (trust)",
    same(compute as string[], ["ec2"]) && trustFindings.length === 0,
    `assumable by compute: ${compute.join(",")}; risky-trust findings: ${trustFindings.length}`,
  );
  const ec2Esc =
    a.report.principals
      .find((p) => p.id === ec2?.arn)
      ?.escalations.filter((e) => e.outcome === "admin") ?? [];
  report(
    "OverprivilegedEC2 escalation (beyond cloudsplaining)",
    "n/a",
    `infrasec: ${ec2Esc.map((e) => `${e.pathId}: ${e.steps.map((s) => s.explanation).join("; ")}`).join(" | ") || "none"}`,
  );
  for (const p of a.report.principals) {
    const esc = p.escalations.filter((e) => e.outcome === "admin").map((e) => e.pathId);
    console.log(
      `     ${p.type.padEnd(5)} ${p.name.padEnd(28)} admin=${p.admin.padEnd(11)} escalations=${esc.join(",") || "-"}`,
    );
  }
  const bidenInline = readJson("test/files/scanning/test_inline_policy_results.json") as Record<
    string,
    { findings?: unknown[] }
  > & { PolicyDocument: unknown };
  const r = analyzePolicyDocument(policy(bidenInline.PolicyDocument));
  const ok =
    same(r.dataExfiltration, (bidenInline.DataExfiltration?.findings ?? []) as string[]) &&
    same(r.resourceExposure, (bidenInline.ResourceExposure?.findings ?? []) as string[]) &&
    r.privilegeEscalation.length === 0;
  report(
    "inline-policy-biden-group",
    ok,
    `exfil ${r.dataExfiltration.join(",")}; resource exposure ${r.resourceExposure.join(",")}`,
  );
  const mismatch = authz("test/files/managed_policy_mismatch.json");
  report(
    "missing-managed-policy",
    mismatch.missingPolicyArns.length === 1,
    `no error; missing ${mismatch.missingPolicyArns.join(",")}`,
  );
  for (const f of [
    "example_authz_v2.json",
    "example_authz_details_for_overrides.json",
    "example_authz_details_for_overrides_complete.json",
  ]) {
    const x = analyzeAwsAccount(authz(`test/files/${f}`), { now: NOW });
    report(
      `parse+analyse ${f}`,
      true,
      `${x.report.principals.length} principals, ${x.report.findings.length} findings`,
    );
  }
  for (const f of ["examples/policies/wildcards.json", "examples/policies/explicit-actions.json"]) {
    const r2 = analyzePolicyDocument(policy(readJson(f)));
    report(
      `expand-policy ${f.split("/").pop() ?? f}`,
      true,
      `${r2.allowedActions.length} catalogued actions allowed`,
    );
  }
  for (const id of [
    "user-detail-biden",
    "group-detail-biden",
    "managed-policy-keys",
    "infra-mod-actions-*",
    "action-links",
  ]) {
    report(id, "n/a", "Cloudsplaining output structure / policy_sentry counts, not tool-neutral");
  }
}

evalPathfinding(join(ROOT, "pathfinding"), NOW, report);
evalKubernetes(join(ROOT, "k8s-rbac"), report);
console.log(`\neval:access: ${tally.pass} pass, ${tally.fail} fail, ${tally.na} not comparable`);
