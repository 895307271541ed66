import { defineConfig } from "vitest/config";

// One `npm test` for every package: Node packages in one project, the dashboard (DOM) in its own.
// Workspace packages export compiled JS by default; tests run their TypeScript sources (the
// "@mexc-live/source" export condition). The `mexc-live` command the e2e tests spawn runs the
// compiled build (`npm test` builds first).
const SOURCE = "@mexc-live/source";

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { conditions: [SOURCE, "module", "node", "development|production"] },
        ssr: { resolve: { conditions: [SOURCE, "module", "node", "development|production"] } },
        test: {
          name: "node",
          include: [
            "packages/{protocol,contract,alerts,simulator,client,gateway}/src/**/*.test.ts",
            "packages/gateway/test/**/*.test.ts",
            "bench/**/*.test.ts",
            "test/**/*.test.ts",
          ],
          environment: "node",
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      "packages/web/vitest.config.ts",
    ],
  },
});
