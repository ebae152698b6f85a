import type { z } from "zod";
import type {
  ApiClient,
  VulnException,
  VulnExceptionDetail,
  VulnExceptionListQuery,
  VulnExceptionRequestBody,
} from "@infrasec/contracts";
import { api } from "@infrasec/contracts";
import { AppError } from "@infrasec/core";
import type { Ctx, Services } from "@infrasec/services";

/** What `infrasec vulns exceptions` needs, in local mode (services) and remote mode (HTTP). */
export interface VulnExceptionsBackend {
  list(q: VulnExceptionListQuery): Promise<{ items: VulnException[]; total: number }>;
  get(id: string): Promise<VulnExceptionDetail>;
  /** `as`: local mode's acting person (exceptions are requested and approved by people). */
  request(body: VulnExceptionRequestBody, as?: string): Promise<VulnExceptionDetail>;
  approve(id: string, note?: string, as?: string): Promise<VulnExceptionDetail>;
  reject(id: string, note: string, as?: string): Promise<VulnExceptionDetail>;
  revoke(id: string, note?: string, as?: string): Promise<VulnExceptionDetail>;
  /** One expiry round; local mode only (the server runs it every 10 minutes). */
  expire(): Promise<{ expired: number; reopened: number; expiringNotices: number }>;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.slice(0, 50).map((i) => ({
    path: [where, ...i.path.map(String)].join("."),
    message: i.message,
  }));
  throw new AppError(
    "validation_failed",
    `invalid ${where}: ${details.map((d) => `${d.path} ${d.message}`).join("; ")}`,
    details,
  );
}

const r = api.vulnExceptions;

/**
 * Local mode. Requests and approvals need a person (the approver must differ from the
 * requester), so they act as `--as USERNAME`; reject, revoke and reads may act as the CLI's
 * system principal.
 */
export function localVulnExceptions(s: Services, system: Ctx): VulnExceptionsBackend {
  async function person(as: string | undefined, what: string): Promise<Ctx> {
    if (!as) {
      throw new AppError(
        "validation_failed",
        `local mode: name who ${what} with --as USERNAME (exceptions are requested and approved by people)`,
        [{ path: "--as", message: "required in local mode" }],
      );
    }
    const u = (await s.users.list(system)).find((x) => x.username === as);
    if (!u) {
      throw new AppError("not_found", `user ${as} not found`, [
        { path: "--as", message: "unknown" },
      ]);
    }
    if (u.disabled) throw new AppError("forbidden", `user ${as} is disabled`);
    return {
      actor: { kind: "user", userId: u.id, username: u.username, role: u.role },
      requestId: "cli",
    };
  }
  const actor = async (as?: string) => (as ? person(as, "acts") : system);
  return {
    list: (q) => s.vulnExceptions.list(system, parse(r.list.query, q, "query")),
    get: (id) => s.vulnExceptions.get(system, id),
    request: async (body, as) =>
      s.vulnExceptions.request(await person(as, "requests"), parse(r.request.body, body, "body")),
    approve: async (id, note, as) =>
      s.vulnExceptions.approve(await person(as, "approves"), id, note),
    reject: async (id, note, as) =>
      s.vulnExceptions.reject(await actor(as), id, parse(r.reject.body, { note }, "body").note),
    revoke: async (id, note, as) => s.vulnExceptions.revoke(await actor(as), id, note),
    expire: () => s.vulnExceptions.expireDue(),
  };
}

/** Remote mode: the token's user acts; `--as` is refused rather than ignored. */
export function remoteVulnExceptions(call: ApiClient["call"]): VulnExceptionsBackend {
  const noAs = (as?: string) => {
    if (as) {
      throw new AppError(
        "validation_failed",
        "--as is for local mode; in remote mode the token's user acts",
        [{ path: "--as", message: "not allowed with --server" }],
      );
    }
  };
  return {
    list: (query) => call(r.list, { query }),
    get: (id) => call(r.get, { params: { id } }),
    request: (body, as) => (noAs(as), call(r.request, { body })),
    approve: (id, note, as) => (noAs(as), call(r.approve, { params: { id }, body: { note } })),
    reject: (id, note, as) => (noAs(as), call(r.reject, { params: { id }, body: { note } })),
    revoke: (id, note, as) => (noAs(as), call(r.revoke, { params: { id }, body: { note } })),
    expire: () =>
      Promise.reject(
        new AppError(
          "validation_failed",
          "the server expires exceptions itself every 10 minutes (task vulns.exceptions.expire); run expire in local mode",
          [{ path: "expire", message: "local mode only" }],
        ),
      ),
  };
}
