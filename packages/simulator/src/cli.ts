/**
 * The simulator's command, `mexc-sim` (the package's bin, bin/mexc-sim.js) or `mexc-live
 * simulator`: runs the simulator on 127.0.0.1 until SIGINT/SIGTERM. With --json the first stdout
 * line is `{"rest":...,"ws":...,"apiKey":...,"secretKey":...,"accounts":[...]}` for scripts;
 * without it a short banner. A bad flag is one line on stderr and exit code 2; a failed start,
 * exit code 1.
 */

import { BEHAVIOUR_FLAGS, type Behaviours } from "./behaviours.js";
import { type CliOptions, parseSimulatorArguments, simulatorUsage } from "./cliArguments.js";
import { UsageError } from "./errors.js";
import { type RunningSimulator, startSimulator } from "./simulator.js";

/** The command's name in `mexc-live`; the package's own bin is `mexc-sim`. */
const GATEWAY_PROGRAM = "mexc-live simulator";

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Resolves when the simulator should stop. Default: the first SIGINT or SIGTERM. */
  readonly untilStopped?: () => Promise<void>;
}

export async function runSimulatorCli(
  argv: string[],
  io: CliIo = processIo(),
  program = GATEWAY_PROGRAM,
): Promise<number> {
  let options: CliOptions;
  try {
    options = parseSimulatorArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${program}: ${error.message} (see --help)\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(simulatorUsage(program));
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
      market:
        options.firehose === undefined && options.demoFillsPerDay === undefined
          ? undefined
          : {
              ...(options.firehose === undefined ? {} : { firehoseTradesPerSecond: options.firehose }),
              ...(options.demoFillsPerDay === undefined ? {} : { demoFillsPerDay: options.demoFillsPerDay }),
            },
    });
  } catch (error) {
    io.stderr.write(`${program}: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  io.stdout.write(options.json ? `${jsonLine(simulator)}\n` : banner(simulator, options, program));
  await (io.untilStopped ?? untilSignal)();
  await simulator.close();
  return 0;
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

function banner(simulator: RunningSimulator, options: CliOptions, program: string): string {
  const symbols = [...simulator.exchange.symbols.values()].map((config) =>
    config.apiTradingDisabled ? `${config.symbol} (API trading disabled)` : config.symbol,
  );
  const admin = options.admin
    ? `on (local use only): GET ${simulator.rest}/_sim/ledger?account=demo, POST /_sim/faults, /_sim/trader, /_sim/deposit, /_sim/withdraw, /_sim/transfer`
    : "off (--admin mounts them)";
  return [
    `${program}: a local MEXC Spot exchange (no connection to MEXC)`,
    // The base URL the client (restUrl) and ccxt take; MEXC's paths under it start /api/v3 (issue 38 item 4).
    `  REST          ${simulator.rest}  (restUrl; endpoints under /api/v3)`,
    `  WebSocket     ${simulator.ws}`,
    `  demo API key  ${simulator.apiKey}`,
    `  demo secret   ${simulator.secretKey}`,
    ...simulator.accounts.slice(1).map((sub) => `  ${sub.name.padEnd(13)} key ${sub.apiKey}, secret ${sub.secretKey}`),
    `  seed ${simulator.seed}, speed ${simulator.clock.speed}x, demo trader ${traderWords(options)}`,
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

function traderWords(options: CliOptions): string {
  if (!options.demoTrader) return "off";
  return options.demoFillsPerDay === undefined ? "on" : `on, ${options.demoFillsPerDay} fills a simulated day`;
}
