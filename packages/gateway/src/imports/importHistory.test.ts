import { afterEach, describe, expect, it } from "vitest";
import { fillEvent, transferEvent } from "../../test/storeEvents.js";
import { ImportError } from "../errors.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { importHistory } from "./importHistory.js";
import { parseMexcExport } from "./mexcExports.js";

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
  it("skips a fill MEXC's API already gave (same pair, side, price and quantity in that second)", () => {
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
    const result = importHistory(
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

  it("skips a deposit the API gave under its transaction id, whatever the output suffix", () => {
    store = openStore({ path: ":memory:" });
    store.upsertTransfer(
      transferEvent({ id: "0xabc:0", txId: "0xabc", amount: "500", time: Date.UTC(2025, 11, 18, 22, 13, 0) }),
    );
    const result = importHistory(
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
