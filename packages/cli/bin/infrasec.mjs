#!/usr/bin/env node
// Runs the bundled CLI (dist/infrasec.mjs, made by `npm run build:cli`) when it is newer than
// every source file; otherwise runs the TypeScript sources through tsx, so a checkout never
// runs stale code.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "../dist/infrasec.mjs");
const packagesDir = join(here, "../..");

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name === "web") continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(p, newest);
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

let useDist = existsSync(dist);
if (useDist && existsSync(join(here, "../src"))) {
  try {
    useDist = statSync(dist).mtimeMs >= newestSource(packagesDir);
  } catch {
    /* keep dist */
  }
}
if (useDist) {
  await import(pathToFileURL(dist).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(here, "../src/main.ts")).href);
}
