/**
 * A pair in MEXC's Assessment Zone (docs/mexc/undocumented.md#fills-and-keys item 11.29) is missing from unsigned
 * public reads and streams; the simulator hides DOGEUSDT so by default. An account that bought DOGE
 * before the gateway started still sees, through the gateway: the fill (reconciliation discovered
 * the pair from a signed exchangeInfo) and the DOGE balance valued at a price (signed ticker reads).
 * Its candles (signed klines): ingest/marketData.simulator.test.ts.
 */

import { createMexcClient } from "@mexc-live/client";
import type { BalanceItem, FillItem, Page } from "@mexc-live/contract";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { getJson, settingsFor, simulatorEnv, tempDir, waitFor } from "../e2eKit.js";

const HIDDEN = "DOGEUSDT";

describe("an Assessment Zone pair is reconciled and priced", () => {
  let sim: RunningSimulator;
  let gateway: RunningGateway;
  const data = tempDir("assessment-zone");

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 41, admin: true, demoTrader: false, historyDays: 1 });
    const trader = createMexcClient({ restUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey });
    try {
      await trader.placeOrder({ symbol: HIDDEN, side: "BUY", type: "MARKET", quoteOrderQty: "50" });
    } finally {
      await trader.close();
    }
    gateway = await startGateway(settingsFor(["--port", "0", "--data", data.path], simulatorEnv(sim)), {
      logger: createLogger({ level: "silent" }),
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await sim?.close();
    data.remove();
  });

  it("shows the fill made before start and values the DOGE held", async () => {
    const fill = await waitFor(
      "the DOGEUSDT fill",
      async () => {
        const page = await getJson<Page<FillItem>>(`${gateway.url}api/fills`);
        return page.items.find((item) => item.symbol === HIDDEN);
      },
      30_000,
    );
    expect(fill).toMatchObject({ symbol: HIDDEN, side: "BUY" });
    const doge = await waitFor(
      "DOGE valued",
      async () => {
        const { items } = await getJson<{ items: BalanceItem[] }>(`${gateway.url}api/balances`);
        return items.find((item) => item.asset === "DOGE" && item.value !== null);
      },
      30_000,
    );
    expect(Number(doge.price)).toBeGreaterThan(0);
  }, 60_000);
});
