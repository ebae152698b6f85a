/**
 * One error model for the whole product. Services throw `AppError` with a stable `code`;
 * the server maps codes to HTTP statuses and the CLI maps them to exit codes, each in one table.
 */
export const ERROR_CODES = [
  "validation_failed",
  "malformed_json",
  "payload_too_large",
  "unauthenticated",
  "invalid_credentials",
  "account_locked",
  "csrf_failed",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  // A dependency (the NATS event stream) cannot take the request now; retry later.
  "unavailable",
  "unsupported_media_type",
  "config_invalid",
  "parse_failed",
  "integrity_failed",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A detail names what was wrong and where: a field path, a file and line, or both. */
export interface ErrorDetail {
  path?: string;
  file?: string;
  line?: number;
  message: string;
}

/** The product's error type: a stable code, a human message and optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];

  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

/** Type guard that also works across package copies (checks the shape, not the prototype). */
export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (e instanceof Error && e.name === "AppError" && "code" in e);
}

export const notFound = (what: string): AppError => new AppError("not_found", `${what} not found`);
