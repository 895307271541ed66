import { DAY_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { fillEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { sumStoredFills } from "./fillSums.js";

const T0 = Date.UTC(2026, 5, 1);

function storeFill(
  store: GatewayStore,
  n: number,
  time: number,
  overrides: Partial<Parameters<typeof fillEvent>[0]> = {},
) {
  store.upsertFill(
    fillEvent({
      tradeId: `t${n}`,
      symbol: n % 3 === 0 ? "ETHUSDT" : "BTCUSDT",
      side: n % 2 === 0 ? "BUY" : "SELL",
      quantity: `0.${n}`,
      amount: `${n}.5`,
      fee: `0.00${n}`,
      feeCurrency: n % 4 === 0 ? "MX" : "USDT",
      timestamp: time,
      localTimestamp: time,
      ...overrides,
    }),
    "0",
  );
}

/** The sums as a fresh read of every fill gives them, and how many fills it read. */
async function summed(store: GatewayStore) {
  let read = 0;
  const result = await sumStoredFills(
    store,
    async (fills) => {
      read += fills;
      return false;
    },
    (sums) => ({ fills: sums.fills, first: sums.first }),
  );
  return { result, read };
}

describe("each pair's sums of every fill, kept between rebuilds", () => {
  it("reads only the fills stored since the sums it kept, and gives what summing every fill gives", async () => {
    const store = openStore({ path: ":memory:", retention: { fillsDays: 30 } });
    for (let n = 1; n <= 40; n++) storeFill(store, n, T0 + n * DAY_MS);
    const first = await summed(store);
    expect(first.read).toBe(40);
    expect(first.result?.first).toBe(T0 + DAY_MS);

    // Stored later, older and newer than all the rest: only they are read.
    storeFill(store, 41, T0 - DAY_MS);
    storeFill(store, 42, T0 + 50 * DAY_MS);
    const next = await summed(store);
    expect(next.read).toBe(2);
    expect(next.result?.first).toBe(T0 - DAY_MS);
    const nothingNew = await summed(store);
    expect(nothingNew.read).toBe(0);

    const fresh = openStore({ path: ":memory:" });
    for (let n = 1; n <= 42; n++) storeFill(fresh, n, n === 41 ? T0 - DAY_MS : T0 + (n === 42 ? 50 : n) * DAY_MS);
    const whole = await summed(fresh);
    expect(whole.read).toBe(42);
    expect(next.result).toEqual(whole.result);
    expect(nothingNew.result).toEqual(whole.result);

    // Retention deleted fills the sums hold: every fill is summed again.
    const deleted = (await store.applyRetention(T0 + 40 * DAY_MS)).fills;
    expect(deleted).toBeGreaterThan(0);
    const after = await summed(store);
    expect(after.read).toBe(42 - deleted);
    fresh.close();
    store.close();
  });

  it("keeps no sums when fills are deleted while it reads (retention between two chunks)", async () => {
    const store = openStore({ path: ":memory:", retention: { fillsDays: 30 } });
    for (let n = 1; n <= 40; n++) storeFill(store, n, T0 + n * DAY_MS);
    let deleted = 0;
    await sumStoredFills(
      store,
      async () => {
        deleted += (await store.applyRetention(T0 + 40 * DAY_MS)).fills;
        return false;
      },
      (sums) => sums,
    );
    expect(deleted).toBeGreaterThan(0);
    expect(store.fillSums.saved()).toBeUndefined();
    const next = await summed(store);
    expect(next.read).toBe(40 - deleted);
    store.close();
  });

  it("sums every fill again when the kept sums do not parse", async () => {
    const store = openStore({ path: ":memory:" });
    for (let n = 1; n <= 5; n++) storeFill(store, n, T0 + n * DAY_MS);
    const kept = await summed(store);
    const saved = store.fillSums.saved();
    if (saved === undefined) throw new Error("no sums kept");
    store.fillSums.save({ ...saved, sums: "{not json" });
    const again = await summed(store);
    expect(again.read).toBe(5);
    expect(again.result).toEqual(kept.result);
    store.close();
  });
});
