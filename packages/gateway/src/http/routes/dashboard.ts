/**
 * The dashboard at `/`: the static build of packages/web (dist/) when it exists, with the right
 * content types and index.html for any other page path (client-side routes); otherwise a small
 * page that says the dashboard is not built yet. The page loads without a token so the
 * dashboard can show its login form; the data it shows comes from the protected API.
 * A file the build also wrote gzipped (`assets/x.js.gz`, packages/web/vite.config.ts) goes out
 * gzipped to a browser that accepts it.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve, sep } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { HttpError } from "../../errors.js";
import type { AccessPolicy } from "../../security/accessPolicy.js";
import type { AppDeps } from "../deps.js";
import { notBuiltPage } from "./notBuiltPage.js";

/** The dashboard's build: dist/ of the @mexc-live/web package, wherever it is installed. */
const DEFAULT_WEB_DIST = join(dirname(createRequire(import.meta.url).resolve("@mexc-live/web/package.json")), "dist");

/** Paths that belong to the API, never to the page (a miss there is a JSON 404, not index.html). */
const RESERVED = /^\/(api|metrics|events|stream)(\/|$)/;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
};

/** Vite puts content-hashed files under assets/: safe to cache for good. */
const IMMUTABLE = /^\/assets\//;

export function dashboardRoute(app: FastifyInstance, deps: AppDeps, policy: AccessPolicy): void {
  const root = resolve(deps.settings.webDist ?? DEFAULT_WEB_DIST);
  app.get("/*", async (request, reply) => {
    const path = decodePath(request.url.split("?")[0] ?? "/");
    if (RESERVED.test(path)) throw new HttpError("NOT_FOUND", `route: ${path} not found`);
    const index = join(root, "index.html");
    if (!(await isFile(index))) {
      const page = notBuiltPage(deps.health(), { showLogin: !policy.checkRequest(request.headers, request.ip).ok });
      return reply
        .type(CONTENT_TYPES[".html"] as string)
        .header("cache-control", "no-store")
        .send(page);
    }
    const file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) throw new HttpError("NOT_FOUND", "path: outside the dashboard");
    if (path !== "/" && (await isFile(file))) {
      const gzipped = acceptsGzip(request.headers["accept-encoding"]) && (await isFile(`${file}.gz`));
      return sendFile(reply, file, IMMUTABLE.test(path), gzipped);
    }
    // A missing file with an extension is a real 404; a page path is a client-side route.
    if (extname(path) !== "") throw new HttpError("NOT_FOUND", `file: ${path} not found`);
    return sendFile(reply, index, false);
  });
}

function sendFile(reply: FastifyReply, file: string, immutable: boolean, gzipped = false): FastifyReply {
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
  reply.type(type).header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (!gzipped) return reply.send(createReadStream(file));
  return reply
    .header("content-encoding", "gzip")
    .header("vary", "Accept-Encoding")
    .send(createReadStream(`${file}.gz`));
}

/** `Accept-Encoding` names gzip (without `;q=0`). */
function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    return !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param));
  });
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new HttpError("BAD_REQUEST", "path: malformed percent-encoding");
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
