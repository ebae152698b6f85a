import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { newId } from "@infrasec/core";
import type { Services } from "@infrasec/services";
import { DEFAULT_AUTH_POLICY } from "@infrasec/services";
import type { ServerConfig } from "./config/config";
import { registerAuth } from "./plugins/auth";
import { registerErrorHandler } from "./plugins/error-handler";
import { registerMetrics } from "./plugins/metrics";
import { buildOpenApi } from "./plugins/openapi";
import { registerStaticWeb } from "./plugins/static-web";
import { adminRoutes } from "./routes/admin-routes";
import { assetsRoutes } from "./routes/assets-routes";
import { auditRoutes } from "./routes/audit-routes";
import { authRoutes } from "./routes/auth-routes";
import { reviewRoutes } from "./routes/review-routes";
import { vulnsRoutes } from "./routes/vulns-routes";
import { vulnExceptionsRoutes } from "./routes/vulns-exceptions-routes";
import { vulnsUploadRoutes } from "./routes/vulns-upload-routes";
import { vulnEnrichmentRoutes } from "./routes/vulns-enrichment-routes";
import { vulnSlaRoutes } from "./routes/vulns-sla-routes";
import { vulnStatesRoutes } from "./routes/vulns-states-routes";
import { monitoringRoutes } from "./routes/monitoring-routes";
import { accessRoutes } from "./routes/access-routes";
import { systemRoutes } from "./routes/system-routes";
import { notificationsRoutes } from "./routes/notifications-routes";
import { workCatalogRoutes } from "./routes/work-catalog-routes";
import { workItemsRoutes } from "./routes/work-items-routes";
import { workBoardsRoutes } from "./routes/work-boards-routes";
import { workPlanningRoutes } from "./routes/work-planning-routes";
import { workTriageRoutes } from "./routes/work-triage-routes";
import "./routes/route-access";

export interface RegisteredRoute {
  method: string;
  url: string;
  access: string | undefined;
}

declare module "fastify" {
  interface FastifyInstance {
    routeTable: RegisteredRoute[];
  }
}

export interface AppOptions {
  services: Services;
  config: Pick<
    ServerConfig,
    | "bodyLimitBytes"
    | "trustProxy"
    | "loginRateLimitPerMinute"
    | "publicUrl"
    | "secureCookies"
    | "webDir"
  >;
  logger?: Logger | false;
  version?: string;
  /** Set by graceful shutdown: /readyz answers 503 so load balancers drain this instance. */
  isShuttingDown?: () => boolean;
}

/** Builds the HTTP application; main.ts wires storage and starts listening. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { services, config } = opts;
  const version = opts.version ?? "0.0.0";
  // Typed as the default instance: the pino logger is an implementation detail of main.ts.
  const app = Fastify({
    loggerInstance: opts.logger || undefined,
    logger: opts.logger === undefined ? false : undefined,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: "x-request-id",
    genReqId: () => newId(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }) as unknown as FastifyInstance;
  // Every registered route, with the access it declares: the auth-matrix test walks this list,
  // so a new route cannot escape it.
  const routeTable: RegisteredRoute[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (r) => {
    // The Swagger UI plugin registers its own routes; the API description is public, so they
    // are declared public here rather than special-cased in the auth hook on every request.
    if (r.url === "/api/docs" || r.url.startsWith("/api/docs/")) {
      r.config = { ...r.config, access: r.config?.access ?? "public" };
    }
    for (const method of [r.method].flat()) {
      if (method !== "HEAD") routeTable.push({ method, url: r.url, access: r.config?.access });
    }
  });
  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });

  registerErrorHandler(app);
  // The API speaks JSON only; anything else is refused with 415 instead of reaching handlers.
  app.removeContentTypeParser(["text/plain"]);
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine injects its CSS variables at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only behind https: on plain http it would send the browser to a port that is not there.
        upgradeInsecureRequests: config.publicUrl?.startsWith("https://") ? [] : null,
      },
    },
    strictTransportSecurity: Boolean(config.publicUrl?.startsWith("https://")),
  });
  await app.register(fastifyRateLimit, { global: false });
  const registry = registerMetrics(app);
  registerAuth(app, services);

  await app.register(fastifySwagger, {
    mode: "static",
    specification: { document: buildOpenApi(version) as never },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  app.get("/healthz", { config: { access: "public" } }, () => ({ status: "ok" }));
  app.get("/readyz", { config: { access: "public" } }, async (_req, reply) => {
    if (opts.isShuttingDown?.()) return reply.status(503).send({ status: "shutting_down" });
    try {
      await services.ping();
      return { status: "ready", database: services.dialect };
    } catch {
      return reply.status(503).send({ status: "database_unavailable" });
    }
  });
  app.get("/metrics", { config: { access: "settings:manage" } }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );

  const secureCookies = config.secureCookies ?? Boolean(config.publicUrl?.startsWith("https://"));
  authRoutes(app, services, {
    secureCookies,
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
    sessionIdleHours: DEFAULT_AUTH_POLICY.sessionIdleHours,
  });
  adminRoutes(app, services);
  auditRoutes(app, services);
  assetsRoutes(app, services);
  reviewRoutes(app, services);
  vulnsRoutes(app, services);
  vulnExceptionsRoutes(app, services);
  vulnsUploadRoutes(app, services);
  vulnEnrichmentRoutes(app, services);
  vulnSlaRoutes(app, services);
  vulnStatesRoutes(app, services);
  monitoringRoutes(app, services);
  accessRoutes(app, services);
  workItemsRoutes(app, services);
  workCatalogRoutes(app, services);
  notificationsRoutes(app, services);
  workBoardsRoutes(app, services);
  workTriageRoutes(app, services);
  workPlanningRoutes(app, services);
  systemRoutes(app, services, version);
  await registerStaticWeb(app, config.webDir);
  return app;
}
