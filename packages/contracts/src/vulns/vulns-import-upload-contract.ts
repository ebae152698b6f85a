import { z } from "zod";
import { route } from "../route";
import { VULN_IMPORT_FORMATS, vulnImportJobSchema } from "./vulns-contract";

/**
 * Streaming report upload (issue 4, large reports): the raw report is the request body, read
 * as a stream to a file on the server and never buffered, so reports far larger than the JSON
 * body limit (up to 2 GiB by default, INFRASEC_VULN_UPLOAD_LIMIT_BYTES) can be imported.
 * gzip-compressed reports are accepted (gzip media type, `Content-Encoding: gzip` or simply the
 * gzip magic bytes) and expanded by the job within a size and ratio cap. ZIP, tar and tar.gz
 * archives are recognised by their bytes too (the media type is not needed); each report inside
 * is imported by the one job (docs/vulns/imports.md, ADR 0207).
 */

/** Media types the upload route reads as a raw stream. */
export const VULN_UPLOAD_MEDIA_TYPES = [
  "application/octet-stream",
  "application/gzip",
  "application/x-gzip",
  "application/zip",
  "application/x-zip-compressed",
  "application/x-tar",
] as const;

const nameText = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.:@/+-]+$/, "letters, digits and . _ : @ / + - only");

export const vulnUploadQuery = z.strictObject({
  /** Asset key, id or identifier; the asset must exist in the inventory. */
  asset: z.string().min(1).max(512),
  format: z.enum(VULN_IMPORT_FORMATS).optional(),
  /** Reconciliation key; defaults to the scanner the report names (trivy, grype…). */
  scanner: nameText.optional(),
  /** Reconciliation key within the asset and scanner; defaults to "default". */
  scope: nameText.optional(),
  fileName: z.string().max(255).optional(),
});
export type VulnUploadQuery = z.input<typeof vulnUploadQuery>;

export const vulnUploadsRoutes = {
  uploadReport: route({
    method: "POST",
    path: "/api/v1/vulns/imports/upload",
    summary:
      "Import a scanner report, or a ZIP / tar / tar.gz archive of reports, sent as the raw request body (application/octet-stream, gzip or zip), streamed to disk; answers 202 with a job",
    tag: "vulns",
    access: "vulns:write",
    query: vulnUploadQuery,
    // The body is a byte stream handed to the service as it arrives, not a JSON value.
    body: z.unknown(),
    consumes: VULN_UPLOAD_MEDIA_TYPES[0],
    status: 202,
    response: vulnImportJobSchema,
  }),
};
