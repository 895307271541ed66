import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { csvRecords } from "../../test/csvReader.js";
import { EXAMPLE_T0, exampleMarketOf } from "../../test/exportExample.js";
import { type ExampleStore, exportText, openExampleStore } from "../../test/exportKit.js";
import { fillEvent, transferEvent } from "../../test/storeEvents.js";
import {
  csvStream,
  EXPORT_BUFFER_BYTES,
  EXPORT_ROWS_PER_SLICE,
  EXPORT_SLICE_BYTES,
} from "../http/routes/exportStream.js";
import type { GatewayStore } from "../store/index.js";
import { EXPORT_FORMAT_NAMES, exportFile } from "./exportFile.js";
import type { ExportStore } from "./exportHistory.js";

let example: ExampleStore;
afterEach(() => example?.close());

const DAY = 86_400_000;

/** `count` more BTCUSDT fills, a second apart, after the example. */
function storeFills(store: GatewayStore, count: number): void {
  for (let n = 0; n < count; n++) {
    store.upsertFill(
      fillEvent({
        timestamp: EXAMPLE_T0 + DAY + n * 1000,
        tradeId: `8${String(n).padStart(17, "0")}`,
        orderId: `O${n}`,
      }),
    );
  }
}

/** `store` as an export reads it, counting the fills and transfers it has read and whether its walks were closed. */
function counted(store: GatewayStore) {
  const seen = { rows: 0, closed: 0 };
  function* count<T>(rows: Generator<T>): Generator<T> {
    try {
      for (const row of rows) {
        seen.rows++;
        yield row;
      }
    } finally {
      seen.closed++;
    }
  }
  const reads: ExportStore = {
    fillHistory: (query) => count(store.fillHistory(query)),
    fillsMark: () => store.fillsMark(),
    exportTransfers: (query) => count(store.exportTransfers(query)),
    transfersMark: () => store.transfersMark(),
    conversionLegs: (leg) => store.conversionLegs(leg),
    lastFillPerSymbol: () => store.lastFillPerSymbol(),
  };
  return { seen, reads };
}

/** Lets the event loop turn until `read()` stops moving (at most `turns` turns). */
async function settle(read: () => number, turns = 20_000): Promise<void> {
  let still = 0;
  let before = read();
  for (let n = 0; n < turns && still < 200; n++) {
    await new Promise((resolve) => setImmediate(resolve));
    still = read() === before ? still + 1 : 0;
    before = read();
  }
}

describe("an export to another tool, streamed", () => {
  it("goes through the exports' stream in slices of at most EXPORT_ROWS_PER_SLICE rows, the same file as read at once", async () => {
    example = openExampleStore();
    storeFills(example.store, 3_000);
    for (const name of EXPORT_FORMAT_NAMES) {
      const file = exportFile(name, example.store, { marketOf: exampleMarketOf });
      const slices: number[] = [];
      let text = "";
      for await (const chunk of csvStream(file.head, file.steps, (rows) => slices.push(rows))) text += chunk;
      expect(Math.max(...slices), name).toBeLessThanOrEqual(EXPORT_ROWS_PER_SLICE);
      expect(slices.length, name).toBeGreaterThanOrEqual(6);
      expect(text, name).toBe(exportText(name, example.store));
    }
    expect(csvRecords(exportText("koinly", example.store)).records).toHaveLength(3_000 + 12);
  });

  it("reads a bounded number of rows for a client that stops reading, whatever the history's length", async () => {
    example = openExampleStore();
    storeFills(example.store, 6_000);
    const { seen, reads } = counted(example.store);
    const file = exportFile("koinly", reads, { marketOf: exampleMarketOf });
    const stuck = new Writable({ highWaterMark: 1, write: () => {} });
    const stream = csvStream(file.head, file.steps);
    stream.pipe(stuck);
    await settle(() => seen.rows);
    // The reply's buffer and a slice over it, in Koinly lines of at least 100 bytes, and a slice's rows.
    const bound = (EXPORT_BUFFER_BYTES + 2 * EXPORT_SLICE_BYTES) / 100 + EXPORT_ROWS_PER_SLICE;
    expect(seen.rows).toBeGreaterThan(0);
    expect(seen.rows).toBeLessThanOrEqual(bound);
    // The client goes away: both walks of the store are closed.
    stream.destroy();
    await settle(() => seen.closed);
    expect(seen.closed).toBe(2);
  });

  it("holds the history there was when it began: a fill or a transfer stored while it streams is not in it", () => {
    example = openExampleStore();
    const file = exportFile("rotkiEvents", example.store, { marketOf: exampleMarketOf });
    example.store.upsertTransfer(transferEvent({ id: "late-deposit", txId: "late", time: EXAMPLE_T0 + 2 * DAY }));
    example.store.upsertFill(fillEvent({ timestamp: EXAMPLE_T0 + 2 * DAY, tradeId: "late-fill" }));
    let text = file.head;
    for (const piece of file.steps) text += piece ?? "";
    expect(text).not.toContain("late");
    expect(exportText("rotkiEvents", example.store)).toContain("late-deposit");
  });

  it("writes a deposit before a fill of the same ms, and names before the first row the pairs it cannot place", () => {
    example = openExampleStore();
    example.store.upsertTransfer(transferEvent({ id: "same-ms", txId: "same", time: EXAMPLE_T0 + DAY }));
    example.store.upsertFill(fillEvent({ timestamp: EXAMPLE_T0 + DAY, tradeId: "F-same-ms" }));
    example.store.upsertFill(fillEvent({ timestamp: EXAMPLE_T0 + DAY, symbol: "XYZUSDT", tradeId: "F-unknown" }));
    const file = exportFile("koinly", example.store, { marketOf: exampleMarketOf });
    expect(file.unknownSymbols).toEqual(["XYZUSDT"]);
    const { records } = csvRecords(exportText("koinly", example.store));
    const last = records.slice(-2).map((row) => row.Description);
    expect(last).toEqual(["MEXC deposit same-ms (TRX)", expect.stringContaining("trade F-same-ms")]);
    expect(records.some((row) => row.Description?.includes("F-unknown"))).toBe(false);
  });

  it("refuses a range that is not one at once, naming the field", () => {
    example = openExampleStore();
    expect(() => exportFile("koinly", example.store, { marketOf: exampleMarketOf, from: 1.5 })).toThrow(
      "from is not a time in ms",
    );
  });

  it("gives ids as the configured mask does", () => {
    example = openExampleStore();
    const mask = <T>(item: T): T =>
      item !== null && typeof item === "object" && "tradeId" in item ? { ...item, tradeId: "masked" } : item;
    const text = exportText("rotkiTrades", example.store, { mask });
    expect(text).not.toContain("trade 741000000000000001");
    expect(text).toContain("trade masked");
  });
});
