import { z } from "zod";
import { route } from "../route";

export const systemRoutes = {
  info: route({
    method: "GET",
    path: "/api/v1/system/info",
    summary: "Version and database dialect of this server",
    tag: "system",
    access: "authenticated",
    response: z.object({ version: z.string(), dialect: z.enum(["sqlite", "postgres"]) }),
  }),
};
