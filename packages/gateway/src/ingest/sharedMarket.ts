/**
 * What every account of a gateway (all or collector role) shares of the market's present, over one
 * public client that needs no key (issue 31):
 *
 *   - exchangeInfo, read once per EXCHANGE_INFO_REREAD_MS into the shared price book; the same
 *     answer is every account's list of pairs for symbol discovery (`pairs`), so N accounts make
 *     one exchangeInfo call a refresh, not 2N (each account's reconciler used to read its own);
 *   - one miniTickers stream (every symbol's last price) into the price book: one market-data
 *     WebSocket however many accounts, where each account's collector used to open its own;
 *   - market topics on demand for browsers (marketTopics.ts), by the collector of the default
 *     account only when several collectors share Redis (`serveTopics`), as before;
 *   - MEXC's announced maintenances (maintenanceNotices.ts): one read of its announcements every
 *     10 minutes, for every account's health.
 *
 * MEXC's "Assessment Zone" pairs are listed to signed requests only and are not in the public price
 * stream (docs/mexc/undocumented.md#fills-and-keys item 11.29): with a key (`signedReads`), exchangeInfo is read both ways and
 * the pairs only the signed answer lists are marked `signedOnly` in the book, discovered by every
 * account's reconciliation like any pair, priced by signed REST (signedOnlyPrices.ts) and left out
 * of the browsers' market topics (their streams need a listen key).
 *
 * An account's collector takes what it needs from here (`onEvent` for its health's last event,
 * `firstPrices` before valuing the fills its first reconciliation brings) and opens no market
 * connection of its own. Prices are the same for every account, so nothing here is per account.
 */
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { ExchangeInfo, MexcClient, PairSource } from "@mexc-live/client";
import { PairDirectory } from "@mexc-live/client/internals";
import type { MaintenanceNotice, MarketNote } from "@mexc-live/contract";
import { buildChannel, type MexcEvent } from "@mexc-live/protocol";
import type { ExchangeSymbol } from "@mexc-live/protocol/rest";
import { EXCHANGE_INFO_REREAD_MS, FIRST_PRICES_WAIT_MS, PRICE_TIMEZONE } from "../config/defaults.js";
import type { MarketSymbol, PriceBook } from "../figures/index.js";
import type { Logger } from "../logging.js";
import type { GatewayMetrics } from "../metrics.js";
import { startMaintenanceNotices } from "./maintenanceNotices.js";
import { MarketTopics } from "./marketTopics.js";
import type { MarketOutlet } from "./outlets.js";
import { startSignedOnlyPrices } from "./signedOnlyPrices.js";

export interface SharedMarketDeps {
  /** The gateway's public client (market data's, without a key), paced by the shared REST budget. */
  readonly client: Pick<
    MexcClient,
    | "exchangeInfo"
    | "offlineSymbols"
    | "marketStream"
    | "orderBook"
    | "tickerPrices"
    | "announcements"
    | "klines"
    | "recentTrades"
  >;
  /** The client holds a key (an account's): the pairs MEXC lists to signed reads only are read too. */
  readonly signedReads: boolean;
  readonly book: PriceBook;
  /** Market topics go to browsers through it (the plain `market.*` names, the same for every account). */
  readonly bus: () => MarketOutlet;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Open market topics on browsers' demand: the gateway that has the default account does. */
  readonly serveTopics: boolean;
  readonly now?: () => number;
  /** Between reads of MEXC's announcements; default ANNOUNCEMENTS_POLL_MS (10 min). Tests shorten it. */
  readonly announcementsEveryMs?: number;
}

export interface SharedMarket {
  /** The pairs every account's reconciliation discovers symbols from (one exchangeInfo for all). */
  readonly pairs: PairSource;
  /** Resolves at the first price push, or after FIRST_PRICES_WAIT_MS without one. */
  readonly firstPrices: Promise<void>;
  /** Every market event (prices, market topics): each account's health notes it. Returns the unsubscribe. */
  onEvent(listener: (event: MexcEvent) => void): () => void;
  /** A maintenance MEXC announced, upcoming or ongoing (maintenanceNotices.ts); null when none. */
  maintenance(): MaintenanceNotice | null;
  /** What the market topics browsers want cannot show now, in words (marketNotes.ts); the same for every account. */
  marketNotes(): MarketNote[];
  close(): Promise<void>;
}

export async function startSharedMarket(deps: SharedMarketDeps): Promise<SharedMarket> {
  const { client, book, metrics, logger } = deps;
  const now = deps.now ?? Date.now;
  const listeners = new Set<(event: MexcEvent) => void>();
  const markets = marketsReader(deps, now);
  await markets.refresh();
  const signedOnlyPrices = deps.signedReads ? startSignedOnlyPrices({ client, book, logger, now }) : undefined;
  const refreshTimer = setInterval(() => void markets.refresh(), EXCHANGE_INFO_REREAD_MS);
  refreshTimer.unref();
  const notices = startMaintenanceNotices({
    client,
    logger,
    metrics,
    now,
    ...(deps.announcementsEveryMs === undefined ? {} : { everyMs: deps.announcementsEveryMs }),
  });
  const pairs = new PairDirectory({
    endpoints: { exchangeInfo: markets.exchangeInfo, offlineSymbols: () => client.offlineSymbols() },
    logger,
    now,
  });

  const onMarketEvent = (event: MexcEvent) => {
    metrics.eventsIn.inc({ source: "market" });
    if (event.type === "miniTickers") for (const t of event.tickers) book.update(t.symbol, t.price, event.timestamp);
    else if (event.type === "trade") {
      const newest = event.trades[event.trades.length - 1];
      if (newest) book.update(event.symbol, newest.price, newest.time);
    }
    for (const listener of listeners) listener(event);
  };
  const prices = startPrices(deps, onMarketEvent, now);
  const bus = deps.bus();
  const market = new MarketTopics({
    client,
    publish: (update) => deps.bus().publish(update),
    closed: (topic) => deps.bus().drop(topic),
    onEvent: onMarketEvent,
    // Before exchangeInfo has loaded, every symbol is given a chance. A signed-only pair's streams
    // need a listen key (hummingbot/hummingbot#7626): no public topic for it.
    isListed: (symbol) => {
      if (!markets.known()) return true;
      const listed = book.marketOf(symbol);
      return listed !== undefined && !listed.signedOnly;
    },
    onMalformed: () => metrics.decodeErrors.inc(),
    logger,
  });
  const stopDemand = deps.serveTopics ? bus.onDemand((topic, wanted) => market.want(topic, wanted)) : () => {};
  if (deps.serveTopics) for (const topic of bus.wanted()) market.want(topic, true);

  return {
    pairs,
    firstPrices: prices.first,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    maintenance: () => notices.current(),
    marketNotes: () => market.marketNotes(),
    async close() {
      clearInterval(refreshTimer);
      notices.stop();
      signedOnlyPrices?.stop();
      stopDemand();
      listeners.clear();
      await market.close();
      await prices.close();
    },
  };
}

/**
 * exchangeInfo for the book and the pairs: one answer (or the call in flight) shared for
 * EXCHANGE_INFO_REREAD_MS; with a key, the pairs only a signed read lists added after the others,
 * marked. `refresh` loads the book with it; `known` once it did.
 */
function marketsReader(deps: SharedMarketDeps, now: () => number) {
  const { client, book, logger } = deps;
  let info: { at: number; answer: Promise<ExchangeInfo> } | undefined;
  let known = false;
  const exchangeInfo = (): Promise<ExchangeInfo> => {
    if (info !== undefined && now() - info.at < EXCHANGE_INFO_REREAD_MS) return info.answer;
    const asked = { at: now(), answer: readMarkets() };
    info = asked;
    // A failed read is not kept: the next caller asks again.
    asked.answer.catch(() => {
      if (info === asked) info = undefined;
    });
    return asked.answer;
  };
  /** Every pair an unsigned read lists, and after them those only a signed read lists (marked). */
  const readMarkets = async (): Promise<ExchangeInfo> => {
    const open = await client.exchangeInfo();
    if (!deps.signedReads) return open;
    let signed: ExchangeInfo;
    try {
      signed = await client.exchangeInfo(undefined, { signed: true });
    } catch (error) {
      logger.warn(
        { err: (error as Error).message },
        "signed exchangeInfo unavailable; pairs MEXC lists to signed requests only (Assessment Zone) not known",
      );
      return open;
    }
    const listed = new Set(open.symbols.map((entry) => entry.symbol));
    const signedOnly = signed.symbols
      .filter((entry) => !listed.has(entry.symbol))
      .map((entry): ExchangeSymbol & MarketSymbol => ({ ...entry, signedOnly: true }));
    return { ...open, symbols: [...open.symbols, ...signedOnly] };
  };
  const refresh = async (): Promise<void> => {
    try {
      const answer = await exchangeInfo();
      book.setMarkets(answer.symbols as readonly MarketSymbol[]);
      known = true;
      const disabled = answer.symbols.filter((symbol) => symbol.isSpotTradingAllowed === false).length;
      const signedOnly = (answer.symbols as readonly MarketSymbol[]).filter((symbol) => symbol.signedOnly).length;
      logger.info({ pairs: answer.symbols.length }, marketsReadText(answer.symbols.length, disabled, signedOnly));
    } catch (error) {
      logger.warn(
        { err: (error as Error).message },
        "exchange info unavailable; valuation routes wait for the next try",
      );
    }
  };
  return { exchangeInfo, refresh, known: () => known };
}

/**
 * The miniTickers stream into `onEvent`, and `first`: resolves once the book has prices to value
 * the fills of the first reconciliation with, from whichever comes first: the stream's first push,
 * one REST read of every pair's last price (GET ticker/price), or FIRST_PRICES_WAIT_MS. MEXC
 * pushes miniTickers every 3 s (docs/mexc/protocol.md#channels), and its first push holds only the
 * pairs whose price changed: the REST read answers in one round trip, with every pair. Waiting
 * for the push alone held the dashboard's URL back ~2.5 s at every start (2026-11-27, a demo:
 * gateway listening at 3.9 s, of which 2.5 s idle).
 */
function startPrices(deps: SharedMarketDeps, onEvent: (event: MexcEvent) => void, now: () => number) {
  const prices = deps.client.marketStream([buildChannel({ stream: "miniTickers", timezone: PRICE_TIMEZONE })], {
    label: "prices",
    maxQueued: 0, // read through listeners: no queue for a loop nobody runs
  });
  prices.on("event", onEvent);
  prices.on("malformed", () => deps.metrics.decodeErrors.inc());
  const waitEnds = new AbortController();
  const first = Promise.race([
    once(prices, "event", { signal: waitEnds.signal }),
    readAllPrices(deps, now),
    sleep(FIRST_PRICES_WAIT_MS, undefined, { ref: false, signal: waitEnds.signal }),
  ]).then(
    () => waitEnds.abort(),
    () => undefined,
  );
  return {
    first,
    close: () => {
      waitEnds.abort();
      return prices.close();
    },
  };
}

/**
 * Every pair's last price by REST into the book, stamped with the moment it was asked (a push that
 * came meanwhile is newer and stays). A failure, or an answer with no usable price, is logged and
 * never settles the wait: the stream's push or the timeout does. An entry that is not a symbol and
 * a positive decimal is left out and counted in the log line (the book refuses a bad price).
 */
async function readAllPrices(deps: SharedMarketDeps, now: () => number): Promise<void> {
  const at = now();
  const waitForStream = (why: Record<string, unknown>, msg: string) => {
    deps.logger.warn(why, msg);
    return new Promise<never>(() => {});
  };
  let answer: unknown;
  try {
    answer = await deps.client.tickerPrices();
  } catch (error) {
    return waitForStream(
      { err: (error as Error).message },
      "prices by REST unavailable at start; waiting for the stream",
    );
  }
  const entries: readonly unknown[] = Array.isArray(answer) ? answer : [];
  let taken = 0;
  for (const entry of entries) {
    const { symbol, price } = (entry ?? {}) as { symbol?: unknown; price?: unknown };
    if (typeof symbol === "string" && typeof price === "string" && deps.book.update(symbol, price, at)) taken++;
  }
  if (taken === 0)
    return waitForStream(
      { entries: entries.length },
      "prices by REST gave no usable price at start; waiting for the stream",
    );
  if (taken < entries.length)
    deps.logger.warn({ left: entries.length - taken, taken }, "prices by REST: entries left out");
}

/**
 * The exchangeInfo read in words a new user reads at the terminal: "MEXC's pairs read: 9; 1 with
 * API trading off at MEXC (shown, but MEXC refuses API orders on it); 1 listed to signed requests
 * only (MEXC's Assessment Zone)". Field names such as apiTradingDisabled=1 said nothing to them.
 */
export function marketsReadText(pairs: number, tradingOff: number, signedOnly: number): string {
  const parts = [`MEXC's pairs read: ${pairs}`];
  if (tradingOff > 0)
    parts.push(
      `${tradingOff} with API trading off at MEXC (shown, but MEXC refuses API orders on ${tradingOff === 1 ? "it" : "them"})`,
    );
  if (signedOnly > 0) parts.push(`${signedOnly} listed to signed requests only (MEXC's Assessment Zone)`);
  return parts.join("; ");
}
