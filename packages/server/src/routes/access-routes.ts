import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** Access reviews (issue 7): snapshots, principals, findings, diffs and review campaigns. */
export function accessRoutes(app: FastifyInstance, services: Services): void {
  const snapshots = services.access.snapshots;
  const campaigns = services.access.campaigns;
  const r = api.access;

  mount(app, r.createSnapshot, ({ ctx, body }) => snapshots.create(ctx, body));
  mount(app, r.listSnapshots, ({ ctx, query }) => snapshots.list(ctx, query));
  mount(app, r.getSnapshot, ({ ctx, params }) => snapshots.get(ctx, params.id));
  mount(app, r.listPrincipals, ({ ctx, params, query }) =>
    snapshots.listPrincipals(ctx, params.id, query),
  );
  mount(app, r.getPrincipal, ({ ctx, params }) =>
    snapshots.getPrincipal(ctx, params.id, params.principalId),
  );
  mount(app, r.listFindings, ({ ctx, params, query }) =>
    snapshots.listFindings(ctx, params.id, query),
  );
  mount(app, r.diff, ({ ctx, query }) => snapshots.diff(ctx, query.old, query.new));
  mount(app, r.assetFindings, ({ ctx, params, query }) =>
    services.access.assetFindings(ctx, params.id, query),
  );

  mount(app, r.createCampaign, ({ ctx, body }) => campaigns.create(ctx, body));
  mount(app, r.listCampaigns, ({ ctx, query }) => campaigns.list(ctx, query));
  mount(app, r.getCampaign, ({ ctx, params }) => campaigns.get(ctx, params.id));
  mount(app, r.listItems, ({ ctx, params, query }) => campaigns.listItems(ctx, params.id, query));
  mount(app, r.decide, ({ ctx, params, body }) =>
    campaigns.decide(ctx, params.id, params.itemId, body),
  );
  mount(app, r.close, ({ ctx, params, body }) => campaigns.close(ctx, params.id, body));
  mount(app, r.evidenceCsv, async ({ ctx, params, reply }) => {
    const csv = await campaigns.evidenceCsv(ctx, params.id);
    await reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="access-review-${params.id}.csv"`)
      .send(csv);
  });
  mount(app, r.evidenceBundle, ({ ctx, params }) => campaigns.evidenceBundle(ctx, params.id));
  mount(app, r.verify, ({ ctx, params, query }) =>
    campaigns.verify(ctx, params.id, query.snapshotId),
  );
}
