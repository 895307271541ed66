/**
 * The dashboard at `/`: the static build of packages/web (dist/) when it exists, with the right
 * content types and index.html for any other page path (client-side routes); otherwise a small
 * page that says the dashboard is not built yet. The page loads without a token so the
 * dashboard can show its login form; the data it shows comes from the protected API.
 * A file the build also wrote gzipped (`assets/x.js.gz`, packages/web/vite.config.ts) goes out
 * gzipped to a browser that accepts it.
 *
 * The build is read into memory once, at its first request (heldBuild): a file streamed from disk
 * is read in libuv's thread pool, which the figures' passes fill with their rows' deflating, and on
 * a fresh demo the page's ECharts chunk (184 kB gzipped) took 7 s to arrive that way while the
 * health read took milliseconds (2026-11-28). A folder too large to hold (a `webDist` set to
 * something else) is streamed as before. A build replaced while the gateway runs is seen at its
 * next start.
 */
import { createReadStream, opendirSync, readFileSync, statSync } from "node:fs";
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
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

/** The most a build held in memory may be, in files and folders met, and bytes (the dashboard's: 11 files, 2 folders, ~1.9 MB). */
const HELD_FILES_MAX = 200;
const HELD_BYTES_MAX = 32 * 1024 * 1024;

/** The build's files by their path in URLs ("/assets/x.js"), or "on disk": too large to hold, streamed. */
type Build = ReadonlyMap<string, Buffer> | "on disk";

export function dashboardRoute(app: FastifyInstance, deps: AppDeps, policy: AccessPolicy): void {
  const root = resolve(deps.settings.webDist ?? DEFAULT_WEB_DIST);
  let build: Build | undefined;
  app.get("/*", async (request, reply) => {
    const path = decodePath(request.url.split("?")[0] ?? "/");
    if (RESERVED.test(path)) throw new HttpError("NOT_FOUND", `route: ${path} not found`);
    const index = join(root, "index.html");
    if (build === undefined && (await isFile(index))) build = heldBuild(root);
    if (build === undefined) {
      const page = notBuiltPage(deps.health(), { showLogin: !policy.checkRequest(request.headers, request.ip).ok });
      return reply
        .type(CONTENT_TYPES[".html"] as string)
        .header("cache-control", "no-store")
        .send(page);
    }
    const file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) throw new HttpError("NOT_FOUND", "path: outside the dashboard");
    if (build !== "on disk")
      return sendHeld(reply, build, urlPath(root, file), acceptsGzip(request.headers["accept-encoding"]));
    if (path !== "/" && (await isFile(file))) {
      const gzipped = acceptsGzip(request.headers["accept-encoding"]) && (await isFile(`${file}.gz`));
      return sendFile(reply, file, IMMUTABLE.test(path), gzipped);
    }
    // A missing file with an extension is a real 404; a page path is a client-side route.
    if (extname(path) !== "") throw new HttpError("NOT_FOUND", `file: ${path} not found`);
    return sendFile(reply, index, false);
  });
}

/**
 * The build under `root` read into memory, or "on disk" when it has more than HELD_FILES_MAX files
 * or HELD_BYTES_MAX bytes. The folders are walked an entry at a time and the walk stops at the
 * bound (a `webDist` set to a large folder is not listed whole on the event loop); the files are
 * read only once their sizes fit. A link is followed as the streamed path followed it. Read at
 * once, on the event loop: a few milliseconds for the dashboard's build, once per run.
 */
function heldBuild(root: string): Build {
  const files: string[] = [];
  let bytes = 0;
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    const dir = opendirSync(folder);
    try {
      for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
        const path = join(folder, entry.name);
        const stats = statSync(path, { throwIfNoEntry: false });
        if (stats?.isDirectory()) folders.push(path);
        else if (stats?.isFile()) {
          files.push(path);
          bytes += stats.size;
        }
        if (files.length + folders.length > HELD_FILES_MAX || bytes > HELD_BYTES_MAX) return "on disk";
      }
    } finally {
      dir.closeSync();
    }
  }
  return new Map(files.map((path) => [urlPath(root, path), readFileSync(path)]));
}

/** A file's path in URLs: "/assets/x.js" for `root`/assets/x.js. */
function urlPath(root: string, file: string): string {
  return `/${relative(root, file).split(sep).join("/")}`;
}

/** A file of the build held in memory (its gzipped copy when the browser takes it); index.html for a page path. */
function sendHeld(reply: FastifyReply, files: ReadonlyMap<string, Buffer>, path: string, gzip: boolean): FastifyReply {
  const body = path === "/" ? undefined : files.get(path);
  if (body === undefined) {
    // A missing file with an extension is a real 404; a page path is a client-side route.
    if (extname(path) !== "") throw new HttpError("NOT_FOUND", `file: ${path} not found`);
    return sendFile(reply, "index.html", false, false, files.get("/index.html"));
  }
  const gzipped = gzip ? files.get(`${path}.gz`) : undefined;
  return sendFile(reply, path, IMMUTABLE.test(path), gzipped !== undefined, gzipped ?? body);
}

/** `file` (or `body`, its content held in memory) with its type, caching and encoding. */
function sendFile(reply: FastifyReply, file: string, immutable: boolean, gzipped = false, body?: Buffer): FastifyReply {
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
  reply.type(type).header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (gzipped) reply.header("content-encoding", "gzip").header("vary", "Accept-Encoding");
  return reply.send(body ?? createReadStream(gzipped ? `${file}.gz` : file));
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
