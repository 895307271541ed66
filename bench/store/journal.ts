/**
 * bench/store, issue 39: the trader's journal of the bench's database (a million fills), read
 * through the gateway's routes (buildApp over storeQueries, `inject`, no port) after a start
 * (figures from their checkpoint, the portfolio built, as a running collector's are). Reported:
 * the first page of trips (the trips built from every fill), the next page, the summary (stats
 * over a year's trips, the drawdown, against holding still), the same against BTC, the first FIFO
 * page (its own trips), and RSS growth from the trips kept.
 */

import { TopicHub } from "../../packages/gateway/src/fanout/topicHub.js";
import { loadFigures } from "../../packages/gateway/src/figures/figuresFromStore.js";
import { Figures, type PriceBook } from "../../packages/gateway/src/figures/index.js";
import { standalonePortfolio } from "../../packages/gateway/src/figures/portfolio/portfolioQueries.js";
import { buildApp } from "../../packages/gateway/src/http/app.js";
import { storeQueries } from "../../packages/gateway/src/http/queries/storeQueries.js";
import { createFieldMask } from "../../packages/gateway/src/ingest/fieldMask.js";
import { createMetrics } from "../../packages/gateway/src/metrics.js";
import { openStore } from "../../packages/gateway/src/store/index.js";

export interface JournalFigures {
  readonly trips: number;
  readonly firstPageMs: number;
  readonly nextPageMs: number;
  readonly summaryMs: number;
  readonly summaryBtcMs: number;
  readonly firstFifoPageMs: number;
  readonly rssGrowthMb: number;
}

export async function journalPhase(path: string, book: PriceBook): Promise<JournalFigures> {
  const store = openStore({ path });
  const figures = new Figures(book);
  loadFigures(figures, store, book);
  const portfolio = standalonePortfolio(store, book);
  await portfolio.assetPnl();
  const app = buildApp({
    queries: storeQueries(store, figures, book, createFieldMask([]), undefined, portfolio),
    hub: new TopicHub(),
    health: () => {
      throw new Error("not asked");
    },
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  const get = async (url: string) => {
    const at = performance.now();
    const response = await app.inject({ method: "GET", url });
    if (response.statusCode !== 200) throw new Error(`${url}: HTTP ${response.statusCode} ${response.body}`);
    return { ms: Math.round(performance.now() - at), json: response.json() };
  };
  try {
    const rssBefore = process.memoryUsage().rss;
    const first = await get("/api/journal/trips?limit=100");
    const rssAfter = process.memoryUsage().rss;
    const next = await get(`/api/journal/trips?limit=100&cursor=${first.json.nextCursor}`);
    const summary = await get("/api/journal?from=2025-11-01&to=2026-11-01");
    const summaryBtc = await get("/api/journal?from=2025-11-01&to=2026-11-01&benchmark=BTC");
    const fifo = await get("/api/journal/trips?limit=100&method=fifo");
    return {
      trips: first.json.total,
      firstPageMs: first.ms,
      nextPageMs: next.ms,
      summaryMs: summary.ms,
      summaryBtcMs: summaryBtc.ms,
      firstFifoPageMs: fifo.ms,
      rssGrowthMb: Math.round((rssAfter - rssBefore) / 2 ** 20),
    };
  } finally {
    await app.close();
    store.close();
  }
}
