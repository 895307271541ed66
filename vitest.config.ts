import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
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

/**
 * Vitest's order (failed first, then by last run's time, else by size), the long files first,
 * then the files of isolated projects, then those that share a worker. A shared worker lives on
 * only while the next file in the queue is of its project: the shared files last, in one run per
 * project, keep it. Vitest's own order, by project name, would queue unit-web-alone's files after
 * unit-web's, its slowest (Dashboard.test.tsx, 12 s) alone at the end.
 */
class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (file: TestSpecification) => LONG_FILE.test(relative(import.meta.dirname, file.moduleId));
    const isolated = (file: TestSpecification) => !long(file) && file.project.config.isolate;
    const shared = (file: TestSpecification) => !long(file) && !file.project.config.isolate;
    return [...sorted.filter(long), ...sorted.filter(isolated), ...sorted.filter(shared)];
  }
}

/** Where the Node projects' tests are (the dashboard's: packages/web/vitest.config.ts). */
const NODE_TESTS = [
  "packages/{protocol,contract,alerts,simulator,client,gateway}/src/**/*.test.ts",
  "packages/gateway/test/**/*.test.ts",
  "bench/**/*.test.ts",
  "test/**/*.test.ts",
];

/**
 * The integration lane: files that start a simulator, a process (the gateway, the built CLI,
 * redis-server, Chromium, a script) or a packed library. `npm test` runs them with the rest;
 * `npm run test:unit` runs every other file, with no build, and test/unitLane.ts makes a unit
 * file that starts one of these fail, naming where it belongs. A new such file is named
 * *.simulator.test.ts or *.e2e.test.ts; the files listed by name predate the rule.
 */
const SLOW_LANE = [
  "**/*.e2e.test.ts",
  "**/*.simulator.test.ts",
  "test/packed/*.test.ts",
  // The simulator, listening on 127.0.0.1 (the gateway's demo mode starts one too).
  "bench/simulator/subscriberPhase.test.ts",
  "packages/client/src/{serverUrls,rest/{announcements,endpoints,klines,recentTrades,restClient}}.test.ts",
  "packages/client/src/user/{listenKeyKeeper,offlinePairs,orderLag,reconcile,reconcileBalancesFirst,userStream,walletHistory}.test.ts",
  "packages/gateway/src/ingest/{candleFetcher,marketTopics}.test.ts",
  "packages/gateway/src/security/{beyondLoopback,tokenRule}.test.ts",
  "packages/simulator/src/{simulator,severalAccounts,traffic,rest/adminGuard,conformance/{ccxt,corpusShapes}}.test.ts",
  "test/deadlines/websocket.deadline.test.ts",
  // redis-server.
  "packages/gateway/src/redis/{readsTable,redisHistory,redisJournal,redisTaxExport,redisToolExport,redisWebFeed}.test.ts",
  // A process: the built CLI, a second gateway process, a script, buf, systemd-analyze.
  "packages/gateway/src/cli/{decodeCli,frames}.test.ts",
  "packages/gateway/src/store/{databaseLock,store,walCheckpoints}.test.ts",
  "packages/simulator/src/{cli,conformance/ccxtRecipe}.test.ts",
  "packages/gateway/src/config/deployUnit.test.ts",
  "bench/decode/bufbuild.test.ts",
  "test/{dependencies,repointCitations,systemPackages}.test.ts",
];

/** A file that mocks a module (`vi.mock`, `vi.doMock`): in a shared worker its mock would hold for the files after it. */
const MOCKS_A_MODULE = /\bvi\.(?:doMock|mock)\(/;

/** The test files under `dirs` (paths from the repository's root) that mock a module. */
function mockingFiles(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(resolve(import.meta.dirname, dir), { recursive: true, encoding: "utf8" })
      .map((file) => join(dir, file))
      .filter((path) => /\.test\.tsx?$/.test(path) && !/(^|\/)(node_modules|dist)\//.test(path))
      .filter((path) => MOCKS_A_MODULE.test(readFileSync(resolve(import.meta.dirname, path), "utf8"))),
  );
}

/**
 * Unit files that need a module graph and an event loop of their own: the unit lane's other Node
 * files share their worker's (isolate: false: the lane took 202-236 s of CPU so, 320 s with a
 * worker per file, 2026-11-27). Each file that mocks a module is here, found by its `vi.mock`, as
 * is one that counts the event loop's turns, which another file's leftovers would take.
 */
const OWN_WORKER = [
  ...mockingFiles("packages/protocol", "packages/contract", "packages/alerts", "packages/simulator"),
  ...mockingFiles("packages/client", "packages/gateway", "bench", "test"),
  "packages/gateway/src/figures/sliceBudget.test.ts",
  // Fake timers that timed out twice in the shared worker (CI, 2026-11-27), alone in every run.
  "packages/gateway/src/ingest/maintenanceNotices.test.ts",
  "test/unitLane.test.ts",
];

/**
 * The dashboard's unit files (paths from packages/web) that mock a module, each in a worker of its
 * own; the rest share their worker (the unit-web project).
 */
const WEB_OWN_WORKER = mockingFiles("packages/web/src").map((path) => relative("packages/web", path));

/**
 * The browser files (paths from packages/web) that only read a plain demo gateway with its month
 * of history in: no flags, none stops it, writes to it or needs it fresh or still backfilling.
 * They share one, started once for the run (project integration-web-shared's globalSetup,
 * e2e/sharedDemoSetup.ts), instead of each starting its own and waiting for its history (~25 s
 * quiet, 60-100 s on the loaded CI machine). The others keep their own: rangeSwitching and
 * totalsShown watch the history come in, firstVisit and loadingWords a fresh start, gatewayLost
 * stops its gateway, alerts writes rules, and the rest need a busy demo or flags of their own.
 * chartAxes keeps its own for now: at 390 px it named one day on a 30-day axis once in four runs
 * on the shared demo (not seen on its own; not understood), 2026-11-27.
 */
const SHARED_DEMO_FILES = [
  "journal",
  "ledgerScope",
  "performance",
  "ranges",
  "realizedLeads",
  "returnsAndHolding",
  "wordsAndFormats",
  "zoneReads",
].map((name) => `e2e/${name}.e2e.test.ts`);
const SHARED_DEMO_SETUP = resolve(import.meta.dirname, "packages/web/e2e/sharedDemoSetup.ts");

const NODE_PROJECT = {
  resolve: { conditions: [SOURCE, "module", "node", "development|production"] },
  ssr: { resolve: { conditions: [SOURCE, "module", "node", "development|production"] } },
};
const NODE_TEST = { environment: "node", testTimeout: 20_000, hookTimeout: 20_000 } as const;
/** The bound of a browser test that names none of its own. */
const BROWSER_TEST_MS = 60_000;
const WEB_CONFIG = "./packages/web/vitest.config.ts";
const UNIT_FENCE = resolve(import.meta.dirname, "test/unitLane.ts");
const WEB_WAITS = resolve(import.meta.dirname, "packages/web/test/waits.ts");
const WEB_SHARED_WORKER = resolve(import.meta.dirname, "packages/web/test/sharedWorker.ts");

export default defineConfig({
  test: {
    // Four test files at a time even on a 2-core machine (vitest's default there is one): most of
    // the suite waits on sockets, simulators, browsers and timers, not the CPU. Measured on this
    // project's 2-core machine, quiet: 1,242 s with one, 627 s with two (load average peaking near
    // 4) in session 6; with the browser tests of issue 40 and the image built beside it (.ci/run),
    // 1,239 s with two (2026-11-25), which is why a third; with three the cores were 82-87 % busy
    // through the suite (/proc/stat), and a fourth took npm test from 731 s to 637 s, the cores
    // 96 % busy (local CI #107 and #108, the same slow hour, 2026-11-29).
    maxWorkers: 4,
    sequence: { sequencer: LongFilesFirst },
    // Two lanes: `--project 'unit*'` is `npm run test:unit`, `--project 'integration*'` the other.
    projects: [
      {
        ...NODE_PROJECT,
        test: {
          ...NODE_TEST,
          name: "unit",
          include: NODE_TESTS,
          exclude: [...configDefaults.exclude, ...SLOW_LANE, ...OWN_WORKER],
          isolate: false,
          setupFiles: [UNIT_FENCE],
        },
      },
      {
        ...NODE_PROJECT,
        test: {
          ...NODE_TEST,
          name: "unit-alone",
          include: OWN_WORKER,
          exclude: [...configDefaults.exclude, ...SLOW_LANE],
          setupFiles: [UNIT_FENCE],
        },
      },
      {
        ...NODE_PROJECT,
        test: {
          ...NODE_TEST,
          name: "integration",
          include: SLOW_LANE,
          exclude: [...configDefaults.exclude, "packages/web/**"],
        },
      },
      // The dashboard's unit files share one window and module graph per worker (isolate: false):
      // the 85 files took 100 s of CPU each in a worker of its own, 27 s shared (2026-11-27), a
      // happy-dom window and React loaded once per worker instead of once per file.
      // packages/web/test/sharedWorker.ts undoes what a file leaves behind; a file that mocks a
      // module gets a worker of its own (unit-web-alone). 20 s as the Node projects': App.test.tsx's
      // and Dashboard.test.tsx's heaviest tests took over vitest's 5 s on this 2-core machine
      // loaded to an average of 13 (2026-11-27).
      {
        extends: WEB_CONFIG,
        root: "packages/web",
        test: {
          name: "unit-web",
          include: ["src/**/*.test.{ts,tsx}"],
          exclude: [...configDefaults.exclude, ...WEB_OWN_WORKER],
          isolate: false,
          setupFiles: [UNIT_FENCE, WEB_WAITS, WEB_SHARED_WORKER],
          testTimeout: 20_000,
        },
      },
      {
        extends: WEB_CONFIG,
        root: "packages/web",
        test: {
          name: "unit-web-alone",
          include: WEB_OWN_WORKER,
          setupFiles: [UNIT_FENCE, WEB_WAITS],
          testTimeout: 20_000,
        },
      },
      {
        extends: WEB_CONFIG,
        root: "packages/web",
        test: {
          name: "integration-web",
          include: ["e2e/**/*.e2e.test.ts"],
          exclude: [...configDefaults.exclude, ...SHARED_DEMO_FILES],
          // A browser test that names no bound of its own: a page opened on a loaded 2-core machine
          // (headerFit's timed out at vitest's 5 s in CI, 2026-11-29).
          testTimeout: BROWSER_TEST_MS,
        },
      },
      {
        extends: WEB_CONFIG,
        root: "packages/web",
        test: {
          name: "integration-web-shared",
          include: SHARED_DEMO_FILES,
          globalSetup: [SHARED_DEMO_SETUP],
          testTimeout: BROWSER_TEST_MS,
        },
      },
    ],
  },
});
