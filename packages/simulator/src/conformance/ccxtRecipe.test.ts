/**
 * The ccxt recipe of the simulator's README as a user runs it: the `mexc-sim` command in its own
 * process (the compiled build: `npm test` builds first), and examples/ccxt.ts's ccxt.pro mexc,
 * changed only in its base URLs, taking a balance, a market buy, the live order book and a fill
 * as it streams. Every request and socket ccxt opens is refused unless it goes to 127.0.0.1.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Exchange } from "ccxt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MexcSimLine, simulatedMexc, type TourResult, tour } from "../../examples/ccxt.js";
import { withTimeout } from "../../test/boundedWatch.js";
import { apiBaseUrls, createOutboundLog, guardOutbound } from "../../test/ccxtSimulatorClient.js";

const BIN = fileURLToPath(new URL("../../bin/mexc-sim.js", import.meta.url));
/** Generous: a loaded 2-core machine starts the command and runs ccxt's throttle slowly. */
const START_TIMEOUT_MS = 30_000;
const TOUR_TIMEOUT_MS = 90_000;

let child: ChildProcess;
let line: MexcSimLine;
let exchange: Exchange;
const log = createOutboundLog();

/** The first stdout line of the command, or a rejection when it exits or stays silent. */
function firstLine(process: ChildProcess): Promise<string> {
  let stdout = "";
  process.stdout!.setEncoding("utf8");
  const line = new Promise<string>((resolve, reject) => {
    process.stdout!.on("data", (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline !== -1) resolve(stdout.slice(0, newline));
    });
    process.once("exit", (code) => reject(new Error(`mexc-sim exited early with ${code}`)));
  });
  return withTimeout(line, START_TIMEOUT_MS, "mexc-sim's JSON line");
}

beforeAll(async () => {
  child = spawn(process.execPath, [BIN, "--port", "0", "--json", "--seed", "5"], { stdio: ["ignore", "pipe", "pipe"] });
  line = JSON.parse(await firstLine(child)) as MexcSimLine;
  exchange = guardOutbound(simulatedMexc(line), log);
}, START_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await exchange?.close();
  if (child && child.exitCode === null) {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  }
});

describe("the README's ccxt recipe against `mexc-sim`", () => {
  it("is printed in the README exactly as examples/ccxt.ts, the file this suite runs", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## ccxt against the simulator"));
    const start = section.indexOf("```ts\n") + "```ts\n".length;
    const printed = section.slice(start, section.indexOf("\n```\n", start) + 1);
    expect(printed).toBe(readFileSync(new URL("../../examples/ccxt.ts", import.meta.url), "utf8"));
  });

  it("points every base URL of ccxt.pro's mexc at the command's 127.0.0.1 port", () => {
    const urls = apiBaseUrls(exchange);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(line.rest) || url.startsWith(line.ws), url).toBe(true);
    expect(new URL(line.rest).hostname).toBe("127.0.0.1");
  });

  it(
    "takes a balance, fills a market buy, builds the order book and streams a fill of the account",
    async () => {
      const result: TourResult = await withTimeout(tour(exchange), TOUR_TIMEOUT_MS, "the ccxt tour");
      expect(result.usdt).toBeGreaterThan(0);
      expect(result.bestBid).toBeLessThan(result.bestAsk);
      expect(result.order).toMatchObject({ status: "closed", filled: 0.001 });
      expect(result.order.id).toMatch(/^C02__\d+$/);
      expect(result.fill).toMatchObject({ symbol: "BTC/USDT" });
      expect(result.fill.amount).toBeGreaterThan(0);
      expect(result.fill.price).toBeGreaterThan(0);
      expect(log.refused).toEqual([]);
      expect(log.sockets).toEqual(["/ws"]);
      expect(log.requests).toEqual(expect.arrayContaining(["POST /api/v3/order", "POST /api/v3/userDataStream"]));
    },
    TOUR_TIMEOUT_MS + 5_000,
  );
});
