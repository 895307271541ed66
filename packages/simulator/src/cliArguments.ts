/**
 * The simulator's command-line options (`mexc-sim`, `mexc-live simulator`): one table that both
 * node:util's `parseArgs` and the help text are built from, so `--help` lists every option the
 * parser accepts. A mistake is a UsageError naming the option, one readable line.
 */

import { parseArgs } from "node:util";
import { isUnsignedDecimal, MINUTE_MS } from "@mexc-live/protocol";
import { BEHAVIOUR_FLAGS, type Behaviours, parseBehavioursOff } from "./behaviours.js";
import { MAX_ACCOUNTS, MAX_DEMO_FILLS_PER_DAY, MAX_HISTORY_DAYS, MIN_DEMO_FILLS_PER_DAY } from "./constants.js";
import { UsageError } from "./errors.js";
import { FAULT_NAMES, parseFaultSpec } from "./faults.js";
import { selectSymbols } from "./symbols.js";

const MAX_PORT = 65_535;
const MAX_SEED = 2 ** 32 - 1;
const LOG_LEVELS = ["silent", "fatal", "error", "warn", "info", "debug", "trace"];

export interface CliOptions {
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
  demoFillsPerDay?: number;
  admin: boolean;
  logLevel: string;
  json: boolean;
  help: boolean;
}

interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** The value's placeholder in the help ("N", "A,B"); string options only. */
  readonly value?: string;
  /** The help text, one entry per line. */
  readonly help: readonly string[];
  /** Reads the option into `options` (the value is undefined for a boolean). */
  readonly apply: (options: CliOptions, value: string, flag: string) => void;
}

/** The options that take a number N, set as they are read. */
type NumberOptionKey = "port" | "seed" | "speed" | "accounts" | "historyDays" | "orderReadLagMs" | "firehose";

/** An option taking a number N: `read` checks it (its error names the flag) and it is set as options[key]. */
function numberOption(
  key: NumberOptionKey,
  help: readonly string[],
  read: (flag: string, value: string) => number,
): OptionSpec {
  return {
    type: "string",
    value: "N",
    help,
    apply: (options, value, flag) => {
      options[key] = read(flag, value);
    },
  };
}

/** A switch (no value): present, it sets options[key] to `to`. */
function switchOption(key: "demoTrader" | "admin" | "json" | "help", to: boolean, help: readonly string[]): OptionSpec {
  return {
    type: "boolean",
    help,
    apply: (options) => {
      options[key] = to;
    },
  };
}

/** Every option, in the order `--help` lists them. */
const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  port: numberOption("port", ["port to listen on (default 0: a free port)"], (flag, value) =>
    wholeNumber(flag, value, MAX_PORT),
  ),
  seed: numberOption("seed", ["make the run reproducible (prices, flow, demo credentials)"], (flag, value) =>
    wholeNumber(flag, value, MAX_SEED),
  ),
  speed: numberOption("speed", ["run simulated time N times faster (listen keys, timers, bans)"], positiveNumber),
  symbols: {
    type: "string",
    value: "A,B",
    help: ["symbols to list (default: all built-in ones)"],
    apply: (options, value) => {
      options.symbols = checked(() => selectSymbols(value.split(",")).map((config) => config.symbol));
    },
  },
  faults: {
    type: "string",
    value: "SPEC",
    help: ['inject faults: name[=rate],... or "all"', `(${FAULT_NAMES.join(", ")})`],
    apply: (options, value) => {
      checked(() => parseFaultSpec(value));
      options.faults = value;
    },
  },
  "behaviours-off": {
    type: "string",
    value: "A,B",
    help: [
      "model MEXC as its docs describe it in these points only; by default",
      "every undocumented behaviour real MEXC shows is on",
      `(${Object.keys(BEHAVIOUR_FLAGS).join(", ")})`,
    ],
    apply: (options, value) => {
      options.behaviours = checked(() => parseBehavioursOff(value));
    },
  },
  accounts: numberOption(
    "accounts",
    [
      `N funded accounts (1 to ${MAX_ACCOUNTS}; default 1): the demo account, then`,
      "sub-accounts sub1, sub2, ... funded and traded like it, each",
      "with its own key and secret",
    ],
    (flag, value) => wholeNumber(flag, value, MAX_ACCOUNTS, 1),
  ),
  "no-demo-trader": switchOption("demoTrader", false, ["do not trade on the funded accounts"]),
  "demo-fills-per-day": {
    type: "string",
    value: "N",
    help: [
      `fills each demo trader makes a simulated day (${MIN_DEMO_FILLS_PER_DAY} to ${MAX_DEMO_FILLS_PER_DAY};`,
      "default: its history's pace, about 25)",
    ],
    apply: (options, value, flag) => {
      const fills = positiveNumber(flag, value);
      if (fills < MIN_DEMO_FILLS_PER_DAY || fills > MAX_DEMO_FILLS_PER_DAY) {
        throw new UsageError(
          `${flag} must be from ${MIN_DEMO_FILLS_PER_DAY} to ${MAX_DEMO_FILLS_PER_DAY} (got "${value}")`,
        );
      }
      options.demoFillsPerDay = fills;
    },
  },
  "history-days": numberOption(
    "historyDays",
    [
      "start each funded account with N days of past fills, orders,",
      "deposits, withdrawals and futures transfers, ending at its",
      `balances (0 to ${MAX_HISTORY_DAYS}; default 0: none)`,
    ],
    (flag, value) => wholeNumber(flag, value, MAX_HISTORY_DAYS),
  ),
  "order-read-lag-ms": numberOption(
    "orderReadLagMs",
    ["GET /api/v3/order answers -2013 for orders younger than N ms", "(behaviour order-read-lag; default 3000)"],
    (flag, value) => wholeNumber(flag, value, 10 * MINUTE_MS),
  ),
  firehose: numberOption(
    "firehose",
    [
      "load mode: also print N public trades per real second at the",
      "touch, over all symbols (benchmarks; not reproducible by --seed)",
    ],
    positiveNumber,
  ),
  admin: switchOption("admin", true, [
    "mount the unsigned /_sim/* admin routes (local use only: JSON bodies,",
    "loopback Host, no foreign Origin; off by default)",
  ]),
  "no-admin": switchOption("admin", false, ["do not mount the /_sim/* admin routes (the default)"]),
  "log-level": {
    type: "string",
    value: "LEVEL",
    help: [`pino log level on stderr (default silent; ${LOG_LEVELS.join(", ")})`],
    apply: (options, value) => {
      if (!LOG_LEVELS.includes(value)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
      options.logLevel = value;
    },
  },
  json: switchOption("json", true, [
    'print {"rest","ws","apiKey","secretKey","accounts"} as the first',
    'line (accounts: [{"name","apiKey","secretKey"}], demo first)',
  ]),
  help: { ...switchOption("help", true, ["show this help"]), short: "h" },
};

/** Every option's long name, as `--help` lists it (tests check the help against the parser). */
export const SIMULATOR_OPTION_NAMES: readonly string[] = Object.keys(OPTIONS);

/** The help text of `program` (`mexc-sim` or `mexc-live simulator`). */
export function simulatorUsage(program: string): string {
  const flags = Object.entries(OPTIONS).map(([name, spec]) => {
    const long = `--${name}${spec.value ? ` ${spec.value}` : ""}`;
    return spec.short ? `-${spec.short}, ${long}` : long;
  });
  const width = Math.max(...flags.map((flag) => flag.length)) + 2;
  const lines = Object.values(OPTIONS).flatMap((spec, i) =>
    spec.help.map((text, line) => `  ${(line === 0 ? flags[i]! : "").padEnd(width)}${text}`),
  );
  return [
    `usage: ${program} [options]`,
    "",
    "Runs a local MEXC Spot exchange (REST /api/v3 and WebSocket /ws) on 127.0.0.1.",
    "",
    "options:",
    ...lines,
    "",
  ].join("\n");
}

/** The options of `argv`; throws a UsageError naming the first option that is wrong. */
export function parseSimulatorArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    port: 0,
    speed: 1,
    accounts: 1,
    historyDays: 0,
    faults: "",
    behaviours: {},
    demoTrader: true,
    admin: false,
    logLevel: "silent",
    json: false,
    help: false,
  };
  // Not strict: the tokens are checked below, so each mistake gets this command's own words.
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(OPTIONS).map(([name, spec]) => [
        name,
        spec.short ? { type: spec.type, short: spec.short } : { type: spec.type },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "positional") throw new UsageError(`unexpected argument "${token.value}"`);
    if (token.kind === "option-terminator") throw new UsageError('unexpected "--"');
    const spec = OPTIONS[token.name];
    if (spec === undefined) throw new UsageError(`unknown option "${token.rawName}"`);
    if (spec.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      spec.apply(options, "", token.rawName);
      continue;
    }
    // parseArgs takes the next argument as the value even when it is the next option.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("--")))
      throw new UsageError(`${token.rawName} needs a value`);
    spec.apply(options, token.value, token.rawName);
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
