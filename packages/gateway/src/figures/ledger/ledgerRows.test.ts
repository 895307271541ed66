import { afterEach, describe, expect, it } from "vitest";
import { type GatewayStore, openStore } from "../../store/index.js";
import { KEEPER_ROWS, LedgerRows, type TextRow } from "./ledgerRows.js";

const DAY = 86_400_000;
let store: GatewayStore | undefined;
afterEach(() => store?.close());

function rowsOnStore(): LedgerRows {
  const opened = openStore({ path: ":memory:" });
  store = opened;
  return new LedgerRows(() => (opened.isOpen ? opened.checkpoints : undefined));
}

/** `days` days of a model's series and a whole checkpoint every tenth day, and the keeper's meta. */
function history(days: number): TextRow[] {
  const rows: TextRow[] = [{ model: KEEPER_ROWS, kind: "meta", day: 0, text: "{}" }];
  for (let day = 0; day < days; day++) {
    rows.push({ model: "portfolio", kind: "series", day: day * DAY, text: `day ${day}` });
    if (day % 10 === 0) {
      rows.push({ model: "portfolio", kind: "state", day: day * DAY, text: `state ${day}` });
      rows.push({ model: KEEPER_ROWS, kind: "checkpoint", day: day * DAY, text: "" });
    }
  }
  return rows;
}

describe("the keeper's rows", () => {
  it("writes a row too large to deflate at once off the event loop, and reads it back the same", async () => {
    const rows = rowsOnStore();
    // A day's marks at a million fills: hundreds of kB of digits.
    const large = Array.from({ length: 40_000 }, (_, n) => `${n * 7919},`).join("");
    const written = rows.write([
      { model: "portfolio", kind: "series", day: DAY, text: large },
      { model: "portfolio", kind: "series", day: 2 * DAY, text: "small" },
    ]);
    // Deflated in libuv's pool: nothing is in the table yet, and both rows come in one transaction.
    expect(rows.rows("portfolio", "series")).toEqual([]);
    await written;
    expect(rows.rows("portfolio", "series")).toEqual([
      [DAY, large],
      [2 * DAY, "small"],
    ]);
  });

  it("clears every row a few at a time, the event loop served between the pieces", async () => {
    const rows = rowsOnStore();
    rows.put(history(200));
    let pieces = 0;
    await rows.clear(async () => {
      pieces++;
      await new Promise((resolve) => setImmediate(resolve));
    });
    expect(pieces).toBeGreaterThan(5);
    expect(rows.get(KEEPER_ROWS, "meta", 0)).toBeUndefined();
    expect(rows.rows("portfolio", "series")).toEqual([]);
    expect(rows.rows("portfolio", "state")).toEqual([]);
  });

  it("leaves no checkpoint to resume from when a clear is cut short (a stop between two pieces)", async () => {
    const rows = rowsOnStore();
    rows.put(history(200));
    const stopped = new Error("stopped");
    await expect(
      rows.clear(async () => {
        throw stopped;
      }),
    ).rejects.toBe(stopped);
    // Series rows are left, but no whole checkpoint and no meta: the next start builds from scratch.
    expect(rows.rows("portfolio", "series").length).toBeGreaterThan(0);
    expect(rows.latestCheckpoint(Number.MAX_SAFE_INTEGER)).toBeUndefined();
    expect(rows.get(KEEPER_ROWS, "meta", 0)).toBeUndefined();
  });
});
