/** The fills export's columns, written by the contract's CSV rules (the dashboard's downloads use them too). */
import { csvRow, type FillItem } from "@mexc-live/contract";

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
