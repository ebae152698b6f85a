import { AppError, SEVERITIES } from "@infrasec/core";
import type {
  AccessFindingDto,
  AccessProvider,
  AnalysedPrincipal,
  SnapshotAnalysis,
  SnapshotSummary,
} from "./access-analysis-types";
import { toEscalationDto } from "./escalation-graph";
import type { ClassifiedFile } from "./provider-analysis";
import { analyzeProvider, findingDto, summarisePermissions } from "./provider-analysis";

export type FileKind = ClassifiedFile["kind"];

/** An uploaded file as the route hands it over. */
export interface UploadedFile {
  name: string;
  content: string;
  kind?: FileKind | "auto";
}

/**
 * Recognises a file by content when its kind is "auto": the provider narrows the choice, then
 * AWS files are told apart by their shape (CSV header, GAAD lists, Organizations policies).
 */
export function classifyFile(provider: AccessProvider, f: UploadedFile): ClassifiedFile {
  const given = f.kind ?? "auto";
  if (given !== "auto") return { name: f.name, kind: given, content: f.content };
  if (provider === "kubernetes")
    return { name: f.name, kind: "kubernetes-rbac", content: f.content };
  if (provider === "gcp") return { name: f.name, kind: "gcp-iam", content: f.content };
  const head = f.content.slice(0, 4096).trimStart();
  if (/^user,arn\b/.test(head) || f.name.toLowerCase().endsWith(".csv"))
    return { name: f.name, kind: "credential-report", content: f.content };
  if (/"(UserDetailList|RoleDetailList|GroupDetailList)"/.test(f.content.slice(0, 1_000_000)))
    return { name: f.name, kind: "authorization-details", content: f.content };
  if (/"(PolicySummary|Policies|Content)"/.test(head))
    return { name: f.name, kind: "organization-policies", content: f.content };
  // Unknown JSON: let the GAAD parser name the JSON path that is wrong.
  return { name: f.name, kind: "authorization-details", content: f.content };
}

function summaryOf(
  principals: readonly AnalysedPrincipal[],
  findings: readonly AccessFindingDto[],
): SnapshotSummary {
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, 0]),
  ) as SnapshotSummary["findingsBySeverity"];
  for (const f of findings) bySeverity[f.severity]++;
  return {
    principals: principals.length,
    admins: principals.filter((p) => p.isAdmin).length,
    conditionalAdmins: principals.filter((p) => p.admin === "conditional").length,
    escalationPaths: principals.reduce((n, p) => n + p.detail.escalations.length, 0),
    principalsWithEscalation: principals.filter((p) =>
      p.detail.escalations.some((e) => e.outcome === "admin"),
    ).length,
    findings: findings.length,
    findingsBySeverity: bySeverity,
  };
}

/** Parses and analyses one upload with the access engine. Input errors name file and JSON path. */
export function analyseSnapshot(
  provider: AccessProvider,
  files: readonly UploadedFile[],
  now: string,
): SnapshotAnalysis & { classified: ClassifiedFile[] } {
  const names = new Set<string>();
  files.forEach((f, i) => {
    if (names.has(f.name))
      throw new AppError("validation_failed", `file name ${f.name} is given twice`, [
        { path: `files[${i}].name`, message: "duplicate file name" },
      ]);
    names.add(f.name);
  });
  const classified = files.map((f) => classifyFile(provider, f));
  const result = analyzeProvider(provider, classified, now);
  const findings = result.report.findings.map(findingDto);
  const findingsOf = new Map<string, AccessFindingDto[]>();
  for (const f of findings)
    findingsOf.set(f.principal, [...(findingsOf.get(f.principal) ?? []), f]);
  const principals: AnalysedPrincipal[] = result.report.principals.map((p) => {
    const extra = result.perPrincipal.get(p.id);
    const permissions = extra?.permissions ?? [];
    return {
      principalId: p.id,
      type: p.type,
      name: p.name,
      isAdmin: p.isAdmin,
      admin: p.admin,
      owner: extra?.owner ?? null,
      lastUsed: extra?.lastUsed ?? null,
      grants: permissions.map(
        (e) => `${e.permission}@${e.scope}${e.verdict === "conditional" ? "?" : ""}`,
      ),
      detail: {
        effectivePermissions: summarisePermissions(permissions),
        entitlements: extra?.entitlements ?? [],
        escalations: p.escalations.map((e) => toEscalationDto(p.id, e)),
        findings: findingsOf.get(p.id) ?? [],
      },
    };
  });
  return {
    summary: summaryOf(principals, findings),
    errors: result.report.errors.map((e) => ({ ...e })),
    principals,
    findings,
    classified,
  };
}
