import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// One `npm test` for every package: Node packages in one project, the dashboard (DOM) in its own.
// Workspace packages export compiled JS by default; tests run their TypeScript sources (the
// "@mexc-live/source" export condition). The `mexc-live` command the e2e tests spawn runs the
// compiled build (`npm test` builds first).
const SOURCE = "@mexc-live/source";

/**
 * Files that run a gateway, a simulator, a browser or a packed library: 30-145 s each on CI,
 * against ~1 s for most others. Vitest starts the largest files first when it has no timings of
 * an earlier run (a clean clone, as CI is): a small one of these started late and finished last,
 * the other workers idle (rangeSwitching.e2e, 103 s, in session 18's last CI run).
 */
const LONG_FILE = /\/e2e\/|\.e2e\.test\.|\.simulator\.test\.|^test\/packed\/|\/userStream\.test\./;

/** Vitest's order (failed first, then by last run's time, else by size), the long files first. */
class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (file: TestSpecification) => LONG_FILE.test(relative(import.meta.dirname, file.moduleId));
    return [...sorted.filter(long), ...sorted.filter((file) => !long(file))];
  }
}

export default defineConfig({
  test: {
    // Three test files at a time even on a 2-core machine (vitest's default there is one): most of
    // the suite waits on sockets, simulators, browsers and timers, not the CPU. Measured on this
    // project's 2-core machine, quiet: 1,242 s with one, 627 s with two (load average peaking near
    // 4) in session 6; with the browser tests of issue 40 and the image built beside it (.ci/run),
    // 1,239 s with two (2026-11-25), which is why a third.
    maxWorkers: 3,
    sequence: { sequencer: LongFilesFirst },
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
