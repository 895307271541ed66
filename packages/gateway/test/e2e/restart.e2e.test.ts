/**
 * kill -9 the gateway mid-stream and restart it on the same data directory: the database must end
 * up with exactly the simulator's trades and orders of the account (GET /_sim/ledger), none
 * lost, none twice, and every order in its final state. The trader keeps trading while the
 * gateway is dead, so the restart has to reconcile what it missed. Graceful shutdown (SIGTERM)
 * must delete the listen key it created (the killed run's key is left to expire).
 */

import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { RunningSimulator } from "@mexc-live/simulator";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARKET_DATABASE_FILE } from "../../src/store/candles.js";
import {
  GatewayProcess,
  getJson,
  ledger,
  quiesce,
  simulatorEnv,
  startBusySimulator,
  tempDir,
  waitFor,
} from "../e2eKit.js";

describe("restart after kill -9", () => {
  let sim: RunningSimulator;
  const data = tempDir("restart");
  const processes: GatewayProcess[] = [];

  beforeAll(async () => {
    sim = await startBusySimulator({ seed: 23 });
  });

  afterAll(async () => {
    await Promise.all(processes.map((gateway) => gateway.stop("SIGKILL")));
    await sim?.close();
    data.remove();
  });

  it("loses no row and duplicates none", async () => {
    const args = ["--port", "0", "--data", data.path, "--log-level", "warn"];
    const first = GatewayProcess.spawn(args, simulatorEnv(sim));
    processes.push(first);
    const firstUrl = await first.url();
    await waitFor(
      "some fills stored by the first run",
      async () =>
        (await getJson<{ items: unknown[] }>(`${firstUrl}api/fills?limit=5`)).items.length >= 3 ? true : undefined,
      20_000,
    );
    await first.kill9();
    // A killed process cannot delete its listen key: it stays until MEXC expires it.
    const orphaned = sim.listenKeys.list("demo");
    const killedAt = Date.now();

    // The trader goes on while the gateway is down: the restart must find these by REST. At least
    // one trade, however long a loaded machine makes the trader take (2 s used to be assumed).
    await waitFor(
      "a trade made while the gateway is down",
      async () => ((await ledger(sim)).trades.some((trade) => trade.time > killedAt) ? true : undefined),
      30_000,
    );
    const restartedAt = Date.now();
    const second = GatewayProcess.spawn(args, simulatorEnv(sim));
    processes.push(second);
    const secondUrl = await second.url();
    // And after the restart: a trade the restarted gateway hears live.
    await waitFor(
      "a trade made after the restart",
      async () => ((await ledger(sim)).trades.some((trade) => trade.time > restartedAt) ? true : undefined),
      30_000,
    );
    await quiesce(sim);
    const book = await ledger(sim);

    await waitFor(
      "every ledger trade stored",
      async () => {
        const page = await getJson<{ items: unknown[] }>(`${secondUrl}api/fills?limit=1000`);
        return page.items.length >= book.trades.length ? true : undefined;
      },
      20_000,
    );
    await waitFor(
      "every ledger order in its final state",
      async () => {
        const page = await getJson<{ items: { orderId: string; status: string }[] }>(
          `${secondUrl}api/orders?status=all&limit=1000`,
        );
        const status = new Map(page.items.map((order) => [order.orderId, order.status]));
        return book.orders.every((order) => status.get(order.orderId) === order.status) ? true : undefined;
      },
      20_000,
    );
    expect(await second.stop("SIGTERM")).toBe(0);
    expect(sim.listenKeys.list("demo")).toEqual(orphaned);

    // The account's store (market.db beside it holds MEXC's candles, shared by every account).
    const file = readdirSync(data.path).find((name) => name.endsWith(".db") && name !== MARKET_DATABASE_FILE)!;
    const db = new Database(join(data.path, file), { readonly: true });
    try {
      const fills = db
        .prepare("SELECT trade_id AS id, order_id AS orderId, price, quantity, source FROM fills")
        .all() as {
        id: string;
        orderId: string;
        price: string;
        quantity: string;
        source: string;
      }[];
      const missed = book.trades
        .filter((trade) => trade.time > killedAt && trade.time < restartedAt)
        .map((trade) => trade.id);
      expect(missed.length, "trades made while the gateway was down").toBeGreaterThan(0);
      const source = new Map(fills.map((fill) => [fill.id, fill.source]));
      for (const id of missed) expect(source.get(id), `missed trade ${id}`).toBe("rest");
      expect(fills.map((fill) => fill.id).sort()).toEqual(book.trades.map((trade) => trade.id).sort());
      const byId = new Map(book.trades.map((trade) => [trade.id, trade]));
      for (const fill of fills) {
        const trade = byId.get(fill.id)!;
        expect(Number(fill.price)).toBe(Number(trade.price));
        expect(Number(fill.quantity)).toBe(Number(trade.qty));
        expect(fill.orderId).toBe(trade.orderId);
      }
      const orders = db
        .prepare("SELECT order_id AS orderId, status, executed_quantity AS executed FROM orders")
        .all() as {
        orderId: string;
        status: string;
        executed: string;
      }[];
      expect(orders.map((order) => order.orderId).sort()).toEqual(book.orders.map((order) => order.orderId).sort());
      const stored = new Map(orders.map((order) => [order.orderId, order]));
      for (const order of book.orders) {
        expect(stored.get(order.orderId)?.status, order.orderId).toBe(order.status);
        expect(Number(stored.get(order.orderId)?.executed), order.orderId).toBe(Number(order.executedQty));
      }
      const historyDuplicates = db
        .prepare(
          "SELECT COUNT(*) AS n FROM (SELECT order_id, status, executed_quantity FROM order_history GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)",
        )
        .get() as { n: number };
      expect(historyDuplicates.n).toBe(0);
    } finally {
      db.close();
    }
  }, 90_000);
});
