/** The exports' columns, written by the contract's CSV rules (the dashboard's downloads use them too). */
import { csvRow, type FillItem, type LedgerItem, type TransferItem } from "@mexc-live/contract";

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

export const TRANSFER_COLUMNS = [
  "time",
  "timeIso",
  "type",
  "id",
  "direction",
  "asset",
  "amount",
  "fee",
  "network",
  "status",
  "rawStatus",
  "txId",
  "source",
] as const;

export function transferCsvRow(transfer: TransferItem): string {
  return csvRow([
    transfer.time,
    new Date(transfer.time).toISOString(),
    transfer.type,
    transfer.id,
    transfer.direction,
    transfer.asset,
    transfer.amount,
    transfer.fee,
    transfer.network,
    transfer.status,
    transfer.rawStatus,
    transfer.txId,
    transfer.source,
  ]);
}

export const LEDGER_COLUMNS = [
  "time",
  "timeIso",
  "asset",
  "type",
  "rawType",
  "change",
  "freeChange",
  "lockedChange",
  "balance",
  "refKind",
  "refId",
] as const;

export function ledgerCsvRow(entry: LedgerItem): string {
  return csvRow([
    entry.time,
    new Date(entry.time).toISOString(),
    entry.asset,
    entry.type,
    entry.rawType,
    entry.change,
    entry.freeChange,
    entry.lockedChange,
    entry.balance,
    entry.ref?.kind ?? null,
    entry.ref?.id ?? null,
  ]);
}
