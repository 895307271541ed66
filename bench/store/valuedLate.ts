/**
 * bench/store, issue 39: fills valued late. The portfolio by asset is built from every fill of the
 * bench's database (the baseline, from scratch), then fills across the history are valued in
 * ROUNDS batches, oldest first, as the candles of their time come in after a backfill or an
 * import (each batch VALUED_PER_ROUND fills of one moment, their values as stored: the figures
 * must not move). Until session 18 each batch sent the portfolio back to scratch (the fills are
 * older than the openings' derivation); now each recomputes from the checkpoint before it.
 * Reported: the build from scratch, each batch's recompute and where it started, and whether the
 * figures after the batches are those built from every fill.
 */
import { createHash } from "node:crypto";
import type { PriceBook } from "../../packages/gateway/src/figures/index.js";
import { PastPrices } from "../../packages/gateway/src/figures/pastPrices.js";
import { PortfolioModel } from "../../packages/gateway/src/figures/portfolio/portfolioModel.js";
import { totalsText } from "../../packages/gateway/src/figures/portfolio/totalsText.js";
import { createLogger } from "../../packages/gateway/src/logging.js";
import { openStore } from "../../packages/gateway/src/store/index.js";
import { HISTORY_END, HISTORY_START } from "./synthetic.js";

const ROUNDS = 8;
const VALUED_PER_ROUND = 100;

export interface ValuedLateFigures {
  readonly scratchMs: number;
  readonly rounds: readonly { readonly ms: number; readonly fromDay: string }[];
  readonly sameFigures: boolean;
}

export async function valuedLatePhase(path: string, book: PriceBook): Promise<ValuedLateFigures> {
  const store = openStore({ path });
  store.portfolio.clear();
  const prices = new PastPrices({
    quote: book.quote,
    markets: book,
    candles: { at: () => ({ kind: "none" }) },
    live: (asset) => book.priceOf(asset),
  });
  const model = new PortfolioModel({
    store,
    prices,
    book,
    logger: createLogger({ level: "silent" }).logger,
    now: () => HISTORY_END + 60_000,
  });
  const digest = () =>
    createHash("sha256")
      .update(JSON.stringify([...model.headTotals()].map(([asset, totals]) => [asset, totalsText(totals)])))
      .digest("hex");
  let at = performance.now();
  model.start();
  await model.ready();
  const scratchMs = Math.round(performance.now() - at);
  const built = digest();

  /** The first VALUED_PER_ROUND fills from `moment`, with their valuations as stored. */
  const batch = (moment: number) => {
    const rows = [];
    for (const fill of store.fillHistory({ from: moment })) {
      rows.push(fill);
      if (rows.length === VALUED_PER_ROUND) break;
    }
    return rows;
  };
  const rounds: { ms: number; fromDay: string }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const moment = HISTORY_START + Math.floor(((HISTORY_END - HISTORY_START) * round) / (ROUNDS + 1));
    store.setValuations(
      batch(moment).map((fill) => ({
        tradeId: fill.tradeId,
        time: fill.time,
        valuation: { feeValue: fill.feeValue, feePairValue: fill.feePairValue, amountValue: fill.amountValue },
      })),
    );
    at = performance.now();
    model.poll();
    await model.ready();
    const from = model.stats().lastRecomputeFrom ?? Number.NaN;
    rounds.push({
      ms: Math.round(performance.now() - at),
      fromDay: Number.isFinite(from) ? new Date(from).toISOString().slice(0, 10) : "scratch",
    });
  }
  const sameFigures = digest() === built;
  model.close();
  store.close();
  return { scratchMs, rounds, sameFigures };
}
