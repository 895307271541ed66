/**
 * Assessment Zone pairs (docs/mexc/undocumented.md#fills-and-keys item 11.29): unsigned public reads do not see them, a signed
 * read does; with the behaviour off they are listed like any pair.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DOCS_ACCOUNT, sendRaw, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorOptions, SimulatorParts } from "../simulator.js";

const HIDDEN = "DOGEUSDT";

let sim: SimulatorParts | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function start(options: SimulatorOptions = {}): SimulatorParts {
  sim = testSimulator(options);
  return sim;
}

const listed = (answer: { symbols: { symbol: string }[] }) => answer.symbols.map((entry) => entry.symbol);

describe("Assessment Zone pairs (docs/mexc/undocumented.md#fills-and-keys item 11.29)", () => {
  it("are missing from unsigned exchangeInfo, defaultSymbols and tickers, and -1121 when named", async () => {
    const parts = start();
    expect(listed((await sendRaw(parts, "GET", "/api/v3/exchangeInfo", {})).json())).not.toContain(HIDDEN);
    expect((await sendRaw(parts, "GET", "/api/v3/defaultSymbols", {})).json().data).not.toContain(HIDDEN);
    const prices = (await sendRaw(parts, "GET", "/api/v3/ticker/price", {})).json() as { symbol: string }[];
    expect(prices.map((entry) => entry.symbol)).toContain("BTCUSDT");
    expect(prices.map((entry) => entry.symbol)).not.toContain(HIDDEN);
    for (const path of ["/api/v3/depth", "/api/v3/ticker/price", "/api/v3/ticker/24hr", "/api/v3/exchangeInfo"]) {
      const answer = await sendRaw(parts, "GET", path, { query: `symbol=${HIDDEN}` });
      expect({ path, body: answer.json() }).toEqual({ path, body: { code: -1121, msg: "Invalid symbol." } });
    }
    const klines = await sendRaw(parts, "GET", "/api/v3/klines", { query: `symbol=${HIDDEN}&interval=1m` });
    expect(klines.json()).toEqual({ code: -1121, msg: "Invalid symbol." });
  });

  it("show to a signed read: exchangeInfo, the price, the book and the candles", async () => {
    const parts = start();
    expect(listed((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/exchangeInfo")).json())).toContain(HIDDEN);
    const price = (await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/ticker/price", { symbol: HIDDEN })).json();
    expect(price).toMatchObject({ symbol: HIDDEN, price: expect.stringMatching(/^\d+(\.\d+)?$/) });
    const all = (await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/ticker/price")).json() as { symbol: string }[];
    expect(all.map((entry) => entry.symbol)).toContain(HIDDEN);
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/depth", { symbol: HIDDEN })).statusCode).toBe(200);
    const klines = await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/klines", { symbol: HIDDEN, interval: "1m" });
    expect(klines.statusCode).toBe(200);
    expect(Array.isArray(klines.json())).toBe(true);
  });

  it("a wrong signature sees what an unsigned read sees", async () => {
    const parts = start();
    const answer = await sendRaw(parts, "GET", "/api/v3/exchangeInfo", {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: `timestamp=${Date.now()}&signature=${"0".repeat(64)}`,
    });
    expect(listed(answer.json())).not.toContain(HIDDEN);
  });

  it("are listed like any pair with the behaviour off", async () => {
    const parts = start({ behaviours: { assessmentZone: false } });
    expect(listed((await sendRaw(parts, "GET", "/api/v3/exchangeInfo", {})).json())).toContain(HIDDEN);
    expect((await sendRaw(parts, "GET", "/api/v3/depth", { query: `symbol=${HIDDEN}` })).statusCode).toBe(200);
  });
});
