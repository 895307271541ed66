/**
 * bench/api (issue 39): what a read of the API table costs through its route, in process
 * (fastify inject, no port): GET /api/pnl with PAIRS pairs, /api/fees/days with DAYS days, and
 * /api/pnl for all of ACCOUNTS accounts folded (rows with their account). Each path is asked
 * REQUESTS times per round, ROUNDS rounds; reported per path: the median round's µs per request
 * and requests per second, and the best round's. Made to compare the generic layer over the table
 * with the routes written one by one before it (run it on both commits, on the same machine).
 *
 *   node --conditions=@mexc-live/source --import tsx bench/api/run.ts [--requests 2000] [--rounds 7] [--json]
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { FeeDayItem, PnlItem } from "@mexc-live/contract";
import { sampleHealth } from "../../packages/contract/test/items.js";
import { TopicHub } from "../../packages/gateway/src/fanout/topicHub.js";
import { AccountDirectory, type AccountEntry } from "../../packages/gateway/src/http/accountDirectory.js";
import { buildApp } from "../../packages/gateway/src/http/app.js";
import { MemoryQueries } from "../../packages/gateway/src/http/queries/memoryQueries.js";
import { createMetrics } from "../../packages/gateway/src/metrics.js";
import { machineLine } from "../lib/machine.js";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    rounds: { type: "string", default: "7" },
    json: { type: "boolean", default: false },
  },
});
/** Requests per round and rounds: bounded, so a run ends (about 2,000 x 7 x 3 requests). */
const REQUESTS = Math.min(Number(args.requests), 100_000);
const ROUNDS = Math.min(Number(args.rounds), 50);
/** Pairs in the PnL answer: a trader with many pairs. */
const PAIRS = 200;
/** Days of the fee series: a year. */
const DAYS = 365;
/** Accounts folded for the all-accounts read. */
const ACCOUNTS = 3;
const T = 1_767_225_600_000;
const DAY = 86_400_000;

function pnlItems(account: number): PnlItem[] {
  return Array.from({ length: PAIRS }, (_, n) => ({
    symbol: `TK${String(n).padStart(3, "0")}USDT`,
    realized: `${n + account}.123456`,
    unrealized: "1.5",
    position: "0.25",
    averageCost: "1234.5678",
    method: "avg" as const,
    fees: "0.01",
    lastPrice: "1240",
  }));
}

function queries(account: number): MemoryQueries {
  const memory = new MemoryQueries({ pnl: pnlItems(account) });
  const days: FeeDayItem[] = Array.from({ length: DAYS }, (_, n) => ({
    day: new Date(T + n * DAY).toISOString().slice(0, 10),
    from: T + n * DAY,
    to: T + (n + 1) * DAY - 1,
    fees: "0.5",
    cumulative: `${(n + 1) / 2}`,
  }));
  memory.feeDays = () => ({ quote: "USDT", items: days, total: `${DAYS / 2}` });
  return memory;
}

function entry(name: string, memory: MemoryQueries): AccountEntry {
  return {
    name,
    mode: "live",
    topicAccount: name === "main" ? undefined : name,
    queries: memory,
    writes: undefined,
    alerts: undefined,
    health: () => sampleHealth(),
    equity: () => null,
  };
}

const base = {
  hub: new TopicHub(),
  health: () => sampleHealth(),
  settings: { requireToken: false, webDist: "/nonexistent" },
};
const one = buildApp({ ...base, queries: queries(0), metrics: createMetrics({ defaultMetrics: false }) });
const entries = Array.from({ length: ACCOUNTS }, (_, n) => entry(n === 0 ? "main" : `sub${n}`, queries(n)));
const many = buildApp({
  ...base,
  queries: entries[0]!.queries,
  accounts: new AccountDirectory(() => entries, entries[0]),
  metrics: createMetrics({ defaultMetrics: false }),
});

const cases = [
  { name: `GET /api/pnl (${PAIRS} pairs)`, app: one, url: "/api/pnl?method=avg" },
  { name: `GET /api/fees/days?tz=Europe/Berlin (${DAYS} days)`, app: one, url: "/api/fees/days?tz=Europe/Berlin" },
  { name: `GET /api/pnl, ${ACCOUNTS} accounts folded`, app: many, url: "/api/pnl" },
];

const results = [];
for (const { name, app, url } of cases) {
  for (let n = 0; n < 200; n++) await app.inject({ method: "GET", url }); // warm up
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let n = 0; n < REQUESTS; n++) {
      const response = await app.inject({ method: "GET", url });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    }
    rounds.push(((performance.now() - start) * 1000) / REQUESTS);
  }
  rounds.sort((a, b) => a - b);
  const median = rounds[Math.floor(rounds.length / 2)]!;
  results.push({ name, medianUs: median, bestUs: rounds[0]!, perSecond: Math.round(1e6 / median) });
}
await Promise.all([one.close(), many.close()]);

if (args.json) {
  console.log(JSON.stringify({ requests: REQUESTS, rounds: ROUNDS, load: loadavg(), results }));
} else {
  console.log(machineLine());
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ${ROUNDS} rounds of ${REQUESTS} requests`,
  );
  for (const r of results) {
    console.log(
      `${r.name.padEnd(48)} median ${r.medianUs.toFixed(1)} µs/req (${r.perSecond}/s), best ${r.bestUs.toFixed(1)} µs`,
    );
  }
}
