/**
 * bench/engine (issue 55 item 2): the position engine's arithmetic alone, over bench/store's
 * synthetic fills held in memory (no store, no keeper), against the figures by pair in big.js
 * (test/bigJsFigures/: bench:store's baseline) in the same run. Each phase is run `--rounds`
 * times, alternating, and the least CPU of each is kept: the machine is shared, a ratio in one
 * run says more than a time.
 *
 *   - big.js: the figures by pair in big.js (average cost and FIFO, fees, volume): the baseline;
 *   - the figures by pair (figures.ts: the same figures, the engine keyed by pair);
 *   - the engine by pair in every method (avg, FIFO, LIFO, HIFO): a fill's legs moved;
 *   - the portfolio by asset (portfolio.ts: average cost and FIFO), the fills as its trade legs.
 *
 * The figures by pair must equal big.js's (their checkpoints, the version aside), or the bench
 * exits 1.
 *
 *   npm run bench:engine [-- --fills 200000 --rounds 5 --json]
 */
import { parseArgs } from "node:util";
import { POSITION_METHODS } from "../../packages/gateway/src/figures/engine/lots.js";
import { PositionBook } from "../../packages/gateway/src/figures/engine/positionBook.js";
import { legsOf, moveLegs } from "../../packages/gateway/src/figures/engine/tradeLegs.js";
import { valueFill } from "../../packages/gateway/src/figures/fees.js";
import { Figures } from "../../packages/gateway/src/figures/figures.js";
import type { TradeLeg } from "../../packages/gateway/src/figures/ledger/legs.js";
import { Portfolio } from "../../packages/gateway/src/figures/portfolio/portfolio.js";
import { Figures as BigJsFigures } from "../../packages/gateway/test/bigJsFigures/figures.js";
import { machineLine } from "../lib/machine.js";
import { benchBook, markets, SyntheticAccount } from "../store/synthetic.js";

const { values: args } = parseArgs({
  options: {
    fills: { type: "string", default: "200000" },
    rounds: { type: "string", default: "5" },
    seed: { type: "string", default: "5" },
    json: { type: "boolean", default: false },
  },
});
const FILLS = Number(args.fills);
const ROUNDS = Number(args.rounds);

const book = benchBook();
const account = new SyntheticAccount(Number(args.seed));
/** The fills as the store's rows are: one shape each (a spread would make each a dictionary). */
const fills = Array.from({ length: FILLS }, (_, n) => {
  const fill = account.fillAt(n, FILLS);
  const valued = valueFill(fill, book);
  return {
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId,
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price,
    quantity: fill.quantity,
    amount: fill.amount,
    fee: fill.fee,
    feeCurrency: fill.feeCurrency,
    isMaker: fill.isMaker,
    isSelfTrade: fill.isSelfTrade,
    time: fill.timestamp,
    source: fill.source,
    feeValue: valued.feeValue,
    feePairValue: valued.feePairValue,
    amountValue: valued.amountValue,
  };
});
const legs: TradeLeg[] = fills.map((fill) => {
  const market = markets.find((m) => m.symbol === fill.symbol);
  if (market === undefined) throw new Error(`no market ${fill.symbol}`);
  return {
    kind: "trade",
    time: fill.time,
    id: fill.tradeId,
    base: market.baseAsset,
    quote: market.quoteAsset,
    side: fill.side,
    quantity: fill.quantity,
    amount: fill.amount,
    fee: fill.fee,
    feeCurrency: fill.feeCurrency,
    value: fill.amountValue,
    feeValue: fill.feeValue,
    fill,
  };
});

const phases = {
  "big.js: figures by pair (baseline)": () => new BigJsFigures(book).rebuild(fills),
  "figures by pair": () => new Figures(book).rebuild(fills),
  "engine by pair, every method": () => {
    const books = POSITION_METHODS.map((method) => new PositionBook(method, "uncovered"));
    for (const fill of fills) {
      const moved = legsOf(fill, book);
      for (const positions of books) moveLegs(positions, fill.symbol, moved);
    }
  },
  "portfolio by asset": () => {
    const portfolio = new Portfolio();
    for (const leg of legs) portfolio.apply(leg);
  },
};

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const least = new Map<string, number>();
for (let round = 0; round < ROUNDS; round++)
  for (const [name, run] of Object.entries(phases)) {
    const before = cpuMs();
    run();
    const ms = cpuMs() - before;
    least.set(name, Math.min(least.get(name) ?? Number.POSITIVE_INFINITY, ms));
  }

const versionless = (state: object) => JSON.stringify({ ...state, version: 0 });
const bigJs = new BigJsFigures(book);
bigJs.rebuild(fills);
const figures = new Figures(book);
figures.rebuild(fills);
const same = versionless(bigJs.checkpoint()) === versionless(figures.checkpoint());

const baseline = least.get("big.js: figures by pair (baseline)") as number;
const rows = [...least].map(([phase, ms]) => ({
  phase,
  cpuMs: Math.round(ms),
  perFillUs: Number(((ms * 1000) / FILLS).toFixed(2)),
  ofBaseline: Number((ms / baseline).toFixed(3)),
}));
if (args.json) console.log(JSON.stringify({ fills: FILLS, rounds: ROUNDS, rows, same }));
else {
  console.log(machineLine());
  console.log(`${FILLS} fills, least CPU of ${ROUNDS} rounds`);
  for (const row of rows)
    console.log(
      `${row.phase.padEnd(36)} ${String(row.cpuMs).padStart(7)} ms  ${String(row.perFillUs).padStart(6)} us/fill  ${row.ofBaseline.toFixed(3)} of big.js`,
    );
  console.log(`figures by pair = big.js's: ${same ? "yes" : "NO"}`);
}
if (!same) process.exitCode = 1;
