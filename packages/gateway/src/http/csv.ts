/**
 * CSV for the fills export (RFC 4180): comma-separated, CRLF line ends, a field quoted when it
 * holds a comma, quote or line break, quotes doubled. A text field that a spreadsheet would run
 * as a formula (`=`, `+`, `@`, or `-` not starting a number) gets a leading apostrophe.
 * Decimals stay the exact strings the store holds.
 */
import type { FillItem } from "../contract.js";

export const FILL_COLUMNS = [
  "time",
  "timeIso",
  "tradeId",
  "orderId",
  "symbol",
  "side",
  "price",
  "quantity",
  "amount",
  "fee",
  "feeCurrency",
  "feeValue",
  "isMaker",
  "source",
] as const;

const NUMBER = /^-?\d+(\.\d+)?$/;

export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+@\t\r]/.test(text) || (text.startsWith("-") && !NUMBER.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export function fillCsvRow(fill: FillItem): string {
  return csvRow([
    fill.time,
    new Date(fill.time).toISOString(),
    fill.tradeId,
    fill.orderId,
    fill.symbol,
    fill.side,
    fill.price,
    fill.quantity,
    fill.amount,
    fill.fee,
    fill.feeCurrency,
    fill.feeValue,
    fill.isMaker,
    fill.source,
  ]);
}
