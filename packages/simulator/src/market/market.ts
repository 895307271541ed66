/**
 * The simulated market on top of the engine: per symbol a random-walk mid quoted by a market
 * maker, taker flow printing public trades, klines for every interval and the tickers derived
 * from them, and the funded demo account with its demo trader and its now-and-then wallet moves
 * (demoWallet.ts), and as many sub-accounts as asked for (`accounts`, simulator.ts), each funded,
 * traded and moving funds like the demo account on its own random streams. All activity runs off
 * one seeded heartbeat (activityScheduler.ts) in simulated time, so --speed scales it and --seed
 * replays it.
 */
import { Decimal as Big, DAY_MS, ROUND_DOWN } from "@mexc-live/protocol";
import type { SimClock } from "../clock.js";
import { restErrors } from "../errors.js";
import type { Random } from "../random.js";
import type { Exchange, Market, PastPath, SymbolConfig } from "../types.js";
import { createActivityScheduler } from "./activityScheduler.js";
import { createDemoExtras } from "./demoExtras.js";
import { createDemoTrader } from "./demoTrader.js";
import { createDemoWallet } from "./demoWallet.js";
import { startFirehose } from "./firehose.js";
import { isKlineInterval } from "./klineIntervals.js";
import { createKlineBook, DEFAULT_KLINE_HISTORY } from "./klines.js";
import { createMarketMaker } from "./marketMaker.js";
import { ticksOf } from "./orderSizing.js";
import { createPastPath } from "./pastPath.js";
import { createRandomWalk } from "./randomWalk.js";
import { seedKlineHistory } from "./seedHistory.js";
import { createTakerFlow } from "./takerFlow.js";
import { miniTicker, ticker24h } from "./tickers.js";
import { createFillAllowance, FIRST_ACTION_MS, lookIntervalMs, MEAN_FILLS_PER_DAY } from "./tradingPace.js";
import { moveIntervalMs, WALLET_MOVES_PER_DAY } from "./walletPace.js";

export interface MarketOptions {
  /** Mean simulated ms between one symbol's maker requotes (each drawn from x0.5..x1.5). */
  readonly makerRequoteMs?: number;
  /** Mean simulated ms between one symbol's taker orders (exponentially distributed). */
  readonly takerIntervalMs?: number;
  /**
   * Fills each demo trader makes per simulated day (tradingPace.ts). Default: its history's pace
   * (MEAN_FILLS_PER_DAY), so a live day looks like a past one; Infinity: as many as its actions
   * make (BUSY_DEMO_TRADER, for tests and benches).
   */
  readonly demoFillsPerDay?: number;
  /**
   * Simulated ms between demo trader actions after its first, drawn uniformly from [min, max].
   * Default: from its pace (tradingPace.ts lookIntervalMs: 20 s to 1 min at the default pace).
   */
  readonly demoTraderIntervalMs?: readonly [number, number];
  /**
   * Simulated ms between the demo trader's wallet moves (a deposit, withdrawal or futures
   * transfer), drawn uniformly from [min, max]. Default: the history's pace (walletPace.ts),
   * about 40 to 120 hours.
   */
  readonly demoWalletIntervalMs?: readonly [number, number];
  /**
   * Simulated ms between the demo accounts' rarer moves (an internal transfer or a dust
   * conversion, demoExtras.ts), drawn uniformly from [min, max]. Default: as rare as wallet
   * moves (walletPace.ts).
   */
  readonly demoExtrasIntervalMs?: readonly [number, number];
  /** Price levels per side each maker keeps (the limit-depth channel goes to 20). */
  readonly bookLevels?: number;
  /** Past Min1 bars synthesized per symbol at start (0: none). */
  readonly seedHistoryMinutes?: number;
  /** Bars kept per symbol and interval. */
  readonly klineHistory?: number;
  /** Standard deviation of the mid's relative move over a simulated day (0.03 = 3 %). */
  readonly dailyVolatility?: number;
  /**
   * Load mode: extra public trades per real second printed at the touch (firehose.ts), over all
   * symbols together. 0 (default): off.
   */
  readonly firehoseTradesPerSecond?: number;
  /** Days of past the klines reach before the start (pastPath.ts): earlier windows have no candle. */
  readonly pastDays?: number;
  /** Seeds the past price path (default: a fixed value; simulator.ts derives it from --seed). */
  readonly pastSeed?: number;
}

const DEFAULT_MARKET_OPTIONS = {
  makerRequoteMs: 400,
  takerIntervalMs: 1_000,
  demoFillsPerDay: MEAN_FILLS_PER_DAY,
  demoWalletIntervalMs: moveIntervalMs(WALLET_MOVES_PER_DAY),
  demoExtrasIntervalMs: moveIntervalMs(WALLET_MOVES_PER_DAY),
  bookLevels: 20,
  seedHistoryMinutes: 24 * 60,
  klineHistory: DEFAULT_KLINE_HISTORY,
  dailyVolatility: 0.03,
  firehoseTradesPerSecond: 0,
  pastDays: 400,
  pastSeed: 0x9a57_9a57,
} as const satisfies Required<Omit<MarketOptions, "demoTraderIntervalMs">>;

/**
 * A busy demo trader, for tests and benches that need fills every few seconds: an action every
 * 3 to 8 simulated seconds, as many fills as those make. The user's demo keeps its history's pace.
 */
export const BUSY_DEMO_TRADER = {
  demoFillsPerDay: Number.POSITIVE_INFINITY,
  demoTraderIntervalMs: [3_000, 8_000],
} as const satisfies MarketOptions;

/** Pull of the walk back to the initial price per minute: a half-life of about four hours. */
const WALK_REVERSION_PER_MINUTE = 0.003;
const MINUTES_PER_DAY = 24 * 60;
/** Internal accounts; the prefix keeps them apart from API accounts. */
const INTERNAL_ACCOUNT_PREFIX = "__market-";
const MAKER_ACCOUNT_PREFIX = `${INTERNAL_ACCOUNT_PREFIX}maker-`;
const TAKER_ACCOUNT = `${INTERNAL_ACCOUNT_PREFIX}taker`;
/** Every internal account's balance in each asset it trades: effectively unlimited. */
const INTERNAL_FUNDING = "1000000000000000";
/** The demo account pays its trading fees in MX (20 % off). */
export const DEMO_ACCOUNT_OPTIONS = { mxFeeDeduction: true } as const;
/** The demo account's starting balances (DEPOSIT). */
export const DEMO_FUNDING: Readonly<Record<string, string>> = {
  USDT: "25000",
  BTC: "0.35",
  ETH: "4.2",
  SOL: "55",
  MX: "1200",
};
/** Quote value of the small demo balance in the base asset of each API-disabled pair. */
const DISABLED_PAIR_DEMO_VALUE = "60";
/**
 * A sub-account funded and traded like the demo account. Its own streams keep the accounts' traders
 * out of step with each other, and the demo account's draws the same whatever the number of accounts.
 */
export interface SubAccountActivity {
  readonly account: string;
  /** Draws its demo trader's actions and their pace. */
  readonly random: Random;
  /** Draws its wallet moves and their pace. */
  readonly walletRandom: Random;
  /** Draws its internal transfers and dust conversions and their pace (none without). */
  readonly extrasRandom?: Random;
}

/** Taker delays are exponential, clipped to [x0.05, x5] of the mean. */
const TAKER_DELAY_CLIP = [0.05, 5] as const;

export function startMarket(deps: {
  exchange: Exchange;
  clock: SimClock;
  random: Random;
  /**
   * `stopOrders`: the demo trader also places stop-limit orders (behaviour stopOrders, default
   * true). `subAccounts`: more accounts funded and traded the same way (default none); `trader`
   * and setDemoTraderRunning switch all of them together.
   */
  demo: {
    account: string;
    trader: boolean;
    stopOrders?: boolean;
    subAccounts?: readonly SubAccountActivity[];
    /** Draws the demo account's internal transfers and dust conversions (none without). */
    extrasRandom?: Random;
    /** Which of those happen (behaviours internalTransfers, dustConversions). */
    extras?: { readonly internalTransfers: boolean; readonly dustConversions: boolean };
  };
  options?: MarketOptions;
  /**
   * Draws the demo trader's wallet moves (default: `random`); its own stream keeps the market's
   * draws the same whether or not the moves happen.
   */
  walletRandom?: Random;
}): Market {
  const { exchange, clock, random } = deps;
  const options = { ...DEFAULT_MARKET_OPTIONS, ...deps.options };
  const configs = [...exchange.symbols.values()];
  const klines = createKlineBook(configs, options.klineHistory);

  fundInternalAccounts(exchange, configs);
  const subAccounts = deps.demo.subAccounts ?? [];
  fundDemoAccount(exchange, configs, deps.demo.account);
  for (const sub of subAccounts) fundDemoAccount(exchange, configs, sub.account);

  const now = clock.now();
  const makers = createMakers({ exchange, random, configs, klines, options, now });

  // The past before the start follows one path (pastPath.ts): the accounts' past fills and the
  // klines of past windows alike. It hands over to the seeded day of minutes just made.
  const past = createPastPath({
    seed: options.pastSeed,
    dailyVolatility: options.dailyVolatility,
    from: now - options.pastDays * DAY_MS,
    now,
    seeded: (symbol) => klines.klines(symbol, "Min1", { startTime: 0, endTime: now, limit: options.klineHistory }),
  });

  const unsubscribe = exchange.onEvent((event) => {
    if (event.kind === "publicTrade") klines.addTrade(event.symbol, event.price, event.quantity, event.time);
  });
  for (const maker of makers) maker.fillBook();

  const scheduler = createActivityScheduler(clock);
  scheduleMarketFlow({ scheduler, exchange, random, configs, makers, options });

  let traderRunning = deps.demo.trader;
  const stopCounting: (() => void)[] = [];
  const tradeOn = (activity: SubAccountActivity) =>
    stopCounting.push(
      scheduleDemoAccount(
        { scheduler, exchange, configs, options, demo: deps.demo, running: () => traderRunning },
        activity,
      ),
    );
  tradeOn({
    account: deps.demo.account,
    random,
    walletRandom: deps.walletRandom ?? random,
    ...(deps.demo.extrasRandom === undefined ? {} : { extrasRandom: deps.demo.extrasRandom }),
  });
  for (const sub of subAccounts) tradeOn(sub);

  const firehose =
    options.firehoseTradesPerSecond > 0
      ? startFirehose({ exchange, random, tradesPerSecond: options.firehoseTradesPerSecond })
      : undefined;

  const tickerInput = (symbol: string) => {
    const config = exchange.symbols.get(symbol);
    if (!config) throw restErrors.invalidSymbol();
    return { config, bars: klines.series(symbol, "Min1"), now: clock.now(), lastPrice: exchange.lastPrice(symbol) };
  };

  return {
    klines: (symbol, interval, range) => withPast(past, klines, exchange.symbols.get(symbol), interval, range),
    past,
    currentKline: (symbol, interval) => klines.current(symbol, interval, clock.now()),
    ticker24h: (symbol) => ticker24h(tickerInput(symbol), exchange.bestBidAsk(symbol)),
    miniTicker: (symbol, timezone) => miniTicker(tickerInput(symbol), timezone),
    setDemoTraderRunning: (running) => {
      traderRunning = running;
    },
    demoTraderRunning: () => traderRunning,
    stop: () => {
      traderRunning = false;
      scheduler.stop();
      firehose?.stop();
      unsubscribe();
      for (const stopOne of stopCounting.splice(0)) stopOne();
    },
  };
}

type KlineBook = ReturnType<typeof createKlineBook>;
type Scheduler = ReturnType<typeof createActivityScheduler>;
type Options = Required<Omit<MarketOptions, "demoTraderIntervalMs">> & Pick<MarketOptions, "demoTraderIntervalMs">;

/** One market maker per symbol, each on its random walk, after a day of Min1 history seeded to end at its start price. */
function createMakers(deps: {
  exchange: Exchange;
  random: Random;
  configs: readonly SymbolConfig[];
  klines: KlineBook;
  options: Options;
  now: number;
}) {
  const { exchange, random, configs, klines, options, now } = deps;
  const minuteVolatility = options.dailyVolatility / Math.sqrt(MINUTES_PER_DAY);
  return configs.map((config) => {
    const startTicks = ticksOf(config, config.initialPrice);
    seedKlineHistory({
      klines,
      config,
      random,
      minutes: options.seedHistoryMinutes,
      now,
      endTicks: startTicks,
      minuteVolatility,
      minuteReversion: WALK_REVERSION_PER_MINUTE,
    });
    const walk = createRandomWalk({
      random,
      startTicks,
      volatility: minuteVolatility,
      reversion: WALK_REVERSION_PER_MINUTE,
    });
    return createMarketMaker({
      exchange,
      config,
      account: `${MAKER_ACCOUNT_PREFIX}${config.symbol}`,
      random,
      walk,
      levels: options.bookLevels,
    });
  });
}

/** The makers requote and the taker trades against them, each at its own random pace. */
function scheduleMarketFlow(deps: {
  scheduler: Scheduler;
  exchange: Exchange;
  random: Random;
  configs: readonly SymbolConfig[];
  makers: readonly ReturnType<typeof createMarketMaker>[];
  options: Options;
}): void {
  const { scheduler, exchange, random, configs, makers, options } = deps;
  const taker = createTakerFlow({ exchange, account: TAKER_ACCOUNT, random });
  const [clipMin, clipMax] = TAKER_DELAY_CLIP;
  const takerDelay = () => {
    const mean = options.takerIntervalMs;
    return Math.min(mean * clipMax, Math.max(mean * clipMin, -mean * Math.log(1 - random.next())));
  };
  makers.forEach((maker, index) => {
    const config = configs[index]!;
    scheduler.every(() => options.makerRequoteMs * (0.5 + random.next()), maker.quote);
    scheduler.every(takerDelay, () => taker.trade(config, maker.mid()));
  });
}

/**
 * The demo trader, wallet moves and extras (transfers, dust) on one account, each paced by its own
 * stream, while running. The trader's first action comes within FIRST_ACTION_MS; its fills are
 * counted into its allowance (tradingPace.ts). Returns the end of that counting.
 */
function scheduleDemoAccount(
  deps: {
    scheduler: Scheduler;
    exchange: Exchange;
    configs: readonly SymbolConfig[];
    options: Options;
    demo: { stopOrders?: boolean; extras?: { readonly internalTransfers: boolean; readonly dustConversions: boolean } };
    running: () => boolean;
  },
  { account, random: traderRandom, walletRandom, extrasRandom }: SubAccountActivity,
): () => void {
  const { scheduler, exchange, configs, options, running } = deps;
  const [actMin, actMax] = options.demoTraderIntervalMs ?? lookIntervalMs(options.demoFillsPerDay);
  const [moveMin, moveMax] = options.demoWalletIntervalMs;
  const [extraMin, extraMax] = options.demoExtrasIntervalMs;
  // Simulated time (the scheduler's): at --speed N the pace runs N times faster, as all activity does.
  const allowance = createFillAllowance(options.demoFillsPerDay, scheduler.elapsed());
  const stopCounting = exchange.onEvent((event) => {
    if (event.kind === "fill" && event.account === account) allowance.filled();
  });
  const trader = createDemoTrader({
    exchange,
    account,
    random: traderRandom,
    symbols: configs,
    stopOrders: deps.demo.stopOrders ?? true,
    allowance,
    now: () => scheduler.elapsed(),
  });
  let firstAction = true;
  scheduler.every(
    () => {
      if (!firstAction) return traderRandom.int(actMin, actMax);
      firstAction = false;
      return traderRandom.int(Math.min(actMin, FIRST_ACTION_MS[0]), Math.min(actMax, FIRST_ACTION_MS[1]));
    },
    () => {
      if (running()) trader.act();
    },
  );
  const wallet = createDemoWallet({ exchange, account, random: walletRandom, symbols: configs });
  scheduler.every(
    () => walletRandom.int(moveMin, moveMax),
    () => {
      if (running()) wallet.act();
    },
  );
  const kinds = deps.demo.extras;
  if (extrasRandom === undefined || kinds === undefined) return stopCounting;
  const extras = createDemoExtras({ exchange, account, random: extrasRandom, symbols: configs, ...kinds });
  scheduler.every(
    () => extrasRandom.int(extraMin, extraMax),
    () => {
      if (running()) extras.act();
    },
  );
  return stopCounting;
}

/**
 * The kept bars of a range, preceded by the past path's bars for the part of the range before the
 * oldest kept bar of that interval (or before the hand-over, when none is kept): MEXC serves
 * candles of any past window, and so does the simulator, on the path its past fills followed.
 */
function withPast(
  past: PastPath,
  book: ReturnType<typeof createKlineBook>,
  config: SymbolConfig | undefined,
  interval: string,
  range: { startTime?: number; endTime?: number; limit: number },
) {
  const kept = book.klines(config?.symbol ?? "", interval, range);
  if (config === undefined || !isKlineInterval(interval) || range.limit <= 0) return kept;
  if (range.startTime === undefined && range.endTime === undefined) return kept;
  const oldestKept = book.series(config.symbol, interval)[0]?.openTime ?? past.until(config.symbol);
  const end = Math.min(oldestKept, past.until(config.symbol), (range.endTime ?? Number.POSITIVE_INFINITY) + 1);
  const start = range.startTime ?? Number.NEGATIVE_INFINITY;
  if (end <= start || end <= past.from) return kept;
  const fromEnd = range.startTime === undefined;
  const older = past.bars(config, interval, { start: Math.max(start, past.from), end, limit: range.limit, fromEnd });
  if (older.length === 0) return kept;
  const all = [...older, ...book.klines(config.symbol, interval, { ...range, limit: Number.MAX_SAFE_INTEGER })];
  return fromEnd ? all.slice(-range.limit) : all.slice(0, range.limit);
}

function fundInternalAccounts(exchange: Exchange, configs: readonly SymbolConfig[]): void {
  const fund = (account: string, assets: Iterable<string>) => {
    if (!exchange.hasAccount(account)) exchange.createAccount(account, { keepHistory: false });
    for (const asset of assets) exchange.credit(account, asset, INTERNAL_FUNDING);
  };
  for (const config of configs) fund(`${MAKER_ACCOUNT_PREFIX}${config.symbol}`, [config.baseAsset, config.quoteAsset]);
  fund(TAKER_ACCOUNT, new Set(configs.flatMap((config) => [config.baseAsset, config.quoteAsset])));
}

/**
 * Creates the demo account or a sub-account (MX fee deduction on) and deposits its starting
 * balances, once: an account that exists already (given a past, historyDays) is left as it is.
 */
function fundDemoAccount(exchange: Exchange, configs: readonly SymbolConfig[], account: string): void {
  if (exchange.hasAccount(account)) return;
  exchange.createAccount(account, DEMO_ACCOUNT_OPTIONS);
  for (const [asset, amount] of Object.entries(demoFunding(configs))) exchange.credit(account, asset, amount);
}

/** The demo account's starting balances on these symbols: DEMO_FUNDING and a little of each API-disabled pair's base. */
export function demoFunding(configs: readonly SymbolConfig[]): Record<string, string> {
  const funding: Record<string, string> = { ...DEMO_FUNDING };
  for (const config of configs.filter((entry) => entry.apiTradingDisabled)) {
    const amount = new Big(DISABLED_PAIR_DEMO_VALUE)
      .div(config.initialPrice)
      .round(config.quantityPrecision, ROUND_DOWN);
    if (amount.gt(0)) funding[config.baseAsset] = amount.toFixed();
  }
  return funding;
}
