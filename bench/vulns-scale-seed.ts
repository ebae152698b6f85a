// Seeds a database with N generated vulnerability findings for bench/vulns-scale-bench.ts:
// ~200 assets over 12 owner teams, a realistic mix of severities (5 % critical, 20 % high, 40 %
// medium, 30 % low, 5 % info), statuses (45 % open, 50 % resolved, 5 % dismissed) and ages (up
// to two years, skewed recent), SLA due dates from the handbook targets, stored SLA states as a
// sweep would leave them, and the event log (a close event per closed finding, some triage
// events, an SLA event per breached open finding). Rows go in directly through Kysely in
// multi-row INSERTs, one transaction per 20,000 findings: the bench measures reads, not imports.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import { newId } from "@infrasec/core";
import type { Database } from "@infrasec/storage";

const DAY = 86_400_000;
const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
const RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const;
const TARGET_DAYS = { critical: 30, high: 30, medium: 90, low: 180, info: null } as const;
const KINDS = ["container_image", "host", "service", "k8s_namespace"] as const;
const OPEN = new Set(["detected", "confirmed", "in_progress"]);
/** A few package names common across the fleet (so `q` searches hit), then a long tail. */
const COMMON_PACKAGES = ["openssl", "glibc", "zlib", "curl", "libxml2"];

export interface SeedResult {
  assets: { id: string; key: string; ownerTeam: string | null }[];
  findings: number;
  events: number;
  open: number;
  ms: number;
}

/** Deterministic PRNG (mulberry32), so every run seeds the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: number, xs: readonly T[]): T {
  return xs[Math.min(xs.length - 1, Math.floor(r * xs.length))]!;
}

export async function seed(
  db: Kysely<Database>,
  n: number,
  nowMs: number,
  log: (line: string) => void,
): Promise<SeedResult> {
  const t0 = performance.now();
  const rnd = prng(42);
  const iso = (t: number) => new Date(t).toISOString();
  const assets = Array.from({ length: 200 }, (_, i) => ({
    id: newId(nowMs - 800 * DAY + i),
    key: `asset-${String(i).padStart(3, "0")}`,
    ownerTeam: i % 25 === 0 ? null : `team-${i % 12}`,
    kind: KINDS[i % KINDS.length]!,
  }));
  await db
    .insertInto("assets")
    .values(
      assets.map((a, i) => ({
        id: a.id,
        key: a.key,
        name: `bench ${a.key}`,
        kind: a.kind,
        description: "",
        tags: "[]",
        owner_team: a.ownerTeam,
        environment: i % 3 === 0 ? "staging" : "production",
        criticality: 1 + (i % 4),
        exposure: i % 5 === 0 ? "internet_facing" : "internal",
        data_classification: "internal",
        created_at: iso(nowMs - 800 * DAY),
        updated_at: iso(nowMs - 800 * DAY),
      })),
    )
    .execute();

  let events = 0;
  let open = 0;
  const BATCH = 20_000;
  for (let start = 0; start < n; start += BATCH) {
    const findings: Record<string, unknown>[] = [];
    const evs: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) {
      const asset = assets[i % assets.length]!;
      const rs = rnd();
      const severity =
        rs < 0.05
          ? "critical"
          : rs < 0.25
            ? "high"
            : rs < 0.65
              ? "medium"
              : rs < 0.95
                ? "low"
                : "info";
      const rst = rnd();
      const status =
        rst < 0.35
          ? "detected"
          : rst < 0.4
            ? "confirmed"
            : rst < 0.45
              ? "in_progress"
              : rst < 0.95
                ? "resolved"
                : "dismissed";
      const ageDays = Math.floor(730 * rnd() ** 2);
      const first = nowMs - ageDays * DAY - Math.floor(rnd() * DAY);
      const target = TARGET_DAYS[severity];
      const due = target === null ? null : first + target * DAY;
      const closedAt = OPEN.has(status)
        ? null
        : Math.min(nowMs - 1, first + Math.floor(rnd() * 120 * DAY));
      const resolvedAt = status === "resolved" ? closedAt : null;
      const pkg = rnd() < 0.04 ? pick(rnd(), COMMON_PACKAGES) : `lib${Math.floor(rnd() * 3000)}`;
      const vulnId = `CVE-${2015 + (i % 11)}-${10000 + i}`;
      const slaState =
        due === null
          ? "none"
          : OPEN.has(status)
            ? due < nowMs
              ? "breached"
              : due < nowMs + 7 * DAY
                ? "due_soon"
                : "on_track"
            : resolvedAt !== null
              ? resolvedAt <= due
                ? "met"
                : "missed"
              : "none";
      const id = newId(first);
      if (OPEN.has(status)) open++;
      findings.push({
        id,
        asset_id: asset.id,
        identity_hash: `h${i.toString(16).padStart(12, "0")}`,
        identity_version: "1",
        identity_fn: "package",
        identity_tuple: JSON.stringify(["package", asset.key, pkg, "1.0", vulnId]),
        identity_basis: `package "${pkg}"`,
        kind: "package",
        vuln_id: vulnId,
        aliases: "[]",
        title: `${pkg}: crafted input handling flaw`,
        package: pkg,
        purl: `pkg:deb/debian/${pkg}@1.0`,
        version: "1.0",
        fixed_version: "1.1",
        fix_state: "fixed",
        severity,
        severity_rank: RANK[severity],
        severity_source: "nvd",
        cvss_score: 2 + RANK[severity] * 2,
        cwes: "[]",
        status,
        dismissal_reason: status === "dismissed" ? "false_positive" : null,
        resolution: status === "resolved" ? "absent" : null,
        resolved_at: resolvedAt === null ? null : iso(resolvedAt),
        scanner: "trivy",
        scope: "default",
        scanners: '["trivy"]',
        first_seen_at: iso(first),
        last_seen_at: iso(closedAt ?? nowMs - DAY),
        sla_policy: target === null ? null : "gitlab-handbook@1",
        sla_due_at: due === null ? null : iso(due),
        sla_state: slaState,
        occurrences_hash: "0",
        occurrence_count: 1,
        edited_fields: "[]",
        search_text: `${vulnId.toLowerCase()} ${pkg} ${pkg}: crafted input handling flaw`,
        created_at: iso(first),
        updated_at: iso(closedAt ?? first),
      });
      const ev = (at: number, kind: string, from: string | null, to: string | null) => {
        evs.push({
          id: newId(at),
          finding_id: id,
          at: iso(at),
          kind,
          from_status: from,
          to_status: to,
          actor_name: "bench",
        });
      };
      if (status === "confirmed" || status === "in_progress")
        ev(first + DAY, "status", "detected", status);
      if (closedAt !== null)
        ev(closedAt, status === "resolved" ? "closed" : "status", "detected", status);
      if (slaState === "breached" && due !== null) ev(due + 1, "sla_breached", null, null);
    }
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < findings.length; i += 600) {
        await tx
          .insertInto("vuln_findings")
          .values(findings.slice(i, i + 600) as never)
          .execute();
      }
      for (let i = 0; i < evs.length; i += 3000) {
        await tx
          .insertInto("vuln_finding_events")
          .values(evs.slice(i, i + 3000) as never)
          .execute();
      }
    });
    events += evs.length;
    if ((start / BATCH) % 10 === 0) log(`  seeded ${Math.min(n, start + BATCH)} findings`);
  }
  return {
    assets: assets.map((a) => ({ id: a.id, key: a.key, ownerTeam: a.ownerTeam })),
    findings: n,
    events,
    open,
    ms: Math.round(performance.now() - t0),
  };
}

/**
 * Runs `load` with the secondary indexes of the findings and events tables dropped, then
 * recreates them from their stored definitions: building an index over sorted data once is far
 * cheaper than maintaining it through a million random inserts (the usual bulk-load practice).
 */
export async function withoutIndexes(
  db: Kysely<Database>,
  dialect: "sqlite" | "postgres",
  load: () => Promise<void>,
): Promise<number> {
  const tables = ["vuln_findings", "vuln_finding_events"];
  const defs =
    dialect === "sqlite"
      ? (
          await sql<{ name: string; def: string }>`select name, sql as def from sqlite_master
            where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)})`.execute(
            db,
          )
        ).rows
      : (
          await sql<{ name: string; def: string }>`select i.indexname as name, i.indexdef as def
            from pg_indexes i where i.tablename in (${sql.join(tables)})
            and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(
            db,
          )
        ).rows;
  for (const d of defs) await sql`drop index ${sql.ref(d.name)}`.execute(db);
  await load();
  const t = performance.now();
  for (const d of defs) await sql.raw(d.def).execute(db);
  return Math.round(performance.now() - t);
}

/** Planner statistics, as a maintenance job would keep them (ANALYZE; VACUUM on PostgreSQL). */
export async function analyze(db: Kysely<Database>, dialect: "sqlite" | "postgres"): Promise<void> {
  if (dialect === "postgres") await sql`vacuum analyze`.execute(db);
  else await sql`analyze`.execute(db);
}

export { SEVERITIES };
