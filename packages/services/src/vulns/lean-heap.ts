import { setFlagsFromString } from "node:v8";

let applied = false;

/**
 * Switches V8 to favour memory over speed (`--optimize-for-size`) the first time this process
 * reads a report for an import. Why: an import allocates far more short-lived garbage than it
 * keeps, and V8's default heap growth let the old generation reach several times the live size
 * before collecting: the 1 GB Trivy report peaked at 1,037 MiB RSS on SQLite with the defaults
 * and at 399 MiB with the flag, without being slower (`npm run bench:vulns-stream`, figures in
 * docs/vulns/platform.md). Node calls flags changed after start unsupported in general; this
 * one steers the collector's heap sizing, and the bench checks that it takes effect.
 * `INFRASEC_V8_OPTIMIZE_FOR_SIZE=0` keeps V8's defaults.
 */
export function favourMemoryForImports(env: NodeJS.ProcessEnv = process.env): boolean {
  if (applied || env.INFRASEC_V8_OPTIMIZE_FOR_SIZE === "0") return applied;
  applied = true;
  setFlagsFromString("--optimize-for-size");
  return applied;
}
