/**
 * Issue 38 item 5: the simulator README's ccxt recipe as a user follows it. An empty npm project
 * installs the packed protocol and simulator tarballs, then runs the install command of the
 * README's "ccxt against the simulator" section verbatim: ccxt and its protobufjs come from the
 * npm registry as they would for the user (nothing is linked from this repository). The project's
 * dependency tree must be valid (`npm ls`), and the recipe shipped in the tarball
 * (examples/ccxt.ts) must trade the `mexc-sim` of the tarball through the ccxt installed there.
 * Every request and socket ccxt opens is refused unless it goes to 127.0.0.1.
 *
 * Cost: two `npm install`s from the registry (ccxt is ~100 MB unpacked); see .ci/run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packInto, REPO, run } from "./consumerProject.js";

/** A cold npm cache downloads ccxt (~15 MB packed) and the simulator's dependencies. */
const INSTALL_TIMEOUT_MS = 300_000;
const START_TIMEOUT_MS = 60_000;
/** The tour: a balance, a market buy, the order book and a streamed fill, on a loaded machine. */
const TOUR_TIMEOUT_MS = 120_000;
const TSX_LOADER = pathToFileURL(join(REPO, "node_modules", "tsx", "dist", "loader.mjs")).href;
const NPM_QUIET = { ...process.env, npm_config_audit: "false", npm_config_fund: "false" };

/** The recipe run through the example's own exports, with ccxt's exits to the network guarded. */
const GUARDED_TOUR = `import { simulatedMexc, tour } from "./ccxt.ts";
const line = JSON.parse(process.argv[2]);
const exchange = simulatedMexc(line);
const refused = [];
const local = (url) => {
  if (new URL(String(url)).hostname !== "127.0.0.1") {
    refused.push(String(url));
    throw new Error("refused: " + url);
  }
};
const fetchOriginal = exchange.fetch.bind(exchange);
exchange.fetch = (url, ...rest) => (local(url), fetchOriginal(url, ...rest));
const clientOriginal = exchange.client.bind(exchange);
exchange.client = (url) => (local(url), clientOriginal(url));
try {
  console.log(JSON.stringify({ ...(await tour(exchange)), refused }));
} finally {
  await exchange.close();
}
process.exit(0);
`;

let dir: string;
let installCommand: string;
let sim: ChildProcess | undefined;

/** The shell block of the README's ccxt section: what the user types. */
async function readmeInstallCommand(): Promise<string> {
  const readme = await readFile(join(REPO, "packages", "simulator", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## ccxt against the simulator"));
  const block = /```sh\n([^\n]+)\n```/.exec(section);
  if (block === null) throw new Error("the README's ccxt section has no ```sh block");
  return block[1]!;
}

beforeAll(
  async () => {
    dir = await mkdtemp(join(tmpdir(), "mexc-live-ccxt-"));
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "ccxt-user", private: true, type: "module" }));
    const tarballs = await packInto(dir, ["@mexc-live/protocol", "@mexc-live/simulator"]);
    const options = { cwd: dir, timeout: INSTALL_TIMEOUT_MS, env: NPM_QUIET };
    await run("npm", ["install", ...tarballs.map(({ filename }) => `./${filename}`)], options);
    installCommand = await readmeInstallCommand();
    const [npm, ...args] = installCommand.split(" ");
    await run(npm!, args, options);
  },
  2 * INSTALL_TIMEOUT_MS + 60_000,
);

afterAll(async () => {
  if (sim?.pid !== undefined && sim.exitCode === null) {
    const exited = once(sim, "exit");
    process.kill(-sim.pid, "SIGINT");
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

describe("the simulator README's ccxt recipe, from the packed tarballs in an empty project", () => {
  it("installs as written, into a valid dependency tree", async () => {
    expect(installCommand).toBe("npm install ccxt protobufjs@7");
    // npm ls exits 1 on an invalid or missing dependency, ccxt's optional peer protobufjs included.
    const { stdout } = await run("npm", ["ls", "--all", "--json", "protobufjs"], { cwd: dir, env: NPM_QUIET });
    const tree = JSON.parse(stdout) as { dependencies: Record<string, { version: string; dependencies?: object }> };
    expect(tree.dependencies.protobufjs?.version).toMatch(/^7\./);
    expect(tree.dependencies.ccxt?.version).toMatch(/^4\./);
  });

  it(
    "trades `mexc-sim` with ccxt.pro's mexc: a balance, a market buy, the book and a streamed fill",
    async () => {
      const recipe = await readFile(
        join(dir, "node_modules", "@mexc-live", "simulator", "examples", "ccxt.ts"),
        "utf8",
      );
      await writeFile(join(dir, "ccxt.ts"), recipe);
      await writeFile(join(dir, "guarded.mjs"), GUARDED_TOUR);
      sim = spawn("npx", ["--offline", "mexc-sim", "--port", "0", "--json", "--seed", "5"], {
        cwd: dir,
        detached: true,
        stdio: ["ignore", "pipe", "inherit"],
      });
      const line = await firstLine(sim);
      const { stdout } = await run(process.execPath, ["--import", TSX_LOADER, "guarded.mjs", line], {
        cwd: dir,
        timeout: TOUR_TIMEOUT_MS,
      });
      const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
      expect(result.refused).toEqual([]);
      expect(result.usdt).toBeGreaterThan(0);
      expect(result.bestBid).toBeLessThan(result.bestAsk);
      expect(result.order).toMatchObject({ status: "closed", filled: 0.001 });
      expect(result.fill).toMatchObject({ symbol: "BTC/USDT" });
      expect(result.fill.amount).toBeGreaterThan(0);
    },
    START_TIMEOUT_MS + TOUR_TIMEOUT_MS,
  );
});

/** The first stdout line of the command (its JSON line), or a rejection when it exits or stays silent. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error("mexc-sim printed no line")), START_TIMEOUT_MS);
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline !== -1) {
        clearTimeout(timer);
        resolve(stdout.slice(0, newline));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`mexc-sim exited with ${code} before its line`));
    });
  });
}
