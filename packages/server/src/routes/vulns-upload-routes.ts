import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { VULN_UPLOAD_MEDIA_TYPES, api } from "@infrasec/contracts";
import { AppError } from "@infrasec/core";
import type { Services } from "@infrasec/services";
import { registerRawBodyParser } from "../plugins/raw-body-parser";
import { mount } from "./mount";

/**
 * The streaming report upload (POST /api/v1/vulns/imports/upload): the raw body goes to the
 * service as a stream, which writes it to the spool under the upload limit and queues the job.
 * Registered in its own scope so that only this route reads octet-stream and gzip bodies.
 */
export function vulnsUploadRoutes(app: FastifyInstance, services: Services): void {
  void app.register((scope, _opts, done) => {
    registerRawBodyParser(scope, VULN_UPLOAD_MEDIA_TYPES);
    mount(scope, api.vulnUploads.uploadReport, async ({ ctx, query, req, reply }) => {
      try {
        const body: unknown = req.body;
        if (!(body instanceof Readable)) {
          throw new AppError(
            body === undefined ? "validation_failed" : "unsupported_media_type",
            body === undefined
              ? "the report is empty"
              : `send the report as the raw body (${VULN_UPLOAD_MEDIA_TYPES.join(" or ")})`,
            [{ path: "body", message: body === undefined ? "empty" : "not a raw body" }],
          );
        }
        return await services.vulns.imports.startUpload(ctx, body, query);
      } catch (e) {
        // The body may still be arriving (too large, unknown asset): close the connection
        // after the answer instead of reading the rest of it.
        reply.header("connection", "close");
        throw e;
      }
    });
    done();
  });
}
