/**
 * The prices of the pairs MEXC lists to signed requests only (its "Assessment Zone", marked
 * `signedOnly` in the book: docs/mexc/undocumented.md#fills-and-keys item 11.29). The public price stream (miniTickers) does
 * not carry them, so a held asset or a fill on such a pair would stay unvalued: every
 * SIGNED_ONLY_PRICES_EVERY_MS one signed all-pairs ticker read (weight 2) prices them, and a pair
 * missing from that answer is read on its own, at most SIGNED_ONLY_PRICES_PER_ROUND_MAX a round.
 */
import type { MexcClient } from "@mexc-live/client";
import { SIGNED_ONLY_PRICES_EVERY_MS, SIGNED_ONLY_PRICES_PER_ROUND_MAX } from "../config/defaults.js";
import type { PriceBook } from "../figures/index.js";
import type { Logger } from "../logging.js";

export interface SignedOnlyPricesDeps {
  readonly client: Pick<MexcClient, "tickerPrices">;
  readonly book: Pick<PriceBook, "signedOnlySymbols" | "update">;
  readonly logger: Logger;
  readonly now: () => number;
  /** Tests shorten it. */
  readonly everyMs?: number;
}

/** Reads now, then every SIGNED_ONLY_PRICES_EVERY_MS while there are signed-only pairs. */
export function startSignedOnlyPrices(deps: SignedOnlyPricesDeps): { stop(): void; round(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const round = (): Promise<void> => {
    running ??= readRound(deps).finally(() => {
      running = undefined;
    });
    return running;
  };
  void round();
  const timer = setInterval(() => {
    if (!stopped) void round();
  }, deps.everyMs ?? SIGNED_ONLY_PRICES_EVERY_MS);
  timer.unref();
  return {
    round,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

async function readRound(deps: SignedOnlyPricesDeps): Promise<void> {
  const { client, book, logger, now } = deps;
  const wanted = book.signedOnlySymbols();
  if (wanted.length === 0) return;
  const priced = new Set<string>();
  try {
    const at = now();
    for (const entry of await client.tickerPrices(undefined, { signed: true })) {
      if (!wanted.includes(entry.symbol)) continue;
      book.update(entry.symbol, entry.price, at);
      priced.add(entry.symbol);
    }
  } catch (error) {
    logger.warn(
      { err: (error as Error).message },
      "signed prices unavailable; Assessment Zone pairs wait for the next round",
    );
    return;
  }
  const missing = wanted.filter((symbol) => !priced.has(symbol));
  for (const symbol of missing.slice(0, SIGNED_ONLY_PRICES_PER_ROUND_MAX)) {
    try {
      const [entry] = await client.tickerPrices(symbol, { signed: true });
      if (entry !== undefined) book.update(symbol, entry.price, now());
    } catch (error) {
      logger.warn({ symbol, err: (error as Error).message }, "signed price of an Assessment Zone pair unavailable");
    }
  }
  if (missing.length > SIGNED_ONLY_PRICES_PER_ROUND_MAX) {
    logger.warn(
      { unpriced: missing.slice(SIGNED_ONLY_PRICES_PER_ROUND_MAX), max: SIGNED_ONLY_PRICES_PER_ROUND_MAX },
      "more Assessment Zone pairs than one round reads; these stay unpriced this round",
    );
  }
}
