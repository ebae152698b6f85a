import { z } from "zod";
import type { Permission } from "@infrasec/core";

/**
 * A route as data. The server registers handlers against these definitions; the typed client
 * and the web app call them; the auth-matrix test walks them. `access` is the route's
 * permission: a Permission, "authenticated" (any signed-in principal) or "public".
 */
export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  summary: string;
  tag: string;
  access: Permission | "authenticated" | "public";
  params: P;
  query: Q;
  body: B;
  response: R;
  /** HTTP status of a successful answer; 204 answers have no body. */
  status: 200 | 201 | 202 | 204;
  /** Responses that are not JSON (exports) declare their media type. */
  produces?: string;
  /** Request bodies that are not JSON (raw uploads) declare their media type. */
  consumes?: string;
}

export const noParams = z.strictObject({});
export const noQuery = z.strictObject({});
export const noBody = z.undefined();
export const emptyResponse = z.undefined();

type Optional = "params" | "query" | "body" | "status";
type Partialize<T extends RouteDef> = Omit<T, Optional> & Partial<Pick<T, Optional>>;

/** Fills defaults so that contract files list only what a route has. */
export function route<
  P extends z.ZodType = typeof noParams,
  Q extends z.ZodType = typeof noQuery,
  B extends z.ZodType = typeof noBody,
  R extends z.ZodType = z.ZodType,
>(def: Partialize<RouteDef<P, Q, B, R>>): RouteDef<P, Q, B, R> {
  return {
    params: noParams as unknown as P,
    query: noQuery as unknown as Q,
    body: noBody as unknown as B,
    status: 200,
    ...def,
  };
}

export const idParams = z.strictObject({ id: z.uuid() });

/** Error body of every failed request. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(
      z.object({
        path: z.string().optional(),
        file: z.string().optional(),
        line: z.number().optional(),
        message: z.string(),
      }),
    ),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Query strings arrive as text: numbers and booleans are coerced, with bounds. */
export const limitQuery = z.coerce.number().int().min(1).max(500).default(50);
export const offsetQuery = z.coerce.number().int().min(0).max(1_000_000).default(0);
export const isoDate = z.iso.datetime({ offset: true });
