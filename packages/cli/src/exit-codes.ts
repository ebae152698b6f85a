import type { ErrorCode } from "@infrasec/core";

/** Exit codes: 0 success, 1 a check failed (or the operation failed), 2 usage or configuration. */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2 } as const;

/** The one table from error code to exit code. */
export const EXIT_CODE: Record<ErrorCode, number> = {
  validation_failed: 2,
  malformed_json: 2,
  parse_failed: 2,
  payload_too_large: 2,
  unsupported_media_type: 2,
  unauthenticated: 2,
  invalid_credentials: 2,
  csrf_failed: 2,
  forbidden: 2,
  not_found: 2,
  config_invalid: 2,
  account_locked: 1,
  conflict: 1,
  rate_limited: 1,
  unavailable: 1,
  integrity_failed: 1,
  internal: 1,
};
