import type { z } from "zod";
import type {
  ApiClient,
  VulnDashboard,
  VulnDashboardQuery,
  VulnSlaEvent,
  VulnSlaEventsQuery,
  VulnSlaPolicyEdit,
  VulnSlaPolicyView,
  VulnSlaSweepResult,
} from "@infrasec/contracts";
import { api } from "@infrasec/contracts";
import { AppError } from "@infrasec/core";
import type { Ctx, Services } from "@infrasec/services";

/** What `infrasec vulns sla …` and `vulns dashboard` need, locally (services) or over HTTP. */
export interface VulnSlaBackend {
  sweep(): Promise<VulnSlaSweepResult>;
  events(q: VulnSlaEventsQuery): Promise<{ items: VulnSlaEvent[]; nextCursor: string | null }>;
  dashboard(q: VulnDashboardQuery): Promise<VulnDashboard>;
  policy(): Promise<VulnSlaPolicyView>;
  /** Edits the policy; the answer names the recomputation it queued (local mode waits for it). */
  setPolicy(edit: VulnSlaPolicyEdit): Promise<VulnSlaPolicyView>;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.slice(0, 50).map((i) => ({
    path: [where, ...i.path.map(String)].join("."),
    message: i.message,
  }));
  throw new AppError(
    "validation_failed",
    `invalid ${where}: ${details.map((d) => `${d.path} ${d.message}`).join("; ")}`,
    details,
  );
}

const r = api.vulnSla;
const p = api.vulnSlaPolicy;

/** Local mode: the services on the configured database, as the CLI's principal. */
export function localVulnSla(s: Services, ctx: Ctx): VulnSlaBackend {
  return {
    sweep: () => s.vulnSla.runSweep(ctx),
    events: (q) => s.vulnSla.events(ctx, parse(r.listSlaEvents.query, q, "query")),
    dashboard: async (q) => {
      const d = await s.vulnMetrics.dashboard(ctx, parse(r.dashboard.query, q, "query"));
      return r.dashboard.response.parse(d);
    },
    policy: async () => p.getSlaPolicy.response.parse(await s.vulnSlaPolicy.get(ctx)),
    setPolicy: async (edit) => {
      await s.vulnSlaPolicy.update(ctx, parse(p.updateSlaPolicy.body, edit, "body"));
      await s.slaRecompute.idle();
      return p.getSlaPolicy.response.parse(await s.vulnSlaPolicy.get(ctx));
    },
  };
}

/** Remote mode: the token's user acts. */
export function remoteVulnSla(call: ApiClient["call"]): VulnSlaBackend {
  return {
    sweep: () => call(r.runSlaSweep),
    events: (query) => call(r.listSlaEvents, { query }),
    dashboard: (query) => call(r.dashboard, { query }),
    policy: () => call(p.getSlaPolicy),
    setPolicy: (body) => call(p.updateSlaPolicy, { body }),
  };
}
