import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** Epics and status updates, roadmap, milestones with burnup, objectives and key results. */
export function workPlanningRoutes(app: FastifyInstance, services: Services): void {
  const p = services.planning;
  mount(app, api.workPlanning.epics, async ({ ctx, query }) => ({
    items: await p.epics(ctx, query.state),
  }));
  mount(app, api.workPlanning.epic, ({ ctx, params }) => p.epic(ctx, params.id));
  mount(app, api.workPlanning.addStatusUpdate, ({ ctx, params, body }) =>
    p.addStatusUpdate(ctx, params.id, body),
  );
  mount(app, api.workPlanning.roadmap, ({ ctx, query }) =>
    p.roadmap(ctx, query.from, query.quarters),
  );
  mount(app, api.workPlanning.listMilestones, async ({ ctx, query }) => ({
    items: await p.milestones.list(ctx, query.state),
  }));
  mount(app, api.workPlanning.createMilestone, ({ ctx, body }) => p.milestones.create(ctx, body));
  mount(app, api.workPlanning.updateMilestone, ({ ctx, params, body }) =>
    p.milestones.update(ctx, params.id, body),
  );
  mount(app, api.workPlanning.burnup, ({ ctx, params, query }) =>
    p.milestones.burnup(ctx, params.id, query.unit),
  );
  mount(app, api.workPlanning.listObjectives, async ({ ctx, query }) => ({
    items: await p.objectives.list(ctx, query.quarter),
  }));
  mount(app, api.workPlanning.createObjective, ({ ctx, body }) => p.objectives.create(ctx, body));
  mount(app, api.workPlanning.updateObjective, ({ ctx, params, body }) =>
    p.objectives.update(ctx, params.id, body),
  );
  mount(app, api.workPlanning.deleteObjective, ({ ctx, params }) =>
    p.objectives.remove(ctx, params.id),
  );
  mount(app, api.workPlanning.addKeyResult, ({ ctx, params, body }) =>
    p.objectives.addKeyResult(ctx, params.id, body),
  );
  mount(app, api.workPlanning.updateKeyResult, ({ ctx, params, body }) =>
    p.objectives.updateKeyResult(ctx, params.id, body),
  );
  mount(app, api.workPlanning.deleteKeyResult, ({ ctx, params }) =>
    p.objectives.removeKeyResult(ctx, params.id),
  );
}
