/**
 * The files for other tools read back as each tool reads them, by its documentation
 * (docs/exports.md cites each source): the columns, the date form, the signs and where a fee goes.
 * Each reader gives what every asset's balance moves by in the tool's reading, to set against
 * what the stored history says (exportExample.ts balanceChanges). The format tests
 * (src/exports/*.test.ts) and the routes' tests read with these.
 */
import { dec, exact } from "@mexc-live/protocol";
import { expect } from "vitest";
import { csvRecords } from "./csvReader.js";

type Sums = Map<string, ReturnType<typeof dec>>;

/** A decimal as every format writes one: plain digits, no sign, no exponent. */
const DECIMAL = /^\d+(\.\d+)?$/;

function adder(sums: Sums) {
  return (asset: string | undefined, amount: string | undefined, sign: 1 | -1) => {
    if (amount === undefined || amount === "") return;
    expect(amount).toMatch(DECIMAL);
    sums.set(asset as string, (sums.get(asset as string) ?? dec("0")).plus(dec(amount).times(sign)));
  };
}

/** The sums that are not zero, exact. */
function moved(sums: Sums): Map<string, string> {
  return new Map([...sums].filter(([, sum]) => !sum.eq(0)).map(([asset, sum]) => [asset, exact(sum)]));
}

// ------------------------------------------------------------------------------------------ rotki

/** rotki's documented headers (docs.rotki.com, "rotki Generic Import"). */
export const ROTKI_TRADES_HEADER = [
  "Location",
  "Spend Currency",
  "Spend Amount",
  "Receive Currency",
  "Receive Amount",
  "Fee",
  "Fee Currency",
  "Description",
  "Timestamp",
];
export const ROTKI_EVENTS_HEADER = [
  "Type",
  "Location",
  "Currency",
  "Amount",
  "Fee",
  "Fee Currency",
  "Description",
  "Timestamp",
];
export const ROTKI_EVENT_TYPES = ["Deposit", "Withdrawal", "Income", "Loss", "Spend", "Staking"];

/**
 * The balance changes rotki books from both files, by its importers' rules: a trade spends
 * Spend Amount, receives Receive Amount and spends its Fee apart (create_swap_events); a
 * Deposit adds, a Withdrawal, Loss or Spend takes, and an event's Fee is a spend of its own.
 */
export function rotkiBalances(trades: Record<string, string>[], events: Record<string, string>[]): Map<string, string> {
  const sums: Sums = new Map();
  const add = adder(sums);
  for (const row of trades) {
    add(row["Spend Currency"], row["Spend Amount"], -1);
    add(row["Receive Currency"], row["Receive Amount"], 1);
    add(row["Fee Currency"], row.Fee, -1);
  }
  for (const row of events) {
    add(row.Currency, row.Amount, row.Type === "Deposit" || row.Type === "Income" ? 1 : -1);
    add(row["Fee Currency"], row.Fee, -1);
  }
  return moved(sums);
}

/** rotki's two files read by csv.DictReader: their headers and kinds checked, then the balances they book. */
export function readRotki(tradesText: string, eventsText: string): Map<string, string> {
  const trades = csvRecords(tradesText);
  const events = csvRecords(eventsText);
  expect(trades.header).toEqual(ROTKI_TRADES_HEADER);
  expect(events.header).toEqual(ROTKI_EVENTS_HEADER);
  for (const row of [...trades.records, ...events.records]) {
    expect(row.Location).toBe("external");
    expect(row.Timestamp).toMatch(/^\d{13}$/);
  }
  for (const row of events.records) expect(ROTKI_EVENT_TYPES).toContain(row.Type);
  return rotkiBalances(trades.records, events.records);
}

// ----------------------------------------------------------------------------------------- Koinly

/** The universal template's header (support.koinly.io/en/articles/9489976). */
export const KOINLY_HEADER = [
  "Date",
  "Sent Amount",
  "Sent Currency",
  "Received Amount",
  "Received Currency",
  "Fee Amount",
  "Fee Currency",
  "Net Worth Amount",
  "Net Worth Currency",
  "Label",
  "Description",
  "TxHash",
];

/** Koinly's date: "YYYY-MM-DD HH:mm UTC" (here with seconds), always UTC; ms since the epoch. */
export function koinlyTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))? UTC$/.exec(text);
  expect(match, text).not.toBeNull();
  const [, y, mo, d, h, mi, s] = (match as RegExpExecArray).map(Number);
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s || 0);
}

/** Koinly's reading: what was received added, what was sent and the fee taken; amounts positive. */
export function koinlyBalances(rows: Record<string, string>[]): Map<string, string> {
  const sums: Sums = new Map();
  const add = adder(sums);
  for (const row of rows) {
    add(row["Sent Currency"], row["Sent Amount"], -1);
    add(row["Received Currency"], row["Received Amount"], 1);
    add(row["Fee Currency"], row["Fee Amount"], -1);
  }
  return moved(sums);
}

/** Koinly's file read: its header and dates checked, then the balances it books. */
export function readKoinly(text: string): Map<string, string> {
  const { header, records } = csvRecords(text);
  expect(header).toEqual(KOINLY_HEADER);
  for (const row of records) koinlyTime(row.Date as string);
  return koinlyBalances(records);
}

// ----------------------------------------------------------------------------------- CoinTracking

/** CoinTracking's CSV import columns, and its optional Tx-ID (cointracking.info/import/import_csv/). */
export const COINTRACKING_HEADER = [
  "Type",
  "Buy Amount",
  "Buy Currency",
  "Sell Amount",
  "Sell Currency",
  "Fee",
  "Fee Currency",
  "Exchange",
  "Trade-Group",
  "Comment",
  "Date",
  "Tx-ID",
];
export const COINTRACKING_INCOMING = ["Deposit", "Income"];
export const COINTRACKING_OUTGOING = ["Withdrawal", "Spend", "Other Fee"];

/** CoinTracking's own date form, "DD.MM.YYYY HH:MM:SS" (here UTC); ms since the epoch. */
export function coinTrackingTime(text: string): number {
  const match = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  expect(match, text).not.toBeNull();
  const [, d, mo, y, h, mi, s] = (match as RegExpExecArray).map(Number);
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

/**
 * CoinTracking's reading ("Entering fees"): Buy adds, Sell takes, and the Fee column is
 * informational, its amount already inside Buy or Sell; a third-asset fee is an Other Fee row.
 */
export function coinTrackingBalances(rows: Record<string, string>[]): Map<string, string> {
  const sums: Sums = new Map();
  const add = adder(sums);
  for (const row of rows) {
    if (COINTRACKING_INCOMING.includes(row.Type as string)) expect(row["Sell Amount"]).toBe("");
    if (COINTRACKING_OUTGOING.includes(row.Type as string)) expect(row["Buy Amount"]).toBe("");
    add(row["Buy Currency"], row["Buy Amount"], 1);
    add(row["Sell Currency"], row["Sell Amount"], -1);
  }
  return moved(sums);
}

/** CoinTracking's file read: its header, kinds and dates checked, then the balances it books. */
export function readCoinTracking(text: string): Map<string, string> {
  const { header, records } = csvRecords(text);
  expect(header).toEqual(COINTRACKING_HEADER);
  for (const row of records) {
    expect(["Trade", ...COINTRACKING_INCOMING, ...COINTRACKING_OUTGOING]).toContain(row.Type);
    expect(row.Exchange).toBe("MEXC");
    coinTrackingTime(row.Date as string);
  }
  return coinTrackingBalances(records);
}

// ------------------------------------------------------------------------------------- Ghostfolio

/** CreateOrderDto's types (prisma/schema.prisma `enum Type`). */
const GHOSTFOLIO_TYPES = ["BUY", "SELL", "DIVIDEND", "FEE", "INTEREST", "LIABILITY"];
/** Number fields of an activity, each >= 0 (create-order.dto.ts: IsNumber, Min(0)). */
const GHOSTFOLIO_NUMBERS = ["fee", "quantity", "unitPrice"] as const;

export interface GhostfolioActivity {
  readonly comment: string;
  readonly currency: string;
  readonly dataSource: string;
  readonly date: string;
  readonly fee: number;
  readonly quantity: number;
  readonly symbol: string;
  readonly type: string;
  readonly unitPrice: number;
}

/** The file as Ghostfolio's import dialog reads it (JSON.parse, `activities`), and each number's digits as written. */
export function readGhostfolio(text: string) {
  const content = JSON.parse(text) as { activities: GhostfolioActivity[]; meta: Record<string, unknown> };
  const lines = text.split("\n").filter((line) => line.startsWith("{") && line.includes('"type"'));
  const digits = lines.map((line) =>
    Object.fromEntries(
      GHOSTFOLIO_NUMBERS.map((key) => [key, new RegExp(`"${key}":([^,}]+)`).exec(line)?.[1] as string]),
    ),
  );
  return { ...content, digits };
}

/** Each activity valid by CreateOrderDto's rules: a known type, ISO date, numbers >= 0 whose digits JSON.parse reads alike. */
export function checkGhostfolioActivities({ activities, digits }: ReturnType<typeof readGhostfolio>): void {
  for (const [i, activity] of activities.entries()) {
    expect(GHOSTFOLIO_TYPES).toContain(activity.type);
    expect(activity.currency).toBe("USD");
    expect(activity.dataSource).toBe("YAHOO");
    expect(activity.symbol).toMatch(/^[A-Z0-9]+USD$/);
    expect(new Date(activity.date).toISOString()).toBe(activity.date);
    for (const key of GHOSTFOLIO_NUMBERS) {
      expect(activity[key]).toBeGreaterThanOrEqual(0);
      // The digits written are the exact decimal; JSON.parse reads the same number.
      expect(Number(digits[i]?.[key])).toBe(activity[key]);
    }
  }
}

/** The holdings Ghostfolio books (BUY adds quantity, SELL takes it), by asset, from the digits written. */
export function ghostfolioHoldings({ activities, digits }: ReturnType<typeof readGhostfolio>): Map<string, string> {
  const sums: Sums = new Map();
  const add = adder(sums);
  for (const [i, activity] of activities.entries()) {
    add(activity.symbol.replace(/USD$/, ""), digits[i]?.quantity, activity.type === "BUY" ? 1 : -1);
  }
  return moved(sums);
}
