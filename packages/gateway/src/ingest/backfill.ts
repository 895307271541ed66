/**
 * The first start's backfill: everything MEXC still serves, fetched once and kept forever.
 *
 *   deposits, withdrawals  7-day windows back 90 days        (WALLET_HISTORY_*)
 *   transfers              7-day windows back six months     (TRANSFER_HISTORY_*)
 *   internal transfers,    7-day windows back 90 days        (INTERNAL_TRANSFER_*, DUST_LOG_*;
 *   dust conversions                                          no window documented)
 *   orders                 allOrders, the last 7 days         (ALL_ORDERS_MAX_WINDOW_MS)
 *   fills                  myTrades in 3-day windows back a month, newest first (MY_TRADES_MAX_AGE_MS)
 *
 * Symbols: every listed pair of an asset held now, held in open orders or seen in deposits and
 * withdrawals, against the quote assets in use (the configured quote, those of the pairs the
 * account trades, and the assets it holds: ETHBTC for ETH and BTC), plus the configured symbols. The plan and each window's state live in the
 * store: a window is marked done in the transaction that stores its rows, so a restart resumes
 * where it stopped, fetching no window twice and skipping none. The backfill starts once the live
 * stream is up, pauses while it is not (a reconnect's reconciliation comes first) and sends one
 * request at a time with a pause between windows, so the live stream never waits behind it. With
 * several accounts, a few backfills run at a time, in the accounts' order (backfillTurns.ts); one
 * waiting for its turn says so in its progress (`queued`, with the backfills `ahead` of it).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { MexcClient } from "@mexc-live/client";
import {
  ExecutionRecord,
  fetchSymbolHistory,
  fetchWalletHistory,
  fillOfPair,
  noteRefusals,
  orderFromRest,
  RestEndpoints,
  readOrRefuse,
  slices,
  UnknownValues,
  walkPages,
  walletHorizon,
} from "@mexc-live/client/internals";
import type { HistoryProgress } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import {
  ALL_ORDERS_LIMIT_MAX,
  ALL_ORDERS_MAX_WINDOW_MS,
  MY_TRADES_MAX_AGE_MS,
  WALLET_HISTORY_MAX_SPAN_MS,
} from "@mexc-live/protocol/limits";
import { TRANSFER_TYPES, type TransferType } from "@mexc-live/protocol/wallet";
import {
  BACKFILL_FILLS_WINDOW_MS,
  BACKFILL_LOOKBACK_MARGIN_MS,
  BACKFILL_MAX_PASSES,
  BACKFILL_PACING_MS,
  BACKFILL_RETRY_MS,
} from "../config/defaults.js";
import type { PriceBook } from "../figures/index.js";
import type { Logger } from "../logging.js";
import type { BackfillKind, BackfillWindow, GatewayStore } from "../store/index.js";
import type { BackfillTurns } from "./backfillTurns.js";

const WALLET_KINDS: readonly TransferType[] = TRANSFER_TYPES;

export interface BackfillDeps {
  readonly client: MexcClient;
  readonly store: GatewayStore;
  readonly book: PriceBook;
  readonly quote: string;
  /** Symbols to fetch whatever the balances say (--symbols). */
  readonly symbols: readonly string[];
  readonly logger: Logger;
  /** Server time now, ms. */
  readonly now: () => number;
  /** Whether the live stream is up; the backfill waits while it is not. */
  readonly live: () => boolean;
  /** Rows of these kinds were stored (rebuild figures, reload topics). */
  readonly onStored: (kinds: ReadonlySet<BackfillKind>) => void;
  /** The progress moved (publish health). */
  readonly onProgress: () => void;
  readonly pacingMs?: number;
  /** The gateway's queue of backfills and this account's place in the configured order (several accounts). */
  readonly turns?: { readonly queue: BackfillTurns; readonly order: number };
  /**
   * Where a refused row (out of protocol's bounds) is counted and said: one per account, shared by
   * the history backfill and the wallet sync, so a cause is said once. Default: this reader's own.
   */
  readonly refusedRows?: ReturnType<typeof noteRefusals>;
}

type PlannedWindow = Omit<BackfillWindow, "doneAt" | "items">;

export class Backfill {
  private running: Promise<void> | undefined;
  private closed = false;
  /** Cuts its pauses short when it closes (a failed pass waits up to BACKFILL_RETRY_MS * passes). */
  private readonly stopping = new AbortController();
  private readonly endpoints: RestEndpoints;
  private readonly pacingMs: number;
  /** A bad row (wallet, fill or order) is skipped alone, counted and said once per field and reason. */
  private readonly refusedRows: ReturnType<typeof noteRefusals>;

  constructor(private readonly deps: BackfillDeps) {
    this.refusedRows = deps.refusedRows ?? noteRefusals(new UnknownValues({ logger: deps.logger }));
    this.endpoints = new RestEndpoints(deps.client.rest);
    this.pacingMs = deps.pacingMs ?? BACKFILL_PACING_MS;
  }

  /**
   * Starts (or resumes) the backfill in the background; a no-op once it runs or is complete. The
   * store knows from now that the history is being read, though the plan waits for the live stream.
   */
  start(): void {
    this.deps.store.expectHistory();
    this.running ??= this.run().catch((error: unknown) => {
      if (this.closed) return;
      this.deps.logger.error({ err: error }, "history backfill stopped; it resumes at the next start");
    });
  }

  /** Resolves once the backfill stopped (complete, failed or closed). */
  whenDone(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Stops; resolves once the run has ended (a REST call in flight ends when the client closes). */
  async close(): Promise<void> {
    this.closed = true;
    this.stopping.abort();
    await this.running;
  }

  /** Waits `ms`, or less when the backfill closes meanwhile. */
  private pause(ms: number): Promise<void> {
    return sleep(ms, undefined, { ref: false, signal: this.stopping.signal }).catch(() => undefined);
  }

  /** Where the backfill stands (from the store, so a web instance's collector and a restart agree). */
  progress(): HistoryProgress | undefined {
    const progress = backfillProgress(this.deps.store);
    const turns = this.deps.turns;
    const ahead = turns?.queue.ahead(turns.order);
    return progress === undefined || ahead === undefined ? progress : { ...progress, state: "queued", ahead };
  }

  /** Waits for this account's turn (at once with one account); health tells where it stands meanwhile. */
  private async takeTurn(): Promise<() => void> {
    const turns = this.deps.turns;
    if (turns === undefined) return () => {};
    const stop = turns.queue.onMoved(() => this.deps.onProgress());
    try {
      return await turns.queue.take(turns.order, this.stopping.signal);
    } finally {
      stop();
      this.deps.onProgress();
    }
  }

  private async run(): Promise<void> {
    const { store, logger } = this.deps;
    await this.untilLive();
    if (this.closed) return;
    let { plan } = store.backfill();
    if (plan !== undefined && this.planNewWalletKinds()) logger.info("history: wallet histories added since planned");
    if (plan?.completedAt != null) {
      // A plan finished before some wallet history was read (internal transfers and dust
      // conversions came later): those windows only.
      await this.runPasses((window) => WALLET_KINDS.includes(window.kind as TransferType));
      this.deps.onProgress();
      return;
    }
    if (plan === undefined) {
      const now = this.deps.now();
      const historyFrom = now - MY_TRADES_MAX_AGE_MS + BACKFILL_LOOKBACK_MARGIN_MS;
      store.planBackfill({ plannedAt: now, historyFrom }, this.walletWindows(now));
      plan = store.backfill().plan!;
      logger.info({ from: new Date(historyFrom).toISOString() }, "history: backfill planned");
    }
    const release = await this.takeTurn();
    try {
      if (this.closed) return;
      // Wallet history first: its assets decide which symbols to fetch.
      const walletDone = await this.runPasses((window) => WALLET_KINDS.includes(window.kind as TransferType));
      if (this.closed) return;
      store.planBackfill(plan, this.tradingWindows(plan.plannedAt, plan.historyFrom));
      this.deps.onProgress();
      const allDone = (await this.runPasses(() => true)) && walletDone;
      if (this.closed) return;
      if (!allDone) {
        logger.error("history: some windows could not be fetched; they are tried again at the next start");
        return;
      }
      store.completeBackfill();
      const progress = this.progress();
      logger.info({ counts: progress?.counts }, "history: complete");
      this.deps.onProgress();
    } finally {
      release();
    }
  }

  /**
   * Runs the pending windows `which` selects until none is left, or a few passes failed: a
   * window that fails (MEXC down, a refusal) stays pending, the others go on, and it is tried
   * again after a pause. Returns whether every window is done.
   */
  private async runPasses(which: (window: BackfillWindow) => boolean): Promise<boolean> {
    for (let pass = 1; ; pass++) {
      const failed = await this.runWindows(which);
      if (this.closed || failed === 0) return failed === 0;
      if (pass === BACKFILL_MAX_PASSES) return false;
      this.deps.logger.warn(
        { failed, retryInMs: BACKFILL_RETRY_MS * pass },
        "history: windows failed; trying them again",
      );
      await this.pause(BACKFILL_RETRY_MS * pass);
    }
  }

  /** Runs the pending windows `which` selects, wallet first, then orders, then fills newest first; returns how many failed. */
  private async runWindows(which: (window: BackfillWindow) => boolean): Promise<number> {
    const pending = this.deps.store
      .backfill()
      .windows.filter((window) => window.doneAt === null && which(window))
      .sort((a, b) => rank(a) - rank(b) || b.start - a.start || a.symbol.localeCompare(b.symbol));
    let failed = 0;
    for (const window of pending) {
      await this.untilLive();
      if (this.closed) return failed;
      let items: number;
      try {
        items = await this.fetchWindow(window);
      } catch (error) {
        if (this.closed) return failed;
        failed++;
        this.deps.logger.warn(
          { kind: window.kind, symbol: window.symbol || undefined, err: (error as Error).message },
          "history: a window failed; it stays pending",
        );
        await this.pause(this.pacingMs);
        continue;
      }
      if (this.closed) return failed;
      const progress = this.progress();
      // One line per window: dozens in the first minute, so at debug; the plan, the end and any
      // failure stay at info, and the dashboard's header shows the progress.
      this.deps.logger.debug(
        {
          kind: window.kind,
          symbol: window.symbol || undefined,
          from: new Date(window.start).toISOString(),
          to: new Date(window.end).toISOString(),
          items,
          days: progress?.days,
          symbolsLeft: progress ? progress.symbols.total - progress.symbols.done : undefined,
        },
        `history: ${describe(progress, window)}`,
      );
      if (items > 0) this.deps.onStored(new Set([window.kind]));
      this.deps.onProgress();
      await this.pause(this.pacingMs);
    }
    return failed;
  }

  /** Fetches one window and stores its rows, marking it done in the same transaction. */
  private async fetchWindow(window: BackfillWindow): Promise<number> {
    const { store } = this.deps;
    const now = Date.now();
    if (window.kind === "fills") {
      const history = await fetchSymbolHistory({
        endpoints: this.endpoints,
        record: new ExecutionRecord(),
        logger: this.deps.logger,
        symbol: window.symbol,
        tradesFrom: window.start,
        ordersFrom: undefined,
        to: window.end,
        open: [],
      });
      // A row out of protocol's bounds is skipped alone (counted, said once): the window's good rows are kept.
      const fills = history.trades.flatMap((trade) => {
        const fill = fillOfPair(trade, window.symbol, now, this.refusedRows);
        return fill === undefined ? [] : [{ ...fill, source: "rest" as const }];
      });
      return store.completeBackfillWindow(window, () => {
        let added = 0;
        // Valued at the prices of their time once the candles are in (fillValuer.ts).
        for (const fill of fills) if (store.upsertFill(fill, null)) added++;
        return added;
      });
    }
    if (window.kind === "orders") {
      const walk = await walkPages({
        fetch: (startTime, endTime) =>
          this.endpoints.allOrders(window.symbol, { startTime, endTime, limit: ALL_ORDERS_LIMIT_MAX }),
        limit: ALL_ORDERS_LIMIT_MAX,
        timeOf: (order) => order.time,
        idOf: (order) => String(order.orderId),
        from: window.start,
        to: window.end,
      });
      const orders = walk.items.flatMap((item) => {
        const order = readOrRefuse(() => orderFromRest(item, now), this.refusedRows);
        return order === undefined ? [] : [{ ...order, source: "rest" as const }];
      });
      return store.completeBackfillWindow(window, () => {
        let added = 0;
        for (const order of orders) if (store.upsertOrder(order)) added++;
        return added;
      });
    }
    const transfers = await fetchWalletHistory(
      this.endpoints,
      window.kind,
      {
        from: window.start,
        to: window.end,
        now: this.deps.now(),
      },
      this.refusedRows,
    );
    return store.completeBackfillWindow(window, () => {
      let added = 0;
      for (const transfer of transfers) if (store.upsertTransfer(transfer)) added++;
      return added;
    });
  }

  /** Adds the windows of wallet kinds an older plan lacks; true when it added some. */
  private planNewWalletKinds(): boolean {
    const { store } = this.deps;
    const { plan, windows } = store.backfill();
    if (plan === undefined) return false;
    const planned = new Set(windows.map((window) => window.kind));
    const missing = WALLET_KINDS.filter((kind) => !planned.has(kind));
    if (missing.length === 0) return false;
    store.planBackfill(plan, this.walletWindows(this.deps.now(), missing));
    return true;
  }

  private walletWindows(now: number, kinds: readonly TransferType[] = WALLET_KINDS): PlannedWindow[] {
    return kinds.flatMap((kind) =>
      slices(walletHorizon(kind, now), now, WALLET_HISTORY_MAX_SPAN_MS).map(([start, end]) => ({
        kind,
        symbol: "",
        start,
        end,
      })),
    );
  }

  private tradingWindows(plannedAt: number, historyFrom: number): PlannedWindow[] {
    const symbols = historySymbols(this.deps);
    const ordersFrom = Math.max(historyFrom, plannedAt - ALL_ORDERS_MAX_WINDOW_MS + BACKFILL_LOOKBACK_MARGIN_MS);
    return symbols.flatMap((symbol) => [
      { kind: "orders" as const, symbol, start: ordersFrom, end: plannedAt },
      ...slicesNewestLast(historyFrom, plannedAt, BACKFILL_FILLS_WINDOW_MS).map(([start, end]) => ({
        kind: "fills" as const,
        symbol,
        start,
        end,
      })),
    ]);
  }

  private async untilLive(): Promise<void> {
    while (!this.closed && !this.deps.live()) await this.pause(this.pacingMs);
  }
}

/**
 * The symbols whose history is fetched: listed pairs of every asset held now, in open orders or
 * in the wallet history, against the quote assets in use; plus the configured ones.
 */
function historySymbols(deps: Pick<BackfillDeps, "store" | "book" | "quote" | "symbols">): string[] {
  const { store, book } = deps;
  const assets = new Set<string>();
  for (const balance of store.balances()) assets.add(balance.asset);
  for (const transfer of store.allTransfers()) if (transfer.type !== "transfer") assets.add(transfer.asset);
  const quotes = new Set<string>([deps.quote]);
  const traded = new Set<string>([
    ...Object.keys(store.lastFillPerSymbol()),
    ...store.openOrders().map((o) => o.symbol),
  ]);
  for (const symbol of traded) {
    const market = book.marketOf(symbol);
    if (market) {
      quotes.add(market.quoteAsset);
      assets.add(market.baseAsset);
    }
  }
  // A quote asset the account holds is in use too (ETHBTC for an account holding ETH and BTC).
  for (const asset of assets) quotes.add(asset);
  const symbols = new Set<string>(deps.symbols);
  for (const symbol of traded) symbols.add(symbol);
  for (const asset of assets) {
    for (const quote of quotes) {
      if (asset === quote) continue;
      const symbol = book.symbolFor(asset, quote);
      if (symbol !== undefined) symbols.add(symbol);
    }
  }
  return [...symbols].sort();
}

/** The store's backfill plan as progress; undefined before it is planned. */
function backfillProgress(store: GatewayStore): HistoryProgress | undefined {
  const { plan, windows } = store.backfill();
  if (plan === undefined) return undefined;
  const totalDays = Math.round((plan.plannedAt - plan.historyFrom) / DAY_MS);
  const bySymbol = new Map<string, BackfillWindow[]>();
  const counts = { fills: 0, orders: 0, deposits: 0, withdrawals: 0, transfers: 0 };
  for (const window of windows) {
    counts[COUNT_OF[window.kind]] += window.items;
    if (window.symbol !== "") bySymbol.set(window.symbol, [...(bySymbol.get(window.symbol) ?? []), window]);
  }
  let daysDone = totalDays;
  let symbolsDone = 0;
  for (const symbolWindows of bySymbol.values()) {
    if (symbolWindows.every((window) => window.doneAt !== null)) symbolsDone++;
    // Fills are fetched newest first: the days done are those of the done windows from the newest on.
    const fills = symbolWindows.filter((window) => window.kind === "fills").sort((a, b) => b.start - a.start);
    let covered = 0;
    for (const window of fills) {
      if (window.doneAt === null) break;
      covered += window.end - window.start + 1;
    }
    daysDone = Math.min(
      daysDone,
      fills.every((window) => window.doneAt !== null) ? totalDays : Math.floor(covered / DAY_MS),
    );
  }
  const walletPending = windows.some((window) => window.symbol === "" && window.doneAt === null);
  if (walletPending || (bySymbol.size === 0 && plan.completedAt === null)) daysDone = Math.min(daysDone, 0);
  return {
    state: plan.completedAt === null ? "backfilling" : "complete",
    days: { done: plan.completedAt === null ? daysDone : totalDays, total: totalDays },
    symbols: { done: symbolsDone, total: bySymbol.size },
    counts,
    from: plan.historyFrom,
    plannedAt: plan.plannedAt,
    completedAt: plan.completedAt,
  };
}

/** Internal transfers and dust conversions count with the transfers (the contract's counts predate them). */
const COUNT_OF: Record<BackfillKind, keyof HistoryProgress["counts"]> = {
  fills: "fills",
  orders: "orders",
  deposit: "deposits",
  withdrawal: "withdrawals",
  transfer: "transfers",
  internal_transfer: "transfers",
  conversion: "transfers",
};

/** The log line of a step: the wallet's windows, then days and symbols. */
function describe(progress: HistoryProgress | undefined, window: BackfillWindow): string {
  if (progress === undefined) return window.kind;
  if (WALLET_KINDS.includes(window.kind as TransferType)) {
    const { deposits, withdrawals, transfers } = progress.counts;
    return `wallet ${window.kind}s to ${new Date(window.end).toISOString().slice(0, 10)} (${deposits} deposits, ${withdrawals} withdrawals, ${transfers} transfers so far)`;
  }
  return `${progress.days.done} of ${progress.days.total} days, ${progress.symbols.total - progress.symbols.done} symbols left`;
}

/** Wallet windows first, then orders, then fills. */
function rank(window: BackfillWindow): number {
  return window.kind === "fills" ? 2 : window.kind === "orders" ? 1 : 0;
}

/** [from, to] in windows of `span`, aligned so the newest window ends at `to`. */
function slicesNewestLast(from: number, to: number, span: number): [number, number][] {
  const out: [number, number][] = [];
  for (let end = to; end >= from; end -= span) out.unshift([Math.max(from, end - span + 1), end]);
  return out;
}
