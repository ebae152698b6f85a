import { z } from "zod";
import { permissionSchema } from "@infrasec/core";
import { idParams, route } from "../route";

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  username: z.string(),
  /** First characters of the secret, to recognise it in lists; the secret itself is never stored. */
  prefix: z.string(),
  scopes: z.array(permissionSchema),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiToken = z.infer<typeof tokenSchema>;

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Owner; defaults to the caller. Another user's token needs tokens:manage. */
  userId: z.uuid().optional(),
  /** Empty or absent: all permissions of the owner's role. */
  scopes: z.array(permissionSchema).max(64).optional(),
  /** 1–730 days; absent means no expiry. */
  expiresInDays: z.number().int().min(1).max(730).optional(),
});
export type CreateTokenBody = z.input<typeof createTokenBody>;

export const tokensRoutes = {
  list: route({
    method: "GET",
    path: "/api/v1/tokens",
    summary: "List API tokens: one's own, or everyone's with all=true and tokens:manage",
    tag: "tokens",
    access: "tokens:own",
    query: z.strictObject({ all: z.enum(["true", "false"]).optional() }),
    response: z.object({ items: z.array(tokenSchema) }),
  }),
  create: route({
    method: "POST",
    path: "/api/v1/tokens",
    summary: "Create an API token; the secret is returned once",
    tag: "tokens",
    access: "tokens:own",
    body: createTokenBody,
    status: 201,
    response: z.object({ token: tokenSchema, secret: z.string() }),
  }),
  revoke: route({
    method: "DELETE",
    path: "/api/v1/tokens/:id",
    summary: "Revoke an API token",
    tag: "tokens",
    access: "tokens:own",
    params: idParams,
    response: tokenSchema,
  }),
};
