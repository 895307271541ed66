import { afterEach, describe, expect, it } from "vitest";
import { fillEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "./store.js";

let store: GatewayStore;
afterEach(() => store?.close());

const T = 1_750_000_000_000;

describe("the figures' checkpoint against the fills stored", () => {
  it("counts the fills at or before its last fill, ties at the same ms by trade id, and stands only while they are as many", () => {
    store = openStore({ path: ":memory:" });
    const add = (tradeId: string, time: number) => store.upsertFill(fillEvent({ tradeId, timestamp: time }), null);
    add("a", T - 5);
    add("m", T);
    add("p", T);
    add("z", T); // after the checkpoint's last fill at the same ms
    add("b", T + 5); // later
    expect(store.fillsUpTo({ time: T, tradeId: "p" })).toBe(3);
    expect(store.fillsUpTo({ time: T, tradeId: "m" })).toBe(2);
    expect(store.fillsUpTo({ time: T - 6, tradeId: "zz" })).toBe(0);
    const save = () =>
      store.saveFiguresCheckpoint({ fills: 3, last: { time: T, tradeId: "p" }, openings: "[]", state: "{}", days: [] });
    save();
    expect(store.figuresCheckpoint()?.fills).toBe(3);
    // A fill stored later that sorts before the checkpoint's last (same ms, a smaller trade id): stale.
    add("c", T);
    expect(store.figuresCheckpoint()).toBeUndefined();
  });
});
