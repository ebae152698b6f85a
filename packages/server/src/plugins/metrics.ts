import type { FastifyInstance } from "fastify";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics: process defaults plus request counts and latencies by route. */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "infrasec_" });
  const labelNames = ["method", "route", "status"] as const;
  const requests = new Counter({
    name: "infrasec_http_requests_total",
    help: "HTTP requests",
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "infrasec_http_request_duration_seconds",
    help: "HTTP request duration",
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook("onResponse", async (req, reply) => {
    // The route template, not the URL, keeps label cardinality bounded.
    const labels = {
      method: req.method,
      route: req.routeOptions.url ?? "unmatched",
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
  return registry;
}
