import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { AppError } from "@infrasec/core";

/**
 * Server configuration: defaults < config file < environment variables. Validated at start-up;
 * a bad value stops the process with a message naming the setting (exit code 2 in the CLI).
 */
export const configSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default("127.0.0.1"),
  dataDir: z.string().min(1).default("./.infrasec"),
  databaseUrl: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, "must start with postgres://, postgresql:// or sqlite:")
    .optional(),
  adminPassword: z.string().min(12, "must be at least 12 characters").max(1024).optional(),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Public base URL, e.g. https://infrasec.example.com; https turns on Secure cookies. */
  publicUrl: z.url().optional(),
  secureCookies: z.boolean().optional(),
  trustProxy: z.boolean().default(false),
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(12 * 1024 * 1024),
  /** Bytes a streamed report upload (POST /api/v1/vulns/imports/upload) may have: 2 GiB. */
  vulnUploadLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 ** 3)
    .default(2 * 1024 ** 3),
  loginRateLimitPerMinute: z.coerce.number().int().min(1).max(10_000).default(20),
  webDir: z.string().optional(),
  /** Periodic sweeps (SLA clocks, exception expiry, reminders); off for read-only replicas. */
  backgroundTasks: z.boolean().default(true),
  /** NATS mode: ingestion publishes to JetStream at this URL; `infrasec detect worker` detects. */
  natsUrl: z
    .string()
    .regex(/^(nats|tls):\/\/\S+$/, "must be a nats:// or tls:// URL")
    .optional(),
  /** Partitions of the events stream (fixed once events were published). */
  natsPartitions: z.coerce.number().int().min(1).max(1024).default(8),
});
export type ServerConfig = z.output<typeof configSchema>;

/** Environment variable → config key. These names appear in error messages. */
export const ENV_VARS: Record<string, keyof ServerConfig> = {
  INFRASEC_PORT: "port",
  INFRASEC_HOST: "host",
  INFRASEC_DATA_DIR: "dataDir",
  DATABASE_URL: "databaseUrl",
  INFRASEC_ADMIN_PASSWORD: "adminPassword",
  INFRASEC_LOG_LEVEL: "logLevel",
  INFRASEC_PUBLIC_URL: "publicUrl",
  INFRASEC_SECURE_COOKIES: "secureCookies",
  INFRASEC_TRUST_PROXY: "trustProxy",
  INFRASEC_BODY_LIMIT_BYTES: "bodyLimitBytes",
  INFRASEC_VULN_UPLOAD_LIMIT_BYTES: "vulnUploadLimitBytes",
  INFRASEC_LOGIN_RATE_LIMIT: "loginRateLimitPerMinute",
  INFRASEC_WEB_DIR: "webDir",
  INFRASEC_BACKGROUND_TASKS: "backgroundTasks",
  INFRASEC_NATS_URL: "natsUrl",
  INFRASEC_NATS_PARTITIONS: "natsPartitions",
};

const BOOLEAN_KEYS = new Set<keyof ServerConfig>([
  "secureCookies",
  "trustProxy",
  "backgroundTasks",
]);

function parseBool(name: string, v: string): boolean {
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new AppError("config_invalid", `${name}: expected true or false, got "${v}"`, [
    { path: name, message: "expected true or false" },
  ]);
}

/** Reads the optional config file: INFRASEC_CONFIG, or infrasec.config.{json,yaml,yml} in cwd. */
function readConfigFile(
  env: NodeJS.ProcessEnv,
  cwd: string,
): { values: Record<string, unknown>; file: string | null } {
  const explicit = env.INFRASEC_CONFIG;
  const candidates = explicit
    ? [resolve(cwd, explicit)]
    : ["infrasec.config.json", "infrasec.config.yaml", "infrasec.config.yml"].map((f) =>
        resolve(cwd, f),
      );
  const file = candidates.find((f) => existsSync(f));
  if (!file) {
    if (explicit)
      throw new AppError("config_invalid", `INFRASEC_CONFIG: file ${explicit} does not exist`, [
        { path: "INFRASEC_CONFIG", message: "file not found" },
      ]);
    return { values: {}, file: null };
  }
  const text = readFileSync(file, "utf8");
  try {
    const parsed: unknown = file.endsWith(".json")
      ? JSON.parse(text)
      : parseYaml(text, { maxAliasCount: 50 });
    if (parsed === null || parsed === undefined) return { values: {}, file };
    if (typeof parsed !== "object" || Array.isArray(parsed))
      throw new Error("the file must hold an object of settings");
    return { values: parsed as Record<string, unknown>, file };
  } catch (e) {
    throw new AppError("config_invalid", `${file}: ${(e as Error).message}`, [
      { file, message: (e as Error).message },
    ]);
  }
}

/** Loads and validates the configuration; throws AppError("config_invalid") naming the setting. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  const { values, file } = readConfigFile(env, cwd);
  const merged: Record<string, unknown> = { ...values };
  const sourceOf: Record<string, string> = Object.fromEntries(
    Object.keys(values).map((k) => [k, `${file ?? "config file"}: ${k}`]),
  );
  for (const [name, key] of Object.entries(ENV_VARS)) {
    const v = env[name];
    if (v === undefined || v === "") continue;
    merged[key] = BOOLEAN_KEYS.has(key) ? parseBool(name, v) : v;
    sourceOf[key] = name;
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (v !== undefined) {
      merged[k] = v;
      sourceOf[k] = `--${k}`;
    }
  }
  const r = configSchema.safeParse(merged);
  if (!r.success) {
    const details = r.error.issues.map((i) => {
      const key = String(i.path[0] ?? "");
      const unknownKeys = i.code === "unrecognized_keys" ? ` (${i.keys.join(", ")})` : "";
      return { path: sourceOf[key] ?? (key || "config"), message: `${i.message}${unknownKeys}` };
    });
    throw new AppError(
      "config_invalid",
      `invalid configuration: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`,
      details,
    );
  }
  return r.data;
}
