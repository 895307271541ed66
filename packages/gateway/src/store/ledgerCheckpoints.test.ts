import { afterEach, describe, expect, it } from "vitest";
import type { CheckpointKind, CheckpointRow } from "./ledgerCheckpoints.js";
import { type GatewayStore, openStore } from "./store.js";

const DAY = 86_400_000;
const open: GatewayStore[] = [];

afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function newStore(): GatewayStore {
  const store = openStore({ path: ":memory:" });
  open.push(store);
  return store;
}

/** Forty days of a keeper's rows: two models' series and states, a reading a day, and a checkpoint every tenth day. */
function fortyDays(): CheckpointRow[] {
  const rows: CheckpointRow[] = [];
  for (let n = 1; n <= 40; n++) {
    const day = n * DAY;
    for (const model of ["pairs", "journal"]) rows.push({ model, kind: "series", day, text: `${model} ${n}` });
    rows.push({ model: "portfolio", kind: "reading", day, text: `reading ${n}` });
    if (n % 10 === 0) {
      for (const model of ["pairs", "journal"]) rows.push({ model, kind: "state", day, text: `state ${n}` });
      rows.push({ model: "keeper", kind: "checkpoint", day, text: "" });
    }
  }
  return rows;
}

const days = (store: GatewayStore, model: string, kind: CheckpointKind) =>
  store.checkpoints.rows(model, kind).map(([day]) => day / DAY);

describe("the ledger's checkpoint table", () => {
  it("resumes from a checkpoint a few rows at a time: the later checkpoints' marks go first, then every row the resume makes again", () => {
    const store = newStore();
    store.checkpoints.put(fortyDays());
    // The first piece: no checkpoint after day 20 stands any more, whatever else is left.
    expect(store.checkpoints.resumeSome(20 * DAY)).toBe(true);
    expect(days(store, "keeper", "checkpoint")).toEqual([10, 20]);
    let full = 1;
    while (store.checkpoints.resumeSome(20 * DAY)) full++;
    // 21 days of 2 series and a reading from day 20 on, and 2 states on days 30 and 40: 67 rows,
    // 16 a call (4 calls), the last 3 in the call that says none is left.
    expect(full).toBe(4);
    const before = Array.from({ length: 19 }, (_, n) => n + 1);
    expect(days(store, "pairs", "series")).toEqual(before);
    expect(days(store, "journal", "series")).toEqual(before);
    expect(days(store, "portfolio", "reading")).toEqual(before);
    expect(days(store, "pairs", "state")).toEqual([10, 20]);
    expect(days(store, "journal", "state")).toEqual([10, 20]);
    expect(store.checkpoints.get("journal", "series", 19 * DAY)).toBe("journal 19");
    expect(store.checkpoints.get("journal", "state", 20 * DAY)).toBe("state 20");
  });

  it("resumes from the last day with nothing after it in one call", () => {
    const store = newStore();
    store.checkpoints.put(fortyDays());
    expect(store.checkpoints.resumeSome(41 * DAY)).toBe(false);
    expect(store.checkpoints.count("pairs", "series")).toBe(40);
    expect(days(store, "keeper", "checkpoint")).toEqual([10, 20, 30, 40]);
  });
});
