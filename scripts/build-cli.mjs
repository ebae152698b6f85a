// Bundles the CLI (and through it the server) into one ESM file. Our workspace packages are
// bundled; third-party packages stay external and load from node_modules, so native modules
// (better-sqlite3, argon2) and packages that read their own files (swagger-ui) keep working.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const external = new Set();
for (const dir of readdirSync(join(root, "packages"))) {
  const pkg = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"));
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) {
    if (!dep.startsWith("@infrasec/")) external.add(dep);
  }
}

const started = Date.now();
await build({
  entryPoints: [join(root, "packages/cli/src/main.ts")],
  outfile: join(root, "packages/cli/dist/infrasec.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external: [...external].flatMap((d) => [d, `${d}/*`]),
  logLevel: "warning",
});
console.log(`built packages/cli/dist/infrasec.mjs in ${Date.now() - started} ms`);
