import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { registerNdjsonParser } from "../plugins/ndjson-parser";
import { mount } from "./mount";

/** Splits an NDJSON body into lines (CRLF tolerated); line numbers stay 1-based positions. */
const splitLines = (text: string): string[] => text.split(/\r?\n/);

/**
 * Security monitoring routes (issue 6). Registered in their own encapsulated scope so that the
 * NDJSON parser exists only here; auth, body limit and error handling come from the root.
 */
export function monitoringRoutes(app: FastifyInstance, services: Services): void {
  const m = services.monitoring;
  void app.register((scope, _opts, done) => {
    registerNdjsonParser(scope);
    mount(
      scope,
      api.monitoring.ingest,
      async ({ ctx, query, body, reply }) => {
        const lines = typeof body === "string" ? splitLines(body) : body.lines;
        try {
          return await m.ingest(ctx, { lines, source: query.source, host: query.host });
        } catch (e) {
          const wait = (e as { retryAfterSeconds?: number }).retryAfterSeconds;
          if (wait !== undefined) reply.header("retry-after", String(wait));
          throw e;
        }
      },
      { rateLimit: { max: 600, timeWindow: "1 minute" } },
    );
    mount(scope, api.monitoring.status, ({ ctx }) => m.status(ctx));
    mount(scope, api.monitoring.getRetention, ({ ctx }) => m.getRetention(ctx));
    mount(scope, api.monitoring.setRetention, ({ ctx, body }) => m.setRetention(ctx, body));
    mount(scope, api.monitoring.listAlerts, ({ ctx, query }) => m.listAlerts(ctx, query));
    mount(scope, api.monitoring.bulkAlertStatus, ({ ctx, body }) =>
      m.bulkAlertStatus(ctx, body.ids, body.status, body.comment),
    );
    mount(scope, api.monitoring.getAlert, ({ ctx, params }) => m.getAlert(ctx, params.id));
    mount(scope, api.monitoring.setAlertStatus, ({ ctx, params, body }) =>
      m.setAlertStatus(ctx, params.id, body.status, body.comment),
    );
    mount(scope, api.monitoring.escalateAlert, ({ ctx, params, body }) =>
      m.escalate(ctx, params.id, body),
    );
    mount(scope, api.monitoring.listRules, ({ ctx, query }) => m.listRules(ctx, query));
    mount(scope, api.monitoring.testRule, ({ ctx, body }) => m.testRule(ctx, body));
    mount(scope, api.monitoring.uploadRule, ({ ctx, body }) =>
      m.uploadRule(ctx, body.yaml, body.enabled),
    );
    mount(scope, api.monitoring.getRule, ({ ctx, params }) => m.getRule(ctx, params.id));
    mount(scope, api.monitoring.setRuleEnabled, ({ ctx, params, body }) =>
      m.setRuleEnabled(ctx, params.id, body.enabled),
    );
    mount(scope, api.monitoring.deleteRule, ({ ctx, params }) => m.deleteRule(ctx, params.id));
    mount(scope, api.monitoring.listSuppressions, ({ ctx, query }) =>
      m.listSuppressions(ctx, query),
    );
    mount(scope, api.monitoring.createSuppression, ({ ctx, body }) =>
      m.createSuppression(ctx, body),
    );
    mount(scope, api.monitoring.deleteSuppression, ({ ctx, params }) =>
      m.deleteSuppression(ctx, params.id),
    );
    done();
  });
}
