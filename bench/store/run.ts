/**
 * bench/store (issue 13): PnL figures for an account with a million stored fills (a busy bot over
 * a year). Builds such a database from synthetic fills (20 USDT pairs, a bot buying and selling
 * around a position, fees in USDT and now and then in MX), then measures, in the same run:
 *
 *   - a full replay of every fill (the baseline: what a start cost before checkpoints);
 *   - a start: open the database, restore the figures' checkpoint, replay the fills stored after
 *     it (1,000 here), load the topics' snapshots — the gateway's start-up work before it is live;
 *   - the portfolio by asset built from every fill (figures/portfolio/, its first answer);
 *   - PnL by day for a year (and by week and month), by both methods, from the portfolio's marks,
 *     and read again (the readings kept);
 *   - a restart: the portfolio's first answer (resumed from its checkpoint), a year by day (its
 *     readings kept in the store by the first start's reads), and its figures against those built
 *     from every fill (different: the bench exits 1);
 *   - RSS after the start;
 *   - the event loop and RSS growth while tax.csv and fills.csv stream over HTTP (exports.ts,
 *     issue 37; `--exports-only` builds the database and runs this phase alone);
 *   - the trader's journal after a start (journal.ts, issue 39; `--journal` builds the database
 *     and runs this phase alone);
 *   - fills valued late across the history, batch by batch, against a build from scratch
 *     (valuedLate.ts, issue 39; `--valued-late` builds the database and runs this phase alone).
 *
 * The checkpointed figures must equal the full replay, or the bench exits 1.
 *
 *   npm run bench:store [-- --fills 1000000 --import-rows 100000 --seed 5 --json --exports-only --journal --valued-late]
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createFieldMask } from "../../packages/gateway/src/fanout/fieldMask.js";
import { loadFigures, saveFigures } from "../../packages/gateway/src/figures/figuresFromStore.js";
import { Figures } from "../../packages/gateway/src/figures/index.js";
import { standalonePortfolio } from "../../packages/gateway/src/figures/portfolio/portfolioQueries.js";
import { AccountIngest } from "../../packages/gateway/src/ingest/accountIngest.js";
import { createLogger } from "../../packages/gateway/src/logging.js";
import { TopicStates } from "../../packages/gateway/src/state/topicStates.js";
import { openStore } from "../../packages/gateway/src/store/index.js";
import { Figures as BigJsFigures } from "../../packages/gateway/test/bigJsFigures/figures.js";
import { machineLine } from "../lib/machine.js";
import { backfillPhase, importPhase, type LoopFigures } from "./eventLoop.js";
import { type ExportFigures, exportsPhase } from "./exports.js";
import { journalPhase } from "./journal.js";
import { benchBook, HISTORY_END, HISTORY_START, SyntheticAccount } from "./synthetic.js";
import { type ValuedLateFigures, valuedLatePhase } from "./valuedLate.js";

const { values: args } = parseArgs({
  options: {
    fills: { type: "string", default: "1000000" },
    tail: { type: "string", default: "1000" },
    seed: { type: "string", default: "5" },
    "import-rows": { type: "string", default: "100000" },
    json: { type: "boolean", default: false },
    "exports-only": { type: "boolean", default: false },
    journal: { type: "boolean", default: false },
    "valued-late": { type: "boolean", default: false },
    /** Internal: the start phase, in a fresh process so its RSS is the start's alone. */
    "start-phase": { type: "string" },
    /** Internal: the valued-late phase, in a fresh process (no heap of the database's build). */
    "valued-late-phase": { type: "string" },
  },
});
const FILLS = Number(args.fills);
const TAIL = Number(args.tail);
const IMPORT_ROWS = Number(args["import-rows"]);
const book = benchBook();
const start = HISTORY_START;
const end = HISTORY_END;

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
  /** A year of PnL by day read again (the page reads it again at every new figure). */
  byDayAgain: { ms: number };
  /** After a restart: the portfolio's first answer (it resumes from its checkpoint), a year by day, again. */
  restart: { ms: number; byDay: number; byDayAgain: number; sameFigures: boolean };
  /** sha256 of the figures by asset (PnL by asset, by day), avg and FIFO: what must not change by accident. */
  portfolioDigest: string;
  /** sha256 of the figures by pair (PnL avg and FIFO, fees, volume): what must not change by accident. */
  pairDigest: string;
  days: number;
  state: string;
}

/**
 * A period's figures without the names of what it leaves out (`unpriced`, `pricesPending`: added
 * in session 16, not figures), so the digests compare with those of earlier sessions. The bench
 * values past moments with no candle, so most periods name assets there.
 */
function figuresOnly(key: string, value: unknown): unknown {
  return key === "unpriced" || key === "pricesPending" ? undefined : value;
}

/** The gateway's start-up work on the database at `dbPath`, and the PnL queries after it. */
async function startPhase(dbPath: string): Promise<StartPhase> {
  // The earlier phases (the exports) built the portfolio; forgotten, so its first answer here is built from every fill.
  const forget = openStore({ path: dbPath });
  forget.portfolio.clear();
  forget.close();
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
    timed(async () =>
      JSON.stringify(await portfolio.pnlPeriods({ period, from: start, to: end, method }), figuresOnly),
    );
  const byDay = await periods("day", "avg");
  const byDayFifo = await periods("day", "fifo");
  const byWeek = await periods("week", "avg");
  const byMonth = await periods("month", "avg");
  const byDayAgain = await periods("day", "avg");
  const digestOf = async (queries: typeof portfolio, avg: string, fifo: string) =>
    createHash("sha256")
      .update(JSON.stringify([await queries.assetPnl("avg"), await queries.assetPnl("fifo")]))
      .update(avg)
      .update(fifo)
      .digest("hex");
  const portfolioDigest = await digestOf(portfolio, byDay.result as string, byDayFifo.result as string);
  const pairDigest = createHash("sha256")
    .update(JSON.stringify([figures.pnl("avg"), figures.pnl("fifo"), figures.fees(), figures.volume()]))
    .digest("hex");
  const state = JSON.stringify(figures.checkpoint());
  // The readings the reads made are written to the store at later turns, as a running gateway's are.
  await portfolio.settled();
  store.close();
  // A restart: the portfolio resumes from the checkpoint before its last event.
  const reopened = openStore({ path: dbPath });
  const resumed = standalonePortfolio(reopened, book);
  const restartAnswer = await timed(() => resumed.assetPnl());
  const restartPeriods = (method: "avg" | "fifo") =>
    timed(async () =>
      JSON.stringify(await resumed.pnlPeriods({ period: "day", from: start, to: end, method }), figuresOnly),
    );
  const restartByDay = await restartPeriods("avg");
  const restartByDayAgain = await restartPeriods("avg");
  const restartFifo = await restartPeriods("fifo");
  const restartDigest = await digestOf(resumed, restartByDay.result as string, restartFifo.result as string);
  reopened.close();
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
    byDayAgain: { ms: byDayAgain.ms },
    restart: {
      ms: restartAnswer.ms,
      byDay: restartByDay.ms,
      byDayAgain: restartByDayAgain.ms,
      sameFigures: restartDigest === portfolioDigest,
    },
    portfolioDigest,
    pairDigest,
    days: (JSON.parse(byDay.result as string) as unknown[]).length,
    state,
  };
}

if (args["valued-late-phase"] !== undefined) {
  const phase = await valuedLatePhase(args["valued-late-phase"] as string, book);
  await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(phase)}\n`, () => resolve()));
  process.exit(0);
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

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const cpuNow = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

// 1. The database: FILLS - TAIL fills, a checkpoint, then TAIL more (stored after it, as a running gateway would).
let t = performance.now();
const build = openStore({ path });
const total = FILLS;
const account = new SyntheticAccount(Number(args.seed));
account.insert(build, book, 0, total - TAIL, total);
const buildMs = ms(t);

/** The year the synthetic history mostly falls in (it ends 2026-11-01). */
const TAX_YEAR = new Date(HISTORY_END).getUTCFullYear();
const exportLine = (label: string, f: ExportFigures) =>
  `${label}: HTTP ${f.status}, ${f.lines} lines, ${Math.round(f.bytes / 2 ** 20)} MB in ${f.wallMs} ms; event-loop delay p99 ${f.p99Ms} ms, max ${f.maxMs} ms (longest GC pause ${f.gcMaxMs} ms; longest stall on CPU ${f.onCpuMaxMs} ms, waiting for a core ${f.offCpuMaxMs} ms; most CPU within one stall ${f.cpuInStallMaxMs} ms); RSS growth ${f.rssGrowthMb} MB`;
const printExports = (exported: Awaited<ReturnType<typeof exportsPhase>>) => {
  console.log(exportLine(`tax.csv of ${exported.year - 10} (no fills)`, exported.emptyTax));
  console.log(exportLine(`tax.csv of ${exported.year}`, exported.tax));
  console.log(`SELL fills of ${exported.year}: ${exported.sells}`);
  console.log(exportLine("fills.csv (every fill)", exported.fills));
};
if (args["exports-only"] || args.journal || args["valued-late"]) {
  saveFigures(
    (() => {
      const figures = new Figures(book);
      figures.rebuild(build.figuresHistory());
      return figures;
    })(),
    build,
  );
  build.close();
  if (args["valued-late"]) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--valued-late-phase", path, "--fills", String(FILLS)],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`valued-late phase failed: ${child.stderr}`);
    const valued = JSON.parse(child.stdout.trim().split("\n").pop() as string) as ValuedLateFigures;
    rmSync(dir, { recursive: true, force: true });
    if (args.json) console.log(JSON.stringify({ machine: machineLine(), fills: FILLS, buildMs, valued }));
    else {
      console.log(machineLine());
      console.log(`${FILLS} fills; database built in ${buildMs} ms`);
      const sum = valued.rounds.reduce((total, round) => total + round.ms, 0);
      console.log(
        `portfolio built from scratch ${valued.scratchMs} ms; then ${valued.rounds.length} batches of fills valued late, oldest first: ${valued.rounds.map((round) => `${round.ms} ms (from ${round.fromDay})`).join(", ")}; ${sum} ms in all, ${(sum / (valued.rounds.length * valued.scratchMs)).toFixed(2)}x of a build from scratch each; the same figures as built from every fill: ${valued.sameFigures}`,
      );
    }
    process.exit(valued.sameFigures ? 0 : 1);
  }
  if (args.journal) {
    const journal = await journalPhase(path, book);
    rmSync(dir, { recursive: true, force: true });
    if (args.json) console.log(JSON.stringify({ machine: machineLine(), fills: FILLS, buildMs, journal }));
    else {
      console.log(machineLine());
      console.log(`${FILLS} fills; database built in ${buildMs} ms`);
      console.log(
        `journal after a first start: ${journal.trips} trips; first page (trips built from every fill) ${journal.firstPageMs} ms, next page ${journal.nextPageMs} ms, summary of a year ${journal.summaryMs} ms (against BTC too ${journal.summaryBtcMs} ms), first FIFO page ${journal.firstFifoPageMs} ms; RSS growth ${journal.rssGrowthMb} MB; checkpoints written ${journal.checkpointWrittenMs} ms after the first answer; event loop max ${journal.loopMaxMs} ms`,
      );
      const { restart } = journal;
      console.log(
        `journal after a restart (read back from its checkpoints): first page ${restart.firstPageMs} ms, summary of a year ${restart.summaryMs} ms, first FIFO page ${restart.firstFifoPageMs} ms; RSS growth ${restart.rssGrowthMb} MB; the same answers as the first start: ${restart.sameAnswers}; event loop max during these reads ${restart.loopMaxMs} ms`,
      );
    }
    process.exit(journal.restart.sameAnswers ? 0 : 1);
  }
  const exported = await exportsPhase(path, book, TAX_YEAR);
  rmSync(dir, { recursive: true, force: true });
  if (args.json) console.log(JSON.stringify({ machine: machineLine(), fills: FILLS, buildMs, exports: exported }));
  else {
    console.log(machineLine());
    console.log(`${FILLS} fills; database built in ${buildMs} ms`);
    printExports(exported);
  }
  process.exit(0);
}

// 2. A full rebuild of every fill, the old way (big.js, as the gateway read and computed before issue 31) and the new.
t = performance.now();
let cpu = cpuNow();
let old: BigJsFigures | undefined = new BigJsFigures(book);
old.rebuild(build.fillHistory());
const oldRebuild = { ms: ms(t), cpuMs: Math.round(cpuNow() - cpu) };
t = performance.now();
cpu = cpuNow();
let full: Figures | undefined = new Figures(book);
full.rebuild(build.figuresHistory());
const newRebuild = { ms: ms(t), cpuMs: Math.round(cpuNow() - cpu) };
const replayMs = newRebuild.ms;
const rebuildEqual = JSON.stringify(full.checkpoint()) === JSON.stringify(old.checkpoint());
saveFigures(full, build);
// Dropped before the event-loop phases: a heap holding three copies of the figures makes the
// collector's pauses, not the work measured, the longest stalls.
old = undefined;
full = undefined;
account.insert(build, book, total - TAIL, total, total);
// Kept as its sha256: the text is tens of MB, and held through the event-loop phases it made
// their collections longer than the gateway's.
const referenceState = (() => {
  const reference = new Figures(book);
  reference.rebuild(build.figuresHistory());
  return sha256(JSON.stringify(reference.checkpoint()));
})();
build.close();

// 5. The event loop during an import and a first backfill, old and new (eventLoop.ts).
const imported = await importPhase(path, book, IMPORT_ROWS);
const backfilled = await backfillPhase(dir, book, FILLS, Number(args.seed) + 1);
// 6. The CSV exports over HTTP (exports.ts).
const exported = await exportsPhase(path, book, TAX_YEAR);

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
const {
  startMs,
  loaded,
  rssBefore,
  rss,
  byDay,
  byDayFifo,
  byWeek,
  byMonth,
  days,
  state,
  portfolio,
  byDayAgain,
  restart,
  portfolioDigest,
  pairDigest,
} = phase;
const equal = sha256(state) === referenceState;
rmSync(dir, { recursive: true, force: true });
const loop = (figures: LoopFigures) => {
  const { state: _, ...numbers } = figures;
  return numbers;
};
const loopEqual = imported.old.state === imported.new.state && backfilled.old.state === backfilled.new.state;

const result = {
  machine: machineLine(),
  fills: FILLS,
  tail: TAIL,
  buildMs,
  fullReplayMs: replayMs,
  fullRebuild: {
    old: oldRebuild,
    new: newRebuild,
    speedup: Number((oldRebuild.ms / newRebuild.ms).toFixed(2)),
    cpuSpeedup: Number((oldRebuild.cpuMs / newRebuild.cpuMs).toFixed(2)),
    equal: rebuildEqual,
  },
  importEventLoop: { rows: IMPORT_ROWS, old: loop(imported.old), new: loop(imported.new) },
  backfillEventLoop: { fills: backfilled.fills, old: loop(backfilled.old), new: loop(backfilled.new) },
  oldEqualsNewAfterImportAndBackfill: loopEqual,
  start: { ms: startMs, loaded },
  startVsReplay: Number((startMs / replayMs).toFixed(4)),
  portfolioBuildMs: portfolio.ms,
  restart,
  portfolioDigest,
  pairDigest,
  pnlByDayYearMs: { avg: byDay.ms, fifo: byDayFifo.ms, again: byDayAgain.ms },
  pnlByWeekYearMs: byWeek.ms,
  pnlByMonthYearMs: byMonth.ms,
  days,
  rssMb: { beforeStart: Math.round(rssBefore / 2 ** 20), afterStart: Math.round(rss / 2 ** 20) },
  checkpointEqualsFullReplay: equal,
  exports: exported,
};
if (args.json) console.log(JSON.stringify(result));
else {
  console.log(result.machine);
  console.log(`${FILLS} fills (the last ${TAIL} after the checkpoint); database built in ${buildMs} ms`);
  const r = result.fullRebuild;
  console.log(
    `full rebuild of the figures by pair: old (big.js) ${r.old.ms} ms (CPU ${r.old.cpuMs} ms); new (bigint) ${r.new.ms} ms (CPU ${r.new.cpuMs} ms); ${r.speedup}x wall, ${r.cpuSpeedup}x CPU; figures equal byte for byte: ${r.equal}`,
  );
  const line = (label: string, f: ReturnType<typeof loop>) =>
    `${label}: event-loop delay p99 ${f.p99Ms} ms, max ${f.maxMs} ms (longest GC pause ${f.gcMaxMs} ms); wall ${f.wallMs} ms, CPU ${f.cpuMs} ms`;
  console.log(line(`import of ${IMPORT_ROWS} fills + rebuild, old (one go)`, result.importEventLoop.old));
  console.log(line(`import of ${IMPORT_ROWS} fills + rebuild, new (slices)`, result.importEventLoop.new));
  console.log(line(`first backfill (${backfilled.fills} fills, 3-day windows) old`, result.backfillEventLoop.old));
  console.log(line(`first backfill (${backfilled.fills} fills, 3-day windows) new`, result.backfillEventLoop.new));
  console.log(`old and new figures equal after the import and the backfill: ${loopEqual}`);
  console.log(
    `start (open, checkpoint ${loaded === "checkpoint" ? "restored" : "NOT used"}, replay ${TAIL}, snapshots): ${startMs} ms = ${result.startVsReplay} of the replay`,
  );
  console.log(`portfolio by asset built from every fill (first answer): ${portfolio.ms} ms`);
  console.log(
    `after a restart: portfolio by asset's first answer ${restart.ms} ms (resumed from its checkpoint); a year by day ${restart.byDay} ms, again ${restart.byDayAgain} ms; figures as built from every fill: ${restart.sameFigures}`,
  );
  console.log(`figures by asset (PnL by asset and by day, avg and fifo) sha256 ${portfolioDigest}`);
  console.log(`figures by pair (PnL avg and fifo, fees, volume) sha256 ${pairDigest}`);
  console.log(
    `PnL by day for a year (${result.days} days): avg ${byDay.ms} ms, fifo ${byDayFifo.ms} ms, avg again ${byDayAgain.ms} ms; by week ${byWeek.ms} ms; by month ${byMonth.ms} ms`,
  );
  console.log(`RSS: ${result.rssMb.beforeStart} MB before the start, ${result.rssMb.afterStart} MB after`);
  console.log(`checkpoint + tail equals a full replay: ${equal}`);
  printExports(exported);
}
if (!equal || loaded !== "checkpoint" || !rebuildEqual || !loopEqual || !restart.sameFigures) process.exit(1);
