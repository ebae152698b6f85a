import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ErrorCode, ErrorDetail } from "@infrasec/core";
import { AppError, isAppError } from "@infrasec/core";

/** The one table from error code to HTTP status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  parse_failed: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  account_locked: 423,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  config_invalid: 500,
  integrity_failed: 500,
  internal: 500,
};

export function sendError(
  reply: FastifyReply,
  req: FastifyRequest,
  code: ErrorCode,
  message: string,
  details: ErrorDetail[] = [],
): FastifyReply {
  return reply
    .status(HTTP_STATUS[code])
    .type("application/json")
    .send({ error: { code, message, details, requestId: req.id } });
}

/** Translates Fastify's own errors (parsing, limits) into the product's error codes. */
function fromFastify(e: FastifyError): AppError | null {
  switch (e.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("payload_too_large", "request body is larger than the server accepts");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type", "send the body as application/json");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("malformed_json", "the JSON body is empty", [
        { path: "body", message: "empty" },
      ]);
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError("malformed_json", `the body is not valid JSON: ${e.message}`, [
        { path: "body", message: e.message },
      ]);
    default:
      break;
  }
  if (e instanceof SyntaxError || e.name === "SyntaxError") {
    return new AppError("malformed_json", `the body is not valid JSON: ${e.message}`, [
      { path: "body", message: e.message },
    ]);
  }
  if (e.statusCode === 429) return new AppError("rate_limited", "too many requests; slow down");
  if (e.statusCode === 413)
    return new AppError("payload_too_large", "request body is larger than the server accepts");
  if (e.statusCode === 415) return new AppError("unsupported_media_type", e.message);
  return null;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appErr = isAppError(err) ? err : fromFastify(err);
    if (appErr) {
      if (HTTP_STATUS[appErr.code] >= 500) req.log.error({ err }, appErr.message);
      return sendError(reply, req, appErr.code, appErr.message, appErr.details);
    }
    // Anything else is a defect or a database failure: log it whole, tell the client nothing.
    req.log.error({ err }, "unhandled error");
    return sendError(
      reply,
      req,
      "internal",
      "internal error; the request id identifies it in the server log",
    );
  });
}
