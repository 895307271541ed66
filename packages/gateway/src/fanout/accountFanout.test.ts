/**
 * The walk of a fill's last step (accountFanout.ts): what ingest emits raw goes to browsers
 * masked, under the account's topic names, with the figures version; and after a fill the
 * `figures` topic carries the answers that changed (the same a read over HTTP answers), so a
 * dashboard need not read them again. Waits on the published updates, no sleep.
 */
import type { UserEvent } from "@mexc-live/client";
import type { FiguresVersion, FillItem, OrderItem, PnlItem, Topic, TopicUpdate } from "@mexc-live/contract";
import { afterEach, describe, expect, it } from "vitest";
import { accountReads } from "../figures/accountReads.js";
import { PriceBook } from "../figures/index.js";
import { type FiguresKeeper, standaloneKeeper } from "../figures/keeper.js";
import { PushedAnswers } from "../figures/pushedAnswers.js";
import { createFieldMask, maskingUpdates } from "../http/fieldMask.js";
import { AccountIngest } from "../ingest/accountIngest.js";
import { createLogger } from "../logging.js";
import { TopicStates } from "../state/topicStates.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { AccountFanout } from "./accountFanout.js";
import type { StreamSink } from "./streamSession.js";
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
const hubs: TopicHub[] = [];
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.close();
  fanout?.close();
  keeper?.close();
  store?.close();
});

/** A browser's connection that keeps nothing (what it is sent is the hub's business, tested in topicHub.test.ts). */
const quietSink: StreamSink = { send: () => {}, bufferedBytes: () => 0, close: () => {} };

/**
 * One account's walk: ingest -> store -> keeper -> fanout, onto a bus that records what it gets;
 * `watched` a browser subscribed to its `figures` topic from the start (none: `watch` opens one).
 */
function walk(
  options: {
    topicAccount?: string;
    mask?: ("tradeId" | "orderId")[];
    maxChars?: number;
    watched?: boolean;
    relayed?: boolean;
  } = {},
) {
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
  const hub = new TopicHub();
  hubs.push(hub);
  fanout = new AccountFanout({
    account: options.topicAccount ?? "main",
    topicAccount: options.topicAccount,
    bus: () => bus,
    states: new TopicStates(),
    hub,
    mask: maskingUpdates(mask),
    pushMs: 0,
    ...(options.relayed === undefined ? {} : { relayed: options.relayed }),
  });
  const reads = accountReads({ store, book, keeper });
  /** How many times the pushed answers were worked out (each reads fees, fee days and PnL once). */
  const worked = { fees: 0 };
  const counted = {
    ...reads,
    fees: () => {
      worked.fees++;
      return reads.fees();
    },
  };
  fanout.carry(new PushedAnswers(counted, "fifo", options.maxChars));
  /** A browser subscribing to `topics` (closed with the hub). */
  const watch = (topics: readonly Topic[]) => hub.openSession(quietSink, "ws").subscribe(topics);
  if (options.watched ?? true) watch([fanout.topic("figures")]);
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
  /** The first `figures` push at `version` or later, once it went out (an event, no sleep). */
  const pushedAt = async (version: number, topic = "figures"): Promise<FiguresVersion> => {
    for (;;) {
      const found = published.find(
        (update) => update.topic === topic && (update.data as FiguresVersion).version >= version,
      );
      if (found !== undefined) return found.data as FiguresVersion;
      await nextFigures(topic);
    }
  };
  return { published, take, nextFigures, pushedAt, reads, ingest, worked, watch };
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

  it("works no answers out while no browser watches the figures; the first push after one subscribes carries them all", async () => {
    const { take, pushedAt, reads, worked, watch } = walk({ watched: false });
    // A browser watching the fills only: no one to carry the figures' answers to.
    watch(["fills", "equity"]);
    await take(fill("t1", "BUY", "100000", T));
    await take(fill("t2", "SELL", "110000", T + 60_000));
    await take(fill("t3", "BUY", "105000", T + 120_000));
    const moved = fanout?.figuresVersion() ?? 0;
    expect(moved).toBeGreaterThanOrEqual(6);
    // The version still goes out (the topic's state stays current), alone, with no answer of an older version.
    const alone = await pushedAt(moved);
    expect(alone.version).toBe(moved);
    expect(alone.answers).toBeUndefined();
    expect(worked.fees).toBe(0);

    // A dashboard opens: the next push carries every answer, as changed at its version (it may hold a read of any since).
    watch(["figures"]);
    fanout?.figuresMoved();
    const carried = await pushedAt(moved + 1);
    expect(worked.fees).toBe(1);
    const at = carried.version;
    expect(carried.answers?.changedAt).toEqual({ fees: at, feeDays: at, pnl: at });
    expect(carried.answers?.answers).toEqual({
      fees: await reads.fees(),
      feeDays: await reads.feeDays({ tz: "UTC" }),
      pnl: await reads.pnl({ method: "fifo" }),
    });
  });

  it("counts a browser on another account's figures topic by that topic's name", async () => {
    const { take, pushedAt, worked, watch } = walk({ topicAccount: "sub", watched: false });
    // The plain `figures` is the first account's: not this one's.
    watch(["figures"]);
    await take(fill("t1", "BUY", "100000", T));
    expect((await pushedAt(fanout?.figuresVersion() ?? 0, "account.sub.figures")).answers).toBeUndefined();
    expect(worked.fees).toBe(0);
    watch(["account.sub.figures"]);
    fanout?.figuresMoved();
    const carried = await pushedAt(fanout?.figuresVersion() ?? 0, "account.sub.figures");
    expect(Object.keys(carried.answers?.answers ?? {}).sort()).toEqual(["feeDays", "fees", "pnl"]);
  });

  it("works the answers out for every push when Redis relays them (web instances' browsers are not seen here)", async () => {
    const { take, pushedAt, worked } = walk({ watched: false, relayed: true });
    await take(fill("t1", "BUY", "100000", T));
    const pushed = await pushedAt(fanout?.figuresVersion() ?? 0);
    expect(Object.keys(pushed.answers?.answers ?? {}).sort()).toEqual(["feeDays", "fees", "pnl"]);
    expect(worked.fees).toBeGreaterThanOrEqual(1);
  });
});
