/**
 * bench/store, issue 39: the trader's journal of the bench's database (a million fills), read
 * through the gateway's routes (buildApp over storeQueries, `inject`, no port) after a start
 * (figures from their checkpoint, the portfolio built, as a running collector's are). Reported:
 * the first page of trips (the trips built from every fill), the next page, the summary (stats
 * over a year's trips, the drawdown, against holding still), the same against BTC, the first FIFO
 * page (its own trips), and RSS growth from the trips kept; then, once the journal's checkpoints are
 * written, a restart: the same first page, summary and FIFO page read back from them, which must be
 * the first start's answers to the byte.
 */

import { monitorEventLoopDelay } from "node:perf_hooks";
import { createFieldMask } from "../../packages/gateway/src/fanout/fieldMask.js";
import { TopicHub } from "../../packages/gateway/src/fanout/topicHub.js";
import { loadFigures } from "../../packages/gateway/src/figures/figuresFromStore.js";
import { Figures, type PriceBook } from "../../packages/gateway/src/figures/index.js";
import { TRIPS_PER_CHUNK } from "../../packages/gateway/src/figures/journal/journalKeeper.js";
import { standalonePortfolio } from "../../packages/gateway/src/figures/portfolio/portfolioQueries.js";
import { buildApp } from "../../packages/gateway/src/http/app.js";
import { storeQueries } from "../../packages/gateway/src/http/queries/storeQueries.js";
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
  /** From the first page's answer until both methods' checkpoints were written (in slices, after the answers). */
  readonly checkpointWrittenMs: number;
  /** The event loop's longest delay from the last answer until the checkpoints were written (the writes, in slices). */
  readonly loopMaxMs: number;
  /** After a restart (the checkpoints read back): the first page, the year's summary, the first FIFO page. */
  readonly restart: {
    readonly firstPageMs: number;
    readonly summaryMs: number;
    readonly firstFifoPageMs: number;
    readonly rssGrowthMb: number;
    /** The restart's answers are the first start's, to the byte (the bench exits 1 otherwise). */
    readonly sameAnswers: boolean;
    /** The longest the event loop went without a turn during those three reads (a 1 ms timer's widest gap). */
    readonly loopMaxMs: number;
  };
}

/** A gateway's start on the database: the figures from their checkpoint, the portfolio built, the routes. */
async function started(path: string, book: PriceBook) {
  const store = openStore({ path });
  const figures = new Figures(book);
  loadFigures(figures, store, book);
  const portfolio = standalonePortfolio(store, book);
  await portfolio.assetPnl();
  const app = buildApp({
    queries: storeQueries(store, figures, book, createFieldMask([]), undefined, { queries: portfolio }),
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
    return { ms: Math.round(performance.now() - at), body: response.body, json: response.json() };
  };
  const close = async () => {
    await app.close();
    store.close();
  };
  return { store, get, close };
}

/**
 * The widest gap between two turns of a 1 ms timer until stop(): how long the loop was held. (A
 * histogram read right after an answer misses the stall that answer just caused: its timer has
 * not fired yet.)
 */
function widestGap() {
  let last = performance.now();
  let widest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    widest = Math.max(widest, now - last);
    last = now;
  }, 1);
  return {
    async stop(): Promise<number> {
      await new Promise((resolve) => setTimeout(resolve, 5));
      clearInterval(timer);
      return Math.round(widest * 10) / 10;
    },
  };
}

const FIRST_PAGE = "/api/journal/trips?limit=100";
const SUMMARY = "/api/journal?from=2025-11-01&to=2026-11-01";
const FIFO_PAGE = "/api/journal/trips?limit=100&method=fifo";
/** How long the checkpoints may take to be written before the bench gives up. */
const CHECKPOINT_WAIT_MS = 300_000;

export async function journalPhase(path: string, book: PriceBook): Promise<JournalFigures> {
  const first = await started(path, book);
  let answers: { page: string; summary: string; fifo: string };
  let measured: Omit<JournalFigures, "restart" | "checkpointWrittenMs" | "loopMaxMs">;
  let checkpointWrittenMs: number;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  try {
    const rssBefore = process.memoryUsage().rss;
    const page = await first.get(FIRST_PAGE);
    const answeredAt = performance.now();
    const rssAfter = process.memoryUsage().rss;
    const next = await first.get(`/api/journal/trips?limit=100&cursor=${page.json.nextCursor}`);
    const summary = await first.get(SUMMARY);
    const summaryBtc = await first.get(`${SUMMARY}&benchmark=BTC`);
    const fifo = await first.get(FIFO_PAGE);
    loop.enable();
    answers = { page: page.body, summary: summary.body, fifo: fifo.body };
    measured = {
      trips: page.json.total,
      firstPageMs: page.ms,
      nextPageMs: next.ms,
      summaryMs: summary.ms,
      summaryBtcMs: summaryBtc.ms,
      firstFifoPageMs: fifo.ms,
      rssGrowthMb: Math.round((rssAfter - rssBefore) / 2 ** 20),
    };
    // Both methods' trips written (the checkpoint row names every chunk), bounded.
    const written = (method: string) => {
      const checkpoint = first.store.journal.get(method);
      return checkpoint !== undefined && checkpoint.chunks.length === Math.ceil(measured.trips / TRIPS_PER_CHUNK);
    };
    while (!(written("avg") && written("fifo"))) {
      if (performance.now() - answeredAt > CHECKPOINT_WAIT_MS)
        throw new Error("the journal's checkpoints were not written");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    checkpointWrittenMs = Math.round(performance.now() - answeredAt);
  } finally {
    loop.disable();
    await first.close();
  }
  const loopMaxMs = Math.round(loop.max / 1e5) / 10;
  const again = await started(path, book);
  const gaps = widestGap();
  try {
    const rssBefore = process.memoryUsage().rss;
    const page = await again.get(FIRST_PAGE);
    const rssAfter = process.memoryUsage().rss;
    const summary = await again.get(SUMMARY);
    const fifo = await again.get(FIFO_PAGE);
    const readsLoopMaxMs = await gaps.stop();
    return {
      ...measured,
      checkpointWrittenMs,
      loopMaxMs,
      restart: {
        firstPageMs: page.ms,
        summaryMs: summary.ms,
        firstFifoPageMs: fifo.ms,
        rssGrowthMb: Math.round((rssAfter - rssBefore) / 2 ** 20),
        sameAnswers: page.body === answers.page && summary.body === answers.summary && fifo.body === answers.fifo,
        loopMaxMs: readsLoopMaxMs,
      },
    };
  } finally {
    await again.close();
  }
}
