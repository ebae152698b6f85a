import { AppError } from "@infrasec/core";
import {
  coverageVerdict,
  describeGrant,
  explainAccess,
  gcpCan,
  gcpWhoCan,
  k8sRequest,
  parseSubject,
  resourcePolicyGrantees,
  subjectKey,
  whoCan,
  type AccessInputAnalysis,
  type AwsAnalysis,
  type Decision,
  type K8sGrant,
  type PolicyDoc,
} from "@infrasec/engines/access";
import { usage } from "./access-input";

/** Providers a query can run against. */
export const ACCESS_PROVIDERS = ["aws", "gcp", "kubernetes"] as const;
export type AccessProvider = (typeof ACCESS_PROVIDERS)[number];

/** A statement or binding that decided an answer. */
export interface QueryReason {
  effect: "Allow" | "Deny";
  source: string;
  condition: "met" | "undecided" | "not met";
  detail: string;
}

/** One principal's answer (who-can rows, and the body of `can`). */
export interface QueryAnswer {
  principal: string;
  verdict: "allowed" | "conditional" | "denied" | "implicit-deny";
  blockedBy?: string;
  reasons: QueryReason[];
}

/** Kubernetes scope options of the queries. */
export interface QueryScope {
  namespace?: string;
  name?: string;
  /** AWS `can`: the session policy the principal's session was created with. */
  sessionPolicy?: PolicyDoc;
}

/** Picks the provider: the one given, the only one loaded, or the one the ACTION's shape names. */
export function chooseProvider(
  a: AccessInputAnalysis,
  action: string,
  explicit: string | undefined,
): AccessProvider {
  const loaded = ACCESS_PROVIDERS.filter((p) =>
    p === "aws" ? a.aws.length > 0 : p === "gcp" ? a.gcp !== undefined : a.kubernetes !== undefined,
  );
  if (explicit !== undefined) {
    if (!(ACCESS_PROVIDERS as readonly string[]).includes(explicit))
      throw usage(`--provider must be one of ${ACCESS_PROVIDERS.join(", ")}`, "--provider");
    if (!loaded.includes(explicit as AccessProvider))
      throw usage(`no ${explicit} input among the files`, "--provider");
    return explicit as AccessProvider;
  }
  if (loaded.length === 0) throw usage("no analysable input among the files", "FILE");
  if (loaded.length === 1) return loaded[0] as AccessProvider;
  // AWS actions are `service:Action`; GCP names roles (`roles/…`) or dotted permissions;
  // Kubernetes takes a bare verb.
  const guess: AccessProvider = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)
    ? "aws"
    : /[/.]/.test(action)
      ? "gcp"
      : "kubernetes";
  if (!loaded.includes(guess))
    throw usage(`cannot tell the provider of ${action}: give --provider`, "--provider");
  return guess;
}

function awsReasons(d: Decision): QueryReason[] {
  return d.matches.map((m) => ({
    effect: m.effect,
    source: `${m.policyKind} ${m.policyId}`,
    condition: m.condition === true ? "met" : m.condition === "unknown" ? "undecided" : "not met",
    detail: `statement ${m.sid ?? `#${m.index}`}${m.unknownKeys.length > 0 ? ` (undecided: ${m.unknownKeys.join(", ")})` : ""}`,
  }));
}

function k8sReasons(via: readonly K8sGrant[]): QueryReason[] {
  return via.map((g) => ({
    effect: "Allow",
    source: `${g.binding.kind} ${g.binding.namespace ? `${g.binding.namespace}/` : ""}${g.binding.name}`,
    condition: "met",
    detail: describeGrant(g),
  }));
}

/** `access who-can ACTION RESOURCE`: every principal allowed or conditionally allowed. */
export function runWhoCan(
  a: AccessInputAnalysis,
  provider: AccessProvider,
  action: string,
  resource: string,
  scope: QueryScope,
): QueryAnswer[] {
  if (provider === "aws") {
    return a.aws.flatMap((x) => [
      ...whoCan(x.model, action, resource).map((e) => ({
        principal: e.principal,
        verdict: e.verdict,
        reasons: awsReasons(e.decision),
      })),
      ...resourcePolicyGrantees(x.model, action, resource).map((g) => ({
        principal: g.principal,
        verdict: g.verdict,
        reasons: [
          {
            effect: "Allow" as const,
            source: "resource policy",
            condition: "met" as const,
            detail: `${g.statement}: ${g.why}`,
          },
        ],
      })),
    ]);
  }
  if (provider === "gcp") {
    const g = a.gcp;
    if (!g) return [];
    return gcpWhoCan(g.snapshot, action, resource, a.now).map((x) => ({
      principal: x.member,
      verdict: x.verdict,
      reasons: x.bindings.map((b) => ({
        effect: "Allow" as const,
        source: `binding on ${b.binding.resource}`,
        condition: b.verdict === "allowed" ? ("met" as const) : ("undecided" as const),
        detail: `${b.binding.role}${b.why ? ` (${b.why})` : ""}`,
      })),
    }));
  }
  const k = a.kubernetes;
  if (!k) return [];
  // Without --namespace: cluster-wide grants plus every namespace's own grants.
  const scopes =
    scope.namespace !== undefined
      ? [scope.namespace]
      : [undefined, ...new Set([...k.index.grants.values()].flat().map((g) => g.scope))].filter(
          (s) => s !== "*",
        );
  const out = new Map<string, QueryAnswer>();
  for (const ns of scopes) {
    const req = k8sRequest(action, resource, {
      ...(ns !== undefined ? { namespace: ns } : {}),
      ...(scope.name !== undefined ? { name: scope.name } : {}),
    });
    for (const e of k.index.whoCan(req)) {
      const key = subjectKey(e.subject);
      const prev = out.get(key);
      const verdict = coverageVerdict(e.coverage);
      const reasons = [...(prev?.reasons ?? []), ...k8sReasons(e.via)].filter(
        (r, i, all) => all.findIndex((x) => x.detail === r.detail) === i,
      );
      out.set(key, {
        principal: key,
        verdict: prev?.verdict === "allowed" ? "allowed" : verdict,
        reasons,
      });
    }
  }
  return [...out.values()].sort((x, y) => (x.principal < y.principal ? -1 : 1));
}

function awsModelOf(a: AccessInputAnalysis, principal: string): { x: AwsAnalysis; arn: string } {
  for (const x of a.aws) if (x.model.byArn.has(principal)) return { x, arn: principal };
  // A bare name is accepted when it names exactly one user or role.
  const hits = a.aws.flatMap((x) =>
    x.model.principals
      .filter((p) => p.principal.name === principal)
      .map((p) => ({ x, arn: p.principal.arn })),
  );
  if (hits.length === 1 && hits[0]) return hits[0];
  throw new AppError(
    "not_found",
    hits.length > 1
      ? `${principal} names ${hits.length} principals: give the ARN`
      : `no user or role ${principal} in the input`,
    [{ path: "PRINCIPAL", message: "unknown principal" }],
  );
}

/** `access can PRINCIPAL ACTION RESOURCE`: the verdict and the statements that decided it. */
export function runCan(
  a: AccessInputAnalysis,
  provider: AccessProvider,
  principal: string,
  action: string,
  resource: string,
  scope: QueryScope,
): QueryAnswer {
  if (scope.sessionPolicy && provider !== "aws")
    throw usage("--session-policy applies to AWS principals only", "--session-policy");
  if (provider === "aws") {
    const { x, arn } = awsModelOf(a, principal);
    const r = explainAccess(
      x.model,
      arn,
      action,
      resource,
      scope.sessionPolicy ? { sessionPolicy: scope.sessionPolicy } : {},
    );
    if (!r) throw new AppError("not_found", `no user or role ${principal} in the input`);
    return {
      principal: arn,
      verdict: r.decision.verdict,
      ...(r.decision.blockedBy ? { blockedBy: r.decision.blockedBy } : {}),
      reasons: awsReasons(r.decision),
    };
  }
  if (provider === "gcp") {
    const g = a.gcp;
    if (!g) throw usage("no GCP input among the files", "FILE");
    const ans = gcpCan(g.snapshot, principal, action, resource, a.now);
    return {
      principal,
      verdict: ans.verdict,
      reasons: ans.bindings.map((b) => ({
        effect: "Allow",
        source: `binding on ${b.binding.resource}`,
        condition: b.verdict === "allowed" ? "met" : "undecided",
        detail: `${b.binding.role} to ${b.binding.members.join(", ")}${b.why ? ` (${b.why})` : ""}`,
      })),
    };
  }
  const k = a.kubernetes;
  if (!k) throw usage("no Kubernetes input among the files", "FILE");
  const subject = parseSubject(principal);
  if (!subject)
    throw usage(
      "a Kubernetes PRINCIPAL is User:name, Group:name, ServiceAccount:ns/name or system:serviceaccount:ns:name",
      "PRINCIPAL",
    );
  const req = k8sRequest(action, resource, scope);
  const r = k.index.can(subject, req);
  return {
    principal: subjectKey(subject),
    verdict: coverageVerdict(r.coverage),
    reasons: k8sReasons(r.via),
  };
}

/** Readable lines of a `can` answer; `explain` adds one line per deciding statement. */
export function canText(
  q: QueryAnswer,
  action: string,
  resource: string,
  explain: boolean,
): string {
  const lines = [
    `${q.principal} ${action} ${resource}: ${q.verdict}${q.blockedBy ? ` (blocked by ${q.blockedBy})` : ""}`,
  ];
  if (explain) {
    for (const r of q.reasons)
      lines.push(
        `  ${r.effect} by ${r.source} ${r.detail}${r.condition === "met" ? "" : ` [condition ${r.condition}]`}`,
      );
    if (q.reasons.length === 0) lines.push("  no statement or binding applies: implicit deny");
  }
  return `${lines.join("\n")}\n`;
}

/** Readable who-can table. */
export function whoCanText(rows: readonly QueryAnswer[], action: string, resource: string): string {
  if (rows.length === 0) return `nobody can ${action} ${resource}\n`;
  const lines = [`${rows.length} principal(s) can ${action} ${resource}:`];
  for (const r of rows) {
    lines.push(`  ${r.verdict.padEnd(11)} ${r.principal}`);
    for (const x of r.reasons.filter((y) => y.effect === "Allow"))
      lines.push(`              via ${x.source} ${x.detail}`);
  }
  return `${lines.join("\n")}\n`;
}
