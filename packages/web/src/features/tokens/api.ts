import { api } from "@infrasec/contracts";
import type { ApiToken, CreateTokenBody } from "@infrasec/contracts";
import { client } from "../../app/api-client";

export function listTokens(all: boolean): Promise<{ items: ApiToken[] }> {
  return client.call(api.tokens.list, { query: all ? { all: "true" } : {} });
}

export function createToken(body: CreateTokenBody): Promise<{ token: ApiToken; secret: string }> {
  return client.call(api.tokens.create, { body });
}

export function revokeToken(id: string): Promise<ApiToken> {
  return client.call(api.tokens.revoke, { params: { id } });
}

export type TokenStatus = "active" | "revoked" | "expired";

export function tokenStatus(t: ApiToken, now = Date.now()): TokenStatus {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= now) return "expired";
  return "active";
}
