/**
 * Execution reconciliation: at start and after every gap, ask REST what the stream may have
 * missed (docs/mexc/rest.md#get-apiv3account-signed-weight-10-spot_account_read, docs/mexc/rest.md#get-apiv3openorders-signed-weight-3-spot_deal_read, docs/mexc/rest.md#get-apiv3allorders-signed-weight-10, docs/mexc/rest.md#get-apiv3mytrades-signed-weight-10-spot_account_read, docs/mexc/rest.md#apiv3order):
 *
 *   account                 balances now
 *   openOrders (no symbol)  orders open now
 *   per symbol:
 *     myTrades              fills since the symbol's watermark (or since the gap; first start: 24 h)
 *     allOrders             orders created since the gap began (first start: 24 h)
 *   getOrder                each order we thought open that is neither open now nor final above,
 *                           and the order of each fill whose order is unknown
 *
 * MEXC's REST lags its writes: right after an order is accepted, GET /api/v3/order answers
 * -2013 "Order does not exist" for it "quite often and chaotically" (docs/mexc/undocumented.md#orders item 11.13, ccxt/ccxt#21614).
 * So -2013 for an order the stream reported is no proof: it is asked again a moment later, then
 * kept open and asked at the next reconciliations (the caller schedules them, `onOrdersPending`),
 * and forgotten only once MEXC has said -2013 about it for ORDER_MISSING_FORGET_MS.
 *
 * Symbols: configuration, everything the account touched (fills, orders), open orders, and
 * (with discovery on) every pair whose base and quote the account holds or whose balance
 * changed: listed ones (exchangeInfo) and paused or delisted ones (GET /api/v3/symbol/offline,
 * docs/mexc/undocumented.md#market-data item 11.18: such pairs leave exchangeInfo, and their fills during a gap must still be read). Per symbol, symbolHistory.ts walks the pages within MEXC's limits (myTrades
 * 100, allOrders 1000 per call) and REST's whole-second times (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3).
 * The result is candidates only: the user stream decides against its ExecutionRecord what is news.
 */

import {
  type Fill,
  isKnownCancelReason,
  isMexcApiError,
  isProtocolError,
  MINUTE_MS,
  type OrderUpdate,
  orderStatusFromRest,
} from "@mexc-live/protocol";
import { ORDER_DOES_NOT_EXIST, refusesKey } from "@mexc-live/protocol/error-codes";
import { ALL_ORDERS_MAX_WINDOW_MS, MY_TRADES_MAX_AGE_MS } from "@mexc-live/protocol/limits";
import type { RestOrder, RestTrade } from "@mexc-live/protocol/rest";
import { sleep } from "../backoff.js";
import { ORDER_MISSING_FORGET_MS, ORDER_RECONCILE_LOOKUP_DELAYS_MS, RECONCILE_WINDOW_SLACK_MS } from "../constants.js";
import { type Logger, SILENT_LOGGER } from "../redact.js";
import type { RestEndpoints } from "../rest/endpoints.js";
import { decimal, orderFromRest } from "../rest/toEvents.js";
import { type ExecutionRecord, isFinalStatus, type KnownBalance } from "./executionRecord.js";
import type { KnownPairs } from "./knownPairs.js";
import { PairDirectory, type PairSource } from "./pairDirectory.js";
import { balanceProblem, fillOfPair, isRefusal, NOT_A_PAIR, refusedValue } from "./refusedValues.js";
import { fetchSymbolHistory } from "./symbolHistory.js";

export interface ReconcilerOptions {
  readonly endpoints: RestEndpoints;
  readonly record: ExecutionRecord;
  /** Symbols always reconciled (e.g. the ones the user trades). */
  readonly symbols?: readonly string[];
  /** Also reconcile every listed pair of two assets the account holds (reads exchangeInfo hourly). Default true. */
  readonly discoverSymbols?: boolean;
  /**
   * The listed and offline pairs, when several accounts share one copy (one exchangeInfo for a
   * gateway's accounts, issue 31). Default: a PairDirectory of this reconciler's own.
   */
  readonly pairs?: PairSource;
  /**
   * Which symbols are pairs (knownPairs.ts): an open order naming another is refused, and its
   * symbol not read. Default: every symbol passes.
   */
  readonly knownPairs?: Pick<KnownPairs, "has" | "refresh">;
  readonly logger?: Logger;
  readonly now?: () => number;
  /** A REST answer held a value the protocol does not know (counted by the caller). */
  readonly onUnknownValue?: (field: string, value: string) => void;
  /**
   * After a run: orders the stream reported that MEXC answered -2013 for (kept open, not
   * forgotten yet); the caller reconciles again later while there are any.
   */
  readonly onOrdersPending?: (count: number) => void;
}

/** The account read of a reconciliation (its first call): what REST said, and when it asked. */
export interface BalanceRead {
  readonly balances: ReadonlyMap<string, KnownBalance>;
  /** Local ms the account request that answered `balances` left. */
  readonly balancesReadAt: number;
  /** Server ms (the REST client's offset) when it left: the time of the balances it answered. */
  readonly balancesServerTime: number;
}

export interface ReconcileResult extends BalanceRead {
  /** Fills and order states REST knows of, oldest first (fills before orders at the same ms). */
  readonly events: readonly (Fill | OrderUpdate)[];
  /** Per symbol, the newest fill time REST returned (the watermark once applied). */
  readonly watermarks: ReadonlyMap<string, number>;
  readonly symbols: readonly string[];
  /** HTTP requests this reconciliation sent (retries included). */
  readonly restCalls: number;
  /** Server time when it started. */
  readonly serverTime: number;
}

/** Safety margin kept inside MEXC's look-back limits (a window a hair too old is refused). */
const LOOKBACK_MARGIN_MS = MINUTE_MS;
/** End of every window: a little past server now, so nothing in flight is cut off. */
const END_SLACK_MS = 1_000;

export class Reconciler {
  private readonly options: ReconcilerOptions;
  private readonly logger: Logger;
  private readonly now: () => number;
  /** Listed and offline pairs with their assets, for symbol discovery. */
  private readonly pairs: PairSource;
  /** Local ms since MEXC has answered -2013 for each order the stream reported. */
  private readonly missingSince = new Map<string, number>();

  constructor(options: ReconcilerOptions) {
    this.options = options;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.now = options.now ?? Date.now;
    this.pairs =
      options.pairs ?? new PairDirectory({ endpoints: options.endpoints, logger: this.logger, now: this.now });
  }

  /**
   * `since`: server ms from which the stream may have missed something. `onBalances` hears the
   * account read as soon as it is answered (the balance pushes held meanwhile wait for it alone),
   * before the rest of the run.
   */
  async run(since: number, onBalances?: (read: BalanceRead) => void): Promise<ReconcileResult> {
    const { endpoints, record } = this.options;
    const rest = endpoints.rest;
    const callsBefore = rest.stats().requests;
    const local = () => this.now();
    const serverTime = rest.serverNow();

    let balancesReadAt = local();
    let balancesServerTime = serverTime;
    const account = await endpoints.account((at) => {
      balancesReadAt = at;
      balancesServerTime = rest.serverNow();
    });
    const balances = new Map<string, KnownBalance>();
    /** Assets whose balance was out of bounds: skipped, and not taken for gone either. */
    const refused = new Set<string>();
    for (const balance of account.balances) {
      const problem = balanceProblem(balance);
      if (problem === undefined) balances.set(balance.asset, { free: balance.free, locked: balance.locked });
      else {
        this.refuse(problem.field, problem.reason);
        refused.add(String(balance.asset));
      }
    }
    // An asset MEXC no longer lists has gone to zero.
    for (const asset of record.balances().keys())
      if (!balances.has(asset) && !refused.has(asset)) balances.set(asset, { free: "0", locked: "0" });
    // What the record held before the read is applied: a balance that changed names the pairs to read.
    const balancesBefore = new Map(record.balances());
    onBalances?.({ balances, balancesReadAt, balancesServerTime });
    // Orders believed open now (the stream's later news about others needs no lookup).
    const openBefore = record.openOrders();

    const symbols = await this.symbolsFor(balances, balancesBefore);
    const open = await this.knownOpenOrders(symbols);
    for (const order of open) if (!symbols.includes(order.symbol)) symbols.push(order.symbol);

    const end = rest.serverNow() + END_SLACK_MS;
    const ordersFrom = Math.max(since - RECONCILE_WINDOW_SLACK_MS, end - ALL_ORDERS_MAX_WINDOW_MS + LOOKBACK_MARGIN_MS);
    const tradesFloor = end - MY_TRADES_MAX_AGE_MS + LOOKBACK_MARGIN_MS;

    const fills: Fill[] = [];
    /** Every order state REST reported (an order may appear twice; the record keeps the most advanced). */
    const orders: RestOrder[] = [...open];
    const watermarks = new Map<string, number>();
    for (const symbol of symbols) {
      try {
        const history = await fetchSymbolHistory({
          endpoints,
          record,
          logger: this.logger,
          symbol,
          tradesFrom: Math.max(record.watermark(symbol) ?? since - RECONCILE_WINDOW_SLACK_MS, tradesFloor),
          ordersFrom: ordersFrom > end ? undefined : ordersFrom,
          to: end,
          open: open.filter((order) => order.symbol === symbol),
        });
        for (const trade of history.trades) {
          const fill = this.fillEvent(trade, symbol, local());
          if (fill !== undefined) fills.push(fill);
        }
        orders.push(...history.orders);
        if (history.watermark !== undefined) watermarks.set(symbol, history.watermark);
      } catch (error) {
        // A refusal of the key fails the whole reconciliation (it is retried slowly); a symbol MEXC
        // refuses alone (a pair gone) is skipped.
        if (!isMexcApiError(error) || error.class !== "not_retryable" || refusesKey(error.kind)) throw error;
        this.logger.warn({ symbol, code: error.mexcCode, error: error.message }, "symbol skipped in reconciliation");
      }
    }

    // Orders to ask about one by one: those we thought open that are neither open now nor
    // finished in the answers above, and those of fills whose order is unknown (created before
    // the allOrders window, e.g. on a first start).
    const openNow = new Set(open.map((order) => order.orderId));
    const answered = new Set(orders.map((order) => order.orderId));
    const finalNow = new Set(
      orders.filter((order) => isFinalStatus(orderStatusFromRest(order.status))).map((order) => order.orderId),
    );
    const toAsk = new Map<string, string>();
    for (const known of openBefore) {
      // The stream may have told its end meanwhile (its events go on during a reconciliation).
      const state = record.order(known.orderId);
      if (state === undefined || isFinalStatus(state.status)) continue;
      if (!openNow.has(known.orderId) && !finalNow.has(known.orderId)) toAsk.set(known.orderId, known.symbol);
    }
    for (const fill of fills) {
      if (!answered.has(fill.orderId) && record.order(fill.orderId) === undefined) toAsk.set(fill.orderId, fill.symbol);
    }
    // An order settled some other way (the stream told its end) is not missing any more.
    for (const orderId of this.missingSince.keys()) if (!toAsk.has(orderId)) this.missingSince.delete(orderId);
    let pending = 0;
    for (const [orderId, symbol] of toAsk) {
      const order = await this.lookUp(symbol, orderId);
      if (order !== undefined) {
        this.missingSince.delete(orderId);
        orders.push(order);
        continue;
      }
      const since = this.missingSince.get(orderId) ?? local();
      this.missingSince.set(orderId, since);
      if (local() - since < ORDER_MISSING_FORGET_MS && record.order(orderId) !== undefined) {
        pending++;
        this.logger.info(
          { symbol, orderId },
          "MEXC does not find an order yet (its REST lags); kept open, asked again",
        );
        continue;
      }
      this.missingSince.delete(orderId);
      this.logger.warn({ symbol, orderId }, "an order the account should have does not exist");
      record.forgetOrder(orderId);
    }
    this.options.onOrdersPending?.(pending);

    const events: (Fill | OrderUpdate)[] = [...fills];
    for (const order of orders) {
      const event = this.orderEvent(order, local());
      if (event !== undefined) events.push(event);
    }
    events.sort((a, b) => a.timestamp - b.timestamp || rank(a) - rank(b));
    return {
      events,
      balances,
      balancesReadAt,
      balancesServerTime,
      watermarks,
      symbols,
      restCalls: rest.stats().requests - callsBefore,
      serverTime,
    };
  }

  /** GET /api/v3/order, asked again a moment later on -2013; undefined while MEXC says it does not exist. */
  private async lookUp(symbol: string, orderId: string): Promise<RestOrder | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.options.endpoints.getOrder({ symbol, orderId });
      } catch (error) {
        if (!isMexcApiError(error) || error.mexcCode !== ORDER_DOES_NOT_EXIST) throw error;
        const delay = ORDER_RECONCILE_LOOKUP_DELAYS_MS[attempt];
        if (delay === undefined) return undefined;
        await sleep(delay);
      }
    }
  }

  /** The order's state as an event; undefined (counted, not delivered) when its side is unknown. */
  private orderEvent(order: RestOrder, localTimestamp: number): OrderUpdate | undefined {
    const { onUnknownValue } = this.options;
    try {
      const event = orderFromRest(order, localTimestamp);
      for (const [field, value] of Object.entries(event.rawValues ?? {}))
        onUnknownValue?.(`order.${field}`, String(value));
      if (event.cancelReason !== undefined && !isKnownCancelReason(event.cancelReason))
        onUnknownValue?.("order.cancelReason", event.cancelReason);
      return event;
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      if (error.code === "UNKNOWN_VALUE") onUnknownValue?.(error.field ?? "order", error.value ?? "");
      else if (isRefusal(error)) this.refuse(error.field ?? "order", error.reason ?? error.code);
      else throw error;
      return undefined;
    }
  }

  /**
   * A trade of `symbol` as a fill; undefined (counted, said once, not delivered) when a value is
   * out of bounds or the trade names another pair than the one asked about.
   */
  private fillEvent(trade: RestTrade, symbol: string, localTimestamp: number): Fill | undefined {
    return fillOfPair(trade, symbol, localTimestamp, (field, reason) => this.refuse(field, reason));
  }

  /**
   * A value REST sent outside its bounds (protocol's valueBounds.ts): counted and said once per
   * field and reason (the unknown-values counter, userStream's stats().unknownValues), never the
   * value itself; the item is skipped.
   */
  private refuse(field: string, reason: string): void {
    this.options.onUnknownValue?.(field, refusedValue(reason));
  }

  private async symbolsFor(
    balances: ReadonlyMap<string, KnownBalance>,
    before: ReadonlyMap<string, KnownBalance>,
  ): Promise<string[]> {
    const { record } = this.options;
    const symbols = new Set([...(this.options.symbols ?? []), ...record.symbols()]);
    if (this.options.discoverSymbols !== false) {
      const held = new Set<string>();
      for (const [asset, value] of balances) {
        const known = before.get(asset);
        const changed =
          known !== undefined &&
          !(decimal(known.free).eq(decimal(value.free)) && decimal(known.locked).eq(decimal(value.locked)));
        if (decimal(value.free).plus(decimal(value.locked)).gt(0) || changed) held.add(asset);
      }
      for (const pair of await this.pairs.all()) {
        if (held.has(pair.base) && held.has(pair.quote)) symbols.add(pair.symbol);
      }
    }
    return [...symbols].sort();
  }

  /** The open orders of known pairs; one naming a symbol that is no pair is refused (counted, said once). */
  private async knownOpenOrders(symbols: readonly string[]): Promise<RestOrder[]> {
    const open = await this.openOrders(symbols);
    const known = this.options.knownPairs;
    if (known === undefined) return open;
    await known.refresh().catch(() => {});
    return open.filter((order) => {
      if (known.has(order.symbol)) return true;
      this.refuse("openOrders.symbol", NOT_A_PAIR);
      return false;
    });
  }

  /** Every open order in one call; per symbol when MEXC insists on a symbol. */
  private async openOrders(symbols: readonly string[]): Promise<RestOrder[]> {
    const { endpoints } = this.options;
    try {
      return await endpoints.openOrders();
    } catch (error) {
      if (!isMexcApiError(error) || error.class !== "not_retryable") throw error;
      this.logger.debug({ code: error.mexcCode }, "openOrders needs a symbol; asking per symbol");
    }
    const all: RestOrder[] = [];
    for (const symbol of symbols) all.push(...(await endpoints.openOrders(symbol)));
    return all;
  }
}

function rank(event: Fill | OrderUpdate): number {
  return event.type === "fill" ? 0 : 1;
}
