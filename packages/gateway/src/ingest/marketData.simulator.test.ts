/**
 * The candles of a pair MEXC lists to signed requests only (its Assessment Zone, docs/mexc/undocumented.md#fills-and-keys
 * item 11.29): the shared market data reads them signed, with the first account's key, so a past
 * moment of such a pair has its candle; unsigned, MEXC (here the simulator, DOGEUSDT) refuses the
 * symbol and the window would be stored as having no candle for good.
 */
import { WeightBudget } from "@mexc-live/client/internals";
import { MINUTE_MS } from "@mexc-live/protocol";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../test/e2eKit.js";
import { openMarketData } from "./marketData.js";

const HIDDEN = "DOGEUSDT";
const dir = tempDir("signed-candles");
let sim: RunningSimulator;
const budget = new WeightBudget();

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 12, demoTrader: false, historyDays: 1 });
});
afterAll(async () => {
  budget.close();
  await sim?.close();
  dir.remove();
});

async function candleAnHourAgo(name: string, signedOnly: boolean) {
  const data = openMarketData({
    path: `${dir.path}/${name}.db`,
    restUrl: sim.rest,
    wsUrl: sim.ws,
    budget,
    logger: pino({ level: "silent" }),
    key: { apiKey: sim.apiKey, apiSecret: sim.secretKey },
    signedOnly: (symbol) => signedOnly && symbol === HIDDEN,
  });
  try {
    const time = Date.now() - 60 * MINUTE_MS;
    data.shared.fetcher.start();
    await data.shared.fetcher.wantNow([{ symbol: HIDDEN, interval: "1m", time }]);
    return data.shared.candles.at(HIDDEN, "1m", time);
  } finally {
    await data.close();
  }
}

describe("candles of a signed-only pair", () => {
  it("are read signed and stored", async () => {
    const answer = await candleAnHourAgo("signed", true);
    expect(answer).toMatchObject({ kind: "candle", candle: { close: expect.stringMatching(/^\d/) } });
  });

  it("read unsigned, MEXC refuses the pair: no candle (what signing avoids)", async () => {
    expect(await candleAnHourAgo("unsigned", false)).toEqual({ kind: "none" });
  });
});
