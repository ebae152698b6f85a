import { ApiError, createClient } from "@infrasec/contracts";

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The session's CSRF token, sent by the client on every mutating call. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 (session expired or signed out elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** The CSRF header for a mutating request made outside the typed client (raw uploads). */
export function csrfHeader(): Record<string, string> {
  return csrfToken ? { "x-csrf-token": csrfToken } : {};
}

/** fetch that reports a 401 like the typed client does (raw uploads use it too). */
export async function fetchWithSessionCheck(input: RequestInfo | URL, init?: RequestInit) {
  const res = await fetch(input, init);
  if (res.status === 401) onUnauthorized?.();
  return res;
}

/** Every call of the web app goes through this typed client (same origin as the app). */
export const client = createClient({
  baseUrl: "",
  csrfToken: () => csrfToken,
  fetch: fetchWithSessionCheck,
});

/** A message to show for any error thrown by a call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Field errors of a validation failure, keyed by the top-level field name
 * (`identifiers.0.value` → `identifiers`, with the full path kept under its own key too).
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const d of error.details) {
    if (!d.path) continue;
    const path = d.path
      .replace(/^\//, "")
      .replace(/\//g, ".")
      .replace(/^(body|query|params)\./, "");
    const top = path.split(".")[0] ?? path;
    out[path] ??= d.message;
    out[top] ??= d.message;
  }
  return out;
}

export { ApiError };
