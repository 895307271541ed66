/**
 * The dashboard's build: `npx vite build` in packages/web writes dist/, which the gateway serves
 * at `/`. `npx vite` runs a dev server that proxies the API and the WebSocket to a gateway on
 * MEXC_LIVE_GATEWAY (default http://127.0.0.1:8787, `mexc-live start`'s default).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const gateway = process.env.MEXC_LIVE_GATEWAY ?? "http://127.0.0.1:8787";

/**
 * Writes a gzipped copy beside each script and stylesheet of the build (`x.js.gz`), which the
 * gateway serves to browsers that accept gzip (issue 17: a small first load, measured gzipped).
 * node:zlib at build time: nothing compresses per request.
 */
function precompress(): Plugin {
  return {
    name: "mexc-live-precompress",
    apply: "build",
    closeBundle() {
      const assets = join(import.meta.dirname, "dist", "assets");
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css)$/.test(name)) continue;
        const file = join(assets, name);
        writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  // The contract and protocol packages are bundled from their TypeScript sources.
  resolve: { conditions: ["@mexc-live/source", "module", "browser", "development|production"] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The gateway's CSP allows only its own scripts: no inline module-preload polyfill.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": gateway,
      "/stream": { target: gateway.replace(/^http/, "ws"), ws: true },
    },
  },
});
