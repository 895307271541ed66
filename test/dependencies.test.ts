/**
 * The repository's import arrows (scripts/check-dependencies.mjs, run by CI): this tree passes,
 * and each kind of wrong arrow fails, planted in a copy of a package's layout on disk or injected
 * as a list of imports.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

interface Import {
  package: string;
  file: string;
  specifier: string;
}
interface Rules {
  packages: Record<string, string[]>;
  layers: string[][];
  forbidden?: { from: string; to: string; why: string }[];
}
interface CheckDependencies {
  PACKAGE_ARROWS: Record<string, string[]>;
  GATEWAY_LAYERS: string[][];
  WALK_FORBIDDEN: { from: string; to: string; why: string }[];
  readImports(root?: string): Import[];
  checkImports(imports: Import[], rules?: Rules): string[];
  checkArchitectureDoc(text: string): string[];
  formatLayers(): string;
  cyclesOf(graph: Map<string, Set<string>>): string[][];
}

const REPO = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = join(REPO, "scripts/check-dependencies.mjs");
// A plain .mjs (CI runs it with node), so typed here by hand.
const check = (await import(SCRIPT)) as CheckDependencies;
const run = promisify(execFile);
const RULES: Rules = { packages: check.PACKAGE_ARROWS, layers: check.GATEWAY_LAYERS, forbidden: check.WALK_FORBIDDEN };

const gateway = (file: string, specifier: string): Import => ({ package: "gateway", file, specifier });
/** Reading every source file, or starting node twice, takes long on a loaded machine: a generous limit, no timing asserted. */
const SLOW_MS = 120_000;

describe("this repository", () => {
  it(
    "has every arrow one way, and ARCHITECTURE.md shows the gateway's layers as the check has them",
    async () => {
      const imports = check.readImports(REPO);
      expect(imports.length).toBeGreaterThan(1000);
      expect(check.checkImports(imports)).toEqual([]);
      const doc = await readFile(join(REPO, "ARCHITECTURE.md"), "utf8");
      expect(check.checkArchitectureDoc(doc)).toEqual([]);
      expect(doc).toContain(check.formatLayers());
    },
    SLOW_MS,
  );

  it(
    "reads the gateway's imports of figures/ and of other folders from the sources",
    () => {
      const imports = check.readImports(REPO);
      expect(imports).toContainEqual(gateway("ingest/accountIngest.ts", "../figures/index.js"));
      expect(imports.filter((entry) => entry.package === "gateway" && entry.file.startsWith("figures/"))).not.toEqual(
        [],
      );
    },
    SLOW_MS,
  );
});

describe("a wrong arrow fails", () => {
  it("figures/ importing a folder above it, or anything with IO; the store may not import figures/", () => {
    expect(check.checkImports([gateway("figures/equity.ts", "../ingest/collector.js")], RULES)).toEqual([
      "packages/gateway/src/figures/equity.ts: figures/ must not import ingest/ (../ingest/collector.js): it comes later",
    ]);
    expect(check.checkImports([gateway("figures/fees.ts", "node:fs")], RULES)).toEqual([
      "packages/gateway/src/figures/fees.ts: figures/ reads the store and does no IO of its own: it must not import node:fs",
    ]);
    expect(check.checkImports([gateway("store/fills.ts", "../figures/fees.js")], RULES)).toEqual([
      "packages/gateway/src/store/fills.ts: store/ must not import figures/ (../figures/fees.js): it comes later",
    ]);
    expect(check.checkImports([gateway("figures/fees.ts", "big.js")], RULES)).toEqual([]);
    expect(check.checkImports([gateway("figures/fees.ts", "../store/index.js")], RULES)).toEqual([]);
  });

  it("a folder importing one later in the order (store/ -> http/), but not the other way", () => {
    expect(check.checkImports([gateway("store/fills.ts", "../http/deps.js")], RULES)).toEqual([
      "packages/gateway/src/store/fills.ts: store/ must not import http/ (../http/deps.js): it comes later",
    ]);
    expect(check.checkImports([gateway("http/deps.ts", "../store/index.js")], RULES)).toEqual([]);
  });

  it("the walk of a fill going back: ingest importing fanout/, state/ or the keeper; figures/ importing fanout/", () => {
    expect(
      check.checkImports(
        [
          gateway("ingest/accountIngest.ts", "../fanout/topicHub.js"),
          gateway("ingest/accountIngest.ts", "../state/topicStates.js"),
          gateway("ingest/collector.ts", "../figures/keeper.js"),
          gateway("figures/figuresVersion.ts", "../fanout/topicBus.js"),
        ],
        RULES,
      ),
    ).toEqual([
      "packages/gateway/src/ingest/accountIngest.ts: ingest/ must not import fanout/ (../fanout/topicHub.js): it comes later",
      "packages/gateway/src/ingest/accountIngest.ts: ingest/ must not import state/ (../state/topicStates.js): it comes later",
      `packages/gateway/src/ingest/collector.ts: ingest/ must not import figures/keeper.ts (../figures/keeper.js): ${check.WALK_FORBIDDEN[0]?.why}`,
      "packages/gateway/src/figures/figuresVersion.ts: figures/ must not import fanout/ (../fanout/topicBus.js): it comes later",
    ]);
    // What ingest may use of the figures (pure functions over prices), and fanout of them.
    expect(check.checkImports([gateway("ingest/accountIngest.ts", "../figures/index.js")], RULES)).toEqual([]);
    expect(check.checkImports([gateway("fanout/accountFanout.ts", "../figures/figuresVersion.js")], RULES)).toEqual([]);
  });

  it("a folder the order does not name", () => {
    expect(check.checkImports([gateway("replay/replayFrames.ts", "../store/index.js")], RULES)).toEqual([
      "packages/gateway/src/replay/replayFrames.ts: replay/ is not in GATEWAY_LAYERS",
    ]);
  });

  it("a package importing one it may not (the dashboard the gateway, protocol anything)", () => {
    const web: Import = { package: "web", file: "App.tsx", specifier: "@mexc-live/gateway" };
    const protocol: Import = { package: "protocol", file: "index.ts", specifier: "@mexc-live/contract/x" };
    expect(check.checkImports([web, protocol], RULES)).toEqual([
      "packages/web/src/App.tsx: web must not import @mexc-live/gateway",
      "packages/protocol/src/index.ts: protocol must not import @mexc-live/contract/x",
    ]);
  });

  it("two folders of any package importing each other, round a circle too", () => {
    const circle: Import[] = [
      { package: "client", file: "rest/a.ts", specifier: "../ws/b.js" },
      { package: "client", file: "ws/b.ts", specifier: "../user/c.js" },
      { package: "client", file: "user/c.ts", specifier: "../rest/a.js" },
    ];
    expect(check.checkImports(circle, RULES)).toEqual([
      "packages/client/src: folders import each other: rest/ <-> user/ <-> ws/",
    ]);
    expect(check.checkImports(circle.slice(0, 2), RULES)).toEqual([]);
  });

  it("ARCHITECTURE.md showing another order", () => {
    expect(check.checkArchitectureDoc("figures/ < store/")).toEqual([
      `ARCHITECTURE.md does not show the gateway's layers as: ${check.formatLayers()}`,
    ]);
  });
});

describe("the command", () => {
  let root: string;
  const plant = async (path: string, text: string) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "mexc-live-deps-"));
    await plant("ARCHITECTURE.md", `layers: ${check.formatLayers()}\n`);
    await plant("packages/gateway/src/store/fills.ts", 'import { Decimal } from "@mexc-live/protocol";\n');
    await plant("packages/gateway/src/figures/fees.ts", 'import { fill } from "../store/fills.js";\n');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it(
    "passes a tree whose arrows go one way, and fails with exit 1 on a planted wrong import",
    async () => {
      const good = await run("node", [SCRIPT, "--root", root]);
      expect(good.stdout).toMatch(/every arrow one way/);

      // An import in a comment is not one; the real one below is.
      await plant(
        "packages/gateway/src/store/fills.ts",
        '// import { x } from "../figures/fees.js";\nimport { fees } from "../figures/fees.js";\n',
      );
      const bad = await run("node", [SCRIPT, "--root", root]).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(bad?.code).toBe(1);
      expect(bad?.stderr).toContain(
        "packages/gateway/src/store/fills.ts: store/ must not import figures/ (../figures/fees.js): it comes later",
      );
      expect(bad?.stderr.match(/store\/ must not import/g)).toHaveLength(1);
    },
    SLOW_MS,
  );
});
