/**
 * What the client told downstream, against the simulator's own books (GET /_sim/ledger):
 * every fill (count, ids, order, side, quantity, price, quote amount, fee and fee asset), the
 * final state of every order (status, filled quantity and quote, price, quantity) and every
 * balance (free, locked). Decimals are compared as numbers ("1.50" equals "1.5"): pushes trim
 * them, REST pads them. Returns the differences, one line each; none means equal.
 */
import { type BalanceUpdate, Decimal as Big, type Fill, type OrderUpdate } from "@mexc-live/protocol";
import { ledgerKindOf } from "@mexc-live/protocol/wallet";
import { fillKey, type UserEvent } from "../../src/user/executionRecord.js";

export interface LedgerTrade {
  readonly id: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly price: string;
  readonly qty: string;
  readonly quoteQty: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly isBuyer: boolean;
  /** Engine time, ms (the ledger keeps the stream's precision). */
  readonly time: number;
}

export interface LedgerOrder {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: string;
  readonly type: string;
  readonly status: string;
  readonly price: string;
  readonly origQty: string;
  readonly executedQty: string;
  readonly cummulativeQuoteQty: string;
}

export interface Ledger {
  readonly balances: readonly { readonly asset: string; readonly free: string; readonly locked: string }[];
  readonly orders: readonly LedgerOrder[];
  readonly trades: readonly LedgerTrade[];
}

/** Folds the user stream's events into what downstream now believes; repeats are kept as errors. */
export class ClientView {
  /** By fill key: trade id + order id (both sides of a self-trade share the trade id). */
  readonly fills = new Map<string, Fill>();
  readonly orders = new Map<string, OrderUpdate>();
  readonly balances = new Map<string, BalanceUpdate>();
  readonly repeatedFills: string[] = [];
  /** Account pushes by ledger kind (protocol's ledgerKindOf of MEXC's change type). */
  readonly pushKinds = new Map<string, number>();
  /** Change types of account pushes the ledger could only call `unknown`. */
  readonly unknownPushTypes = new Map<string, number>();
  readonly regressedOrders: string[] = [];

  add(event: UserEvent): void {
    if (event.type === "fill") {
      const key = fillKey(event);
      if (this.fills.has(key)) this.repeatedFills.push(key);
      this.fills.set(key, event);
    } else if (event.type === "order") {
      const before = this.orders.get(event.orderId);
      if (before && num(event.cumulativeQuantity).lt(num(before.cumulativeQuantity)))
        this.regressedOrders.push(event.orderId);
      this.orders.set(event.orderId, event);
    } else {
      this.balances.set(event.asset, event);
      if (event.source !== "stream") return;
      const kind = ledgerKindOf(event.changeType);
      this.pushKinds.set(kind, (this.pushKinds.get(kind) ?? 0) + 1);
      if (kind === "unknown")
        this.unknownPushTypes.set(event.changeType, (this.unknownPushTypes.get(event.changeType) ?? 0) + 1);
    }
  }
}

/** At most this many lines per kind of difference (then a count). */
const MAX_LINES_PER_KIND = 15;

export function diffAgainstLedger(view: ClientView, ledger: Ledger): string[] {
  const out = new DiffLines();
  for (const id of view.repeatedFills) out.add("repeated fill", `trade ${id} delivered more than once`);
  for (const id of view.regressedOrders) out.add("order went backwards", `order ${id}`);

  if (view.fills.size !== ledger.trades.length) {
    out.add("fill count", `client ${view.fills.size}, ledger ${ledger.trades.length}`);
  }
  const ledgerFillKeys = new Set<string>();
  for (const trade of ledger.trades) {
    const key = fillKey({ tradeId: trade.id, orderId: trade.orderId });
    ledgerFillKeys.add(key);
    const fill = view.fills.get(key);
    if (!fill) {
      out.add(
        "missing fill",
        `${trade.symbol} trade ${trade.id} (order ${trade.orderId}, qty ${trade.qty} @ ${trade.price})`,
      );
      continue;
    }
    const mismatches = [
      fill.orderId === trade.orderId ? "" : `orderId ${fill.orderId} != ${trade.orderId}`,
      fill.symbol === trade.symbol ? "" : `symbol ${fill.symbol} != ${trade.symbol}`,
      fill.side === (trade.isBuyer ? "BUY" : "SELL") ? "" : `side ${fill.side}`,
      sameNum(fill.quantity, trade.qty) ? "" : `qty ${fill.quantity} != ${trade.qty}`,
      sameNum(fill.price, trade.price) ? "" : `price ${fill.price} != ${trade.price}`,
      sameNum(fill.amount, trade.quoteQty) ? "" : `quote ${fill.amount} != ${trade.quoteQty}`,
      sameNum(fill.fee, trade.commission) ? "" : `fee ${fill.fee} != ${trade.commission}`,
      fill.feeCurrency === trade.commissionAsset ? "" : `fee asset ${fill.feeCurrency} != ${trade.commissionAsset}`,
    ].filter((text) => text !== "");
    if (mismatches.length > 0) out.add("fill differs", `trade ${trade.id}: ${mismatches.join(", ")}`);
  }
  for (const key of view.fills.keys()) {
    if (!ledgerFillKeys.has(key)) out.add("unknown fill", `fill ${key} is not in the ledger`);
  }

  if (view.orders.size !== ledger.orders.length) {
    out.add("order count", `client ${view.orders.size}, ledger ${ledger.orders.length}`);
  }
  const ledgerOrderIds = new Set<string>();
  for (const order of ledger.orders) {
    ledgerOrderIds.add(order.orderId);
    const seen = view.orders.get(order.orderId);
    if (!seen) {
      out.add("missing order", `${order.symbol} ${order.orderId} ${order.status}`);
      continue;
    }
    const mismatches = [
      seen.status === order.status ? "" : `status ${seen.status} != ${order.status}`,
      sameNum(seen.cumulativeQuantity, order.executedQty)
        ? ""
        : `filled ${seen.cumulativeQuantity} != ${order.executedQty}`,
      sameNum(seen.cumulativeAmount, order.cummulativeQuoteQty)
        ? ""
        : `quote ${seen.cumulativeAmount} != ${order.cummulativeQuoteQty}`,
      sameNum(seen.price, order.price) ? "" : `price ${seen.price} != ${order.price}`,
      sameNum(seen.quantity, order.origQty) ? "" : `qty ${seen.quantity} != ${order.origQty}`,
      seen.side === order.side ? "" : `side ${seen.side} != ${order.side}`,
    ].filter((text) => text !== "");
    if (mismatches.length > 0) out.add("order differs", `${order.orderId}: ${mismatches.join(", ")}`);
  }
  for (const id of view.orders.keys())
    if (!ledgerOrderIds.has(id)) out.add("unknown order", `order ${id} is not in the ledger`);

  const ledgerBalances = new Map(ledger.balances.map((balance) => [balance.asset, balance]));
  for (const asset of new Set([...ledgerBalances.keys(), ...view.balances.keys()])) {
    const want = ledgerBalances.get(asset) ?? { free: "0", locked: "0" };
    const got = view.balances.get(asset);
    if (!got) {
      if (!num(want.free).eq(0) || !num(want.locked).eq(0))
        out.add("missing balance", `${asset} ${want.free}/${want.locked}`);
      continue;
    }
    if (!sameNum(got.free, want.free) || !sameNum(got.locked, want.locked)) {
      out.add(
        "balance differs",
        `${asset}: client free ${got.free} locked ${got.locked}, ledger free ${want.free} locked ${want.locked}`,
      );
    }
  }
  return out.lines();
}

class DiffLines {
  private readonly byKind = new Map<string, string[]>();

  add(kind: string, line: string): void {
    const lines = this.byKind.get(kind) ?? [];
    lines.push(line);
    this.byKind.set(kind, lines);
  }

  lines(): string[] {
    const out: string[] = [];
    for (const [kind, lines] of this.byKind) {
      for (const line of lines.slice(0, MAX_LINES_PER_KIND)) out.push(`${kind}: ${line}`);
      if (lines.length > MAX_LINES_PER_KIND) out.push(`${kind}: ... and ${lines.length - MAX_LINES_PER_KIND} more`);
    }
    return out;
  }
}

function num(value: string | undefined): Big {
  return new Big(value === undefined || value === "" ? "0" : value);
}

function sameNum(a: string | undefined, b: string | undefined): boolean {
  return num(a).eq(num(b));
}
