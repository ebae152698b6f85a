import { existsSync, statSync } from "node:fs";
import { join, normalize } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { sendError } from "./error-handler";
import "../routes/route-access";

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>infrasec</title>
<p>The web app is not built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>`;

/**
 * Serves the built web app: files under the web root, and index.html for client-side routes.
 * The app shell is public (it holds no data); every API call it makes is authenticated.
 */
export async function registerStaticWeb(
  app: FastifyInstance,
  webDir: string | undefined,
): Promise<void> {
  const root = webDir && existsSync(join(webDir, "index.html")) ? webDir : null;
  if (root) await app.register(fastifyStatic, { root, serve: false });

  app.get("/*", { config: { access: "public" } }, (req, reply) => {
    const path = req.url.split("?")[0] ?? "/";
    if (path === "/api" || path.startsWith("/api/"))
      return sendError(reply, req, "not_found", `no route GET ${path}`);
    if (!root) return reply.status(503).type("text/html").send(NOT_BUILT);
    const rel = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, "");
    const isFile =
      rel !== "" &&
      !rel.startsWith("..") &&
      existsSync(join(root, rel)) &&
      statSync(join(root, rel)).isFile();
    if (isFile) {
      // Vite fingerprints everything under assets/: safe to cache for a year.
      if (rel.startsWith("assets/"))
        reply.header("cache-control", "public, max-age=31536000, immutable");
      return reply.sendFile(rel);
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });

  app.setNotFoundHandler((req, reply) =>
    sendError(reply, req, "not_found", `no route ${req.method} ${req.url.split("?")[0]}`),
  );
}
