/**
 * Koinly's universal CSV (docs/exports.md#koinly): one row per transaction, what was sent and what
 * was received side by side, for trades, deposits and withdrawals in one file. Sources: Koinly's
 * "How to create a custom CSV file with your data" (support.koinly.io/en/articles/9489976, the
 * Universal template; its header as the template and the writers citing it spell it), "What are
 * transactions in Koinly" (support.koinly.io/en/articles/9490022) and "Trading Fees & Transaction
 * Fees" (support.koinly.io/en/articles/9490025).
 *
 * - Dates in UTC "even if you live in another timezone", Koinly's form "YYYY-MM-DD HH:mm UTC";
 *   written with seconds (a choice: fills a second apart keep their order; docs/exports.md).
 * - Amounts positive, in Sent or Received; the fee apart in Fee Amount / Fee Currency, in any
 *   asset, paid on top (a fill's MX fee as it is).
 * - "A deposit in Koinly can not have any fee": a deposit is what reached the balance.
 * - No label: Koinly's defaults fit (a deposit is a purchase at market value, a withdrawal a sale,
 *   a row with both sides a trade). Net Worth is left to Koinly's own prices.
 */
import { csvRow } from "@mexc-live/contract";
import { dec, exact } from "@mexc-live/protocol";
import { type Amount, amountCells, CSV_TYPE, type ExportFormat, utcDateTime } from "./exportFormat.js";
import { type HistoryEntry, swapOf } from "./exportHistory.js";
import { conversionWords, fillWords, flowWords } from "./flowWords.js";

const KOINLY_COLUMNS = [
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
] as const;

interface KoinlyRow {
  readonly time: number;
  readonly sent?: Amount;
  readonly received?: Amount;
  readonly fee?: Amount;
  readonly description: string;
  readonly txHash?: string;
}

function line(row: KoinlyRow): string {
  return csvRow([
    `${utcDateTime(row.time)} UTC`,
    ...amountCells(row.sent),
    ...amountCells(row.received),
    ...amountCells(row.fee, true),
    "",
    "",
    "",
    row.description,
    row.txHash ?? "",
  ]);
}

function koinlyText(entry: HistoryEntry): string {
  if (entry.kind === "fill") {
    const { fill, market } = entry;
    const base = [fill.quantity, market.base] as const;
    const quote = [fill.amount, market.quote] as const;
    const [sent, received] = fill.side === "BUY" ? [quote, base] : [base, quote];
    return line({ time: fill.time, sent, received, fee: [fill.fee, fill.feeCurrency], description: fillWords(fill) });
  }
  if (entry.kind === "flow") {
    const { transfer } = entry;
    const moved = [transfer.amount, transfer.asset] as const;
    const common = { time: transfer.time, description: flowWords(transfer), txHash: transfer.txId };
    return transfer.direction === "in"
      ? line({ ...common, received: moved })
      : line({ ...common, sent: moved, fee: [transfer.fee, transfer.asset] });
  }
  const words = conversionWords(entry.id, entry.gave);
  const swap = swapOf(entry);
  if (swap !== undefined) {
    // The MX before MEXC kept its fee, the fee paid on top: MX grows by `amount`.
    const gross = exact(dec(swap.got.amount).plus(dec(swap.got.fee)));
    return line({
      time: entry.time,
      sent: [swap.gave.amount, swap.gave.asset],
      received: [gross, swap.got.asset],
      fee: [swap.got.fee, swap.got.asset],
      description: words,
    });
  }
  // Several assets for one sum of MX: each given a withdrawal (a sale at market value, Koinly's
  // default), the MX a deposit (a purchase at market value) of what was credited.
  let text = "";
  for (const leg of entry.gave) text += line({ time: leg.time, sent: [leg.amount, leg.asset], description: words });
  if (entry.got !== undefined) {
    text += line({ time: entry.got.time, received: [entry.got.amount, entry.got.asset], description: words });
  }
  return text;
}

export const KOINLY_UNIVERSAL: ExportFormat = {
  filename: "mexc-live-koinly.csv",
  contentType: CSV_TYPE,
  writer: () => ({ head: csvRow(KOINLY_COLUMNS), line: koinlyText, end: () => "" }),
};
