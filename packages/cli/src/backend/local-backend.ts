import type { AssetListQuery } from "@infrasec/contracts";
import { assetListQuery } from "@infrasec/contracts";
import { ID_PATTERN, notFound, systemActor, systemClock } from "@infrasec/core";
import type { Ctx } from "@infrasec/services";
import { createServices } from "@infrasec/services";
import { openConfiguredDatabase } from "@infrasec/server";
import type { ServerConfig } from "@infrasec/server";
import { createStore } from "@infrasec/storage";
import type { Backend } from "./backend";

/**
 * Local mode: the services on the configured database, acting as the system principal. Whoever
 * can read the data directory owns the data anyway; every change is still audited as `system`.
 */
export async function createLocalBackend(
  config: Pick<ServerConfig, "dataDir" | "databaseUrl">,
): Promise<Backend> {
  const handle = await openConfiguredDatabase(config);
  const s = createServices({ store: createStore(handle), clock: systemClock });
  const ctx: Ctx = { actor: { ...systemActor, username: "cli" }, requestId: "cli" };
  return {
    mode: "local",
    createUser: (body) => s.users.create(ctx, body),
    listUsers: () => s.users.list(ctx),
    async findUserId(username) {
      const u = (await s.users.list(ctx)).find((x) => x.username === username);
      if (!u) throw notFound(`user ${username}`);
      return u.id;
    },
    createToken: (body) => s.tokens.create(ctx, body),
    listTokens: () => s.tokens.list(ctx, { all: true }),
    revokeToken: (id) => s.tokens.revoke(ctx, id),
    importAssets: (format, content, file) => s.assets.import(ctx, format, content, file),
    listAssets(q: AssetListQuery) {
      const { sort, limit, offset, ...filter } = assetListQuery.parse(q);
      return s.assets.list(ctx, filter, sort, limit, offset);
    },
    async getAsset(idOrKey) {
      if (ID_PATTERN.test(idOrKey)) return s.assets.get(ctx, idOrKey);
      const { asset } = await s.assets.correlate(idOrKey);
      if (!asset) throw notFound(`asset ${idOrKey}`);
      return asset;
    },
    verifyAudit: () => s.audit.verify(ctx),
    async exportAudit(filter, format, write) {
      for await (const chunk of s.audit.export(ctx, filter, format)) write(chunk);
    },
    close: () => handle.close(),
  };
}
