import { defineConfig } from "vitest/config";

// The dashboard's tests: components and store in happy-dom (src/), and the browser end-to-end
// test (e2e/*.e2e.test.ts: Debian's Chromium against `mexc-live start` in demo mode; it sets its
// own node environment and timeouts). Both run in the root `npm test`.
export default defineConfig({
  test: {
    name: "web",
    include: ["src/**/*.test.{ts,tsx}", "e2e/**/*.e2e.test.ts"],
    environment: "happy-dom",
  },
});
