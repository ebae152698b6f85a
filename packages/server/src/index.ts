export { buildApp, type AppOptions } from "./app";
export { loadConfig, configSchema, ENV_VARS, type ServerConfig } from "./config/config";
export { HTTP_STATUS } from "./plugins/error-handler";
export { buildOpenApi } from "./plugins/openapi";
export {
  startServer,
  openConfiguredDatabase,
  sqlitePathFor,
  vulnsUploadOptions,
  type RunningServer,
} from "./main";
export { VERSION } from "./version";
