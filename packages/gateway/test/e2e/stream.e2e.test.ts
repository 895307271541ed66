/**
 * End to end over 127.0.0.1: simulator -> gateway (client, store, hub) -> a WebSocket browser.
 * The browser's fills must be the simulator's trades of the account, in the order the exchange
 * made them, each once; its order updates must only move forward, each state once.
 */

import type { FillItem, Health, OrderItem } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import {
  BrowserClient,
  getJson,
  ledger,
  quiesce,
  setTrader,
  settingsFor,
  simulatorEnv,
  startBusySimulator,
  tempDir,
  waitFor,
} from "../e2eKit.js";

const RANK: Record<string, number> = { NEW: 0, PARTIALLY_FILLED: 1, FILLED: 2, CANCELED: 2, PARTIALLY_CANCELED: 2 };

describe("stream end to end", () => {
  let sim: RunningSimulator;
  let gateway: RunningGateway;
  const data = tempDir("stream");

  beforeAll(async () => {
    sim = await startBusySimulator({ seed: 11 });
    await setTrader(sim, false);
    gateway = await startGateway(
      settingsFor(["--port", "0", "--data", data.path, "--batch-ms", "20"], simulatorEnv(sim)),
      {
        logger: createLogger({ level: "silent" }),
      },
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await sim?.close();
    data.remove();
  });

  it("says live mode in hello and /api/health", async () => {
    const browser = await BrowserClient.open(gateway.url);
    await waitFor("hello", () => browser.messages.find((m) => m.type === "hello"));
    expect(browser.messages[0]).toMatchObject({ type: "hello", mode: "live", quote: "USDT" });
    const health = await getJson<Health>(`${gateway.url}api/health`);
    expect(health.mode).toBe("live");
    await browser.close();
  });

  it("delivers every fill once, in exchange order, and order updates only forward", async () => {
    const browser = await BrowserClient.open(gateway.url);
    browser.subscribe(["fills", "orders", "balances", "equity"]);
    await waitFor("the fills snapshot", () => (browser.snapshot("fills") !== undefined ? true : undefined));
    const before = new Set((await ledger(sim)).trades.map((trade) => trade.id));

    await setTrader(sim, true);
    // Until the trader has made a few fills (a loaded machine trades slower than a quiet one).
    await waitFor(
      "a few new fills in the simulator's ledger",
      async () => ((await ledger(sim)).trades.filter((trade) => !before.has(trade.id)).length > 3 ? true : undefined),
      30_000,
      250,
    );
    await quiesce(sim);
    const book = await ledger(sim);
    const expected = book.trades.filter((trade) => !before.has(trade.id)).map((trade) => trade.id);
    expect(expected.length).toBeGreaterThan(3);
    await waitFor("every new fill at the browser", () => {
      const seen = new Set(browser.items<FillItem>("fills").map((fill) => fill.tradeId));
      return expected.every((id) => seen.has(id)) ? true : undefined;
    });

    const received = browser.updates("fills").map((update) => (update.data as FillItem).tradeId);
    expect(new Set(received).size).toBe(received.length);
    expect(received.filter((id) => expected.includes(id))).toEqual(expected);
    for (const update of browser.updates("fills")) {
      expect(update.exchangeTime).toBeGreaterThan(0);
      expect(update.receiveTime).toBeGreaterThanOrEqual(update.exchangeTime - 5_000);
    }

    const states = new Map<string, OrderItem>();
    const seenStates = new Set<string>();
    for (const update of browser.updates("orders")) {
      const order = update.data as OrderItem;
      const key = `${order.orderId}/${order.status}/${order.executedQuantity}`;
      expect(seenStates.has(key), `order state repeated: ${key}`).toBe(false);
      seenStates.add(key);
      const held = states.get(order.orderId);
      if (held) {
        const moved = Number(order.executedQuantity) - Number(held.executedQuantity);
        expect(
          moved > 0 || (moved === 0 && RANK[order.status]! > RANK[held.status]!),
          `order ${order.orderId} went backwards`,
        ).toBe(true);
      }
      states.set(order.orderId, order);
    }
    for (const order of book.orders.filter((entry) => states.has(entry.orderId))) {
      await waitFor(`order ${order.orderId} final state`, () =>
        browser
          .items<OrderItem>("orders")
          .some((item) => item.orderId === order.orderId && item.status === order.status) ||
        browser
          .updates("orders")
          .some((u) => (u.data as OrderItem).orderId === order.orderId && (u.data as OrderItem).status === order.status)
          ? true
          : undefined,
      );
    }
    expect(browser.updates("equity").length).toBeGreaterThan(0);
    await browser.close();
  }, 40_000);

  it("serves the same fills over HTTP, newest first, with their source", async () => {
    const page = await getJson<{ items: FillItem[] }>(`${gateway.url}api/fills?limit=1000`);
    const book = await ledger(sim);
    await waitFor("every ledger trade in /api/fills", async () => {
      const items = (await getJson<{ items: FillItem[] }>(`${gateway.url}api/fills?limit=1000`)).items;
      return items.length === book.trades.length ? true : undefined;
    });
    expect(page.items.every((fill) => fill.source === "stream" || fill.source === "rest")).toBe(true);
    const times = page.items.map((fill) => fill.time);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
