import { defineConfig } from "vitest/config";

// One `npm test` for every package: Node packages in one project, the dashboard (DOM) in its own.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["packages/{protocol,contract,simulator,client,gateway}/src/**/*.test.ts", "bench/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      "packages/web/vitest.config.ts",
    ],
  },
});
