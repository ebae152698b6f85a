import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** Board configuration CRUD (the board routes of api.workCatalog). */
export function workBoardsRoutes(app: FastifyInstance, services: Services): void {
  mount(app, api.workCatalog.listBoards, async ({ ctx }) => ({
    items: await services.boards.list(ctx),
  }));
  mount(app, api.workCatalog.createBoard, ({ ctx, body }) => services.boards.create(ctx, body));
  mount(app, api.workCatalog.updateBoard, ({ ctx, params, body }) =>
    services.boards.update(ctx, params.id, body),
  );
  mount(app, api.workCatalog.deleteBoard, ({ ctx, params }) =>
    services.boards.remove(ctx, params.id),
  );
}
