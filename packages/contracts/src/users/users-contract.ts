import { z } from "zod";
import { roleSchema } from "@infrasec/core";
import { idParams, route } from "../route";

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  kind: z.enum(["human", "service"]),
  disabled: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type User = z.infer<typeof userSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(
    /^[a-z0-9][a-z0-9_.-]*$/,
    "lowercase letters, digits, _ . - (starting with a letter or digit)",
  );

export const createUserBody = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(320).optional(),
  role: roleSchema,
  kind: z.enum(["human", "service"]).default("human"),
  /** When absent for a human user, a one-time password is generated and returned once. */
  password: z.string().min(12, "at least 12 characters").max(1024).optional(),
});
export type CreateUserBody = z.input<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(320).nullable().optional(),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
});

export const usersRoutes = {
  list: route({
    method: "GET",
    path: "/api/v1/users",
    summary: "List users",
    tag: "users",
    access: "users:read",
    response: z.object({ items: z.array(userSchema) }),
  }),
  create: route({
    method: "POST",
    path: "/api/v1/users",
    summary: "Create a user (human or service account)",
    tag: "users",
    access: "users:manage",
    body: createUserBody,
    status: 201,
    response: z.object({ user: userSchema, initialPassword: z.string().nullable() }),
  }),
  get: route({
    method: "GET",
    path: "/api/v1/users/:id",
    summary: "Get a user",
    tag: "users",
    access: "users:read",
    params: idParams,
    response: userSchema,
  }),
  update: route({
    method: "PATCH",
    path: "/api/v1/users/:id",
    summary: "Change a user's name, email, role or disabled flag",
    tag: "users",
    access: "users:manage",
    params: idParams,
    body: updateUserBody,
    response: userSchema,
  }),
  unlock: route({
    method: "POST",
    path: "/api/v1/users/:id/unlock",
    summary: "Clear a lock-out after repeated failed sign-ins",
    tag: "users",
    access: "users:manage",
    params: idParams,
    response: userSchema,
  }),
  resetPassword: route({
    method: "POST",
    path: "/api/v1/users/:id/reset-password",
    summary: "Issue a one-time password; the user must change it at next sign-in",
    tag: "users",
    access: "users:manage",
    params: idParams,
    response: z.object({ initialPassword: z.string() }),
  }),
};
