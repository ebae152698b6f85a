import { z } from "zod";
import { idParams, route } from "../route";

export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  members: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })),
  createdAt: z.string(),
});
export type Team = z.infer<typeof teamSchema>;

const teamName = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, "letters, digits, space, _ . -");

export const teamsRoutes = {
  list: route({
    method: "GET",
    path: "/api/v1/teams",
    summary: "List teams with their members",
    tag: "teams",
    access: "teams:read",
    response: z.object({ items: z.array(teamSchema) }),
  }),
  create: route({
    method: "POST",
    path: "/api/v1/teams",
    summary: "Create a team",
    tag: "teams",
    access: "teams:manage",
    body: z.strictObject({ name: teamName, description: z.string().max(2000).default("") }),
    status: 201,
    response: teamSchema,
  }),
  update: route({
    method: "PATCH",
    path: "/api/v1/teams/:id",
    summary: "Rename or describe a team",
    tag: "teams",
    access: "teams:manage",
    params: idParams,
    body: z.strictObject({
      name: teamName.optional(),
      description: z.string().max(2000).optional(),
    }),
    response: teamSchema,
  }),
  setMembers: route({
    method: "PUT",
    path: "/api/v1/teams/:id/members",
    summary: "Replace a team's members",
    tag: "teams",
    access: "teams:manage",
    params: idParams,
    body: z.strictObject({ userIds: z.array(z.uuid()).max(1000) }),
    response: teamSchema,
  }),
  remove: route({
    method: "DELETE",
    path: "/api/v1/teams/:id",
    summary: "Delete a team (assets it owns keep the name as text)",
    tag: "teams",
    access: "teams:manage",
    params: idParams,
    status: 204,
    response: z.undefined(),
  }),
};
