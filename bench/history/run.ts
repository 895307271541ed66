/**
 * bench/history (issue 12): the first start's backfill of 30 days for 20 symbols. The simulator
 * lists 12 more pairs beside its 9 and gives an account holding 20 of the pairs' bases a month of past
 * trading, deposits and withdrawals; the gateway's Backfill fetches it into a fresh store through
 * a recording proxy on 127.0.0.1. Reported: wall time and REST calls per endpoint, twice in the
 * same run: with the default pacing between windows (what a user gets: the live stream never waits
 * behind the backfill) and with none (the baseline: the same calls back to back); the ratio is
 * what the pacing costs. Every run checks that all the fills MEXC serves were stored.
 *
 *   npm run bench:history [-- --seed 7] [--json]
 */
import { parseArgs } from "node:util";
import { createMexcClient } from "@mexc-live/client";
import { HOUR_MS } from "@mexc-live/protocol";
import { type RunningSimulator, type SymbolConfig, startSimulator } from "@mexc-live/simulator";
import { type MarketSymbol, PriceBook } from "../../packages/gateway/src/figures/index.js";
import { Backfill } from "../../packages/gateway/src/ingest/backfill.js";
import { createLogger } from "../../packages/gateway/src/logging.js";
import { openStore } from "../../packages/gateway/src/store/index.js";
import { startRecordingProxy } from "../../packages/gateway/test/recordingProxy.js";
import { machineLine } from "../lib/machine.js";

const { values: args } = parseArgs({
  options: { seed: { type: "string", default: "7" }, json: { type: "boolean", default: false } },
});

const DAYS = 30;
const EXTRA_PAIRS = 12;
const ACCOUNT = "bench";

/** 12 made-up pairs against USDT, priced like small caps: with the 8 listed pairs the account holds, 20 symbols. */
const extraSymbols: SymbolConfig[] = Array.from({ length: EXTRA_PAIRS }, (_, i) => {
  const base = `TK${String(i + 1).padStart(2, "0")}`;
  return {
    symbol: `${base}USDT`,
    baseAsset: base,
    quoteAsset: "USDT",
    symbolId: (i + 1).toString(16).padStart(32, "a"),
    pricePrecision: 4,
    quantityPrecision: 2,
    minQuantity: "0.01",
    minNotional: "1",
    makerFee: "0",
    takerFee: "0.0005",
    initialPrice: String(1 + i),
  };
});

const balances: Record<string, string> = {
  USDT: "200000",
  BTC: "1",
  ETH: "10",
  SOL: "100",
  MX: "2000",
  PEPE: "50000000",
  XRP: "3000",
  DOGE: "20000",
};
for (const config of extraSymbols) balances[config.baseAsset] = "1000";

const sim: RunningSimulator = await startSimulator({
  port: 0,
  seed: Number(args.seed),
  admin: true,
  demoTrader: false,
  historyDays: DAYS,
  extraSymbols,
  extraAccounts: [{ account: ACCOUNT, balances }],
  market: { makerRequoteMs: HOUR_MS, takerIntervalMs: HOUR_MS, seedHistoryMinutes: 60 },
});
const credentials = sim.accounts.find((account) => account.account === ACCOUNT)!;
const ledger = (await (await fetch(`${sim.rest}/_sim/ledger?account=${ACCOUNT}`)).json()) as {
  trades: { id: string; symbol: string; time: number }[];
};

interface Run {
  readonly pacing: string;
  readonly wallMs: number;
  readonly calls: number;
  readonly byEndpoint: Record<string, number>;
  readonly windows: number;
  readonly symbols: number;
  readonly fills: number;
  readonly complete: boolean;
}

async function run(pacingMs: number | undefined): Promise<Run> {
  const proxy = await startRecordingProxy(sim.rest);
  const client = createMexcClient({
    apiKey: credentials.apiKey,
    apiSecret: credentials.secretKey,
    restUrl: proxy.url,
    wsUrl: sim.ws,
  });
  const store = openStore({ path: ":memory:" });
  try {
    const book = new PriceBook();
    book.setMarkets((await client.exchangeInfo()).symbols as readonly MarketSymbol[]);
    for (const balance of (await client.account()).balances) {
      store.applyBalance({
        ...balance,
        freeChange: "0",
        lockedChange: "0",
        changeType: "RECONCILE",
        timestamp: Date.now(),
        source: "rest",
      });
    }
    const before = proxy.requests.length;
    const job = new Backfill({
      client,
      store,
      book,
      quote: "USDT",
      symbols: [],
      logger: createLogger({ level: "silent" }).logger,
      now: () => Date.now(),
      live: () => true,
      onStored: () => {},
      onProgress: () => {},
      ...(pacingMs === undefined ? {} : { pacingMs }),
    });
    const started = performance.now();
    job.start();
    await job.whenDone();
    const wallMs = performance.now() - started;
    const requests = proxy.requests.slice(before);
    const byEndpoint: Record<string, number> = {};
    for (const request of requests) byEndpoint[request.path] = (byEndpoint[request.path] ?? 0) + 1;
    const progress = job.progress()!;
    const served = new Set(ledger.trades.filter((trade) => trade.time >= progress.from).map((trade) => trade.id));
    const stored = new Set([...store.allFills()].map((fill) => fill.tradeId));
    const complete = served.size === stored.size && [...served].every((id) => stored.has(id));
    return {
      pacing: pacingMs === undefined ? "default (250 ms)" : `${pacingMs} ms`,
      wallMs: Math.round(wallMs),
      calls: requests.length,
      byEndpoint,
      windows: store.backfill().windows.length,
      symbols: progress.symbols.total,
      fills: stored.size,
      complete,
    };
  } finally {
    store.close();
    await client.close();
    await proxy.close();
  }
}

const paced = await run(undefined);
const baseline = await run(0);
await sim.close();

const result = {
  machine: machineLine(),
  days: DAYS,
  paced,
  baseline,
  ratio: Number((paced.wallMs / baseline.wallMs).toFixed(2)),
};
if (args.json) console.log(JSON.stringify(result));
else {
  console.log(result.machine);
  for (const r of [paced, baseline]) {
    console.log(
      `pacing ${r.pacing}: ${r.wallMs} ms, ${r.calls} REST calls (${Object.entries(r.byEndpoint)
        .map(([path, n]) => `${path.replace("/api/v3/", "")} ${n}`)
        .join(", ")}), ${r.windows} windows, ${r.symbols} symbols, ${r.fills} fills, complete ${r.complete}`,
    );
  }
  console.log(`paced / back-to-back wall time: ${result.ratio}`);
}
if (!paced.complete || !baseline.complete) process.exit(1);
