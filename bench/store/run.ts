/**
 * bench/store (issue 13): PnL figures for an account with a million stored fills (a busy bot over
 * a year). Builds such a database from synthetic fills (20 USDT pairs, a bot buying and selling
 * around a position, fees in USDT and now and then in MX), then measures, in the same run:
 *
 *   - a full replay of every fill (the baseline: what a start cost before checkpoints);
 *   - a start: open the database, restore the figures' checkpoint, replay the fills stored after
 *     it (1,000 here), load the topics' snapshots — the gateway's start-up work before it is live;
 *   - the portfolio by asset built from every fill (derive/portfolio/, its first answer);
 *   - PnL by day for a year (and by week and month), by both methods, from the portfolio's marks;
 *   - RSS after the start.
 *
 * The checkpointed figures must equal the full replay, or the bench exits 1.
 *
 *   npm run bench:store [-- --fills 1000000 --seed 5 --json]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DAY_MS } from "@mexc-live/protocol";
import { createRandom } from "@mexc-live/simulator";
import { Figures, type MarketSymbol, PriceBook, valueFill } from "../../packages/gateway/src/derive/index.js";
import { AccountIngest } from "../../packages/gateway/src/ingest/accountIngest.js";
import { createFieldMask } from "../../packages/gateway/src/ingest/fieldMask.js";
import { loadFigures, saveFigures } from "../../packages/gateway/src/ingest/figuresFromStore.js";
import { standalonePortfolio } from "../../packages/gateway/src/ingest/portfolioQueries.js";
import { createLogger } from "../../packages/gateway/src/logging.js";
import { TopicStates } from "../../packages/gateway/src/state/topicStates.js";
import { openStore } from "../../packages/gateway/src/store/index.js";
import { machineLine } from "../lib/machine.js";

const { values: args } = parseArgs({
  options: {
    fills: { type: "string", default: "1000000" },
    tail: { type: "string", default: "1000" },
    seed: { type: "string", default: "5" },
    json: { type: "boolean", default: false },
    /** Internal: the start phase, in a fresh process so its RSS is the start's alone. */
    "start-phase": { type: "string" },
  },
});
const FILLS = Number(args.fills);
const TAIL = Number(args.tail);
const YEAR_MS = 365 * DAY_MS;
const SYMBOLS = 20;
const BATCH = 10_000;

const markets: MarketSymbol[] = Array.from({ length: SYMBOLS }, (_, i) => ({
  symbol: `C${String(i).padStart(2, "0")}USDT`,
  baseAsset: `C${String(i).padStart(2, "0")}`,
  quoteAsset: "USDT",
}));
markets.push({ symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" });
const book = new PriceBook();
book.setMarkets(markets);
book.update("MXUSDT", "3.2");

const random = createRandom(Number(args.seed));
const end = Date.UTC(2026, 10, 1);
const start = end - YEAR_MS;
const prices = markets.map((_, i) => 1 + i * 7.5);
const held = markets.map(() => 0);

/** The n-th synthetic fill: mostly buys while little is held, sells once there is. */
function fillAt(n: number, total: number) {
  const i = random.int(0, SYMBOLS - 1);
  const market = markets[i] as MarketSymbol;
  prices[i] = Math.max(0.01, (prices[i] as number) * (1 + (random.next() - 0.5) * 0.004));
  const price = (prices[i] as number).toFixed(4);
  const quantity = (1 + random.int(0, 999) / 100).toFixed(2);
  const sell = (held[i] as number) >= Number(quantity) && random.chance(0.5);
  held[i] = (held[i] as number) + (sell ? -Number(quantity) : Number(quantity));
  const amount = (Number(price) * Number(quantity)).toFixed(6);
  const mx = random.chance(0.2);
  return {
    type: "fill" as const,
    channel: "spot@private.deals.v3.api.pb",
    symbol: market.symbol,
    tradeId: `b${String(n).padStart(8, "0")}`,
    orderId: `o${n}`,
    clientOrderId: "",
    side: sell ? ("SELL" as const) : ("BUY" as const),
    price,
    quantity,
    amount,
    fee: mx ? "0.01" : (Number(amount) * 0.0005).toFixed(8),
    feeCurrency: mx ? "MX" : "USDT",
    isMaker: random.chance(0.5),
    isSelfTrade: false,
    timestamp: start + Math.floor((n / total) * YEAR_MS),
    localTimestamp: start + Math.floor((n / total) * YEAR_MS),
    source: "stream" as const,
  };
}

function insert(store: ReturnType<typeof openStore>, from: number, to: number, total: number): void {
  for (let n = from; n < to; n += BATCH) {
    store.batch(() => {
      for (let k = n; k < Math.min(to, n + BATCH); k++) {
        const fill = fillAt(k, total);
        store.upsertFill(fill, valueFill(fill, book));
      }
    });
  }
}

interface StartPhase {
  startMs: number;
  loaded: string;
  rssBefore: number;
  rss: number;
  byDay: { ms: number };
  byDayFifo: { ms: number };
  byWeek: { ms: number };
  byMonth: { ms: number };
  /** The portfolio (by asset) built from every fill: its first answer. */
  portfolio: { ms: number };
  days: number;
  state: string;
}

/** The gateway's start-up work on the database at `dbPath`, and the PnL queries after it. */
async function startPhase(dbPath: string): Promise<StartPhase> {
  const rssBefore = process.memoryUsage().rss;
  const begin = performance.now();
  const store = openStore({ path: dbPath });
  const figures = new Figures(book);
  const loaded = loadFigures(figures, store, book);
  const states = new TopicStates();
  new AccountIngest({
    store,
    book,
    figures,
    publish: () => {},
    mask: createFieldMask([]),
    logger: createLogger({ level: "silent" }).logger,
  }).seed(states);
  const startMs = Math.round(performance.now() - begin);
  const rss = process.memoryUsage().rss;
  const timed = async (fn: () => Promise<unknown>) => {
    const at = performance.now();
    const result = await fn();
    return { ms: Math.round((performance.now() - at) * 10) / 10, result };
  };
  const portfolio = standalonePortfolio(store, book);
  const built = await timed(() => portfolio.assetPnl());
  const periods = (period: "day" | "week" | "month", method: "avg" | "fifo") =>
    timed(async () => JSON.stringify(await portfolio.pnlPeriods({ period, from: start, to: end, method })));
  const byDay = await periods("day", "avg");
  const byDayFifo = await periods("day", "fifo");
  const byWeek = await periods("week", "avg");
  const byMonth = await periods("month", "avg");
  const state = JSON.stringify(figures.save());
  store.close();
  return {
    startMs,
    loaded,
    rssBefore,
    rss,
    byDay: { ms: byDay.ms },
    byDayFifo: { ms: byDayFifo.ms },
    byWeek: { ms: byWeek.ms },
    byMonth: { ms: byMonth.ms },
    portfolio: { ms: built.ms },
    days: (JSON.parse(byDay.result as string) as unknown[]).length,
    state,
  };
}

if (args["start-phase"] !== undefined) {
  // Flushed before exit: a pipe is written asynchronously.
  const phase = await startPhase(args["start-phase"] as string);
  await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(phase)}\n`, () => resolve()));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "mexc-live-bench-store-"));
const path = join(dir, "bench.db");
const ms = (since: number) => Math.round(performance.now() - since);

// 1. The database: FILLS - TAIL fills, a checkpoint, then TAIL more (stored after it, as a running gateway would).
let t = performance.now();
const build = openStore({ path });
const total = FILLS;
insert(build, 0, total - TAIL, total);
const buildMs = ms(t);

// 2. The baseline: a full replay of every fill.
t = performance.now();
const full = new Figures(book);
full.rebuild(build.fillHistory());
const replayMs = ms(t);
saveFigures(full, build);
insert(build, total - TAIL, total, total);
const reference = new Figures(book);
reference.rebuild(build.fillHistory());
build.close();

// 3-4. A start and the PnL queries, in a fresh process (its RSS is the start's alone).
const child = spawnSync(
  process.execPath,
  [...process.execArgv, fileURLToPath(import.meta.url), "--start-phase", path, "--fills", String(FILLS)],
  {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  },
);
if (child.status !== 0) throw new Error(`start phase failed: ${child.stderr}`);
const phase = JSON.parse(child.stdout.trim().split("\n").pop() as string) as StartPhase;
const { startMs, loaded, rssBefore, rss, byDay, byDayFifo, byWeek, byMonth, days, state, portfolio } = phase;
const equal = state === JSON.stringify(reference.save());
rmSync(dir, { recursive: true, force: true });

const result = {
  machine: machineLine(),
  fills: FILLS,
  tail: TAIL,
  buildMs,
  fullReplayMs: replayMs,
  start: { ms: startMs, loaded },
  startVsReplay: Number((startMs / replayMs).toFixed(4)),
  portfolioBuildMs: portfolio.ms,
  pnlByDayYearMs: { avg: byDay.ms, fifo: byDayFifo.ms },
  pnlByWeekYearMs: byWeek.ms,
  pnlByMonthYearMs: byMonth.ms,
  days,
  rssMb: { beforeStart: Math.round(rssBefore / 2 ** 20), afterStart: Math.round(rss / 2 ** 20) },
  checkpointEqualsFullReplay: equal,
};
if (args.json) console.log(JSON.stringify(result));
else {
  console.log(result.machine);
  console.log(`${FILLS} fills (the last ${TAIL} after the checkpoint); database built in ${buildMs} ms`);
  console.log(`full replay of every fill: ${replayMs} ms (baseline)`);
  console.log(
    `start (open, checkpoint ${loaded === "checkpoint" ? "restored" : "NOT used"}, replay ${TAIL}, snapshots): ${startMs} ms = ${result.startVsReplay} of the replay`,
  );
  console.log(`portfolio by asset built from every fill (first answer): ${portfolio.ms} ms`);
  console.log(
    `PnL by day for a year (${result.days} days): avg ${byDay.ms} ms, fifo ${byDayFifo.ms} ms; by week ${byWeek.ms} ms; by month ${byMonth.ms} ms`,
  );
  console.log(`RSS: ${result.rssMb.beforeStart} MB before the start, ${result.rssMb.afterStart} MB after`);
  console.log(`checkpoint + tail equals a full replay: ${equal}`);
}
if (!equal || loaded !== "checkpoint") process.exit(1);
