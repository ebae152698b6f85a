import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { RouteDef } from "@infrasec/contracts";
import type { ErrorDetail } from "@infrasec/core";
import { AppError } from "@infrasec/core";
import type { Ctx } from "@infrasec/services";
import { actorOf } from "../plugins/auth";
import "./route-access";

export interface HandlerInput<D extends RouteDef> {
  params: z.output<D["params"]>;
  query: z.output<D["query"]>;
  body: z.output<D["body"]>;
  /** Set on every route that is not public. */
  ctx: Ctx;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface MountOptions {
  allowWhilePasswordChangeRequired?: boolean;
  rateLimit?: { max: number; timeWindow: string };
}

/** Zod issues → error details naming the offending field, e.g. `body.criticality`. */
export function zodDetails(where: string, error: z.ZodError): ErrorDetail[] {
  return error.issues.slice(0, 50).map((i) => {
    const base = [where, ...i.path.map(String)].join(".");
    if (i.code === "unrecognized_keys") {
      return {
        path: i.keys.map((k) => `${base}.${k}`).join(", "),
        message: `unknown field(s): ${i.keys.join(", ")}`,
      };
    }
    return { path: base, message: i.message };
  });
}

function validate<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const details = zodDetails(where, r.error);
    throw new AppError(
      "validation_failed",
      `invalid ${where}: ${details.map((d) => `${d.path} ${d.message}`).join("; ")}`,
      details,
    );
  }
  return r.data;
}

/**
 * Registers a contract route: validates params, query and body with the contract's schemas,
 * runs the handler, and serializes the answer through the response schema, which strips any
 * field the contract does not list (an allowlist: nothing leaks by accident).
 */
export function mount<D extends RouteDef>(
  app: FastifyInstance,
  def: D,
  handler: (input: HandlerInput<D>) => Promise<z.input<D["response"]> | void>,
  opts: MountOptions = {},
): void {
  app.route({
    method: def.method,
    url: def.path,
    config: {
      access: def.access,
      allowWhilePasswordChangeRequired: opts.allowWhilePasswordChangeRequired,
      ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
    },
    handler: async (req, reply) => {
      const params = validate(def.params, req.params ?? {}, "params");
      const query = validate(def.query, req.query ?? {}, "query");
      const body = validate(def.body, req.body ?? undefined, "body");
      const ctx: Ctx =
        def.access === "public" && !req.auth
          ? {
              actor: { kind: "system", userId: null, username: "anonymous", role: "viewer" },
              requestId: req.id,
            }
          : { actor: actorOf(req), requestId: req.id };
      const result = await handler({ params, query, body, ctx, req, reply } as HandlerInput<D>);
      if (reply.sent) return reply;
      if (def.status === 204) return reply.status(204).send();
      const out = def.response.safeParse(result);
      if (!out.success) {
        throw new AppError(
          "internal",
          `response of ${def.method} ${def.path} does not match its contract`,
          zodDetails("response", out.error),
        );
      }
      return reply.status(def.status).send(out.data);
    },
  });
}
