import { setTimeout as sleep } from "node:timers/promises";
import type { UserEvent } from "@mexc-live/client";
import type { BalanceItem, EquityPoint, FillItem, OrderItem, TopicSnapshot, TopicUpdate } from "@mexc-live/contract";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EQUITY_AFTER_FILL_MS, PRICES_AWAITED_MS, PRICES_AWAITED_TRIES } from "../config/defaults.js";
import { PriceBook } from "../figures/index.js";
import { createLogger } from "../logging.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { AccountIngest } from "./accountIngest.js";

const T = 1_800_000_000_000;
const fill = (tradeId: string, source: "stream" | "rest", overrides: Record<string, unknown> = {}): UserEvent =>
  ({
    type: "fill",
    channel: "spot@private.deals.v3.api.pb",
    timestamp: T,
    localTimestamp: T + 7,
    symbol: "BTCUSDT",
    tradeId,
    orderId: "o1",
    clientOrderId: "client-1",
    side: "BUY",
    price: "100000",
    quantity: "0.01",
    amount: "1000",
    fee: "1",
    feeCurrency: "USDT",
    isMaker: false,
    isSelfTrade: false,
    source,
    ...overrides,
  }) as UserEvent;
const order = (status: string, cumulativeQuantity: string, timestamp: number): UserEvent =>
  ({
    type: "order",
    channel: "spot@private.orders.v3.api.pb",
    timestamp,
    localTimestamp: timestamp + 3,
    symbol: "BTCUSDT",
    orderId: "o1",
    clientOrderId: "client-1",
    side: "BUY",
    orderType: "LIMIT",
    status,
    price: "100000",
    quantity: "0.01",
    amount: "1000",
    avgPrice: "0",
    remainQuantity: "0",
    remainAmount: "0",
    cumulativeQuantity,
    cumulativeAmount: "0",
    lastDealQuantity: undefined,
    isMaker: false,
    createTime: T,
    source: "stream",
  }) as UserEvent;
const balance = (asset: string, free: string, source: "stream" | "rest", timestamp = T): UserEvent =>
  ({
    type: "balance",
    channel: "spot@private.account.v3.api.pb",
    timestamp,
    localTimestamp: timestamp + 1,
    asset,
    coinId: "",
    free,
    freeChange: "0",
    locked: "0",
    lockedChange: "0",
    changeType: "ENTRUST",
    source,
  }) as UserEvent;

describe("the account pipeline", () => {
  let store: GatewayStore;
  afterEach(() => store?.close());

  function setUp(unrealized?: () => string | null | undefined) {
    store = openStore({ path: ":memory:" });
    const book = new PriceBook({ quote: "USDT" });
    book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
    book.update("BTCUSDT", "100000", T - 1_000);
    const published: TopicUpdate[] = [];
    const ingest = new AccountIngest({
      store,
      book,
      emit: (update) => published.push(update),
      logger: createLogger({ level: "silent" }).logger,
      now: () => T + 50,
      ...(unrealized === undefined ? {} : { unrealized }),
    });
    return { ingest, published, book };
  }

  it("stores a fill and publishes it once, with exchange and receive times (the keeper reads it from the store)", () => {
    const { ingest, published } = setUp();
    ingest.onEvent(fill("t1", "stream"));
    ingest.onEvent(fill("t1", "rest"));
    ingest.close();
    const fills = published.filter((update) => update.topic === "fills");
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({
      exchangeTime: T,
      receiveTime: T + 7,
      data: { tradeId: "t1", source: "stream", feeValue: "1" },
    });
    expect(store.fills({}).items).toHaveLength(1);
  });

  it("leaves a fill's value to the prices of its time when it comes before the book's first prices", () => {
    const { ingest } = setUp();
    const empty = new PriceBook({ quote: "USDT" });
    empty.setMarkets([
      { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
      { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
    ]);
    const early = new AccountIngest({
      store,
      book: empty,
      emit: () => {},
      logger: createLogger({ level: "silent" }).logger,
      now: () => T + 50,
    });
    // A fee in MX has no value yet: valued later (fillValuer.ts), not stored unpriced for good.
    early.onEvent(fill("t-mx", "stream", { fee: "0.5", feeCurrency: "MX" }));
    expect(store.firstPendingValuation()).toBe(T);
    // A fee in the quote currency needs no price: valued now.
    early.onEvent(fill("t-usdt", "stream", { timestamp: T + 1 }));
    expect(store.fills({}).items.find((item) => item.tradeId === "t-usdt")?.feeValue).toBe("1");
    // Once prices are in, a price it lacks is missing: stored as such.
    ingest.onEvent(fill("t-later", "stream", { timestamp: T + 2, fee: "0.1", feeCurrency: "DUST" }));
    expect(store.fills({}).items.find((item) => item.tradeId === "t-later")?.feeValue).toBeNull();
    expect(store.pendingValuationCount()).toBe(1);
    early.close();
    ingest.close();
  });

  it("publishes order states that move forward, never a stale one", () => {
    const { ingest, published } = setUp();
    ingest.onEvent(order("NEW", "0", T));
    ingest.onEvent(order("FILLED", "0.01", T + 10));
    ingest.onEvent(order("NEW", "0", T + 20));
    expect(published.filter((u) => u.topic === "orders").map((u) => (u.data as OrderItem).status)).toEqual([
      "NEW",
      "FILLED",
    ]);
    expect(store.order("o1")?.status).toBe("FILLED");
  });

  it("publishes balances valued in the quote; a REST reading equal to the stored one changes nothing", () => {
    const { ingest, published } = setUp();
    ingest.onEvent(balance("BTC", "0.5", "stream"));
    ingest.onEvent(balance("BTC", "0.5", "rest", T + 60_000));
    const balances = published.filter((update) => update.topic === "balances");
    expect(balances).toHaveLength(1);
    expect(balances[0]!.data as BalanceItem).toMatchObject({
      asset: "BTC",
      free: "0.5",
      value: "50000",
      price: "100000",
    });
    expect(store.balanceChanges("BTC")).toHaveLength(1);
  });

  it("measures no equity while the balances are unknown: no zero point stored or published", async () => {
    const { ingest, published } = setUp();
    ingest.onEvent(fill("t1u", "stream"));
    await sleep(EQUITY_AFTER_FILL_MS + 100);
    expect(ingest.snapshotEquity()).toBeUndefined();
    expect(published.filter((update) => update.topic === "equity")).toEqual([]);
    expect(store.latestEquity()).toBeUndefined();
    // Once the first reconciliation read them, equity is measured.
    ingest.onEvent(balance("USDT", "1000", "rest"));
    ingest.markBalancesKnown();
    expect(ingest.snapshotEquity()?.equity).toBe("1000");
    ingest.close();
  });

  it("snapshots equity shortly after a fill, stored and published", async () => {
    const { ingest, published } = setUp();
    ingest.markBalancesKnown();
    ingest.onEvent(balance("USDT", "1000", "stream"));
    ingest.onEvent(fill("t2", "stream"));
    await sleep(EQUITY_AFTER_FILL_MS + 100);
    const equity = published.filter((update) => update.topic === "equity");
    expect(equity).toHaveLength(1);
    expect((equity[0]!.data as EquityPoint).equity).toBe("1000");
    expect(store.latestEquity()?.equity).toBe("1000");
  });

  it("gives each equity point the unrealized PnL of the same moment, and none while it is not known", () => {
    let unrealized: string | null | undefined = "12.5";
    const { ingest, published } = setUp(() => unrealized);
    ingest.markBalancesKnown();
    ingest.onEvent(balance("BTC", "0.5", "stream"));
    expect(ingest.snapshotEquity()).toMatchObject({ equity: "50000", unrealized: "12.5" });
    unrealized = undefined;
    expect(ingest.snapshotEquity()).not.toHaveProperty("unrealized");
    unrealized = null;
    expect(ingest.snapshotEquity()).toMatchObject({ unrealized: null });
    const points = published.filter((update) => update.topic === "equity").map((update) => update.data as EquityPoint);
    expect(points.map((point) => point.unrealized)).toEqual(["12.5", undefined, null]);
    ingest.close();
  });

  it("measures equity again soon while a held asset's price is not in yet, and its balance then carries its value", () => {
    vi.useFakeTimers();
    try {
      const { ingest, published, book } = setUp();
      book.setMarkets([
        { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
        { symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT" },
      ]);
      ingest.markBalancesKnown();
      ingest.onEvent(balance("USDT", "1000", "rest"));
      ingest.onEvent(balance("ETH", "2", "rest"));
      const balances = () =>
        published.filter((update) => update.topic === "balances").map((update) => update.data as BalanceItem);
      const points = () => published.filter((update) => update.topic === "equity");
      // A start: ETH's first ticker not in yet.
      expect(ingest.snapshotEquity()?.byAsset).toEqual({ USDT: "1000" });
      expect(balances().find((item) => item.asset === "ETH")?.value).toBeNull();
      // A fill meanwhile has its point as soon as ever, not when the price is next looked for.
      ingest.onEvent(fill("t-wait", "stream"));
      vi.advanceTimersByTime(EQUITY_AFTER_FILL_MS);
      expect(points()).toHaveLength(2);
      book.update("ETHUSDT", "3000", T);
      vi.advanceTimersByTime(PRICES_AWAITED_MS);
      expect(points()).toHaveLength(3);
      expect(store.latestEquity()?.equity).toBe("7000");
      expect(balances().findLast((item) => item.asset === "ETH")?.value).toBe("6000");
      // Whole: no more points until the next of the interval, or a fill.
      vi.advanceTimersByTime(10 * PRICES_AWAITED_MS);
      expect(points()).toHaveLength(3);
      // A price that never comes is waited for a few times, not forever.
      ingest.onEvent(balance("SOL", "5", "rest"));
      book.setMarkets([
        ...["BTC", "ETH", "SOL"].map((base) => ({ symbol: `${base}USDT`, baseAsset: base, quoteAsset: "USDT" })),
      ]);
      ingest.snapshotEquity();
      vi.advanceTimersByTime(100 * PRICES_AWAITED_MS);
      expect(points()).toHaveLength(4 + PRICES_AWAITED_TRIES);
      ingest.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a malformed event without storing or publishing it", () => {
    const { ingest, published } = setUp();
    ingest.onEvent(fill("t3", "stream", { price: "not-a-number" }));
    ingest.close();
    expect(published).toEqual([]);
    expect(store.fills({}).items).toEqual([]);
  });

  it("emits what it stored raw, ids as stored (the account's fanout masks them: fanout/accountFanout.test.ts)", () => {
    const { ingest, published } = setUp();
    ingest.onEvent(fill("t4", "stream"));
    ingest.onEvent(order("NEW", "0", T));
    ingest.close();
    expect((published.find((u) => u.topic === "fills")!.data as FillItem).tradeId).toBe("t4");
    expect((published.find((u) => u.topic === "orders")!.data as OrderItem).orderId).toBe("o1");
  });

  it("gives each account topic's snapshot from the store, raw", () => {
    const first = setUp();
    first.ingest.markBalancesKnown();
    first.ingest.onEvent(balance("BTC", "0.5", "stream"));
    first.ingest.onEvent(fill("t5", "stream"));
    first.ingest.onEvent(order("NEW", "0", T));
    first.ingest.snapshotEquity();
    first.ingest.close();
    const snapshots = new Map<string, TopicSnapshot>(first.ingest.snapshots().map((s) => [s.topic, s]));
    expect((snapshots.get("fills")!.data as FillItem[]).map((f) => f.tradeId)).toEqual(["t5"]);
    expect((snapshots.get("orders")!.data as OrderItem[]).map((o) => o.orderId)).toEqual(["o1"]);
    expect((snapshots.get("balances")!.data as BalanceItem[]).map((b) => b.asset)).toEqual(["BTC"]);
    expect(snapshots.get("equity")!.data as EquityPoint[]).toHaveLength(1);
  });
});
