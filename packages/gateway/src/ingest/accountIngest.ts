/**
 * The account pipeline: each event of the client's user stream goes
 *
 *   store (idempotent: a replayed or reconciled event changes nothing)
 *     -> emit (a TopicUpdate of the raw item, with the exchange time and the gateway's receive time)
 *
 * in one synchronous step, so the order of the stream is the order of the topics. What it emits
 * is raw: the account's fanout (fanout/accountFanout.ts) masks it, moves the figures version and
 * names the account's topic; ingest imports neither fanout nor the keeper (outlets.ts). The collector
 * then tells the account's keeper (figures/keeper.ts), which reads what the store took in and
 * moves the figures. Equity is
 * snapshotted (stored and published) every N seconds and shortly after each fill (once the fill's
 * balance pushes have arrived), whether or not a browser is open.
 */
import type { UserEvent } from "@mexc-live/client";
import type { BalanceItem, EquityPoint, FillItem, OrderItem, TopicSnapshot } from "@mexc-live/contract";
import { type BalanceUpdate, Decimal, exact, type Fill, type OrderUpdate } from "@mexc-live/protocol";
import {
  EQUITY_AFTER_FILL_MS,
  PRICES_AWAITED_MS,
  PRICES_AWAITED_TRIES,
  SNAPSHOT_CLOSED_ORDERS,
  SNAPSHOT_EQUITY_POINTS,
  SNAPSHOT_EQUITY_SPAN_MS,
  SNAPSHOT_FILLS,
} from "../config/defaults.js";
import { balanceItems, equityPoint, type PriceBook, valueFill } from "../figures/index.js";
import { FRESH_MS } from "../figures/pastPrices.js";
import type { Logger } from "../logging.js";
import type { GatewayMetrics } from "../metrics.js";
import { type GatewayStore, toFillItem } from "../store/index.js";
import type { Emit } from "./outlets.js";

/** What the pipeline tells the alert engine (alerts/engine.ts) of each change it stored. */
interface IngestAlerts {
  fill(fill: FillItem, quoteAsset: string | undefined): void;
  order(before: OrderItem | undefined, after: OrderItem): void;
  balance(asset: string, total: string, time: number): void;
  equity(time: number, equity: string): void;
}

export interface AccountIngestDeps {
  readonly store: GatewayStore;
  readonly book: PriceBook;
  /** Where what was stored goes, raw (the account's fanout). */
  readonly emit: Emit;
  readonly logger: Logger;
  readonly metrics?: GatewayMetrics;
  readonly now?: () => number;
  /** Alerts on what was stored (after it is stored and published). */
  readonly alerts?: IngestAlerts;
  /**
   * An equity point was measured at `time` at the book's prices of now: the figures of now take
   * that moment (FiguresKeeper.equityMoment), and this gives the unrealized PnL of what is held
   * at it, carried by the point so the two move together; undefined: not known now.
   */
  readonly unrealized?: (time: number) => string | null | undefined;
}

export class AccountIngest {
  private readonly now: () => number;
  /** The balance items last published, to publish only those whose value moved. */
  private readonly published = new Map<string, BalanceItem>();
  private equityTimer: NodeJS.Timeout | undefined;
  /** When equityTimer fires (performance.now()). */
  private equityDue = 0;
  private lastEventTimes = { exchange: 0, receive: 0 };
  /**
   * Whether the balances are known: read from MEXC at least once (now or by an earlier run). Until
   * then no equity is measured: an empty store is not an empty account.
   */
  private balancesKnown: boolean;
  /** Equity points in a row missing a held asset's price (measured again soon while under PRICES_AWAITED_TRIES). */
  private pricesAwaited = 0;

  constructor(private readonly deps: AccountIngestDeps) {
    this.now = deps.now ?? Date.now;
    this.balancesKnown =
      deps.store.balances({ includeZero: true }).length > 0 || deps.store.latestEquity() !== undefined;
  }

  /** The balances were read from MEXC (the first reconciliation): equity may be measured from now on. */
  markBalancesKnown(): void {
    this.balancesKnown = true;
  }

  /** Each account topic's snapshot, raw, from the store (at start, before the first event, and after older history came). */
  snapshots(): TopicSnapshot[] {
    const { store, book } = this.deps;
    const now = this.now();
    const times = { exchangeTime: 0, receiveTime: now };
    const balances = balanceItems(store.balances(), book);
    for (const item of balances) this.published.set(item.asset, item);
    const open = store.orders({ status: "open", limit: 1_000 }).items;
    const recent = store.orders({ status: "all", limit: SNAPSHOT_CLOSED_ORDERS }).items;
    const orders = [...new Map([...recent, ...open].map((order) => [order.orderId, order])).values()];
    const latest = store.latestEquity();
    const from = (latest?.time ?? now) - SNAPSHOT_EQUITY_SPAN_MS;
    const equity = latest
      ? store.equity({ from, step: Math.ceil(SNAPSHOT_EQUITY_SPAN_MS / SNAPSHOT_EQUITY_POINTS) })
      : [];
    return [
      { topic: "balances", data: balances, ...times },
      { topic: "orders", data: orders, ...times },
      { topic: "fills", data: store.fills({ limit: SNAPSHOT_FILLS }).items, ...times },
      { topic: "equity", data: equity.slice(-SNAPSHOT_EQUITY_POINTS), ...times },
    ];
  }

  /** One event of the user stream (fill, order or balance, from the stream or from REST). */
  onEvent(event: UserEvent): void {
    this.deps.metrics?.eventsIn.inc({ source: event.source });
    this.lastEventTimes = { exchange: event.timestamp, receive: event.localTimestamp };
    try {
      if (event.type === "fill") this.onFill(event);
      else if (event.type === "order") this.onOrder(event);
      else this.onBalance(event);
    } catch (error) {
      // Corrupt data is worse than none: the event is refused and logged; reconciliation re-reads it.
      this.deps.logger.error({ err: error, type: event.type, source: event.source }, "account event refused");
    }
  }

  /**
   * Stores and publishes an equity point now; also republishes balances whose value moved. None
   * while the balances are unknown (a refused key, before the first reconciliation): a zero would
   * be false.
   */
  snapshotEquity(): EquityPoint | undefined {
    if (!this.balancesKnown) return undefined;
    const now = this.now();
    const balances = this.deps.store.balances();
    const measured = equityPoint(balances, this.deps.book, now);
    const unrealized = this.deps.unrealized?.(now);
    const point = unrealized === undefined ? measured : { ...measured, unrealized };
    this.deps.store.addEquitySnapshot(point);
    this.deps.emit({ topic: "equity", data: point, exchangeTime: this.lastEventTimes.exchange, receiveTime: now });
    this.republishBalances(now);
    const whole = this.complete(balances, point);
    // A reading missing a priced asset (its price not in yet) would look like a loss: not for alerts.
    if (this.deps.alerts !== undefined && whole) this.deps.alerts.equity(point.time, point.equity);
    // Its price may come in a moment (a start): measured again soon, a few times, not a minute on.
    if (whole) this.pricesAwaited = 0;
    else if (this.pricesAwaited < PRICES_AWAITED_TRIES) {
      this.pricesAwaited++;
      this.equitySoon(PRICES_AWAITED_MS);
    }
    return point;
  }

  /** Whether every held asset that MEXC lists against the quote currency is in the equity. */
  private complete(balances: readonly { asset: string; free: string; locked: string }[], point: EquityPoint): boolean {
    const { book } = this.deps;
    if (!book.hasMarkets) return false;
    return balances.every(
      (balance) =>
        point.byAsset[balance.asset] !== undefined ||
        new Decimal(balance.free).plus(balance.locked).eq(0) ||
        book.marketOf(`${balance.asset}${book.quote}`) === undefined,
    );
  }

  close(): void {
    clearTimeout(this.equityTimer);
    this.equityTimer = undefined;
  }

  private onFill(fill: Fill & { source: "stream" | "rest" }): void {
    const { store, book } = this.deps;
    // A fill of the last moments is valued at the live prices; an older one (a gap reconciled)
    // at the prices of its time, from the candles, once fetched (fillValuer.ts); so is one that
    // lacks a price before the book's first prices are in (not known yet, not missing at MEXC).
    const live = fill.localTimestamp - fill.timestamp <= FRESH_MS ? valueFill(fill, book) : null;
    const valuation = live !== null && book.awaitingPrices && Object.values(live).includes(null) ? null : live;
    if (!store.upsertFill(fill, valuation)) return;
    const item = toFillItem(fill, valuation);
    // Raised first: once stored, the fill is never new again, so a failure below must not lose its alert.
    this.deps.alerts?.fill(item, book.marketOf(fill.symbol)?.quoteAsset);
    book.update(fill.symbol, fill.price, fill.timestamp);
    this.deps.emit({ topic: "fills", data: item, ...timesOf(fill) });
    this.equitySoon();
  }

  private onOrder(order: OrderUpdate & { source: "stream" | "rest" }): void {
    const { store, alerts } = this.deps;
    const before = alerts === undefined ? undefined : store.order(order.orderId);
    if (!store.upsertOrder(order)) return;
    const item = store.order(order.orderId);
    if (item === undefined) return;
    alerts?.order(before, item);
    this.deps.emit({ topic: "orders", data: item, ...timesOf(order) });
  }

  private onBalance(balance: BalanceUpdate & { source: "stream" | "rest" }): void {
    const { store, book } = this.deps;
    const held = store.balance(balance.asset);
    // A REST reading equal to what is stored (e.g. after a restart) is no change at all.
    if (balance.source === "rest" && held && held.free === balance.free && held.locked === balance.locked) return;
    if (!store.applyBalance(balance)) return;
    const row = store.balance(balance.asset);
    if (row === undefined) return;
    const [item] = balanceItems([row], book);
    if (item === undefined) return;
    this.published.set(item.asset, item);
    this.deps.emit({ topic: "balances", data: item, ...timesOf(balance) });
    this.deps.alerts?.balance(row.asset, exact(new Decimal(row.free).plus(row.locked)), balance.timestamp);
  }

  /**
   * An equity point in a moment (once for everything meanwhile): after a fill, whose balance
   * pushes follow within milliseconds, and when the figures of now are known again.
   */
  equitySoon(delayMs = EQUITY_AFTER_FILL_MS): void {
    // One timer: a point already due sooner serves this one too; a later one (a price awaited)
    // gives way to this sooner one (a fill's).
    const due = performance.now() + delayMs;
    if (this.equityTimer !== undefined && this.equityDue <= due) return;
    clearTimeout(this.equityTimer);
    this.equityDue = due;
    this.equityTimer = setTimeout(() => {
      this.equityTimer = undefined;
      try {
        this.snapshotEquity();
      } catch (error) {
        this.deps.logger.error({ err: error }, "equity snapshot failed");
      }
    }, delayMs);
  }

  private republishBalances(now: number): void {
    for (const item of balanceItems(this.deps.store.balances(), this.deps.book)) {
      const before = this.published.get(item.asset);
      if (
        before &&
        before.value === item.value &&
        before.price === item.price &&
        before.apiTradingDisabled === item.apiTradingDisabled
      )
        continue;
      this.published.set(item.asset, item);
      this.deps.emit({
        topic: "balances",
        data: item,
        exchangeTime: this.lastEventTimes.exchange,
        receiveTime: now,
      });
    }
  }
}

function timesOf(event: { timestamp: number; localTimestamp: number }): { exchangeTime: number; receiveTime: number } {
  return { exchangeTime: event.timestamp, receiveTime: event.localTimestamp };
}
