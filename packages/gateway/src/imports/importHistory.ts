/**
 * An import applied to the store, all or nothing: the file is read whole first (a row that
 * cannot be read stops it, with every bad row's line number), then its rows are written in one
 * transaction. A row MEXC's API already gave, or an earlier import, is a duplicate and changes
 * nothing: a fill of the same pair, side, price and quantity in the same second (the export's
 * times are whole seconds, like REST's); a deposit or withdrawal of the same asset and amount
 * with the same transaction (its ":N" output suffix aside) or, without one, within a day.
 */
import type { HistorySource } from "@mexc-live/contract";
import { Decimal, type WalletTransfer } from "@mexc-live/protocol";
import type { GatewayStore } from "../store/index.js";
import { type ExportFormat, type ParseOptions, parseMexcExport } from "./mexcExports.js";

export interface ImportResult {
  readonly format: ExportFormat;
  readonly rows: number;
  readonly added: number;
  readonly duplicates: number;
}

const SOURCE: HistorySource = "import";
const SECOND_MS = 1_000;
const WALLET_MATCH_MS = 24 * 60 * 60 * 1000;

export function importHistory(store: GatewayStore, text: string, options: ParseOptions = {}): ImportResult {
  const parsed = parseMexcExport(text, options);
  const added = store.batch(() => {
    let count = 0;
    for (const fill of parsed.fills) {
      if (isKnownFill(store, fill)) continue;
      if (store.upsertFill(fill, null)) count++;
    }
    for (const transfer of parsed.transfers) {
      if (isKnownTransfer(store, transfer)) continue;
      if (store.upsertTransfer(transfer, SOURCE)) count++;
    }
    return count;
  });
  return { format: parsed.format, rows: parsed.rows, added, duplicates: parsed.rows - added };
}

function isKnownFill(
  store: GatewayStore,
  fill: { symbol: string; side: string; price: string; quantity: string; timestamp: number },
): boolean {
  const second = Math.floor(fill.timestamp / SECOND_MS) * SECOND_MS;
  for (const known of store.allFills({ symbol: fill.symbol, from: second, to: second + SECOND_MS - 1 })) {
    if (
      known.side === fill.side &&
      new Decimal(known.price).eq(fill.price) &&
      new Decimal(known.quantity).eq(fill.quantity)
    ) {
      return true;
    }
  }
  return false;
}

function isKnownTransfer(store: GatewayStore, transfer: WalletTransfer): boolean {
  const tx = bareTx(transfer.txId);
  const page = store.transfers({
    type: transfer.type,
    asset: transfer.asset,
    from: Math.max(0, transfer.time - WALLET_MATCH_MS),
    to: transfer.time + WALLET_MATCH_MS,
    limit: 1_000,
  });
  return page.items.some((known) => {
    if (!new Decimal(known.amount).eq(transfer.amount)) return false;
    const knownTx = bareTx(known.txId) || bareTx(known.id);
    return tx === "" || knownTx === "" ? true : knownTx === tx;
  });
}

/** A chain transaction without MEXC's ":N" output suffix. */
function bareTx(txId: string): string {
  return txId.replace(/:\d+$/, "");
}
