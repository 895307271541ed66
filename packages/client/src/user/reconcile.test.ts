import { afterEach, describe, expect, it } from "vitest";
import { cancelEverything, type Harness, startHarness } from "../../test/soak/harness.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("Reconciler against the simulator", () => {
  it("asks for the order of every reconciled fill whose order was created before the window", async () => {
    // Without the simulator's read-after-write lag (its order-read-lag behaviour: -2013 for orders
    // younger than 3 real seconds, as MEXC's REST lags a write; orderLag.test.ts): this test is
    // about the window.
    harness = await startHarness({
      sim: { seed: 51, speed: 30, behaviours: { orderReadLag: false } },
      startStream: false,
    });
    const h = harness;
    await h.ledgerFills(3);
    await h.admin("/_sim/trader", { running: false });
    await cancelEverything(h.client); // nothing left to trade: the ledger stops moving
    const symbols = [...h.sim.exchange.symbols.keys()];
    // Fills from long ago (the stored watermark), orders only from later on: every fill's order is older than the window.
    const lastFills = Object.fromEntries(symbols.map((symbol) => [symbol, { tradeId: "none", time: 1 }]));
    const stream = h.client.userStream({ resume: { lastFills, since: h.client.rest.serverNow() + 60_000 } });
    const orders = new Set<string>();
    const fillOrders = new Set<string>();
    stream.on("event", (event) => {
      if (event.type === "order") orders.add(event.orderId);
      if (event.type === "fill") fillOrders.add(event.orderId);
    });
    await h.waitFor("the first reconciliation", () => stream.stats().reconciliations >= 1);
    const ledger = await h.ledger();
    expect(fillOrders.size).toBe(new Set(ledger.trades.map((trade) => trade.orderId)).size);
    expect([...fillOrders].filter((orderId) => !orders.has(orderId))).toEqual([]);
    await stream.close();
  });
});

describe("REST's whole-second times (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3)", () => {
  it("finds every fill when more than 100 share one second: the second is paged by order", async () => {
    // No market makers: the account's 130 resting sells are the whole book, and one market buy
    // of another account takes them all in one match, so MEXC would date all 130 to one second.
    harness = await startHarness({
      sim: {
        seed: 53,
        demoTrader: false,
        market: { bookLevels: 0 },
        extraAccounts: [{ account: "taker", balances: { USDT: "1000000" } }],
      },
      startStream: false,
    });
    const h = harness;
    const makers = 130;
    for (let i = 0; i < makers; i++) {
      h.sim.exchange.placeOrder({
        account: "demo",
        symbol: "BTCUSDT",
        side: "SELL",
        type: "LIMIT",
        price: "90000",
        quantity: "0.0001",
      });
    }
    h.sim.exchange.placeOrder({ account: "taker", symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.013" });
    const ledger = await h.ledger();
    const seconds = new Set(ledger.trades.map((trade) => Math.floor(trade.time / 1000)));
    expect(ledger.trades).toHaveLength(makers);
    expect(seconds.size).toBe(1); // the precondition: one second holds them all

    const stream = h.client.userStream();
    const fills = new Set<string>();
    stream.on("event", (event) => {
      if (event.type === "fill") fills.add(event.tradeId);
    });
    await h.waitFor("the first reconciliation", () => stream.stats().reconciliations >= 1, 60_000);
    expect([...fills].sort()).toEqual(ledger.trades.map((trade) => trade.id).sort());
    // Every fill found, and the watermark where they are: nothing is asked for twice next time.
    expect(stream.record.watermark("BTCUSDT")).toBe([...seconds][0]! * 1000);
    await stream.close();
  }, 90_000);

  it("never moves the watermark past a second it could not complete (one order, over 100 fills in it)", async () => {
    // This time the account is the taker: one market buy takes 130 resting sells of another
    // account in one match. myTrades answers at most 100 of that order's fills, and neither a
    // time window nor the order id can split them further.
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (_: object, message?: string) => warnings.push(message ?? ""),
    };
    harness = await startHarness({
      client: { logger },
      sim: {
        seed: 54,
        demoTrader: false,
        market: { bookLevels: 0 },
        extraAccounts: [{ account: "maker", balances: { BTC: "10" } }],
      },
      startStream: false,
    });
    const h = harness;
    for (let i = 0; i < 130; i++) {
      h.sim.exchange.placeOrder({
        account: "maker",
        symbol: "BTCUSDT",
        side: "SELL",
        type: "LIMIT",
        price: "90000",
        quantity: "0.0001",
      });
    }
    h.sim.exchange.placeOrder({ account: "demo", symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.013" });
    const { trades } = await h.ledger();
    // REST tells at most 100 fills of one order in one second; one match stamps all its fills with
    // one time (the simulator's matching.ts), so one second holds all 130.
    const perSecond = new Map<number, number>();
    for (const trade of trades) {
      const at = Math.floor(trade.time / 1000);
      perSecond.set(at, (perSecond.get(at) ?? 0) + 1);
    }
    const restCanTell = [...perSecond.values()].reduce((sum, count) => sum + Math.min(count, 100), 0);
    const crowded = [...perSecond].filter(([, count]) => count > 100).map(([at]) => at * 1000);

    const stream = h.client.userStream();
    let fills = 0;
    stream.on("event", (event) => {
      if (event.type === "fill") fills++;
    });
    await h.waitFor("the first reconciliation", () => stream.stats().reconciliations >= 1, 60_000);
    expect(crowded).toHaveLength(1); // the precondition: one second holds them all
    expect(fills).toBe(restCanTell); // all MEXC's REST will tell; the stream carries all 130 when live
    expect(restCanTell).toBe(100);
    expect(stream.record.watermark("BTCUSDT") ?? 0).toBeLessThan(crowded[0]!);
    expect(warnings.some((line) => line.includes("cannot be fetched from REST"))).toBe(true);
    await stream.close();
  }, 90_000);
});

describe("self-trades", () => {
  it("delivers both sides of a self-trade (one trade id, two orders), from the stream and from REST", async () => {
    // No market makers: the account's own orders are the whole book, so they meet each other.
    harness = await startHarness({
      sim: { seed: 52, demoTrader: false, market: { bookLevels: 0 } },
      startStream: false,
    });
    const h = harness;
    const order = { symbol: "BTCUSDT", type: "LIMIT", price: "90000", quantity: "0.001" } as const;
    await h.client.placeOrder({ ...order, side: "SELL" });
    await h.client.placeOrder({ ...order, side: "BUY" });
    const fromRest = h.client.userStream();
    const restFills: string[] = [];
    fromRest.on("event", (event) => {
      if (event.type === "fill") restFills.push(`${event.tradeId} ${event.side} ${event.source}`);
    });
    await h.waitFor("the first reconciliation", () => fromRest.stats().reconciliations >= 1);
    const [first, second] = restFills;
    expect(restFills).toHaveLength(2);
    expect(first?.split(" ")[0]).toBe(second?.split(" ")[0]);
    expect(restFills.map((line) => line.split(" ").slice(1).join(" ")).sort()).toEqual(["BUY rest", "SELL rest"]);

    const streamFills: string[] = [];
    fromRest.on("event", (event) => {
      if (event.type === "fill") streamFills.push(`${event.side} ${event.source}`);
    });
    await h.client.placeOrder({ ...order, side: "SELL" });
    await h.client.placeOrder({ ...order, side: "BUY" });
    await h.waitFor("both sides from the stream", () => streamFills.length >= 2);
    expect(streamFills.sort()).toEqual(["BUY stream", "SELL stream"]);
  });
});
