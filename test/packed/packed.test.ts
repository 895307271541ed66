/**
 * The five libraries as a user gets them: packed, installed into an empty project
 * (consumerProject.ts), and used there. What ships (the build, the sources its maps name, README,
 * LICENSE; no tests, no .tsbuildinfo), what the manifests promise (engines, entry points that
 * exist, dependency ranges), each package's README example type-checked in a strict TypeScript
 * project and run with Node, and `npx mexc-sim --port 0 --json` from the simulator's tarball
 * serving the client's example. Needs the build (`npm test` runs it first). Everything talks to
 * 127.0.0.1 only.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsumerProject, createConsumerProject, REPO, run } from "./consumerProject.js";

const LIBRARIES = ["protocol", "contract", "alerts", "client", "simulator"] as const;
type Library = (typeof LIBRARIES)[number];
const packageName = (library: Library) => `@mexc-live/${library}`;

const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");
/** Bounds for a loaded 2-core machine: every wait ends, none is a measurement. */
const SETUP_TIMEOUT_MS = 300_000;
const COMMAND_TIMEOUT_MS = 120_000;
const LINE_TIMEOUT_MS = 60_000;
/** MEXC's own signing example secret (its API docs). */
const DOCS_SECRET = "45d0b3c26f2644f19bfb98b07741b2f5";

let project: ConsumerProject;
/** tsc's output for the examples: "" when they type-check. */
let typeCheck: string;

beforeAll(async () => {
  project = await createConsumerProject(LIBRARIES.map(packageName));
  for (const library of LIBRARIES) {
    await copyFile(join(REPO, "packages", library, "examples", "quickstart.ts"), join(project.dir, `${library}.ts`));
  }
  await writeFile(
    join(project.dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        // The strictest a user's project may be: an unset env var passed as an option must compile.
        exactOptionalPropertyTypes: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        skipLibCheck: false,
        types: ["node"],
        outDir: "out",
      },
      files: LIBRARIES.map((library) => `${library}.ts`),
    }),
  );
  const compiled = await run(process.execPath, [TSC, "-p", "tsconfig.json"], {
    cwd: project.dir,
    timeout: COMMAND_TIMEOUT_MS,
  }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  typeCheck = compiled.stdout;
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await project?.remove();
});

function installed(library: Library) {
  const packed = project.packages.get(packageName(library));
  if (packed === undefined) throw new Error(`${packageName(library)} was not packed`);
  return packed;
}

/** Runs a compiled example with Node in the project. */
async function runExample(library: Library): Promise<string> {
  const { stdout } = await run(process.execPath, [join("out", `${library}.js`)], {
    cwd: project.dir,
    timeout: COMMAND_TIMEOUT_MS,
  });
  return stdout;
}

describe.each(LIBRARIES)("@mexc-live/%s, packed", (library) => {
  it("ships its build, README and LICENSE, and no tests or .tsbuildinfo", () => {
    const { files } = installed(library);
    expect(files).toEqual(
      expect.arrayContaining(["dist/index.js", "dist/index.d.ts", "README.md", "LICENSE", "package.json"]),
    );
    expect(files.filter((file) => /\.test\.ts$|\.tsbuildinfo$|^test\//.test(file))).toEqual([]);
  });

  it("ships every source file its source maps name", async () => {
    const { files, dir } = installed(library);
    const maps = files.filter((file) => file.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const map of maps) {
      const { sources } = JSON.parse(await readFile(join(dir, map), "utf8")) as { sources: string[] };
      for (const source of sources) {
        const path = normalize(join(dirname(map), source));
        if (!files.includes(path)) missing.push(`${map} -> ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("declares Node's version, its license, entry points that exist, and dependency ranges", () => {
    const { manifest, files } = installed(library);
    // The simulator's fastify brings cookie@2, which asks for Node 22 (engines.test.ts).
    expect(manifest.engines?.node).toBe(library === "simulator" ? ">=22" : ">=20.19");
    expect(manifest.license).toBe("MIT");
    const entry = manifest.exports?.["."] as Record<string, string>;
    for (const target of [manifest.main, manifest.types, entry.types, entry.default]) {
      expect(files, String(target)).toContain(normalize(String(target)));
    }
    for (const [name, version] of Object.entries(manifest.dependencies ?? {})) {
      expect(version, name).toMatch(/^\^\d/);
    }
  });

  it("shows in its README the example this suite runs, verbatim", async () => {
    const readme = await readFile(join(installed(library).dir, "README.md"), "utf8");
    const example = await readFile(join(REPO, "packages", library, "examples", "quickstart.ts"), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});

describe("the README examples in a strict TypeScript project", () => {
  // .ci/run runs this file on Node 22 (npm test), then again on the machine's Node (20) and on 24
  // (MEXC_LIVE_PACKED_NODE names the major):
  // the examples below run with this process's Node.
  it.runIf(process.env.MEXC_LIVE_PACKED_NODE !== undefined)("runs on the Node.js major CI asked for", () => {
    expect(process.versions.node.split(".")[0]).toBe(process.env.MEXC_LIVE_PACKED_NODE);
  });

  it("type-check against the installed types", () => {
    expect(typeCheck).toBe("");
  });

  it("protocol: signs as MEXC does, round-trips a push, adds decimals exactly", async () => {
    const stdout = await runExample("protocol");
    const signed = "symbol=BTCUSDT&recvWindow=5000&timestamp=1644489390087";
    const signature = createHmac("sha256", DOCS_SECRET).update(signed).digest("hex");
    expect(stdout).toContain(`/api/v3/openOrders?${signed}&signature=${signature}\n`);
    expect(stdout).toContain("spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT: BUY 0.0012 @ 117145.49");
    expect(stdout).toContain("0.1 + 0.2 = 0.3\n");
  });

  it("contract: folds a snapshot and an update and writes the order still open as CSV", async () => {
    expect(await runExample("contract")).toBe(
      "order,symbol,side,price,quantity,status\r\nC02__1,BTCUSDT,BUY,60000,0.002,NEW\r\n",
    );
  });

  it("alerts: refuses a rule naming its field, and raises one alert of three fills", async () => {
    expect(await runExample("alerts")).toBe(
      "refused: conditions.asset must be an upper-case asset such as BTC\nrule 1: Filled: SELL 0.002 BTCUSDT @ 60000\n",
    );
  });

  it(
    "simulator: starts in-process, fills a signed market buy, lists the balances, stops",
    async () => {
      const stdout = await runExample("simulator");
      expect(stdout).toMatch(/^REST http:\/\/127\.0\.0\.1:\d+\/api\/v3, WebSocket ws:\/\/127\.0\.0\.1:\d+\/ws\n/);
      expect(stdout).toMatch(/\nmarket buy C02__\d+: FILLED, 0\.001 BTC\n/);
      expect(stdout).toMatch(/\nBTC: \d/);
    },
    COMMAND_TIMEOUT_MS,
  );
});

describe("`npx mexc-sim` from the simulator's tarball", () => {
  it("lists every option with --help", async () => {
    const { stdout } = await run("npx", ["--offline", "mexc-sim", "--help"], {
      cwd: project.dir,
      timeout: COMMAND_TIMEOUT_MS,
    });
    expect(stdout.split("\n")[0]).toBe("usage: mexc-sim [options]");
    for (const option of ["--port N", "--json", "--seed N", "--faults SPEC", "--behaviours-off", "--no-admin"]) {
      expect(stdout).toContain(option);
    }
  });

  it(
    "--port 0 --json prints its URLs and credentials, and the client's example streams the demo account from it",
    async () => {
      // Its own process group, as a terminal runs it: Ctrl+C (SIGINT to the group) reaches the
      // simulator under npm exec too.
      const sim = spawn("npx", ["--offline", "mexc-sim", "--port", "0", "--json"], {
        cwd: project.dir,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let client: ChildProcess | undefined;
      try {
        const line = JSON.parse(await lines(sim).next(() => true)) as Record<string, unknown>;
        expect(Object.keys(line)).toEqual(["rest", "ws", "apiKey", "secretKey", "accounts"]);
        const { rest, ws, apiKey, secretKey } = line as Record<string, string>;
        expect(rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(ws).toBe(`${rest!.replace("http:", "ws:")}/ws`);

        client = spawn(process.execPath, [join("out", "client.js")], {
          cwd: project.dir,
          env: {
            ...process.env,
            MEXC_REST_URL: rest,
            MEXC_WS_URL: ws,
            MEXC_API_KEY: apiKey,
            MEXC_API_SECRET: secretKey,
          },
          stdio: ["ignore", "pipe", "pipe"],
        });
        const output = lines(client);
        let stderr = "";
        client.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
          stderr += chunk;
        });
        expect(await output.next((text) => text.startsWith("USDT: "))).toMatch(/^USDT: [\d.]+ free, [\d.]+ locked$/);
        await output.next((text) => text === "stream live");

        const orderId = await marketBuy(rest!, apiKey!, secretKey!);
        const filled = await output.next((text) => text.includes(` order ${orderId} `) && text.endsWith(" FILLED"));
        expect(filled).toMatch(/^(stream|rest) order C02__\d+ BTCUSDT BUY FILLED$/);

        const exited = once(client, "exit");
        client.kill("SIGINT");
        expect((await exited)[0]).toBe(0);
        expect(stderr).toBe("");

        await stopGroup(sim);
        await expect(untilRefused(rest!)).resolves.toBe(true);
      } finally {
        if (client && client.exitCode === null) client.kill("SIGKILL");
        await stopGroup(sim);
      }
    },
    3 * LINE_TIMEOUT_MS,
  );
});

interface LineReader {
  /** The first line from the last one returned on that `match` accepts; rejects when the process exits or stays silent. */
  next(match: (line: string) => boolean): Promise<string>;
}

/** Every stdout line of `child`, read in order however the chunks fall. */
function lines(child: ChildProcess): LineReader {
  const seen: string[] = [];
  let cursor = 0;
  let buffered = "";
  let exitCode: number | null | undefined;
  const wake = new Set<() => void>();
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (buffered + chunk).split("\n");
    buffered = parts.pop() ?? "";
    seen.push(...parts);
    for (const waiter of wake) waiter();
  });
  child.once("exit", (code) => {
    exitCode = code;
    for (const waiter of wake) waiter();
  });
  return {
    next(match) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (; cursor < seen.length; cursor++) {
            if (match(seen[cursor]!)) return finish(() => resolve(seen[cursor++]!));
          }
          if (exitCode !== undefined) finish(() => reject(new Error(`exited with ${exitCode} before the line`)));
        };
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          wake.delete(check);
          settle();
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no matching line within ${LINE_TIMEOUT_MS} ms`))),
          LINE_TIMEOUT_MS,
        );
        wake.add(check);
        check();
      });
    },
  };
}

/** A signed market buy of 0.001 BTCUSDT on the simulator, as MEXC takes it; its order id. */
async function marketBuy(rest: string, apiKey: string, secretKey: string): Promise<string> {
  // The client example's start-up reconciliation shares 127.0.0.1's 20 requests a second with
  // this call: a 429 is waited out (Retry-After) as any MEXC client must, a few times at most.
  for (let attempt = 1; ; attempt++) {
    const query = `symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&timestamp=${Date.now()}`;
    const signature = createHmac("sha256", secretKey).update(query).digest("hex");
    const response = await fetch(`${rest}/api/v3/order?${query}&signature=${signature}`, {
      method: "POST",
      headers: { "X-MEXC-APIKEY": apiKey, "Content-Type": "application/json" },
    });
    const body = (await response.json()) as { orderId?: string };
    if (response.status === 429 && attempt < 5) {
      await sleepMs(1_000 * Number(response.headers.get("retry-after") ?? 1));
      continue;
    }
    expect(response.status, JSON.stringify(body)).toBe(200);
    return String(body.orderId);
  }
}

/** Ctrl+C to the whole process group (npm exec and the simulator under it), then its end. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  process.kill(-child.pid, "SIGINT");
  const stopped = await Promise.race([exited.then(() => true), sleepMs(LINE_TIMEOUT_MS).then(() => false)]);
  if (!stopped) process.kill(-child.pid, "SIGKILL");
}

/** Whether the simulator at `rest` stops answering (it closed) within a minute. */
async function untilRefused(rest: string): Promise<boolean> {
  for (const deadline = Date.now() + LINE_TIMEOUT_MS; Date.now() < deadline; await sleepMs(200)) {
    const answered = await fetch(`${rest}/api/v3/ping`).then(
      () => true,
      () => false,
    );
    if (!answered) return true;
  }
  return false;
}

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
