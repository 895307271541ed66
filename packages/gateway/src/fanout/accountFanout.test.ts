/**
 * The walk of a fill's last step (accountFanout.ts): what ingest emits raw goes to browsers
 * masked, under the account's topic names, with the figures version; and after a fill the
 * `figures` topic carries the answers that changed (the same a read over HTTP answers), so a
 * dashboard need not read them again. Waits on the published updates, no sleep.
 */
import type { UserEvent } from "@mexc-live/client";
import type { FiguresVersion, FillItem, OrderItem, PnlItem, TopicUpdate } from "@mexc-live/contract";
import { afterEach, describe, expect, it } from "vitest";
import { accountReads } from "../figures/accountReads.js";
import { PriceBook } from "../figures/index.js";
import { type FiguresKeeper, standaloneKeeper } from "../figures/keeper.js";
import { PushedAnswers } from "../figures/pushedAnswers.js";
import { AccountIngest } from "../ingest/accountIngest.js";
import { createLogger } from "../logging.js";
import { TopicStates } from "../state/topicStates.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { AccountFanout } from "./accountFanout.js";
import { createFieldMask } from "./fieldMask.js";
import type { TopicBus } from "./topicBus.js";
import { TopicHub } from "./topicHub.js";

const T = Date.UTC(2026, 10, 20, 12);

const fill = (tradeId: string, side: "BUY" | "SELL", price: string, time: number): UserEvent =>
  ({
    type: "fill",
    channel: "spot@private.deals.v3.api.pb",
    timestamp: time,
    localTimestamp: time + 7,
    symbol: "BTCUSDT",
    tradeId,
    orderId: `o-${tradeId}`,
    clientOrderId: `client-${tradeId}`,
    side,
    price,
    quantity: "0.01",
    amount: String(Number(price) / 100),
    fee: "1",
    feeCurrency: "USDT",
    isMaker: false,
    isSelfTrade: false,
    source: "stream",
  }) as UserEvent;

const order = (orderId: string): UserEvent =>
  ({
    type: "order",
    channel: "spot@private.orders.v3.api.pb",
    timestamp: T,
    localTimestamp: T + 3,
    symbol: "BTCUSDT",
    orderId,
    clientOrderId: "client-1",
    side: "BUY",
    orderType: "LIMIT",
    status: "NEW",
    price: "100000",
    quantity: "0.01",
    amount: "1000",
    avgPrice: "0",
    remainQuantity: "0",
    remainAmount: "0",
    cumulativeQuantity: "0",
    cumulativeAmount: "0",
    isMaker: false,
    createTime: T,
    source: "stream",
  }) as UserEvent;

let store: GatewayStore | undefined;
let keeper: FiguresKeeper | undefined;
let fanout: AccountFanout | undefined;
afterEach(() => {
  fanout?.close();
  keeper?.close();
  store?.close();
});

/** One account's walk: ingest -> store -> keeper -> fanout, onto a bus that records what it gets. */
function walk(options: { topicAccount?: string; mask?: ("tradeId" | "orderId")[]; maxChars?: number } = {}) {
  store = openStore({ path: ":memory:" });
  const book = new PriceBook({ quote: "USDT" });
  book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  book.update("BTCUSDT", "100000", T);
  keeper = standaloneKeeper(store, book, "fifo");
  const published: TopicUpdate[] = [];
  const waiting: ((update: TopicUpdate) => void)[] = [];
  const bus: TopicBus = {
    publish: (update) => {
      published.push(update);
      for (const listener of waiting.splice(0)) listener(update);
    },
    drop: () => {},
    onDemand: () => () => {},
    wanted: () => [],
    close: async () => {},
  };
  const mask = createFieldMask(options.mask ?? []);
  fanout = new AccountFanout({
    account: options.topicAccount ?? "main",
    topicAccount: options.topicAccount,
    bus: () => bus,
    states: new TopicStates(),
    hub: new TopicHub(),
    mask,
    pushMs: 0,
  });
  const reads = accountReads({ store, book, keeper });
  const pushed = new PushedAnswers(reads, "fifo", options.maxChars);
  fanout.carry((version) => pushed.at(version));
  const ingest = new AccountIngest({
    store,
    book,
    emit: fanout.publish,
    logger: createLogger({ level: "silent" }).logger,
    now: () => T + 50,
  });
  /** A fill as the collector takes it: stored and emitted, the keeper told, the figures moved. */
  const take = async (event: UserEvent) => {
    ingest.onEvent(event);
    keeper?.stored();
    await keeper?.ready();
    fanout?.figuresMoved();
  };
  /** The next `figures` push (an event, no sleep). */
  const nextFigures = (topic = "figures") =>
    new Promise<FiguresVersion>((resolve) => {
      const listen = (update: TopicUpdate) =>
        update.topic === topic ? resolve(update.data as FiguresVersion) : waiting.push(listen);
      waiting.push(listen);
    });
  return { published, take, nextFigures, reads, ingest };
}

describe("an account's fanout", () => {
  it("publishes ingest's raw items masked, under the account's names, moving the figures version", async () => {
    const { published, take, ingest } = walk({ topicAccount: "sub", mask: ["tradeId", "orderId"] });
    await take(fill("t1", "BUY", "100000", T));
    ingest.onEvent(order("o9"));
    ingest.close();
    const fills = published.filter((update) => update.topic === "account.sub.fills");
    expect(fills).toHaveLength(1);
    expect((fills[0]!.data as FillItem).tradeId).toMatch(/^masked-/);
    const orders = published.filter((update) => update.topic === "account.sub.orders");
    expect((orders[0]!.data as OrderItem).orderId).toMatch(/^masked-/);
    // The store keeps the real ids; nothing went out under the plain names.
    expect(store?.fills({}).items[0]?.tradeId).toBe("t1");
    expect(published.filter((update) => !update.topic.startsWith("account.sub."))).toEqual([]);
    expect(fanout?.figuresVersion()).toBeGreaterThanOrEqual(2);
  });

  it("after a fill, carries the answers that changed on the figures topic: what a read over HTTP answers", async () => {
    const { take, nextFigures, reads } = walk();
    const first = nextFigures();
    await take(fill("t1", "BUY", "100000", T));
    const bought = await first;
    expect(bought.answers?.method).toBe("fifo");
    expect(bought.answers?.tz).toBe("UTC");
    // Every answer is new at the first push.
    expect(Object.keys(bought.answers?.answers ?? {}).sort()).toEqual(["feeDays", "fees", "pnl"]);
    expect(bought.answers?.answers.fees).toEqual(await reads.fees());

    const second = nextFigures();
    await take(fill("t2", "SELL", "110000", T + 60_000));
    const sold = await second;
    const pnl = sold.answers?.answers.pnl as readonly PnlItem[];
    // The realized PnL moved with the sale, and the push says so without a read.
    expect(pnl).toEqual(await reads.pnl({ method: "fifo" }));
    const before = bought.answers?.answers.pnl ?? [];
    expect(pnl.find((item) => item.symbol === "BTCUSDT")?.realized).not.toBe(
      before.find((item) => item.symbol === "BTCUSDT")?.realized,
    );
    expect(sold.answers?.changedAt.pnl).toBe(sold.version);

    // Nothing the answers hold changed: the version moves, no answer is carried, each says when it last changed.
    const third = nextFigures();
    fanout?.figuresMoved();
    const same = await third;
    expect(same.answers?.answers).toEqual({});
    expect(same.answers?.changedAt.pnl).toBe(sold.version);
  });

  it("leaves out an answer over the size bound, saying it changed (the browser reads that one)", async () => {
    const { take, nextFigures } = walk({ maxChars: 60 });
    const first = nextFigures();
    await take(fill("t1", "BUY", "100000", T));
    const pushed = await first;
    // The fees' answer is over 60 characters of JSON: left out; what is carried is within the bound.
    expect(pushed.answers?.answers.fees).toBeUndefined();
    for (const answer of Object.values(pushed.answers?.answers ?? {}))
      expect(JSON.stringify(answer).length).toBeLessThanOrEqual(60);
    expect(pushed.answers?.changedAt.fees).toBe(pushed.version);
  });
});
