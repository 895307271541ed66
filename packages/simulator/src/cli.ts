/**
 * `mexc-live simulator`: runs the simulator on 127.0.0.1 until SIGINT/SIGTERM. With --json the
 * first stdout line is `{"rest":...,"ws":...,"apiKey":...,"secretKey":...,"accounts":[...]}` for
 * scripts; without it a short banner. A bad flag is one line on stderr and exit code 2.
 */

import { isUnsignedDecimal } from "@mexc-live/protocol";
import { BEHAVIOUR_FLAGS, type Behaviours, parseBehavioursOff } from "./behaviours.js";
import { MAX_ACCOUNTS, MAX_HISTORY_DAYS } from "./constants.js";
import { UsageError } from "./errors.js";
import { FAULT_NAMES, parseFaultSpec } from "./faults.js";
import { type RunningSimulator, startSimulator } from "./simulator.js";
import { selectSymbols } from "./symbols.js";

export const SIMULATOR_USAGE = `usage: mexc-live simulator [options]

Runs a local MEXC Spot exchange (REST /api/v3 and WebSocket /ws) on 127.0.0.1.

options:
  --port N            port to listen on (default 0: a free port)
  --seed N            make the run reproducible (prices, flow, demo credentials)
  --speed N           run simulated time N times faster (listen keys, timers, bans)
  --symbols A,B       symbols to list (default: all built-in ones)
  --faults SPEC       inject faults: name[=rate],... or "all"
                      (${FAULT_NAMES.join(", ")})
  --behaviours-off A,B model MEXC as its docs describe it in these points only; by default
                      every undocumented behaviour real MEXC shows is on
                      (${Object.keys(BEHAVIOUR_FLAGS).join(", ")})
  --accounts N        N funded accounts (1 to ${MAX_ACCOUNTS}; default 1): the demo account, then
                      sub-accounts sub1, sub2, ... funded and traded like it, each
                      with its own key and secret
  --no-demo-trader    do not trade on the funded accounts
  --history-days N    start each funded account with N days of past fills, orders,
                      deposits, withdrawals and futures transfers, ending at its
                      balances (0 to ${MAX_HISTORY_DAYS}; default 0: none)
  --order-read-lag-ms N  GET /api/v3/order answers -2013 for orders younger than N ms
                      (behaviour order-read-lag; default 3000)
  --firehose N        load mode: also print N public trades per real second at the
                      touch, over all symbols (benchmarks; not reproducible by --seed)
  --no-admin          do not mount the /_sim/* admin routes (on by default here)
  --log-level LEVEL   pino log level on stderr (default silent)
  --json              print {"rest","ws","apiKey","secretKey","accounts"} as the first
                      line (accounts: [{"name","apiKey","secretKey"}], demo first)
  -h, --help          show this help
`;

const PREFIX = "mexc-live simulator";
const MAX_PORT = 65_535;
const LOG_LEVELS = ["silent", "fatal", "error", "warn", "info", "debug", "trace"];

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Resolves when the simulator should stop. Default: the first SIGINT or SIGTERM. */
  readonly untilStopped?: () => Promise<void>;
}

interface CliOptions {
  port: number;
  seed?: number;
  speed: number;
  accounts: number;
  firehose?: number;
  symbols?: string[];
  historyDays: number;
  orderReadLagMs?: number;
  faults: string;
  behaviours: Partial<Behaviours>;
  demoTrader: boolean;
  admin: boolean;
  logLevel: string;
  json: boolean;
  help: boolean;
}

export async function runSimulatorCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${PREFIX}: ${error.message} (see --help)\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(SIMULATOR_USAGE);
    return 0;
  }

  let simulator: RunningSimulator;
  try {
    simulator = await startSimulator({
      port: options.port,
      seed: options.seed,
      speed: options.speed,
      accounts: options.accounts,
      symbols: options.symbols,
      faults: options.faults,
      demoTrader: options.demoTrader,
      historyDays: options.historyDays,
      ...(options.orderReadLagMs === undefined ? {} : { orderReadLagMs: options.orderReadLagMs }),
      admin: options.admin,
      behaviours: options.behaviours,
      logLevel: options.logLevel,
      market: options.firehose === undefined ? undefined : { firehoseTradesPerSecond: options.firehose },
    });
  } catch (error) {
    io.stderr.write(`${PREFIX}: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  io.stdout.write(options.json ? `${jsonLine(simulator)}\n` : banner(simulator, options));
  await (io.untilStopped ?? untilSignal)();
  await simulator.close();
  return 0;
}

function parseArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    port: 0,
    speed: 1,
    accounts: 1,
    historyDays: 0,
    faults: "",
    behaviours: {},
    demoTrader: true,
    admin: true,
    logLevel: "silent",
    json: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const equals = arg.indexOf("=");
    const flag = arg.startsWith("--") && equals !== -1 ? arg.slice(0, equals) : arg;
    const inline = flag === arg ? undefined : arg.slice(equals + 1);
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      i++;
      return next;
    };
    const noValue = () => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
    };
    switch (flag) {
      case "--port":
        options.port = wholeNumber(flag, value(), MAX_PORT);
        break;
      case "--seed":
        options.seed = wholeNumber(flag, value(), 2 ** 32 - 1);
        break;
      case "--speed":
        options.speed = positiveNumber(flag, value());
        break;
      case "--accounts":
        options.accounts = wholeNumber(flag, value(), MAX_ACCOUNTS, 1);
        break;
      case "--history-days":
        options.historyDays = wholeNumber(flag, value(), MAX_HISTORY_DAYS);
        break;
      case "--order-read-lag-ms":
        options.orderReadLagMs = wholeNumber(flag, value(), 10 * 60_000);
        break;
      case "--firehose":
        options.firehose = positiveNumber(flag, value());
        break;
      case "--symbols":
        options.symbols = checked(() => selectSymbols(value().split(",")).map((config) => config.symbol));
        break;
      case "--faults": {
        const spec = value();
        checked(() => parseFaultSpec(spec));
        options.faults = spec;
        break;
      }
      case "--behaviours-off": {
        const list = value();
        options.behaviours = checked(() => parseBehavioursOff(list));
        break;
      }
      case "--log-level": {
        const level = value();
        if (!LOG_LEVELS.includes(level)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
        options.logLevel = level;
        break;
      }
      case "--no-demo-trader":
        noValue();
        options.demoTrader = false;
        break;
      case "--admin":
        noValue();
        options.admin = true;
        break;
      case "--no-admin":
        noValue();
        options.admin = false;
        break;
      case "--json":
        noValue();
        options.json = true;
        break;
      case "-h":
      case "--help":
        options.help = true;
        break;
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return options;
}

function wholeNumber(flag: string, text: string, max: number, min = 0): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new UsageError(`${flag} needs a whole number from ${min} to ${max} (got "${text}")`);
  return value;
}

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!isUnsignedDecimal(text) || !(value > 0)) throw new UsageError(`${flag} needs a positive number (got "${text}")`);
  return value;
}

/** Runs a validator whose Error message is already readable (unknown symbol, bad fault). */
function checked<T>(validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Exactly these keys, in this order: the four of issue 3 item 10 (apiKey and secretKey: the demo
 * account's), then every funded account, demo first (issue 16 item 6).
 */
function jsonLine(simulator: RunningSimulator): string {
  const { rest, ws, apiKey, secretKey } = simulator;
  const accounts = simulator.accounts.map(({ name, apiKey, secretKey }) => ({ name, apiKey, secretKey }));
  return JSON.stringify({ rest, ws, apiKey, secretKey, accounts });
}

function banner(simulator: RunningSimulator, options: CliOptions): string {
  const symbols = [...simulator.exchange.symbols.values()].map((config) =>
    config.apiTradingDisabled ? `${config.symbol} (API trading disabled)` : config.symbol,
  );
  const admin = options.admin
    ? `on (local use only): GET ${simulator.rest}/_sim/ledger?account=demo, POST /_sim/faults, /_sim/trader, /_sim/deposit, /_sim/withdraw, /_sim/transfer`
    : "off";
  return [
    "mexc-live simulator: a local MEXC Spot exchange (no connection to MEXC)",
    `  REST          ${simulator.rest}/api/v3`,
    `  WebSocket     ${simulator.ws}`,
    `  demo API key  ${simulator.apiKey}`,
    `  demo secret   ${simulator.secretKey}`,
    ...simulator.accounts.slice(1).map((sub) => `  ${sub.name.padEnd(13)} key ${sub.apiKey}, secret ${sub.secretKey}`),
    `  seed ${simulator.seed}, speed ${simulator.clock.speed}x, demo trader ${options.demoTrader ? "on" : "off"}`,
    ...(options.firehose ? [`  firehose      ${options.firehose} public trades/s at the touch (load mode)`] : []),
    ...(options.historyDays > 0
      ? [`  history       ${options.historyDays} days of past activity on each funded account`]
      : []),
    `  symbols       ${symbols.join(", ")}`,
    `  admin routes  ${admin}`,
    `  faults        ${simulator.faults.spec() || "none"}`,
    `  behaviours    ${behavioursLine(simulator.behaviours)}`,
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}

/** "real MEXC (all on)" or the switches that are off. */
function behavioursLine(behaviours: Behaviours): string {
  const off = Object.entries(BEHAVIOUR_FLAGS)
    .filter(([, key]) => !behaviours[key])
    .map(([flag]) => flag);
  return off.length === 0 ? "real MEXC (every undocumented behaviour on)" : `off: ${off.join(", ")}`;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}
