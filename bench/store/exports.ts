/**
 * bench/store, issue 37: the event loop and the memory while tax.csv and fills.csv of the
 * bench's database (a million fills) stream over HTTP from the gateway's routes (buildApp over
 * storeQueries, listening on 127.0.0.1), read by a client in the same process that keeps only
 * their byte count. The portfolio (the openings' prices) is built before, as a running
 * collector's is. Reported per export: event-loop delay p99 / max (eventLoop.ts `watched`), the
 * longest stall the process ran through and the longest it waited for a core (stalls.ts),
 * wall time, bytes and lines, and RSS growth (the highest RSS sampled every 20 ms during the
 * export, less the RSS before it).
 *
 * tax.csv also in EUR with a row per lot (issue 56): every leg converted at its day's rate, the
 * lots dated. The rates are made up (the bench's history is): a USD rate for every weekday of
 * the history and up to today, 1.05 to 1.15 USD a euro, none on weekends (Friday's then).
 */
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { TopicHub } from "../../packages/gateway/src/fanout/topicHub.js";
import type { PriceBook } from "../../packages/gateway/src/figures/index.js";
import { standaloneKeeper } from "../../packages/gateway/src/figures/keeper.js";
import { buildApp } from "../../packages/gateway/src/http/app.js";
import { createFieldMask } from "../../packages/gateway/src/http/fieldMask.js";
import { storeQueries } from "../../packages/gateway/src/http/queries/storeQueries.js";
import { createMetrics } from "../../packages/gateway/src/metrics.js";
import { ExchangeRateStore } from "../../packages/gateway/src/store/exchangeRates.js";
import { openStore } from "../../packages/gateway/src/store/index.js";
import { type LoopFigures, watched } from "./eventLoop.js";

/** How often RSS is sampled during an export. */
const RSS_SAMPLE_MS = 20;

export interface ExportFigures extends Omit<LoopFigures, "state"> {
  readonly status: number;
  readonly bytes: number;
  readonly lines: number;
  readonly rssGrowthMb: number;
}

/** Reads `path` from the server to its end, counting bytes and lines (CRLF) only. */
function download(port: number, path: string): Promise<{ status: number; bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path }, (response) => {
      let bytes = 0;
      let lines = 0;
      response.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes, lines }));
      response.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Made-up ECB rates (USD per euro) for every weekday from `from` to `to`. */
function syntheticRates(from: number, to: number): ExchangeRateStore {
  const rates = new ExchangeRateStore(":memory:");
  const days = [];
  for (let time = from, n = 0; time <= to; time += 86_400_000, n++) {
    const weekday = new Date(time).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const usd = (1.1 + 0.05 * Math.sin(n / 40)).toFixed(4);
    days.push({ day: new Date(time).toISOString().slice(0, 10), rates: JSON.stringify({ USD: usd }) });
  }
  rates.addDays(days);
  rates.addCoverage(days[0]?.day ?? "", days.at(-1)?.day ?? "", ["USD"]);
  return rates;
}

/** tax.csv of `year` (as it is, then in EUR by lot) and fills.csv of everything, from the database at `path`, one after the other. */
export async function exportsPhase(path: string, book: PriceBook, year: number) {
  const store = openStore({ path });
  // Current before the exports, as a running collector's figures are.
  const keeper = standaloneKeeper(store, book);
  await keeper.ready();
  const first = store.fillHistory({}).next();
  const rates = syntheticRates(
    (first.done === true ? Date.now() : first.value.time) - 30 * 86_400_000,
    Math.max(Date.now(), Date.UTC(year + 1, 0, 1)),
  );
  const app = buildApp({
    queries: storeQueries(store, keeper, book, createFieldMask([]), { rates }),
    hub: new TopicHub(),
    health: () => {
      throw new Error("not asked");
    },
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const one = async (url: string): Promise<ExportFigures> => {
    let got = { status: 0, bytes: 0, lines: 0 };
    let before = 0;
    let peak = 0;
    const { state: _, ...loop } = await watched(async () => {
      before = process.memoryUsage().rss;
      peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, RSS_SAMPLE_MS);
      try {
        got = await download(port, url);
      } finally {
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      return () => "";
    });
    return { ...loop, ...got, rssGrowthMb: Math.round((peak - before) / 2 ** 20) };
  };
  let sells = 0;
  for (const fill of store.fillHistory({ from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1) - 1 }))
    if (fill.side === "SELL") sells++;
  try {
    const emptyTax = await one(`/api/export/tax.csv?year=${year - 10}`);
    const tax = await one(`/api/export/tax.csv?year=${year}`);
    const taxEurLots = await one(`/api/export/tax.csv?year=${year}&currency=EUR&lots=split`);
    const fills = await one("/api/export/fills.csv");
    return { year, sells, emptyTax, tax, taxEurLots, fills };
  } finally {
    await app.close();
    store.close();
    rates.close();
  }
}
