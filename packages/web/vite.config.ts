/**
 * The dashboard's build: `npx vite build` in packages/web writes dist/, which the gateway serves
 * at `/`. `npx vite` runs a dev server that proxies the API and the WebSocket to a gateway on
 * MEXC_LIVE_GATEWAY (default http://127.0.0.1:8787, `mexc-live start`'s default).
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const gateway = process.env.MEXC_LIVE_GATEWAY ?? "http://127.0.0.1:8787";

export default defineConfig({
  plugins: [react()],
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
