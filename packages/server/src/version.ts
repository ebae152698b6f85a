/** Product version, shown by /api/v1/system/info, the OpenAPI document and `infrasec --version`. */
export const VERSION = "0.1.0";
