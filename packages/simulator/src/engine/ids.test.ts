import { describe, expect, it } from "vitest";
import { DOCUMENTED_FILLS, START_TIME, testExchange } from "../../test/testExchange.js";
import { sequenceAt } from "./ids.js";

/** The 18-digit sequence of an order id (`C02__<18><3>`) or a trade id (`<18>X1`). */
const sequence = (id: string) => BigInt(id.replace(/^C02__/, "").slice(0, 18));

/** An exchange seeded 41 and started at `startTime`; alice's three orders each fill against bob's book. */
function tradeAt(startTime: number) {
  const t = testExchange({ seed: 41, startTime, behaviours: DOCUMENTED_FILLS });
  t.exchange.createAccount("alice");
  t.exchange.createAccount("bob");
  t.exchange.credit("alice", "USDT", "100000");
  t.exchange.credit("bob", "BTC", "1");
  for (const price of ["97000", "97100", "97200"])
    t.exchange.placeOrder({ account: "bob", symbol: "BTCUSDT", side: "SELL", type: "LIMIT", price, quantity: "0.1" });
  for (let index = 0; index < 3; index++)
    t.exchange.placeOrder({ account: "alice", symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.1" });
  const ledger = (account: string) => t.exchange.ledger(account);
  const orders = [...ledger("alice").orders, ...ledger("bob").orders];
  const trades = [...ledger("alice").trades, ...ledger("bob").trades];
  return { t, orderIds: orders.map((order) => order.orderId), tradeIds: trades.map((trade) => trade.id) };
}

describe("order and trade ids", () => {
  it("are never those of an earlier run with the same seed: a restart a second later reuses none", () => {
    const first = tradeAt(START_TIME);
    const restarted = tradeAt(START_TIME + 1_000);
    expect(first.tradeIds).toHaveLength(6);
    expect(restarted.tradeIds).toHaveLength(6);
    const earlier = new Set([...first.orderIds, ...first.tradeIds]);
    for (const id of [...restarted.orderIds, ...restarted.tradeIds]) expect(earlier.has(id), id).toBe(false);
    // Every id of the restart sorts after every id of the first run, as MEXC's time-ordered ids do.
    const [lastOfFirst] = [...first.orderIds, ...first.tradeIds].map(sequence).sort((a, b) => (a > b ? -1 : 1));
    for (const id of restarted.orderIds) expect(sequence(id) > lastOfFirst!).toBe(true);
  });

  it("follow the wall clock like MEXC's snowflakes: an order placed later sorts at or above that time's place", () => {
    const t = testExchange({ seed: 41 });
    t.exchange.createAccount("alice");
    t.exchange.credit("alice", "USDT", "100000");
    const place = () =>
      t.exchange.placeOrder({
        account: "alice",
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT",
        price: "1000",
        quantity: "0.01",
      });
    const early = place();
    expect(sequence(early.orderId) >= sequenceAt(START_TIME)).toBe(true);
    t.clock.set(START_TIME + 60_000);
    const late = place();
    expect(sequence(late.orderId) >= sequenceAt(START_TIME + 60_000)).toBe(true);
    expect(sequence(late.orderId) > sequence(early.orderId)).toBe(true);
    expect(late.orderId).toMatch(/^C02__\d{21}$/);
  });

  it("place a time as MEXC does: the captured order id created at 1754996075502 falls within that ms", () => {
    // docs/mexc/protocol.md: {"id":"C02__583905164440776704043", ..., "createTime":"1754996075502"}
    const captured = sequence("C02__583905164440776704043");
    expect(sequenceAt(1_754_996_075_502) <= captured).toBe(true);
    expect(captured < sequenceAt(1_754_996_075_503)).toBe(true);
  });
});
