import { z } from "zod";
import { permissionSchema, roleSchema } from "@infrasec/core";
import { emptyResponse, route } from "../route";

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  kind: z.enum(["human", "service"]),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionSchema = z.object({
  user: sessionUserSchema,
  permissions: z.array(permissionSchema),
  /** Send back in the `x-csrf-token` header on every cookie-authenticated mutation. */
  csrfToken: z.string().nullable(),
  mustChangePassword: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const authRoutes = {
  login: route({
    method: "POST",
    path: "/api/v1/auth/login",
    summary: "Sign in with a username and password; sets the session cookie",
    tag: "auth",
    access: "public",
    body: z.strictObject({
      username: z.string().trim().min(1).max(100),
      password: z.string().min(1).max(1024),
    }),
    response: sessionSchema,
  }),
  logout: route({
    method: "POST",
    path: "/api/v1/auth/logout",
    summary: "End the current session",
    tag: "auth",
    access: "authenticated",
    status: 204,
    response: emptyResponse,
  }),
  session: route({
    method: "GET",
    path: "/api/v1/auth/session",
    summary: "The signed-in principal, its permissions and the CSRF token",
    tag: "auth",
    access: "authenticated",
    response: sessionSchema,
  }),
  changePassword: route({
    method: "POST",
    path: "/api/v1/auth/password",
    summary: "Change one's own password",
    tag: "auth",
    access: "authenticated",
    body: z.strictObject({
      currentPassword: z.string().min(1).max(1024),
      newPassword: z.string().min(12, "at least 12 characters").max(1024),
    }),
    status: 204,
    response: emptyResponse,
  }),
};
