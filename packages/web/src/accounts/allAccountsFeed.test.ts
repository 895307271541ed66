import type { ServerMessage, SnapshotMessage, TopicUpdate } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { accountItem, fill, health, order, T0 } from "../../test/items.js";
import type { Scheduler } from "../store/liveStore.js";
import { ACCOUNTS_TOPICS, ALL_ACCOUNTS_FILLS, AllAccountsFeed, SUMMARY_TOPICS } from "./allAccountsFeed.js";

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

const ALL_TOPICS = [...SUMMARY_TOPICS, ...ACCOUNTS_TOPICS];
const tagged = <T extends object>(item: T, account: string): T => ({ ...item, account });

/** A feed following main and sub1 with the snapshots of all accounts together in. */
function fedFeed(frames = manualFrames()): AllAccountsFeed {
  const feed = new AllAccountsFeed(frames.schedule);
  feed.setAccounts([MAIN, SUB1]);
  feed.follow(ALL_TOPICS);
  feed.receive(
    snapshot("accounts.fills", [
      tagged(fill("s1", T0 + 20, { symbol: "ETHUSDT" }), "sub1"),
      tagged(fill("m1", T0 + 10), "main"),
      tagged(fill("m0", T0), "main"),
    ]),
  );
  feed.receive(
    snapshot("accounts.orders", [
      tagged(order("so", T0 + 30, { symbol: "ETHUSDT" }), "sub1"),
      tagged(order("mo", T0 + 5), "main"),
    ]),
  );
  return feed;
}

const ids = (items: readonly { tradeId: string }[] | null) => items?.map((one) => one.tradeId);
const orderIds = (items: readonly { orderId: string }[] | null) => items?.map((one) => one.orderId);
const point = (time: number, equity: string) => ({ time, equity, byAsset: { USDT: equity } });

describe("the All-accounts feed", () => {
  it("follows four topics whatever the number of accounts", () => {
    expect(ALL_TOPICS).toEqual(["accounts.fills", "accounts.orders", "accounts.equity", "accounts.health"]);
  });

  it("shows nothing until the snapshot came, then every account's items newest first with their account", () => {
    const feed = new AllAccountsFeed(manualFrames().schedule);
    feed.setAccounts([MAIN, SUB1]);
    feed.follow(ALL_TOPICS);
    feed.receive(batch(["accounts.fills", tagged(fill("early", T0), "sub1")])); // before the snapshot: waits for it
    expect(feed.getState().fills).toBeNull();
    feed.receive(
      snapshot("accounts.fills", [tagged(fill("s1", T0 + 20), "sub1"), tagged(fill("m1", T0 + 10), "main")]),
    );
    expect(feed.getState().fills?.map((one) => [one.tradeId, one.account])).toEqual([
      ["s1", "sub1"],
      ["m1", "main"],
    ]);
    expect(feed.getState().orders).toBeNull(); // its own snapshot not in yet
    feed.receive(snapshot("accounts.orders", null)); // the gateway holds none: an empty list
    expect(feed.getState().orders).toEqual([]);
  });

  it("folds deltas per account: a new fill on top, a filled order leaves, a fill seen again is one row", () => {
    const feed = fedFeed();
    expect(ids(feed.getState().fills)).toEqual(["s1", "m1", "m0"]);
    expect(orderIds(feed.getState().orders)).toEqual(["so", "mo"]);
    feed.receive(
      batch(
        ["accounts.fills", tagged(fill("s2", T0 + 40), "sub1")],
        ["accounts.orders", tagged(order("so", T0 + 40, { status: "FILLED", executedQuantity: "0.01" }), "sub1")],
        ["accounts.fills", tagged(fill("m1", T0 + 10), "main")],
      ),
    );
    const view = feed.getState();
    expect(ids(view.fills)).toEqual(["s2", "s1", "m1", "m0"]);
    expect(view.fills?.[0]?.account).toBe("sub1");
    expect(orderIds(view.orders)).toEqual(["mo"]);
    // The same trade id in two accounts is two fills (each account's ids are its own).
    feed.receive(batch(["accounts.fills", tagged(fill("s2", T0 + 40), "main")]));
    expect(
      feed
        .getState()
        .fills?.slice(0, 2)
        .map((one) => one.account),
    ).toEqual(["sub1", "main"]);
  });

  it("keeps at most the fills shown, across and within accounts, however many come", () => {
    const feed = fedFeed();
    const many = Array.from({ length: 50 }, (_, i): [string, unknown] => [
      "accounts.fills",
      tagged(fill(`s-${i}`, T0 + 100 + i), "sub1"),
    ]);
    feed.receive(batch(...many));
    const view = feed.getState();
    expect(view.fills).toHaveLength(ALL_ACCOUNTS_FILLS);
    expect(view.fills?.[0]?.tradeId).toBe("s-49");
    feed.receive(batch(["accounts.fills", tagged(fill("m9", T0 + 1000), "main")]));
    expect(ids(feed.getState().fills)?.slice(0, 2)).toEqual(["m9", "s-49"]);
  });

  it("each account's latest equity and health; counts the fills seen (what a PnL re-read follows)", () => {
    const feed = fedFeed();
    expect(feed.getState().equity).toBeNull();
    feed.receive(snapshot("accounts.equity", [tagged(point(1, "10"), "main"), tagged(point(1, "5"), "sub1")]));
    feed.receive(batch(["accounts.equity", tagged(point(2, "12"), "main")]));
    expect(Object.fromEntries([...(feed.getState().equity ?? [])].map(([name, p]) => [name, p.equity]))).toEqual({
      main: "12",
      sub1: "5",
    });
    feed.receive(snapshot("accounts.health", [tagged(health({ state: "reconnecting" }), "sub1")]));
    expect(feed.getState().health?.get("sub1")?.upstream.state).toBe("reconnecting");
    const seen = feed.getState().fillsSeen;
    const healthBefore = feed.getState().health;
    feed.receive(batch(["accounts.fills", tagged(fill("m5", T0 + 50), "main")]));
    expect(feed.getState().fillsSeen).toBe(seen + 1);
    expect(feed.getState().health).toBe(healthBefore); // a fill re-renders nothing that shows health
  });

  it("tells of an account the list does not have (the list is read again), and leaves it out until listed", () => {
    const feed = fedFeed();
    const unlisted: string[] = [];
    feed.onUnlisted((name) => unlisted.push(name));
    feed.receive(batch(["accounts.fills", tagged(fill("n1", T0 + 500), "sub2")]));
    expect(unlisted).toEqual(["sub2"]);
    expect(ids(feed.getState().fills)).toEqual(["s1", "m1", "m0"]);
    feed.setAccounts([MAIN, SUB1, accountItem("sub2")]);
    expect(ids(feed.getState().fills)).toEqual(["n1", "s1", "m1", "m0"]);
  });

  it("forgets a topic no longer followed; followed again, its snapshot comes again", () => {
    const feed = fedFeed();
    // The summary scrolled away: its fills and orders topics left, equity and health stay.
    feed.follow(["balances", "fills", "orders", "equity", "health", "alerts", ...ACCOUNTS_TOPICS]);
    expect(feed.getState().fills).toBeNull();
    expect(feed.getState().orders).toBeNull();
    feed.receive(batch(["accounts.fills", tagged(fill("late", T0 + 60), "sub1")])); // a late frame: no snapshot to fold into
    feed.follow(ALL_TOPICS);
    feed.receive(snapshot("accounts.fills", [tagged(fill("s5", T0 + 60), "sub1")]));
    expect(ids(feed.getState().fills)).toEqual(["s5"]);
  });

  it("ignores every topic but those of all accounts together", () => {
    const feed = fedFeed();
    const before = feed.getState();
    feed.receive(snapshot("fills", [fill("own", T0 + 900)]));
    feed.receive(batch(["account.sub1.fills", fill("own2", T0 + 900)]));
    expect(feed.getState()).toBe(before);
  });

  it("tells its listeners once per frame, however many messages came", () => {
    const frames = manualFrames();
    const feed = fedFeed(frames);
    let told = 0;
    feed.subscribe(() => told++);
    frames.run();
    expect(told).toBe(1);
    for (let i = 0; i < 20; i++) feed.receive(batch(["accounts.fills", tagged(fill(`m-${i}`, T0 + 200 + i), "main")]));
    expect(frames.pending()).toBe(1);
    frames.run();
    expect(told).toBe(2);
    expect(feed.getState()).toBe(feed.getState()); // the same view until something changes
  });
});
