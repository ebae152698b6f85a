import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

export function systemRoutes(app: FastifyInstance, services: Services, version: string): void {
  mount(app, api.system.info, () => Promise.resolve({ version, dialect: services.dialect }));
}
