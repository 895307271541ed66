/**
 * The columns of every CSV mexc-live writes: the gateway's exports (fills, transfers, ledger) and
 * the dashboard's download of an orders table. One list per item, header and value together, so a
 * column is added in one place. Times are ms since the epoch, with an ISO copy beside them where a
 * spreadsheet reads better; decimals stay the exact strings they arrive as.
 */
import type { CsvColumn } from "./csv.js";
import type { LedgerItem, TransferItem } from "./history.js";
import type { FillItem, OrderItem } from "./items.js";

const iso = (time: number) => new Date(time).toISOString();

export const FILL_CSV: readonly CsvColumn<FillItem>[] = [
  { header: "time", value: (fill) => fill.time },
  { header: "timeIso", value: (fill) => iso(fill.time) },
  { header: "tradeId", value: (fill) => fill.tradeId },
  { header: "orderId", value: (fill) => fill.orderId },
  { header: "symbol", value: (fill) => fill.symbol },
  { header: "side", value: (fill) => fill.side },
  { header: "price", value: (fill) => fill.price },
  { header: "quantity", value: (fill) => fill.quantity },
  { header: "amount", value: (fill) => fill.amount },
  { header: "fee", value: (fill) => fill.fee },
  { header: "feeCurrency", value: (fill) => fill.feeCurrency },
  { header: "feeValue", value: (fill) => fill.feeValue },
  { header: "isMaker", value: (fill) => fill.isMaker },
  { header: "source", value: (fill) => fill.source },
];

export const TRANSFER_CSV: readonly CsvColumn<TransferItem>[] = [
  { header: "time", value: (transfer) => transfer.time },
  { header: "timeIso", value: (transfer) => iso(transfer.time) },
  { header: "type", value: (transfer) => transfer.type },
  { header: "id", value: (transfer) => transfer.id },
  { header: "direction", value: (transfer) => transfer.direction },
  { header: "asset", value: (transfer) => transfer.asset },
  { header: "amount", value: (transfer) => transfer.amount },
  { header: "fee", value: (transfer) => transfer.fee },
  { header: "network", value: (transfer) => transfer.network },
  { header: "status", value: (transfer) => transfer.status },
  { header: "rawStatus", value: (transfer) => transfer.rawStatus },
  { header: "txId", value: (transfer) => transfer.txId },
  { header: "explorerUrl", value: (transfer) => transfer.explorerUrl ?? "" },
  { header: "withdrawOrderId", value: (transfer) => transfer.withdrawOrderId ?? "" },
  { header: "source", value: (transfer) => transfer.source },
];

export const LEDGER_CSV: readonly CsvColumn<LedgerItem>[] = [
  { header: "time", value: (entry) => entry.time },
  { header: "timeIso", value: (entry) => iso(entry.time) },
  { header: "asset", value: (entry) => entry.asset },
  { header: "type", value: (entry) => entry.type },
  { header: "rawType", value: (entry) => entry.rawType },
  { header: "change", value: (entry) => entry.change },
  { header: "freeChange", value: (entry) => entry.freeChange },
  { header: "lockedChange", value: (entry) => entry.lockedChange },
  { header: "balance", value: (entry) => entry.balance },
  { header: "refKind", value: (entry) => entry.ref?.kind ?? null },
  { header: "refId", value: (entry) => entry.ref?.id ?? null },
];

export const ORDER_CSV: readonly CsvColumn<OrderItem>[] = [
  { header: "time", value: (order) => iso(order.time) },
  { header: "orderId", value: (order) => order.orderId },
  { header: "clientOrderId", value: (order) => order.clientOrderId },
  { header: "symbol", value: (order) => order.symbol },
  { header: "side", value: (order) => order.side },
  { header: "type", value: (order) => order.type },
  { header: "status", value: (order) => order.status },
  { header: "triggerPrice", value: (order) => order.trigger?.price ?? "" },
  { header: "triggerType", value: (order) => order.trigger?.type ?? "" },
  { header: "triggerState", value: (order) => order.trigger?.state ?? "" },
  { header: "ocoId", value: (order) => order.ocoId ?? "" },
  { header: "cancelReason", value: (order) => order.cancelReason ?? "" },
  { header: "rawValues", value: (order) => (order.rawValues ? JSON.stringify(order.rawValues) : "") },
  { header: "price", value: (order) => order.price },
  { header: "quantity", value: (order) => order.quantity },
  { header: "executedQuantity", value: (order) => order.executedQuantity },
  { header: "avgPrice", value: (order) => order.avgPrice },
  { header: "cumulativeQuoteQuantity", value: (order) => order.cumulativeQuoteQuantity },
  { header: "updateTime", value: (order) => iso(order.updateTime) },
  { header: "apiTradingDisabled", value: (order) => order.apiTradingDisabled },
];
