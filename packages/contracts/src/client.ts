import type { z } from "zod";
import type { RouteDef } from "./route";
import { errorBodySchema } from "./route";

/** Error thrown by the typed client: carries the server's stable code and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path?: string; file?: string; line?: number; message: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ClientOptions {
  baseUrl: string;
  /** Bearer token for the CLI and CI; the browser uses its cookie and the CSRF token instead. */
  token?: string;
  csrfToken?: () => string | null;
  fetch?: typeof fetch;
}

export interface CallInput<D extends RouteDef> {
  params?: z.input<D["params"]>;
  query?: z.input<D["query"]>;
  body?: z.input<D["body"]>;
}

/** Query and path values are scalars; anything else is sent as JSON. */
function scalar(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  return typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

/** Builds the URL of a route from its path template, params and query. */
export function buildUrl(
  def: RouteDef,
  params: Record<string, unknown> = {},
  query: Record<string, unknown> = {},
): string {
  const path = def.path.replace(/:([A-Za-z]+)/g, (_, k: string) =>
    encodeURIComponent(scalar(params[k])),
  );
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== "") qs.set(k, scalar(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** A typed fetch client over the contracts, shared by the CLI (remote mode) and the web app. */
export function createClient(opts: ClientOptions) {
  const doFetch = opts.fetch ?? fetch;
  async function raw<D extends RouteDef>(def: D, input: CallInput<D> = {}): Promise<Response> {
    const url =
      opts.baseUrl.replace(/\/$/, "") + buildUrl(def, input.params ?? {}, input.query ?? {});
    const headers: Record<string, string> = { accept: "application/json" };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const csrf = opts.csrfToken?.();
    if (csrf && def.method !== "GET") headers["x-csrf-token"] = csrf;
    let body: string | undefined;
    if (input.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(input.body);
    }
    const res = await doFetch(url, {
      method: def.method,
      headers,
      body,
      credentials: "same-origin",
    });
    if (!res.ok) {
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON: fall through */
      }
      const eb = errorBodySchema.safeParse(parsed);
      if (eb.success)
        throw new ApiError(
          res.status,
          eb.data.error.code,
          eb.data.error.message,
          eb.data.error.details,
        );
      throw new ApiError(res.status, "http_error", `HTTP ${res.status}: ${text.slice(0, 200)}`);
    }
    return res;
  }
  async function call<D extends RouteDef>(
    def: D,
    input: CallInput<D> = {},
  ): Promise<z.output<D["response"]>> {
    const res = await raw(def, input);
    if (def.status === 204 || res.status === 204) return undefined as z.output<D["response"]>;
    if (def.produces) return (await res.text()) as z.output<D["response"]>;
    return (await res.json()) as z.output<D["response"]>;
  }
  return { call, raw };
}
export type ApiClient = ReturnType<typeof createClient>;
