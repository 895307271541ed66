/**
 * bench/store (issues 13, 31, 39, 55): every figure of an account with a million stored fills (a
 * busy bot over a year), kept by the one keeper in one pass of the ledger (figures/keeper.ts).
 * Builds such a database from synthetic fills (20 USDT pairs, a bot buying and selling around a
 * position, fees in USDT and now and then in MX), then measures, in the same run:
 *
 *   - the baseline: the figures by pair rebuilt from every fill by the big.js engine of before
 *     issue 31 (packages/gateway/test/bigJsFigures), what every ratio below is against;
 *   - the one pass from scratch: the portfolio's first answer, with every figure (by pair, by
 *     asset and by day, the journal's trips) made in that same pass; the event loop meanwhile;
 *   - a start from the checkpoint, in a fresh process: open the database, the models from their
 *     last checkpoint, the fills stored after it (TAIL) applied, the figures current; then a year
 *     of PnL by day (from the stored readings), again, the journal panel's first screen (its
 *     summary and page over the last 30 days, through the reads table), then every trip read back
 *     from their rows; its figures against the pass's, and the first screen against itself after
 *     the full read (different: the bench exits 1);
 *   - the database's size, by table;
 *   - the event loop while an import of IMPORT_ROWS fills older than the whole history is taken
 *     in, and while a first backfill stores a month in 3-day windows (eventLoop.ts);
 *   - the event loop and RSS growth while tax.csv (as it is, and in EUR with a row per lot) and
 *     fills.csv stream over HTTP (exports.ts).
 *
 *   npm run bench:store [-- --fills 1000000 --import-rows 100000 --seed 5 --json]
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { MAX_PAGE_LIMIT } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import { accountReads } from "../../packages/gateway/src/figures/accountReads.js";
import { type FiguresKeeper, standaloneKeeper } from "../../packages/gateway/src/figures/keeper.js";
import { assetPnlOf } from "../../packages/gateway/src/figures/portfolio/assetPnlAnswer.js";
import { pnlPeriodsOf } from "../../packages/gateway/src/figures/portfolio/periodsAnswer.js";
import { openDatabaseReadOnly } from "../../packages/gateway/src/store/database.js";
import { openStore } from "../../packages/gateway/src/store/index.js";
import { Figures as BigJsFigures } from "../../packages/gateway/test/bigJsFigures/figures.js";
import { testKeeper } from "../../packages/gateway/test/figuresKeeper.js";
import { machineLine } from "../lib/machine.js";
import { backfillPhase, importPhase, type LoopFigures, watched } from "./eventLoop.js";
import { exportsPhase } from "./exports.js";
import { benchBook, HISTORY_END, HISTORY_START, SyntheticAccount } from "./synthetic.js";

const { values: args } = parseArgs({
  options: {
    fills: { type: "string", default: "1000000" },
    tail: { type: "string", default: "1000" },
    seed: { type: "string", default: "5" },
    "import-rows": { type: "string", default: "100000" },
    json: { type: "boolean", default: false },
    /** Internal: the start phase, in a fresh process so its time and RSS are a start's alone. */
    "start-phase": { type: "string" },
  },
});
const FILLS = Number(args.fills);
const TAIL = Number(args.tail);
const IMPORT_ROWS = Number(args["import-rows"]);
const book = benchBook();

/**
 * A period's figures without the names of what it leaves out (`unpriced`, `pricesPending`: added
 * in session 16, not figures), so the digests compare with those of earlier sessions. The bench
 * values past moments with no candle, so most periods name assets there.
 */
function figuresOnly(key: string, value: unknown): unknown {
  return key === "unpriced" || key === "pricesPending" ? undefined : value;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const ms = (since: number) => Math.round(performance.now() - since);
const timed = async <T>(fn: () => Promise<T>) => {
  const at = performance.now();
  const result = await fn();
  return { ms: Math.round((performance.now() - at) * 10) / 10, result };
};

/** The figures a user reads, as digests: by asset (PnL by asset and by day, avg and FIFO), by pair (PnL, fees, volume), the journal's trips. */
async function digests(keeper: FiguresKeeper) {
  const { queries } = keeper;
  const byDay = async (method: "avg" | "fifo") =>
    JSON.stringify(
      await pnlPeriodsOf(queries, { period: "day", from: HISTORY_START, to: HISTORY_END, method }),
      figuresOnly,
    );
  const portfolio = createHash("sha256")
    .update(JSON.stringify([await assetPnlOf(queries, "avg"), await assetPnlOf(queries, "fifo")]))
    .update(await byDay("avg"))
    .update(await byDay("fifo"))
    .digest("hex");
  const figures = keeper.figures;
  await figures.load();
  const pairs = sha256(JSON.stringify([figures.pnl("avg"), figures.pnl("fifo"), figures.fees(), figures.volume()]));
  await keeper.journal.load();
  const trips = (method: "avg" | "fifo") => [...keeper.journal.trips(method)];
  const journal = sha256(
    JSON.stringify([trips("avg"), trips("fifo")], (_key, value: unknown) =>
      typeof value === "bigint" ? String(value) : value,
    ),
  );
  return { portfolio, pairs, journal };
}

interface StartPhase {
  /** Open, the models from their checkpoint, the tail applied: the figures current. */
  readonly startMs: number;
  readonly loaded: string;
  /** Where the start's pass resumed from (a day's start: not from scratch). */
  readonly resumedFrom: number | undefined;
  readonly rssMb: number;
  readonly byDayMs: number;
  readonly byDayAgainMs: number;
  /** The journal panel's first screen (its summary and its page of trips over the last 30 days), through the reads table. */
  readonly journalFirstScreenMs: number;
  /** Its CPU (this process's, the collector's threads in it): what a machine shared with other work moves least. */
  readonly journalFirstScreenCpuMs: number;
  /** Then every trip read back (what a journal of all time waits on), and whether the first screen's trips and statistics read the same after it. */
  readonly journalFullLoadMs: number;
  readonly journalFullLoadCpuMs: number;
  readonly firstScreenSameAfterFullLoad: boolean;
  readonly digests: Awaited<ReturnType<typeof digests>>;
}

/** A gateway's start on the database at `dbPath` and its first reads. */
async function startPhase(dbPath: string): Promise<StartPhase> {
  const begin = performance.now();
  const store = openStore({ path: dbPath });
  const keeper = testKeeper(store, book);
  const loaded = keeper.load();
  keeper.start();
  await keeper.ready();
  const startMs = ms(begin);
  const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const resumedFrom = keeper.stats().lastPassFrom;
  const byDay = () => pnlPeriodsOf(keeper.queries, { period: "day", from: HISTORY_START, to: HISTORY_END });
  const first = await timed(byDay);
  const again = await timed(byDay);
  // What JournalPanel.tsx asks first: the summary (against BTC) and a page of trips closed in the last 30 days.
  const reads = accountReads({ store, book, keeper });
  const range = { from: HISTORY_END - 30 * DAY_MS, tz: "UTC" };
  const firstScreen = () =>
    Promise.all([
      reads.journal({ ...range, benchmark: "BTC" }),
      reads.journalTrips({ ...range, limit: MAX_PAGE_LIMIT }),
    ]);
  let cpu = process.cpuUsage();
  const screen = await timed(firstScreen);
  const screenCpu = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  const full = await timed(async () => {
    await keeper.journal.load();
    return keeper.journal.trips("avg").length;
  });
  const fullCpu = process.cpuUsage(cpu);
  const screenAgain = await firstScreen();
  // What the trips make of the screen: the drawdown is the equity history's, estimated on a timer after a start.
  const tripsOf = ([{ drawdown: _, ...summary }, page]: Awaited<ReturnType<typeof firstScreen>>) => [summary, page];
  const cpuMs = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);
  const result: StartPhase = {
    startMs,
    loaded,
    resumedFrom,
    rssMb,
    byDayMs: first.ms,
    byDayAgainMs: again.ms,
    journalFirstScreenMs: screen.ms,
    journalFirstScreenCpuMs: cpuMs(screenCpu),
    journalFullLoadMs: full.ms,
    journalFullLoadCpuMs: cpuMs(fullCpu),
    firstScreenSameAfterFullLoad: JSON.stringify(tripsOf(screenAgain)) === JSON.stringify(tripsOf(screen.result)),
    digests: await digests(keeper),
  };
  keeper.close();
  store.close();
  return result;
}

if (args["start-phase"] !== undefined) {
  const phase = await startPhase(args["start-phase"]);
  // Flushed before exit: a pipe is written asynchronously.
  await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(phase)}\n`, () => resolve()));
  process.exit(0);
}

/** The database's bytes by table (dbstat); its store closed, so its WAL is folded in. */
function sizeOf(path: string): { fileMb: number; tables: Record<string, number> } {
  const { db } = openDatabaseReadOnly(path);
  const rows = db
    .prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8")
    .all() as { name: string; bytes: number }[];
  db.close();
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  return {
    fileMb: mb(statSync(path).size),
    tables: Object.fromEntries(rows.map((row) => [row.name, mb(row.bytes)])),
  };
}

const dir = mkdtempSync(join(tmpdir(), "mexc-live-bench-store-"));
const path = join(dir, "bench.db");

// 1. The database: FILLS - TAIL fills (the pass's), then TAIL more (stored after it, as a running gateway's are).
let t = performance.now();
let build = openStore({ path });
const account = new SyntheticAccount(Number(args.seed));
account.insert(build, book, 0, FILLS - TAIL, FILLS);
const buildMs = ms(t);
// Closed and opened again, as a gateway finds its database at a start: the WAL of the build (270
// MB at a million fills) checkpointed and cut by the close, not by the pass's first write, which
// held the loop 130-170 ms doing it (SQLite cuts a WAL to journal_size_limit when it starts it over).
build.close();
build = openStore({ path });

// 2. The baseline: the figures by pair from every fill, big.js, in one go.
t = performance.now();
let old: BigJsFigures | undefined = new BigJsFigures(book);
old.rebuild(build.fillHistory());
const baselineMs = ms(t);
old = undefined;

// 3. The one pass from scratch: the portfolio's first answer, every figure made in that pass.
let keeper: FiguresKeeper | undefined;
let firstAnswerMs = 0;
const pass: LoopFigures = await watched(async () => {
  const at = performance.now();
  keeper = standaloneKeeper(build, book);
  await assetPnlOf(keeper.queries);
  firstAnswerMs = ms(at);
  return () => "";
});
const passKeeper = keeper as unknown as FiguresKeeper;
account.insert(build, book, FILLS - TAIL, FILLS, FILLS);
// The tail taken in as a running gateway takes live fills, then the figures a user reads.
passKeeper.stored();
await passKeeper.ready();
const passDigests = await digests(passKeeper);
passKeeper.close();
build.close();
const size = sizeOf(path);

// 4. A start from the checkpoint, in a fresh process.
const child = spawnSync(
  process.execPath,
  [...process.execArgv, fileURLToPath(import.meta.url), "--start-phase", path],
  {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  },
);
if (child.status !== 0) throw new Error(`start phase failed: ${child.stderr}`);
const start = JSON.parse(child.stdout.trim().split("\n").pop() as string) as StartPhase;
const sameAfterStart = JSON.stringify(start.digests) === JSON.stringify(passDigests);

// 5-6. The event loop while an import and a first backfill are taken in; the exports over HTTP.
const imported = await importPhase(path, book, IMPORT_ROWS);
const backfilled = await backfillPhase(dir, book, FILLS, Number(args.seed) + 1);
const exported = await exportsPhase(path, book, new Date(HISTORY_END).getUTCFullYear());
rmSync(dir, { recursive: true, force: true });

const loop = (figures: LoopFigures) => {
  const { state: _, ...numbers } = figures;
  return numbers;
};
const result = {
  machine: machineLine(),
  fills: FILLS,
  tail: TAIL,
  buildMs,
  baselineMs,
  onePass: { firstAnswerMs, ofBaseline: Number((firstAnswerMs / baselineMs).toFixed(3)), loop: loop(pass) },
  start: { ...start, ofBaseline: Number((start.startMs / baselineMs).toFixed(4)) },
  sameAfterStart,
  digests: passDigests,
  size,
  importEventLoop: { rows: IMPORT_ROWS, ...loop(imported) },
  backfillEventLoop: { fills: backfilled.fills, ...loop(backfilled.loop) },
  exports: exported,
};
if (args.json) console.log(JSON.stringify(result));
else {
  const line = (label: string, f: Omit<LoopFigures, "state">) =>
    `${label}: event-loop delay p99 ${f.p99Ms} ms, max ${f.maxMs} ms (longest GC pause ${f.gcMaxMs} ms; longest stall on CPU ${f.onCpuMaxMs} ms, waiting for a core ${f.offCpuMaxMs} ms); wall ${f.wallMs} ms, CPU ${f.cpuMs} ms`;
  console.log(result.machine);
  console.log(`${FILLS} fills (the last ${TAIL} after the pass); database built in ${buildMs} ms`);
  console.log(`baseline: the figures by pair from every fill, big.js, in one go: ${baselineMs} ms`);
  console.log(
    `one pass from scratch, every figure: the portfolio's first answer ${firstAnswerMs} ms = ${result.onePass.ofBaseline} of the baseline`,
  );
  console.log(line("  during it", result.onePass.loop));
  console.log(
    `start from the checkpoint (fresh process; ${start.loaded}, resumed from ${start.resumedFrom === undefined ? "-" : new Date(start.resumedFrom).toISOString()}): figures current in ${start.startMs} ms; RSS ${start.rssMb} MB; a year by day ${start.byDayMs} ms, again ${start.byDayAgainMs} ms; the journal's first screen (30 days) ${start.journalFirstScreenMs} ms (CPU ${start.journalFirstScreenCpuMs} ms), then every trip read back ${start.journalFullLoadMs} ms (CPU ${start.journalFullLoadCpuMs} ms), its trips and statistics the same after it: ${start.firstScreenSameAfterFullLoad}; the same figures as the pass: ${sameAfterStart}`,
  );
  console.log(
    `digests: by asset ${passDigests.portfolio}, by pair ${passDigests.pairs}, journal ${passDigests.journal}`,
  );
  console.log(`database: ${size.fileMb} MB; by table ${JSON.stringify(size.tables)}`);
  console.log(line(`import of ${IMPORT_ROWS} fills older than the history, taken in`, imported));
  console.log(line(`first backfill (${backfilled.fills} fills, 3-day windows)`, backfilled.loop));
  for (const [label, f] of [
    [`tax.csv of ${exported.year - 10} (no fills)`, exported.emptyTax],
    [`tax.csv of ${exported.year}`, exported.tax],
    [`tax.csv of ${exported.year} in EUR, a row per lot`, exported.taxEurLots],
    ["fills.csv (every fill)", exported.fills],
  ] as const)
    console.log(
      `${line(label, f)}; HTTP ${f.status}, ${f.lines} lines, ${Math.round(f.bytes / 2 ** 20)} MB; RSS growth ${f.rssGrowthMb} MB`,
    );
}
if (!sameAfterStart || !start.firstScreenSameAfterFullLoad) process.exit(1);
