import type { Clock } from "@infrasec/core";
import { AppError, ManualClock } from "@infrasec/core";
import type { Services } from "../create-services";
import type { Ctx } from "../shared/service-context";
import {
  DEMO_EXCEPTIONS,
  DEMO_HISTORY_DAYS,
  DEMO_STATUS_MOVES,
  DEMO_VULN_ASSETS,
} from "./vulns-demo-content";
import type { DemoVulnAsset } from "./vulns-demo-content";
import { demoEpssCsv, demoKevJson } from "./vulns-demo-feeds";
import { demoReport, scanDays } from "./vulns-demo-reports";

/** What `loadVulnsDemo` did; `alreadyLoaded` when the demo's imports exist (nothing changed). */
export interface VulnsDemoResult {
  alreadyLoaded: boolean;
  assets: { key: string; created: boolean }[];
  imports: number;
  statusChanges: number;
  exceptions: { vulnId: string; status: string }[];
  openFindings: number;
}

export type VulnsDemoServices = Pick<
  Services,
  "assets" | "users" | "vulns" | "vulnSla" | "vulnEnrichment" | "vulnExceptions"
>;

/** Services over the same database at another clock (the demo replays 120 days of history). */
export type DemoServicesAt = (clock: Clock) => VulnsDemoServices;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Sweeps run every few days of the history, so due-soon events precede breaches. */
const SWEEP_EVERY_DAYS = 2;

/**
 * Loads the vulnerability demo: four assets (created when missing), 120 days of Trivy and Grype
 * re-scans imported in order, the security engineer's status moves, an approved deviation and a
 * requested risk acceptance (eve asks, sam decides), EPSS and KEV samples, and SLA sweeps along
 * the way — all through the public services on a clock that walks from 120 days ago to `now`,
 * so findings, events and audit records carry the dates a real history would. The dashboard,
 * SLA events and fix actions then have months of data.
 *
 * Idempotent: when the first demo asset already has imports, nothing is written.
 */
export async function loadVulnsDemo(
  servicesAt: DemoServicesAt,
  now: Date,
  admin: Ctx,
): Promise<VulnsDemoResult> {
  const start = historyStart(now);
  const clock = new ManualClock(start);
  const s = servicesAt(clock);
  const result: VulnsDemoResult = {
    alreadyLoaded: false,
    assets: [],
    imports: 0,
    statusChanges: 0,
    exceptions: [],
    openFindings: 0,
  };

  const marker = (await s.assets.correlate(DEMO_VULN_ASSETS[0]!.key)).asset;
  if (marker && (await s.vulns.listImports(admin, marker.id, 1)).length > 0) {
    return { ...result, alreadyLoaded: true };
  }
  const { eve, sam } = await demoPeople(s, admin);

  for (const a of DEMO_VULN_ASSETS) {
    const existing = (await s.assets.correlate(a.key)).asset;
    if (!existing) await s.assets.create(admin, assetInput(a));
    result.assets.push({ key: a.key, created: !existing });
  }

  const at = (day: number, hour: number) => {
    clock.set(new Date(start.getTime() + day * DAY_MS + hour * HOUR_MS));
  };
  const exceptionIds = new Map<string, string>();
  for (let day = 0; day < DEMO_HISTORY_DAYS; day++) {
    at(day, 0);
    for (const a of DEMO_VULN_ASSETS) {
      if (!scanDays(a.key).includes(day)) continue;
      await importScan(s, admin, a, day, clock.now());
      result.imports++;
    }
    at(day, 2);
    for (const m of DEMO_STATUS_MOVES.filter((x) => x.day === day)) {
      const id = await openFindingId(s, admin, m.asset, m.vulnId);
      await s.vulns.changeStatus(sam, id, { status: m.to });
      result.statusChanges++;
    }
    at(day, 4);
    for (const e of DEMO_EXCEPTIONS) {
      if (e.day === day) {
        const created = await s.vulnExceptions.request(eve, {
          kind: e.kind,
          scope: { assets: [e.asset], vulnId: e.vulnId },
          days: e.days,
          justification: e.justification,
          ...(e.compensatingControls ? { compensatingControls: e.compensatingControls } : {}),
        });
        exceptionIds.set(e.vulnId, created.id);
      }
      if (e.approveDay === day) {
        await s.vulnExceptions.approve(
          sam,
          exceptionIds.get(e.vulnId)!,
          "Compensating controls verified; reboot booked for the next maintenance window.",
        );
      }
    }
    if (day === DEMO_HISTORY_DAYS - 1) {
      at(day, 5);
      await s.vulnEnrichment.importEpss(admin, {
        content: demoEpssCsv(clock.now()),
        fileName: "epss_scores-demo.csv",
      });
      await s.vulnEnrichment.importKev(admin, {
        content: demoKevJson(clock.now()),
        fileName: "known_exploited_vulnerabilities-demo.json",
      });
    }
    if (day % SWEEP_EVERY_DAYS === 0 || day === DEMO_HISTORY_DAYS - 1) {
      at(day, 6);
      await s.vulnSla.sweep(clock.now());
    }
  }
  clock.set(now);
  await s.vulnSla.sweep(now);

  for (const e of DEMO_EXCEPTIONS) {
    const id = exceptionIds.get(e.vulnId);
    if (id) {
      const x = await s.vulnExceptions.get(admin, id);
      result.exceptions.push({ vulnId: e.vulnId, status: x.status });
    }
  }
  const open = await s.vulns.listFindings(admin, {
    status: "open",
    sort: "-severity",
    limit: 1,
    offset: 0,
  });
  result.openFindings = open.total;
  return result;
}

/** 09:00 UTC on the day DEMO_HISTORY_DAYS before `now`: the demo's first scan. */
export function historyStart(now: Date): Date {
  const day = Math.floor((now.getTime() - DEMO_HISTORY_DAYS * DAY_MS) / DAY_MS) * DAY_MS;
  return new Date(day + 9 * HOUR_MS);
}

/** eve requests exceptions, sam triages and decides; the work demo creates both first. */
async function demoPeople(s: VulnsDemoServices, admin: Ctx): Promise<{ eve: Ctx; sam: Ctx }> {
  const users = await s.users.list(admin);
  const ctxOf = (username: string): Ctx => {
    const u = users.find((x) => x.username === username);
    if (!u) {
      throw new AppError(
        "conflict",
        `the demo user ${username} is missing: the vulnerability demo needs eve and sam`,
        [{ path: "users", message: `${username} not found` }],
      );
    }
    return {
      actor: { kind: "user", userId: u.id, username: u.username, role: u.role },
      requestId: "demo",
    };
  };
  return { eve: ctxOf("eve"), sam: ctxOf("sam") };
}

function assetInput(a: DemoVulnAsset) {
  return {
    key: a.key,
    name: a.name,
    kind: a.kind,
    ownerTeam: a.ownerTeam,
    environment: a.environment,
    criticality: a.criticality,
    exposure: a.exposure,
    tags: ["demo-data"],
    identifiers: a.identifiers,
  };
}

/** Imports the asset's report of the day; a held mass close (a big fix day) is confirmed. */
async function importScan(
  s: VulnsDemoServices,
  admin: Ctx,
  asset: DemoVulnAsset,
  day: number,
  at: Date,
): Promise<void> {
  const report = demoReport(asset, day, at);
  let job = await s.vulns.runImport(admin, {
    content: report.content,
    format: report.format,
    asset: asset.key,
    fileName: report.fileName,
  });
  if (job.status === "waiting_confirmation") {
    await s.vulns.confirmImport(admin, job.id);
    await s.vulns.idle();
    job = await s.vulns.getImport(admin, job.id);
  }
  if (job.status !== "done") {
    throw new AppError(
      "internal",
      `the demo import ${report.fileName} ended ${job.status}: ${job.error ?? "no error recorded"}`,
    );
  }
}

async function openFindingId(
  s: VulnsDemoServices,
  admin: Ctx,
  asset: string,
  vulnId: string,
): Promise<string> {
  const r = await s.vulns.listFindings(admin, {
    asset,
    vulnId,
    status: "open",
    sort: "-severity",
    limit: 1,
    offset: 0,
  });
  const f = r.items[0];
  if (!f) throw new AppError("internal", `demo finding ${vulnId} on ${asset} is not open`);
  return f.id;
}
