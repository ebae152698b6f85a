// Scale benchmark for vulnerability management (issue 4): "with 1M findings stored, the
// findings-list API p95 ≤ 100 ms and the dashboard aggregates p95 ≤ 500 ms", on SQLite and on
// PostgreSQL. For each dialect: a fresh database (SQLite file in a temp dir; PostgreSQL temp
// database created and dropped, skipped when the server does not answer), VULNS_SCALE_N
// findings (default 1,000,000) seeded by bench/vulns-scale-seed.ts, the real HTTP server on
// loopback, then VULNS_SCALE_REQUESTS sequential requests per scenario (after 3 warm-ups)
// timed from the client: p50 / p95 / p99 in ms, printed as a JSON table with the budgets.
// Figures, not assertions. VULNS_SCALE_DIALECTS=sqlite limits the dialects.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { systemActor, systemClock } from "@infrasec/core";
import { buildApp } from "@infrasec/server";
import { createServices } from "@infrasec/services";
import { createStore, migrateToLatest, openDatabase } from "@infrasec/storage";
import type { DatabaseHandle } from "@infrasec/storage";
import { analyze, seed, withoutIndexes } from "./vulns-scale-seed";
import type { SeedResult } from "./vulns-scale-seed";

const N = Number(process.env.VULNS_SCALE_N ?? 1_000_000);
const REQUESTS = Number(process.env.VULNS_SCALE_REQUESTS ?? 40);
const DIALECTS = (process.env.VULNS_SCALE_DIALECTS ?? "sqlite,postgres")
  .split(",")
  .filter((d): d is "sqlite" | "postgres" => d === "sqlite" || d === "postgres");
const PG_ADMIN =
  process.env.INFRASEC_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const BUDGET_MS = { list: 100, dashboard: 500 } as const;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Fresh {
  handle: DatabaseHandle;
  cleanup: () => Promise<void>;
}

async function openFresh(dialect: "sqlite" | "postgres"): Promise<Fresh | null> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "infrasec-scale-"));
    const handle = openDatabase({ sqlitePath: join(dir, "scale.sqlite") });
    await migrateToLatest(handle.db);
    return {
      handle,
      cleanup: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `infrasec_scale_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (e) {
    log(`PostgreSQL skipped: ${(e as Error).message}`);
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  const handle = openDatabase({ url: u.toString() });
  await migrateToLatest(handle.db);
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 10) / 10;
}

async function measure(base: string, token: string, path: string) {
  const headers = { authorization: `Bearer ${token}` };
  const once = async () => {
    const t = performance.now();
    const res = await fetch(base + path, { headers });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${body.slice(0, 300)}`);
    return { ms: performance.now() - t, body };
  };
  let sample = "";
  for (let i = 0; i < 3; i++) sample = (await once()).body;
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push((await once()).ms);
  times.sort((a, b) => a - b);
  const parsed = JSON.parse(sample) as { total?: number; totalIsEstimate?: boolean };
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    total: parsed.total,
    totalIsEstimate: parsed.totalIsEstimate,
  };
}

async function runDialect(dialect: "sqlite" | "postgres") {
  const fresh = await openFresh(dialect);
  if (!fresh) return null;
  try {
    const nowMs = Date.now();
    log(`[${dialect}] seeding ${N} findings…`);
    let s: SeedResult | undefined;
    const indexMs = await withoutIndexes(fresh.handle.db, dialect, async () => {
      s = await seed(fresh.handle.db, N, nowMs, log);
    });
    if (!s) throw new Error("seeding did not finish");
    const t = performance.now();
    await analyze(fresh.handle.db, dialect);
    const analyzeMs = Math.round(performance.now() - t);
    log(
      `[${dialect}] seeded in ${s.ms} ms (${s.events} events), indexed in ${indexMs} ms, analyzed in ${analyzeMs} ms`,
    );

    const services = createServices({ store: createStore(fresh.handle), clock: systemClock });
    const app = await buildApp({
      services,
      config: { bodyLimitBytes: 1024 * 1024, trustProxy: false, loginRateLimitPerMinute: 1000 },
      logger: false,
    });
    const ctx = { actor: systemActor };
    const { user } = await services.users.create(ctx, {
      username: "bench-admin",
      role: "admin",
      password: "correct horse battery",
    });
    const { secret } = await services.tokens.create(ctx, { name: "bench", userId: user.id });
    // The first sweep backfills the dashboard's daily summary from the whole history.
    const t0 = performance.now();
    const first = await services.vulnSla.sweep();
    const firstSweepMs = Math.round(performance.now() - t0);
    log(`[${dialect}] first sweep (summary backfill) in ${firstSweepMs} ms`);
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const asset = s.assets[17]!;
    const team = s.assets.find((a) => a.ownerTeam)!.ownerTeam!;
    const F = "/api/v1/vulns/findings?limit=50";
    const scenarios: [string, "list" | "dashboard", string][] = [
      ["list: default (-severity)", "list", F],
      ["list: severity=high", "list", `${F}&severity=high`],
      ["list: status=open", "list", `${F}&status=open`],
      ["list: asset", "list", `${F}&asset=${asset.key}`],
      ["list: sla=breached", "list", `${F}&sla=breached`],
      ["list: q=openssl", "list", `${F}&q=openssl`],
      [
        "list: open+critical+asset",
        "list",
        `${F}&status=open&severity=critical&asset=${asset.key}`,
      ],
      ["list: second page", "list", `${F}&offset=50`],
      ["dashboard", "dashboard", "/api/v1/vulns/dashboard"],
      ["dashboard: team", "dashboard", `/api/v1/vulns/dashboard?team=${team}`],
      ["dashboard: asset", "dashboard", `/api/v1/vulns/dashboard?asset=${asset.key}`],
    ];
    const rows = [];
    for (const [name, kind, path] of scenarios) {
      const m = await measure(address, secret, path);
      rows.push({
        dialect,
        scenario: name,
        ...m,
        budget: BUDGET_MS[kind],
        ok: m.p95 <= BUDGET_MS[kind],
      });
      log(`[${dialect}] ${name}: p50 ${m.p50} p95 ${m.p95} p99 ${m.p99} ms`);
    }
    const t1 = performance.now();
    const sweep = await services.vulnSla.sweep();
    const sweepMs = Math.round(performance.now() - t1);
    await app.close();
    return {
      dialect,
      findings: N,
      open: s.open,
      events: s.events,
      seedMs: s.ms,
      indexMs,
      analyzeMs,
      firstSweep: { ms: firstSweepMs, examined: first.examined, changed: first.changed },
      steadySweep: { ms: sweepMs, examined: sweep.examined, changed: sweep.changed },
      rows,
    };
  } finally {
    await fresh.cleanup();
  }
}

const results = [];
for (const d of DIALECTS) {
  const r = await runDialect(d);
  if (r) results.push(r);
}
process.stdout.write(
  `${JSON.stringify({ n: N, requests: REQUESTS, budgetsMs: BUDGET_MS, results }, null, 2)}\n`,
);
