import type { ServerMessage, SnapshotMessage, TopicUpdate } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { accountItem, fill, order, T0 } from "../../test/items.js";
import type { Scheduler } from "../store/liveStore.js";
import { ALL_ACCOUNTS_FILLS, AllAccountsFeed, summaryTopics } from "./allAccountsFeed.js";

const MAIN = accountItem("main", true);
const SUB1 = accountItem("sub1");

function snapshot(topic: string, data: unknown): ServerMessage {
  return { type: "snapshot", topic, data, exchangeTime: 0, receiveTime: T0 } as SnapshotMessage;
}

function batch(...updates: [string, unknown][]): ServerMessage {
  return {
    type: "batch",
    updates: updates.map(([topic, data]) => ({ topic, data, exchangeTime: 0, receiveTime: T0 }) as TopicUpdate),
  };
}

/** A scheduler run by hand: `run()` is the next animation frame. */
function manualFrames(): { schedule: Scheduler; run: () => void; pending: () => number } {
  let queued: (() => void)[] = [];
  return {
    schedule: (flush) => {
      queued.push(flush);
      return () => {
        queued = queued.filter((one) => one !== flush);
      };
    },
    run: () => {
      const now = queued;
      queued = [];
      for (const flush of now) flush();
    },
    pending: () => queued.length,
  };
}

/** A feed following main and sub1 with their snapshots in. */
function fedFeed(frames = manualFrames()): AllAccountsFeed {
  const feed = new AllAccountsFeed(frames.schedule);
  feed.setAccounts([MAIN, SUB1]);
  feed.follow(summaryTopics([MAIN, SUB1]));
  feed.receive(snapshot("fills", [fill("m1", T0 + 10), fill("m0", T0)]));
  feed.receive(snapshot("orders", [order("mo", T0 + 5)]));
  feed.receive(snapshot("account.sub1.fills", [fill("s1", T0 + 20, { symbol: "ETHUSDT" })]));
  feed.receive(snapshot("account.sub1.orders", [order("so", T0 + 30, { symbol: "ETHUSDT" })]));
  return feed;
}

const ids = (items: readonly { tradeId: string }[] | null) => items?.map((one) => one.tradeId);
const orderIds = (items: readonly { orderId: string }[] | null) => items?.map((one) => one.orderId);

describe("the All-accounts feed", () => {
  it("names each account's fills and orders topics: the default account's plain, another's with its prefix", () => {
    expect(summaryTopics([MAIN, SUB1])).toEqual(["fills", "orders", "account.sub1.fills", "account.sub1.orders"]);
  });

  it("shows nothing until every account's snapshots came, then merges them newest first with their account", () => {
    const feed = new AllAccountsFeed(manualFrames().schedule);
    feed.setAccounts([MAIN, SUB1]);
    feed.receive(snapshot("fills", [fill("m1", T0 + 10)]));
    feed.receive(snapshot("orders", []));
    feed.receive(snapshot("account.sub1.fills", [fill("s1", T0 + 20)]));
    // sub1's orders not in yet: a partial list would pass for the whole one.
    expect(feed.getState()).toEqual({ fills: null, orders: null });
    feed.receive(snapshot("account.sub1.orders", []));
    const view = feed.getState();
    expect(view.fills?.map((one) => [one.tradeId, one.account])).toEqual([
      ["s1", "sub1"],
      ["m1", "main"],
    ]);
    expect(view.orders).toEqual([]);
  });

  it("folds deltas: a new fill of another account goes on top, a filled order leaves, a fill seen again is one row", () => {
    const feed = fedFeed();
    expect(ids(feed.getState().fills)).toEqual(["s1", "m1", "m0"]);
    expect(orderIds(feed.getState().orders)).toEqual(["so", "mo"]);
    feed.receive(
      batch(
        ["account.sub1.fills", fill("s2", T0 + 40)],
        ["account.sub1.orders", order("so", T0 + 40, { status: "FILLED", executedQuantity: "0.01" })],
        ["fills", fill("m1", T0 + 10)],
      ),
    );
    const view = feed.getState();
    expect(ids(view.fills)).toEqual(["s2", "s1", "m1", "m0"]);
    expect(view.fills?.[0]?.account).toBe("sub1");
    expect(orderIds(view.orders)).toEqual(["mo"]);
    // A newer order of main's placed later is listed first; an update older than the held one is ignored.
    feed.receive(batch(["orders", order("mo2", T0 + 50)], ["orders", order("mo", T0 + 1, { status: "CANCELED" })]));
    expect(orderIds(feed.getState().orders)).toEqual(["mo2", "mo"]);
  });

  it("keeps at most the fills shown, across and within accounts, however many come", () => {
    const feed = fedFeed();
    const many = Array.from({ length: 50 }, (_, i): [string, unknown] => [
      "account.sub1.fills",
      fill(`s-${i}`, T0 + 100 + i),
    ]);
    feed.receive(batch(...many));
    const view = feed.getState();
    expect(view.fills).toHaveLength(ALL_ACCOUNTS_FILLS);
    expect(view.fills?.[0]?.tradeId).toBe("s-49");
    expect(view.fills?.[ALL_ACCOUNTS_FILLS - 1]?.tradeId).toBe(`s-${50 - ALL_ACCOUNTS_FILLS}`);
    // A newer main fill still makes it to the top: main's newest were kept too.
    feed.receive(batch(["fills", fill("m9", T0 + 1000)]));
    expect(ids(feed.getState().fills)?.slice(0, 2)).toEqual(["m9", "s-49"]);
  });

  it("ignores a delta before its snapshot, another account's topics, and the other topics", () => {
    const feed = new AllAccountsFeed(manualFrames().schedule);
    feed.setAccounts([MAIN, SUB1]);
    feed.receive(batch(["account.sub1.fills", fill("early", T0)]));
    feed.receive(snapshot("account.sub2.fills", [fill("other", T0)]));
    feed.receive(snapshot("account.sub1.balances", []));
    for (const topic of summaryTopics([MAIN, SUB1])) feed.receive(snapshot(topic, []));
    expect(feed.getState()).toEqual({ fills: [], orders: [] });
  });

  it("forgets an account whose topics are no longer followed, and one no longer listed", () => {
    const feed = fedFeed();
    // The summary scrolled away: only the account shown (main) stays subscribed.
    feed.follow(["balances", "fills", "orders", "equity", "health", "alerts"]);
    expect(feed.getState()).toEqual({ fills: null, orders: null });
    // Seen again: sub1's snapshots come again; main's were kept (its topics never left).
    feed.follow(summaryTopics([MAIN, SUB1]));
    feed.receive(snapshot("account.sub1.fills", [fill("s5", T0 + 60)]));
    feed.receive(snapshot("account.sub1.orders", []));
    expect(ids(feed.getState().fills)).toEqual(["s5", "m1", "m0"]);
    // sub1 no longer listed: the rest is main's alone.
    feed.setAccounts([MAIN]);
    expect(ids(feed.getState().fills)).toEqual(["m1", "m0"]);
    feed.receive(batch(["account.sub1.fills", fill("s6", T0 + 70)]));
    expect(ids(feed.getState().fills)).toEqual(["m1", "m0"]);
  });

  it("tells its listeners once per frame, however many messages came", () => {
    const frames = manualFrames();
    const feed = fedFeed(frames);
    let told = 0;
    feed.subscribe(() => told++);
    frames.run();
    expect(told).toBe(1);
    for (let i = 0; i < 20; i++) feed.receive(batch(["fills", fill(`m-${i}`, T0 + 200 + i)]));
    expect(frames.pending()).toBe(1);
    frames.run();
    expect(told).toBe(2);
    expect(feed.getState()).toBe(feed.getState()); // the same view until something changes
  });
});
