/**
 * CoinTracking's CSV import (docs/exports.md#cointracking): its 11 columns and the optional Tx-ID
 * (cointracking.info/import/import_csv/, as projects that write and read it quote the page), the
 * dates as CoinTracking's own CSV files write them ("DD.MM.YYYY HH:MM:SS": rotki's fixture of a
 * CoinTracking export, rotki/rotki rotkehlchen/tests/data/cointracking_trades_list.csv, read with
 * "%d.%m.%Y %H:%M:%S"), and CoinTracking's rules for fees ("Entering fees",
 * cointracking.freshdesk.com/solution/articles/29000007202):
 *
 * - "Fees in the same currency as the trade pair ... are already included in purchase/sale
 *   values": bought 1 BTC with a 0.01 BTC fee is Buy 0.99 BTC; a 5 USD fee on 500 USD is Sell
 *   505 USD. The Fee column beside them is "mainly informational".
 * - "Third-currency fees (e.g. BNB on Binance) must be entered separately as Other Fee": a fill's
 *   MX fee is a row of its own.
 * - "Withdrawal = 1.001 BTC ..., Fee = 0.001 BTC": a withdrawal's Sell holds its fee.
 * Times in UTC (a choice: CoinTracking reads them in the account's time zone; docs/exports.md).
 */
import { csvRow } from "@mexc-live/contract";
import { dec, exact } from "@mexc-live/protocol";
import { type Amount, amountCells, CSV_TYPE, type ExportFormat, utcDayFirst } from "./exportFormat.js";
import { type HistoryEntry, swapOf } from "./exportHistory.js";
import { conversionWords, fillWords, flowWords } from "./flowWords.js";

const COINTRACKING_COLUMNS = [
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
] as const;

/** The Exchange column: where the row happened, as CoinTracking lists it. */
const EXCHANGE = "MEXC";

interface CoinTrackingRow {
  readonly type: "Trade" | "Deposit" | "Withdrawal" | "Spend" | "Other Fee";
  readonly time: number;
  readonly buy?: Amount;
  readonly sell?: Amount;
  readonly fee?: Amount;
  readonly comment: string;
  readonly txId?: string;
}

function line(row: CoinTrackingRow): string {
  return csvRow([
    row.type,
    ...amountCells(row.buy),
    ...amountCells(row.sell),
    ...amountCells(row.fee, true),
    EXCHANGE,
    "",
    row.comment,
    utcDayFirst(row.time),
    row.txId ?? "",
  ]);
}

const plus = (a: string, b: string) => exact(dec(a).plus(dec(b)));
const minus = (a: string, b: string) => exact(dec(a).minus(dec(b)));

function fillText(entry: Extract<HistoryEntry, { kind: "fill" }>): string {
  const { fill, market } = entry;
  const base: Amount = [fill.quantity, market.base];
  const quote: Amount = [fill.amount, market.quote];
  let [buy, sell] = fill.side === "BUY" ? [base, quote] : [quote, base];
  const fee: Amount = [fill.fee, fill.feeCurrency];
  const comment = fillWords(fill);
  // A fee in the pair's own assets is inside the amounts; in a third asset, a row of its own.
  if (fill.feeCurrency === buy[1]) buy = [minus(buy[0], fill.fee), buy[1]];
  else if (fill.feeCurrency === sell[1]) sell = [plus(sell[0], fill.fee), sell[1]];
  else {
    const trade = line({ type: "Trade", time: fill.time, buy, sell, comment, txId: fill.tradeId });
    if (dec(fill.fee).eq(0)) return trade;
    // Its own Tx-ID, so an import that drops a Tx-ID seen before keeps both rows.
    return trade + line({ type: "Other Fee", time: fill.time, sell: fee, comment, txId: `${fill.tradeId}-fee` });
  }
  return line({ type: "Trade", time: fill.time, buy, sell, fee, comment, txId: fill.tradeId });
}

function coinTrackingText(entry: HistoryEntry): string {
  if (entry.kind === "fill") return fillText(entry);
  if (entry.kind === "flow") {
    const { transfer } = entry;
    const common = { time: transfer.time, comment: flowWords(transfer), txId: transfer.txId };
    if (transfer.direction === "in")
      return line({ ...common, type: "Deposit", buy: [transfer.amount, transfer.asset] });
    return line({
      ...common,
      type: "Withdrawal",
      sell: [plus(transfer.amount, transfer.fee), transfer.asset],
      fee: [transfer.fee, transfer.asset],
    });
  }
  const comment = conversionWords(entry.id, entry.gave);
  const swap = swapOf(entry);
  if (swap !== undefined) {
    // The fee is in the asset bought: the MX credited (`amount`) is net of it already.
    return line({
      type: "Trade",
      time: entry.time,
      buy: [swap.got.amount, swap.got.asset],
      sell: [swap.gave.amount, swap.gave.asset],
      fee: [swap.got.fee, swap.got.asset],
      comment,
    });
  }
  // Several assets for one sum of MX: each given a Spend, the MX got a Deposit (docs/exports.md).
  let text = "";
  for (const leg of entry.gave) text += line({ type: "Spend", time: leg.time, sell: [leg.amount, leg.asset], comment });
  if (entry.got !== undefined) {
    text += line({ type: "Deposit", time: entry.got.time, buy: [entry.got.amount, entry.got.asset], comment });
  }
  return text;
}

export const COINTRACKING_CSV: ExportFormat = {
  filename: "mexc-live-cointracking.csv",
  contentType: CSV_TYPE,
  writer: () => ({ head: csvRow(COINTRACKING_COLUMNS), line: coinTrackingText, end: () => "" }),
};
