import { pbkdf2 } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { createMetrics } from "../metrics.js";
import { buildApp } from "./app.js";
import type { AppSettings } from "./deps.js";
import { MemoryQueries } from "./queries/memoryQueries.js";

let app: FastifyInstance;
let dist: string;
afterEach(() => app?.close());

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), "mexc-live-web-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(
    join(dist, "index.html"),
    '<!doctype html><title>mexc-live</title><script src="/assets/app-1a2b.js"></script>',
  );
  writeFileSync(join(dist, "assets", "app-1a2b.js"), "console.log('dashboard')");
  writeFileSync(join(dist, "assets", "app-1a2b.css"), "body{margin:0}");
  // The build writes a gzipped copy of each script (packages/web/vite.config.ts).
  writeFileSync(join(dist, "assets", "app-1a2b.js.gz"), gzipSync("console.log('dashboard')"));
  writeFileSync(join(dist, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function start(settings: AppSettings) {
  app = buildApp({
    queries: new MemoryQueries(),
    hub: new TopicHub(),
    health: () => sampleHealth("demo"),
    metrics: createMetrics({ defaultMetrics: false }),
    settings,
  });
  return app;
}

describe("the dashboard at /", () => {
  it("says the dashboard is not built yet when packages/web/dist is missing", async () => {
    start({ requireToken: false, webDist: join(dist, "missing") });
    const response = await app.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain("<title>mexc-live</title>");
    expect(response.body).toContain("not built yet");
    expect(response.body).toContain('href="/api/health"');
    expect(response.body).toContain("DEMO mode");
  });

  it("serves the built files with their content types", async () => {
    start({ requireToken: false, webDist: dist });
    const index = await app.inject({ method: "GET", url: "/" });
    expect(index.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(index.body).toContain("/assets/app-1a2b.js");
    const js = await app.inject({ method: "GET", url: "/assets/app-1a2b.js" });
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.headers["cache-control"]).toContain("immutable");
    expect(js.body).toBe("console.log('dashboard')");
    expect((await app.inject({ method: "GET", url: "/assets/app-1a2b.css" })).headers["content-type"]).toBe(
      "text/css; charset=utf-8",
    );
    expect((await app.inject({ method: "GET", url: "/favicon.svg" })).headers["content-type"]).toBe("image/svg+xml");
  });

  it("sends the gzipped copy to a browser that accepts gzip, the plain file to one that does not", async () => {
    start({ requireToken: false, webDist: dist });
    const url = "/assets/app-1a2b.js";
    const zipped = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(zipped.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(gunzipSync(zipped.rawPayload).toString()).toBe("console.log('dashboard')");
    for (const encoding of [undefined, "br", "gzip;q=0"]) {
      const plain = await app.inject({ method: "GET", url, headers: encoding ? { "accept-encoding": encoding } : {} });
      expect(plain.headers["content-encoding"], String(encoding)).toBeUndefined();
      expect(plain.body).toBe("console.log('dashboard')");
    }
    // No copy beside the stylesheet: plain, whatever the browser accepts.
    const css = await app.inject({
      method: "GET",
      url: "/assets/app-1a2b.css",
      headers: { "accept-encoding": "gzip" },
    });
    expect(css.headers["content-encoding"]).toBeUndefined();
  });

  it("serves the build from memory once read: files go out while libuv's thread pool is busy with other work", async () => {
    start({ requireToken: false, webDist: dist });
    expect((await app.inject({ method: "GET", url: "/" })).statusCode).toBe(200);
    // Every thread of the pool busy (as the figures' deflating keeps it on a fresh demo): each
    // with a key derivation of a quarter of a second or more; a file streamed from disk waits for one.
    const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    const order: string[] = [];
    const busy = Array.from(
      { length: threads },
      () =>
        new Promise<void>((done) =>
          pbkdf2("mexc-live", "pool", 300_000, 32, "sha256", () => {
            order.push("pool");
            done();
          }),
        ),
    );
    const js = await app.inject({ method: "GET", url: "/assets/app-1a2b.js" });
    order.push("file");
    expect(js.body).toBe("console.log('dashboard')");
    await Promise.all(busy);
    expect(order[0]).toBe("file");
  });

  it("streams a folder too large to hold from disk (a webDist set to something else)", async () => {
    const large = mkdtempSync(join(tmpdir(), "mexc-live-web-large-"));
    try {
      writeFileSync(join(large, "index.html"), "<!doctype html><title>large</title>");
      for (let n = 0; n < 250; n++) writeFileSync(join(large, `file-${n}.txt`), `file ${n}`);
      start({ requireToken: false, webDist: large });
      expect((await app.inject({ method: "GET", url: "/file-249.txt" })).body).toBe("file 249");
      expect((await app.inject({ method: "GET", url: "/some/page" })).body).toContain("<title>large</title>");
      expect((await app.inject({ method: "GET", url: "/file-250.txt" })).statusCode).toBe(404);
    } finally {
      rmSync(large, { recursive: true, force: true });
    }
  });

  it("stops walking a folder of many folders at the bound, and streams it", async () => {
    const deep = mkdtempSync(join(tmpdir(), "mexc-live-web-deep-"));
    try {
      writeFileSync(join(deep, "index.html"), "<!doctype html><title>deep</title>");
      for (let n = 0; n < 250; n++) mkdirSync(join(deep, `folder-${n}`));
      writeFileSync(join(deep, "folder-249", "inside.txt"), "inside");
      start({ requireToken: false, webDist: deep });
      expect((await app.inject({ method: "GET", url: "/folder-249/inside.txt" })).body).toBe("inside");
      expect((await app.inject({ method: "GET", url: "/a/page" })).body).toContain("<title>deep</title>");
    } finally {
      rmSync(deep, { recursive: true, force: true });
    }
  });

  it("holds a file behind a link as the streamed path served it", async () => {
    const linked = mkdtempSync(join(tmpdir(), "mexc-live-web-linked-"));
    try {
      writeFileSync(join(linked, "index.html"), "<!doctype html><title>linked</title>");
      writeFileSync(join(linked, "real.txt"), "real content");
      symlinkSync(join(linked, "real.txt"), join(linked, "link.txt"));
      start({ requireToken: false, webDist: linked });
      expect((await app.inject({ method: "GET", url: "/link.txt" })).body).toBe("real content");
    } finally {
      rmSync(linked, { recursive: true, force: true });
    }
  });

  it("answers page paths with index.html and missing files with 404", async () => {
    start({ requireToken: false, webDist: dist });
    const route = await app.inject({ method: "GET", url: "/fills/BTCUSDT?range=1d" });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain("<title>mexc-live</title>");
    const missing = await app.inject({ method: "GET", url: "/assets/gone.js" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe("NOT_FOUND");
  });

  it("never serves a file outside the dashboard directory", async () => {
    writeFileSync(join(dist, "..", "mexc-live-outside.txt"), "PRIVATE-CONTENT-42");
    start({ requireToken: false, webDist: dist });
    for (const url of [
      "/../mexc-live-outside.txt",
      "/%2e%2e/mexc-live-outside.txt",
      "/assets/..%2f..%2fmexc-live-outside.txt",
    ]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.body).not.toContain("PRIVATE-CONTENT-42");
    }
    rmSync(join(dist, "..", "mexc-live-outside.txt"));
  });

  it("sends the security headers with the page", async () => {
    start({ requireToken: false, webDist: dist });
    const { headers } = await app.inject({ method: "GET", url: "/" });
    expect(headers["content-security-policy"]).toBe(
      "default-src 'self'; connect-src 'self' ws://localhost:80; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-frame-options"]).toBe("DENY");
  });

  it("loads without a token off loopback, with a login form instead of the mode", async () => {
    start({ requireToken: true, token: "s3cret-token", webDist: join(dist, "missing") });
    const response = await app.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<form method="post" action="/api/login">');
    expect(response.body).not.toContain("DEMO");
  });
});
