import { afterEach, describe, expect, it } from "vitest";
import { type GatewayStore, openStore } from "./index.js";

let store: GatewayStore;
afterEach(() => store?.close());

const checkpoint = (chunks: number[]) => ({
  ...{ builtOn: "1:[]", fills: 2, last: undefined, state: "{}", chunks },
  ...{ rowMark: 2, removed: 0 },
});

describe("the journal's checkpoints", () => {
  it("reads back the chunks its row names, and is gone when one is missing", () => {
    store = openStore({ path: ":memory:" });
    const generation = store.journal.generation();
    store.journal.putChunk("fifo", 0, generation, "a");
    store.journal.put("fifo", checkpoint([generation, generation]), [{ chunk: 1, generation, lines: "b" }]);
    const saved = store.journal.get("fifo");
    expect(saved?.chunks).toEqual([generation, generation]);
    expect([saved?.rowMark, saved?.removed]).toEqual([2, 0]);
    expect([0, 1].map((chunk) => store.journal.chunk("fifo", chunk, generation))).toEqual(["a", "b"]);
    expect(store.journal.get("avg")).toBeUndefined();
  });

  it("a new row deletes the chunks it no longer names, of its own method only", () => {
    store = openStore({ path: ":memory:" });
    const first = store.journal.generation();
    store.journal.put("fifo", checkpoint([first, first]), [
      { chunk: 0, generation: first, lines: "a" },
      { chunk: 1, generation: first, lines: "b" },
    ]);
    store.journal.put("avg", checkpoint([first]), [{ chunk: 0, generation: first, lines: "x" }]);
    const second = store.journal.generation();
    store.journal.put("fifo", checkpoint([first]), []);
    expect(store.journal.chunk("fifo", 1, first)).toBeUndefined();
    store.journal.put("fifo", checkpoint([second]), [{ chunk: 0, generation: second, lines: "c" }]);
    expect(store.journal.chunk("fifo", 0, first)).toBeUndefined();
    expect(store.journal.chunk("fifo", 0, second)).toBe("c");
    expect(store.journal.chunk("avg", 0, first)).toBe("x");
  });

  it("deletes the chunks writes given up left behind a few at a time, never one its row names", () => {
    store = openStore({ path: ":memory:" });
    const named = store.journal.generation();
    store.journal.put("fifo", checkpoint([named]), [{ chunk: 0, generation: named, lines: "kept" }]);
    for (let at = 0; at < 10; at++) store.journal.putChunk("fifo", at, store.journal.generation(), "left behind");
    expect([
      store.journal.dropUnnamed("fifo"),
      store.journal.dropUnnamed("fifo"),
      store.journal.dropUnnamed("fifo"),
    ]).toEqual([8, 2, 0]);
    expect(store.journal.chunk("fifo", 0, named)).toBe("kept");
  });
});
