import { afterEach, describe, expect, it } from "vitest";
import { type GatewayStore, openStore } from "./index.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

let store: GatewayStore | undefined;

afterEach(() => {
  store?.close();
  store = undefined;
});

function planned(): GatewayStore {
  store = openStore({ path: ":memory:" });
  store.planBackfill({ plannedAt: T0 + 30 * DAY, historyFrom: T0 }, [
    { kind: "fills", symbol: "BTCUSDT", start: T0, end: T0 + DAY - 1 },
    { kind: "fills", symbol: "BTCUSDT", start: T0 + DAY, end: T0 + 2 * DAY - 1 },
  ]);
  return store;
}

const doneOf = (store: GatewayStore) => store.backfill().windows.map((window) => window.doneAt !== null);

describe("the backfill's plan", () => {
  it("reads its windows once while nothing changes (the header's progress asks every second)", () => {
    const store = planned();
    expect(store.backfill().windows).toBe(store.backfill().windows);
  });

  it("says at once what a completed window, a window added and a completion rolled back did", () => {
    const store = planned();
    expect(doneOf(store)).toEqual([false, false]);
    expect(store.completeBackfillWindow({ kind: "fills", symbol: "BTCUSDT", start: T0 }, () => 3)).toBe(3);
    expect(doneOf(store)).toEqual([true, false]);
    expect(store.backfill().windows[0]?.items).toBe(3);

    store.planBackfill({ plannedAt: T0 + 30 * DAY, historyFrom: T0 }, [
      { kind: "orders", symbol: "BTCUSDT", start: T0, end: T0 + DAY - 1 },
    ]);
    expect(store.backfill().windows.map((window) => window.kind)).toEqual(["fills", "fills", "orders"]);

    // Its rows failed to store: the window stays to fetch, and is read so.
    expect(() =>
      store.completeBackfillWindow({ kind: "fills", symbol: "BTCUSDT", start: T0 + DAY }, () => {
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    expect(doneOf(store)).toEqual([true, false, false]);
  });
});
