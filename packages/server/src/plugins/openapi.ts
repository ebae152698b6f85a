import { z } from "zod";
import type { RouteDef } from "@infrasec/contracts";
import { allRoutes, errorBodySchema } from "@infrasec/contracts";

type JsonSchema = Record<string, unknown>;

const toSchema = (s: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
};

function parameters(def: RouteDef): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", def.params],
    ["query", def.query],
  ] as const) {
    const js = toSchema(schema, "input");
    const props = (js.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((js.required ?? []) as string[]);
    for (const [name, s] of Object.entries(props)) {
      out.push({ name, in: where, required: where === "path" || required.has(name), schema: s });
    }
  }
  return out;
}

/** OpenAPI 3.1 document generated from the contracts, so docs and code cannot drift. */
export function buildOpenApi(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const def of allRoutes()) {
    const path = def.path.replace(/:([A-Za-z]+)/g, "{$1}");
    const op: JsonSchema = {
      summary: def.summary,
      tags: [def.tag],
      operationId: `${def.method.toLowerCase()}_${path.replace(/[^A-Za-z0-9]+/g, "_")}`,
      parameters: parameters(def),
      "x-infrasec-access": def.access,
      security: def.access === "public" ? [] : [{ bearer: [] }, { session: [] }],
      responses: {
        [String(def.status)]:
          def.status === 204
            ? { description: "No content" }
            : def.produces
              ? {
                  description: "Export",
                  content: { [def.produces]: { schema: { type: "string" } } },
                }
              : {
                  description: "OK",
                  content: { "application/json": { schema: toSchema(def.response, "output") } },
                },
        default: {
          description: "Error",
          content: { "application/json": { schema: toSchema(errorBodySchema, "output") } },
        },
      },
    };
    if (!(def.body instanceof z.ZodUndefined)) {
      op.requestBody = {
        required: true,
        content: def.consumes
          ? { [def.consumes]: { schema: { type: "string", format: "binary" } } }
          : { "application/json": { schema: toSchema(def.body, "input") } },
      };
    }
    (paths[path] ??= {})[def.method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "infrasec API",
      version,
      description:
        "Infrastructure security platform. Errors are { error: { code, message, details } }.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "API token (isk_…)" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "infrasec_session",
          description: "Browser session; mutations also need x-csrf-token",
        },
      },
    },
    paths,
  };
}
