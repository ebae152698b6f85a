import { join } from "node:path";
import { loadConfig, startServer } from "@infrasec/server";
import { cli } from "./testing-capture";

type Env = Record<string, string | undefined>;

/** A CLI environment on `dir/data` that ignores the developer's own server, token and config. */
export function localCliEnv(dir: string): Env {
  return {
    INFRASEC_DATA_DIR: join(dir, "data"),
    DATABASE_URL: undefined,
    INFRASEC_SERVER: undefined,
    INFRASEC_TOKEN: undefined,
    INFRASEC_CLI_CONFIG: join(dir, "none.json"),
  };
}

/** A real server on a loopback port over the same data directory as localCliEnv(dir). */
export function startLoopbackServer(dir: string) {
  const config = loadConfig(
    {
      INFRASEC_DATA_DIR: join(dir, "data"),
      INFRASEC_PORT: "0",
      INFRASEC_ADMIN_PASSWORD: "remote-admin-password",
    },
    dir,
  );
  return startServer(config, { logger: false });
}

/** `env` plus an admin API token created through the CLI in local mode (for `--server` runs). */
export async function adminTokenEnv(env: Env): Promise<Env> {
  const token = (
    await cli(["tokens", "create", "--user", "admin", "--name", "cli"], env)
  ).out.trim();
  return { ...env, INFRASEC_TOKEN: token };
}
