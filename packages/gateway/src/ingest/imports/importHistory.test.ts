import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_CELL_CHARS, MAX_DECIMAL_DIGITS } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { fillEvent, transferEvent } from "../../../test/storeEvents.js";
import { tradeExport } from "../../../test/tradeExport.js";
import { ImportError, ImportStopped } from "../../errors.js";
import { type GatewayStore, openStore } from "../../store/index.js";
import { MAX_CSV_CELLS } from "./csvText.js";
import { importHistory } from "./importHistory.js";
import { MAX_PROBLEMS, parseMexcExport } from "./mexcExports.js";

let store: GatewayStore;
afterEach(() => store?.close());

const lines = (...rows: string[]) => rows.join("\r\n");

describe("MEXC's exported files", () => {
  it("reads the 2024 trade export: BUY/SELL, a bare fee in the quote asset", () => {
    const parsed = parseMexcExport(
      lines(
        "Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
        "ETH_USDT,2024-08-02 10:00:00,SELL,2500.10,0.4,1000.04,1.00004,Maker",
      ),
    );
    expect(parsed.format).toBe("trades");
    expect(parsed.fills).toEqual([
      expect.objectContaining({
        symbol: "ETHUSDT",
        side: "SELL",
        price: "2500.1",
        quantity: "0.4",
        amount: "1000.04",
        fee: "1.00004",
        feeCurrency: "USDT",
        isMaker: true,
        timestamp: Date.UTC(2024, 7, 2, 10, 0, 0),
        source: "import",
      }),
    ]);
  });

  it("reads the German export's headers, a BOM, quoted cells and a fee paid in MX", () => {
    const parsed = parseMexcExport(
      `\uFEFF${lines("Paare,Zeit,Seite,Realisierter Preis,Ausgeführter Betrag,Gesamt,Gebühr,Rolle", 'PEPEUSDT,2025-01-05 00:00:00,Buy,"0.00001234","1,000,000",12.34,0.01MX,Taker')}`,
    );
    expect(parsed.fills[0]).toMatchObject({ symbol: "PEPEUSDT", quantity: "1000000", fee: "0.01", feeCurrency: "MX" });
  });

  it("reads times in the zone the header names", () => {
    const parsed = parseMexcExport(
      lines(
        "Pairs,Time(UTC+08:00),Side,Filled Price,Executed Amount,Total,Fee,Role",
        "BTC_USDT,2025-01-01 08:00:00,Buy,1,1,1,0USDT,Taker",
      ),
    );
    expect(parsed.fills[0]?.timestamp).toBe(Date.UTC(2025, 0, 1, 0, 0, 0));
  });

  it("reads deposits and withdrawals (the amount that left is the settlement, the fee apart)", () => {
    const deposits = parseMexcExport(
      lines(
        "UID,Status,Time,Crypto,Network,Deposit Amount,TxID,Progress",
        "1,Credited Successfully,2025-12-18 22:13:41,USDT,Tron(TRC20),500,0xabc:0,(465/450)",
      ),
    );
    expect(deposits.transfers[0]).toMatchObject({
      type: "deposit",
      id: "0xabc:0",
      asset: "USDT",
      amount: "500",
      state: "completed",
    });
    const withdrawals = parseMexcExport(
      lines(
        "UID,Status,Time,Crypto,Network,Request Amount,Withdrawal Address,memo,TxID,Trading Fee,Settlement Amount,Withdrawal Descriptions",
        "1,Withdrawal Successful,2025-12-19 01:00:00,BTC,Bitcoin(BTC),0.1,bc1qxyz,--,feed01,0.0002,0.0998,-",
      ),
    );
    expect(withdrawals.transfers[0]).toMatchObject({
      type: "withdrawal",
      amount: "0.0998",
      fee: "0.0002",
      txId: "feed01",
      state: "completed",
    });
  });

  it("names every bad row by its line and refuses the file", () => {
    try {
      parseMexcExport(
        lines(
          "Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
          "BTC_USDT,2025-01-01 00:00:00,Buy,1,1,1,0,Taker",
          "BTC_USDT,2025-01-01 00:00:00,Buy,1e5,1,1,0,Taker",
          "",
          "BTC-USDT,2025-01-01 00:00:00,Buy,1,1,1,0,Taker",
        ),
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).problems).toEqual([
        { line: 3, message: 'Filled Price: "1e5" is not a number' },
        { line: 5, message: 'Pairs: "BTC-USDT" is not a pair such as BTC_USDT' },
      ]);
    }
  });
});

describe("an import into the store", () => {
  it("skips a fill MEXC's API already gave (same pair, side, price and quantity in that second)", async () => {
    store = openStore({ path: ":memory:" });
    const time = Date.UTC(2025, 9, 2, 8, 0, 1, 345);
    store.upsertFill(
      fillEvent({
        tradeId: "api-1",
        symbol: "BTCUSDT",
        side: "BUY",
        price: "61000.50",
        quantity: "0.0100",
        timestamp: time,
        source: "rest",
      }),
    );
    const result = await importHistory(
      store,
      lines(
        "Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
        "BTC_USDT,2025-10-02 08:00:01,BUY,61000.5,0.01,610.005,0.61,Taker",
        "BTC_USDT,2025-10-02 08:00:02,BUY,61000.5,0.01,610.005,0.61,Taker",
      ),
    );
    expect(result).toEqual({ format: "trades", rows: 2, added: 1, duplicates: 1 });
    expect(store.counts().fills).toBe(2);
    // An import is older history: it never moves the point the live client resumes from.
    expect(store.lastFillPerSymbol().BTCUSDT?.tradeId).toBe("api-1");
  });

  it("skips a deposit the API gave under its transaction id, whatever the output suffix", async () => {
    store = openStore({ path: ":memory:" });
    store.upsertTransfer(
      transferEvent({ id: "0xabc:0", txId: "0xabc", amount: "500", time: Date.UTC(2025, 11, 18, 22, 13, 0) }),
    );
    const result = await importHistory(
      store,
      lines(
        "Status,Time,Crypto,Network,Deposit Amount,TxID,Progress",
        "Credited Successfully,2025-12-18 22:13:41,USDT,TRX,500,0xabc,(1/1)",
      ),
    );
    expect(result.added).toBe(0);
    expect(store.transferCounts().deposit).toBe(1);
  });
});

describe("a hostile or broken file", () => {
  const HEADER = "Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role";

  it("refuses amounts with more digits than any MEXC amount, naming the column, without reading them", () => {
    const huge = "9".repeat(80_000);
    const error = refusal(() =>
      parseMexcExport(
        lines(
          HEADER,
          `BTC_USDT,2025-10-02 08:00:01,Buy,${huge},1,1,0USDT,Taker`,
          `BTC_USDT,2025-10-02 08:00:02,Buy,1,0.${huge.slice(0, 45)},1,0USDT,Taker`,
        ),
      ),
    );
    expect(error.problems).toEqual([
      { line: 2, message: `Filled Price: longer than ${MAX_CELL_CHARS} characters` },
      { line: 3, message: `Executed Amount: more than ${MAX_DECIMAL_DIGITS} digits (MEXC's amounts have far fewer)` },
    ]);
  });

  it("reads Maker and Taker in any case, and refuses any other Role with its line, as a bad Side", () => {
    const row = (role: string) => `BTC_USDT,2025-10-02 08:00:01,Buy,1,1,1,0USDT,${role}`;
    const read = parseMexcExport(lines(HEADER, row("Maker"), row("TAKER"), row("maker")));
    expect(read.fills.map((fill) => fill.isMaker)).toEqual([true, false, true]);
    // What invalid UTF-8 becomes once the file is read as text (cli/import.ts, the API): U+FFFD.
    const notUtf8 = Buffer.from([0x4d, 0x61, 0x6b, 0xff, 0x72]).toString("utf8");
    const error = refusal(() =>
      parseMexcExport(lines(HEADER, row("Garbage"), row(""), row(notUtf8), row("Maker"), row("Taker Fee"))),
    );
    expect(error.message).toBe("4 of 5 rows cannot be read; nothing was imported");
    expect(error.problems).toEqual([
      { line: 2, message: 'Role: "Garbage" is neither Maker nor Taker' },
      { line: 3, message: 'Role: "" is neither Maker nor Taker' },
      { line: 4, message: `Role: "${notUtf8}" is neither Maker nor Taker` },
      { line: 6, message: 'Role: "Taker Fee" is neither Maker nor Taker' },
    ]);
    const noRole = refusal(() =>
      parseMexcExport(lines(HEADER.replace(",Role", ""), "BTC_USDT,2025-10-02 08:00:01,Buy,1,1,1,0USDT")),
    );
    expect(noRole.problems).toEqual([{ line: 1, message: "missing: role" }]);
  });

  it("refuses a date that does not exist, or before 2010, or in the future, with its line", () => {
    const now = Date.UTC(2026, 0, 10);
    const row = (time: string) => `BTC_USDT,${time},Buy,1,1,1,0USDT,Taker`;
    const error = refusal(() =>
      parseMexcExport(
        lines(
          HEADER,
          row("2026-13-45 10:00:00"),
          row("2025-02-29 10:00:00"),
          row("2024-02-29 24:00:00"),
          row("0001-01-01 00:00:00"),
          row("2026-02-01 00:00:00"),
          row("2024-02-29 23:59:59"),
        ),
        { now: () => now },
      ),
    );
    expect(error.problems).toEqual([
      { line: 2, message: 'Time: "2026-13-45 10:00:00" is not a date and time that exists' },
      { line: 3, message: 'Time: "2025-02-29 10:00:00" is not a date and time that exists' },
      { line: 4, message: 'Time: "2024-02-29 24:00:00" is not a date and time that exists' },
      { line: 5, message: 'Time: "0001-01-01 00:00:00" is before 2010, older than any MEXC history' },
      { line: 6, message: 'Time: "2026-02-01 00:00:00" is in the future' },
    ]);
  });

  it(`stops reading at ${MAX_PROBLEMS} bad rows and says where`, () => {
    const garbage = Array.from({ length: 50_000 }, (_, n) => `BTC_USDT,2025-10-02 08:00:01,Buy,x${n},1,1,0USDT,Taker`);
    const error = refusal(() => parseMexcExport(lines(HEADER, ...garbage)));
    expect(error.problems).toHaveLength(MAX_PROBLEMS);
    expect(error.problems.at(-1)?.line).toBe(MAX_PROBLEMS + 1);
    expect(error.message).toBe(
      `${MAX_PROBLEMS} rows cannot be read; reading stopped there (line ${MAX_PROBLEMS + 1}), nothing was imported`,
    );
  });

  it("counts lines inside quoted cells and refuses a row of endless columns", () => {
    const error = refusal(() =>
      parseMexcExport(
        lines(
          HEADER,
          '"BTC_\nUSDT",2025-10-02 08:00:01,Buy,1,1,1,0USDT,Taker',
          `BTC_USDT,2025-10-02 08:00:01,Buy,1,1,1,0USDT,Taker${",".repeat(100_000)}`,
        ),
      ),
    );
    expect(error.problems).toEqual([
      { line: 2, message: 'Pairs: "BTC_\nUSDT" is not a pair such as BTC_USDT' },
      { line: 4, message: `more than ${MAX_CSV_CELLS} columns` },
    ]);
  });
});

describe("an import in slices", () => {
  const HEADER = "Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role";
  const rows = (count: number) =>
    Array.from(
      { length: count },
      (_, n) =>
        `BTC_USDT,${new Date(Date.UTC(2025, 9, 2) + n * 1000).toISOString().slice(0, 19).replace("T", " ")},Buy,61000.5,0.01,610.005,0.61USDT,Taker`,
    );

  it("stopped half-way keeps what it stored; the same file again adds the rest", async () => {
    store = openStore({ path: ":memory:" });
    const text = lines(HEADER, ...rows(3_000));
    const stop = new AbortController();
    // Stopped at its first turn given back: one slice (1 ms) stored.
    const importing = importHistory(store, text, { sliceMs: 1, signal: stop.signal });
    stop.abort();
    const stopped = await importing.catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(ImportStopped);
    const kept = store.counts().fills;
    expect(kept).toBe((stopped as ImportStopped).stored);
    expect(kept).toBeLessThan(3_000);
    const again = await importHistory(store, text);
    expect(again).toEqual({ format: "trades", rows: 3_000, added: 3_000 - kept, duplicates: kept });
    expect(store.counts().fills).toBe(3_000);
  });

  it("gives the event loop back between slices", async () => {
    store = openStore({ path: ":memory:" });
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      await importHistory(store, lines(HEADER, ...rows(20_000)), { sliceMs: 5 });
    } finally {
      clearInterval(ticker);
    }
    expect(store.counts().fills).toBe(20_000);
    expect(turns).toBeGreaterThan(2);
  });

  it("keeps SQLite's write-ahead log small: now and then it waits, without holding the event loop, for the log's checkpoint", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mexc-live-import-wal-"));
    try {
      store = openStore({ path: join(dir, "account.db") });
      let largest = 0;
      const watch = setInterval(() => {
        largest = Math.max(largest, statSync(join(dir, "account.db-wal")).size);
      }, 5);
      try {
        // A slice per millisecond: the importer writes in nearly every turn of the event loop.
        await importHistory(store, tradeExport({ rows: 20_000 }), { sliceMs: 1 });
      } finally {
        clearInterval(watch);
      }
      expect(store.counts().fills).toBeGreaterThan(19_000);
      // Without the waits the checkpoint never had a turn with nothing new written, and the log held every page the import wrote.
      expect(largest).toBeLessThan(16 * 2 ** 20);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The ImportError `run` throws. */
function refusal(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("not refused");
}
