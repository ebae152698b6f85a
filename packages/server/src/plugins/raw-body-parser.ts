import type { FastifyInstance } from "fastify";

/**
 * Hands request bodies of the given media types to the handler as the raw stream, in the scope
 * it is registered in only (the report upload route): nothing is buffered, so the server's JSON
 * body limit does not apply and the handler enforces its own cap while it reads. Unlike the
 * NDJSON parser (plugins/ndjson-parser.ts), which reads its body as text, this one never
 * collects the body.
 */
export function registerRawBodyParser(scope: FastifyInstance, types: readonly string[]): void {
  scope.addContentTypeParser([...types], (_req, payload, done) => {
    done(null, payload);
  });
}
