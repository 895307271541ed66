import { defineConfig } from "vitest/config";

// The dashboard's tests: components and store in happy-dom (src/), and the browser end-to-end
// test (e2e/*.e2e.test.ts: Debian's Chromium against `mexc-live start` in demo mode; it sets its
// own node environment and timeouts). The root vitest.config.ts runs each in its lane: src/ in
// the unit lane (`npm run test:unit`), e2e/ in the integration lane; both in `npm test`.
export default defineConfig({
  // The contract and protocol packages from their TypeScript sources, as the build bundles them.
  resolve: { conditions: ["@mexc-live/source", "module", "browser", "development|production"] },
  ssr: { resolve: { conditions: ["@mexc-live/source", "module", "node", "development|production"] } },
  test: {
    name: "web",
    environment: "happy-dom",
    // Times and days in the tests' expectations are the browser zone's: one zone on every machine
    // (a test that needs another sets process.env.TZ itself).
    env: { TZ: "UTC" },
  },
});
