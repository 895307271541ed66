/**
 * rotki's generic import (docs/exports.md#rotki): two CSV files, trades and events, each with its
 * documented header; read by rotki with Python's csv.DictReader (utf-8-sig), by column name.
 * Sources: docs.rotki.com/usage-guides/history/import-data ("rotki Generic Import", repo
 * rotki/docs usage-guides/history/import-data.md) and rotki's importers
 * (rotki/rotki rotkehlchen/data_import/importers/rotki_trades.py, rotki_events.py).
 *
 * - Timestamp: "The UTC Unix timestamp ... a milliseconds timestamp".
 * - Location: one of rotki's locations, "external" when not supported: rotki has none for MEXC.
 * - A trade spends one asset and receives another; its Fee (optional) is a separate spend of Fee
 *   Currency (create_swap_events), so a MEXC fill's fee in a third asset (MX) fits as it is.
 * - Events: Deposit, Withdrawal, Income, Loss, Spend, Staking; a Fee is a spend of its own.
 * Amounts are the stored decimals, exact; a zero fee is left empty (rotki reads it as none).
 */
import { csvRow } from "@mexc-live/contract";
import { dec, exact } from "@mexc-live/protocol";
import { CSV_TYPE, type ExportFormat } from "./exportFormat.js";
import { type HistoryEntry, swapOf } from "./exportHistory.js";
import { conversionWords, fillWords, flowWords } from "./flowWords.js";

/** "If it is not supported, use external" (rotki's docs, Supported Locations): no MEXC location. */
const LOCATION = "external";

const ROTKI_TRADE_COLUMNS = [
  "Location",
  "Spend Currency",
  "Spend Amount",
  "Receive Currency",
  "Receive Amount",
  "Fee",
  "Fee Currency",
  "Description",
  "Timestamp",
] as const;

const ROTKI_EVENT_COLUMNS = [
  "Type",
  "Location",
  "Currency",
  "Amount",
  "Fee",
  "Fee Currency",
  "Description",
  "Timestamp",
] as const;

const isZero = (value: string) => dec(value).eq(0);

function tradeLine(
  spend: readonly [string, string],
  receive: readonly [string, string],
  fee: readonly [string, string],
  description: string,
  time: number,
): string {
  const [feeAmount, feeCurrency] = isZero(fee[0]) ? ["", ""] : fee;
  return csvRow([LOCATION, spend[0], spend[1], receive[0], receive[1], feeAmount, feeCurrency, description, time]);
}

function eventLine(
  type: string,
  asset: string,
  amount: string,
  fee: string,
  description: string,
  time: number,
): string {
  const [feeAmount, feeCurrency] = isZero(fee) ? ["", ""] : [fee, asset];
  return csvRow([type, LOCATION, asset, amount, feeAmount, feeCurrency, description, time]);
}

/** The trades file: fills, and conversions of a single asset (a trade of it for MX). */
function tradeText(entry: HistoryEntry): string | null {
  if (entry.kind === "fill") {
    const { fill, market } = entry;
    const base = [market.base, fill.quantity] as const;
    const quote = [market.quote, fill.amount] as const;
    const [spend, receive] = fill.side === "BUY" ? [quote, base] : [base, quote];
    return tradeLine(spend, receive, [fill.fee, fill.feeCurrency], fillWords(fill), fill.time);
  }
  const swap = entry.kind === "conversion" ? swapOf(entry) : undefined;
  if (entry.kind === "conversion" && swap !== undefined) {
    const { gave, got } = swap;
    // The MX received before MEXC kept its fee, the fee a spend of its own: MX grows by `amount`.
    const gross = exact(dec(got.amount).plus(dec(got.fee)));
    return tradeLine(
      [gave.asset, gave.amount],
      [got.asset, gross],
      [got.fee, got.asset],
      conversionWords(entry.id, entry.gave),
      entry.time,
    );
  }
  return null;
}

/**
 * The events file: deposits and withdrawals (a withdrawal's fee its Fee: `amount` + `fee` left),
 * transfers to and from futures and other MEXC accounts as the same, and conversions of several
 * assets: each asset given a Spend, the MX got a Deposit (rotki's generic events have no kind
 * for an asset bought with several others; docs/exports.md says what to do in rotki).
 */
function eventText(entry: HistoryEntry): string | null {
  if (entry.kind === "flow") {
    const { transfer } = entry;
    if (transfer.direction === "in") {
      return eventLine("Deposit", transfer.asset, transfer.amount, "0", flowWords(transfer), transfer.time);
    }
    return eventLine("Withdrawal", transfer.asset, transfer.amount, transfer.fee, flowWords(transfer), transfer.time);
  }
  if (entry.kind !== "conversion" || swapOf(entry) !== undefined) return null;
  const words = conversionWords(entry.id, entry.gave);
  let text = "";
  for (const leg of entry.gave) text += eventLine("Spend", leg.asset, leg.amount, "0", words, leg.time);
  if (entry.got !== undefined)
    text += eventLine("Deposit", entry.got.asset, entry.got.amount, "0", words, entry.got.time);
  return text;
}

export const ROTKI_TRADES: ExportFormat = {
  filename: "mexc-live-rotki-trades.csv",
  contentType: CSV_TYPE,
  writer: () => ({ head: csvRow(ROTKI_TRADE_COLUMNS), line: tradeText, end: () => "" }),
};

export const ROTKI_EVENTS: ExportFormat = {
  filename: "mexc-live-rotki-events.csv",
  contentType: CSV_TYPE,
  writer: () => ({ head: csvRow(ROTKI_EVENT_COLUMNS), line: eventText, end: () => "" }),
};
