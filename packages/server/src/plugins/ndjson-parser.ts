import type { FastifyInstance } from "fastify";
import { NDJSON_MEDIA_TYPE } from "@infrasec/contracts";

/**
 * Accepts `application/x-ndjson` bodies as text, in the scope it is registered in only (the
 * monitoring ingestion route): the rest of the API keeps refusing anything but JSON with 415.
 * The server's body limit applies as for JSON bodies.
 */
export function registerNdjsonParser(scope: FastifyInstance): void {
  scope.addContentTypeParser(NDJSON_MEDIA_TYPE, { parseAs: "string" }, (_req, body, done) => {
    done(null, body);
  });
}
