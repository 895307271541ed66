/**
 * `mexc-live start [flags]`: loads the settings (a mistake is one line naming the setting, exit
 * 2), starts the gateway, prints the dashboard URL (and, when a token is needed and none was
 * set, the file that holds it: never the token, stdout is a container's log) and runs until SIGINT or SIGTERM, then shuts down gracefully: browsers closed,
 * listen key deleted, database closed. On a terminal the log is short human lines (logText.ts)
 * and the URL comes last, alone; otherwise every line is JSON (--log-format). A second signal, or SHUTDOWN_TIMEOUT_MS, exits at once.
 * `mexc-live start` runs this in a child of a supervisor (supervisor.ts) that kills it HARD_STOP_MS
 * after a signal when its event loop is too stuck to stop; loopWatchdog.ts names such a stall.
 */
import { statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { redactSecrets, redactUrl } from "@mexc-live/client/internals";
import type { DestinationStream } from "pino";
import { readConfigFile } from "../config/configFile.js";
import { SHUTDOWN_TIMEOUT_MS } from "../config/defaults.js";
import { LOG_FORMATS, LOG_LEVELS, loadSettings, type Settings } from "../config/settings.js";
import { ENV_NAMES } from "../config/sources.js";
import { isSettingsError } from "../errors.js";
import { textDestination } from "../logText.js";
import type { RunningGateway } from "../service.js";
import { startLoopWatchdog } from "./loopWatchdog.js";
import { SUPERVISED_ENV } from "./supervisor.js";

const PREFIX = "mexc-live";

export const START_USAGE = `usage: mexc-live start [options]

Runs the gateway and the dashboard. Without MEXC_API_KEY and MEXC_API_SECRET it runs in DEMO MODE
against a simulated exchange in-process.

options (flags > environment > --config file > defaults):
  --port N               HTTP port (default 8787; 0 picks a free one)
  --host ADDRESS         bind address (default 127.0.0.1; any other needs a token)
  --trust-proxy LIST     reverse proxies whose X-Forwarded-For names the client, e.g.
                         127.0.0.1,10.0.0.0/8 (default none; when set, a token is required)
  --public-origin URL    where browsers reach it through a proxy, e.g. https://desk.example
                         (that origin allowed; https makes the login cookie Secure)
  --data DIR             database directory (default ./data)
  --config FILE          JSON file with settings (keys: apiKey, apiSecret, port, host, data, ...)
  --accounts A,B         run only these of the configured accounts
  --default-account A    the deployment's default account (default: the first configured); a
                         collector that does not run it need not hold its key
  --redis URL            redis://host:port, for a collector and web instances (needs
                         MEXC_LIVE_BUS_SECRET; a password goes in MEXC_LIVE_REDIS_PASSWORD)
  --role all|collector|web   (default all; collector and web need --redis)
  --equity-interval S    equity snapshot every S seconds (default 60)
  --batch-ms N           send browser updates every N ms (default: adaptive, at once when idle, at most 60/s)
  --retention-days N     delete history older than N days (default 0: keep)
  --record-frames        record the account stream's raw frames for replay (mexc-live frames)
  --fetch-ecb-rates      live mode: fetch the ECB's euro reference rates once a day, for the
                         tax report's currencies (default off; never in demo mode)
  --demo-speed N         demo mode: simulated time runs N times faster (default 1)
  --demo-fills-per-day N demo mode: fills each demo account makes a simulated day (default:
                         its history's pace, about 25; 1 to 100000)
  --quote ASSET          value everything in ASSET (default USDT)
  --symbols A,B          extra symbols to reconcile
  --mask FIELDS          hide clientOrderId,orderId,tradeId from browsers
  --cost-basis avg|fifo  the cost-basis method PnL follows by default (default avg)
  --api-key-created DATE the day the API key was made (2026-09-01): warns before its 90 days end
  --api-key-renewed DATE the day you last renewed the key on MEXC (2026-11-28): warnings follow its new date
  --log-level LEVEL      ${LOG_LEVELS.join("|")} (default info)
  --log-format FORMAT    ${LOG_FORMATS.join("|")} (default auto: short lines on a terminal, JSON otherwise)
  --rest-url URL / --ws-url URL   MEXC endpoints (defaults: MEXC's)
  -h, --help             this text

environment: ${Object.values(ENV_NAMES).join(", ")}
MEXC_LIVE_TOKEN, when set, is required from browsers on every address, loopback too.
Each secret may come from a file instead: MEXC_API_KEY_FILE, MEXC_API_SECRET_FILE,
MEXC_LIVE_TOKEN_FILE, ... (Docker secrets, systemd credentials).
Every setting: docs/configuration.md.
`;

export interface StartIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** A person is watching (stdout and stderr are a terminal): human lines unless --log-format says otherwise. */
  readonly isTTY?: boolean;
}

const defaultIo: StartIo = {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stdout.isTTY === true && process.stderr.isTTY === true,
};

/** Returns the exit code once the gateway has stopped (or 2 for a settings mistake). */
export async function runStartCli(argv: readonly string[], io: StartIo = defaultIo): Promise<number> {
  let settings: Settings;
  try {
    const loaded = loadSettings({
      argv,
      env: io.env,
      readFile: readConfigFile,
      fileMode: (path) => statSync(path).mode,
    });
    if (loaded.help) {
      io.stdout.write(START_USAGE);
      return 0;
    }
    settings = loaded.settings;
  } catch (error) {
    if (!isSettingsError(error)) throw error;
    io.stderr.write(`${PREFIX} start: ${error.message}\n`);
    return error.exitCode;
  }

  const format = settings.logFormat === "auto" ? (io.isTTY === true ? "text" : "json") : settings.logFormat;
  // A stuck event loop is named in the log (to fd 2, where the log goes) by a worker thread.
  const watchdog = startLoopWatchdog({ fd: 2, format });
  try {
    return await runGateway(settings, format, io);
  } finally {
    await watchdog.stop();
  }
}

async function runGateway(settings: Settings, format: "text" | "json", io: StartIo): Promise<number> {
  let gateway: RunningGateway;
  try {
    // Loaded only now: a settings mistake is reported without loading the whole service.
    const { startGateway } = await import("../service.js");
    gateway = await startGateway(settings, { logDestination: logDestination(format, io) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "EADDRINUSE"
        ? `port ${settings.port} on ${settings.host} is in use (try --port)`
        : (error as Error).message;
    // One line, without a secret even if a library's message quoted one.
    const line = redactSecrets(reason.split("\n")[0] ?? "", [
      ...settings.accounts.flatMap((account) => [account.apiKey, account.apiSecret]),
      settings.token,
    ]);
    io.stderr.write(`${PREFIX} start: could not start: ${line}\n`);
    return 1;
  }

  // Listening for the signal before anything else: a Ctrl-C while the URL waits still shuts down cleanly.
  const signalled = untilSignal();
  // On a terminal the URL waits for the first burst of start-up lines, so it is the last one seen.
  if (format === "text") await Promise.race([settled(gateway), signalled]);
  io.stdout.write(startedText(format, gateway.url, modeLine(gateway, settings), gateway.tokenFile));
  await signalled;
  const forced = setTimeout(() => {
    io.stderr.write(announce(format, `shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting`, {}, LEVEL_ERROR));
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  forced.unref();
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
  await gateway.close();
  clearTimeout(forced);
  return 0;
}

/**
 * What `start` says once the gateway is up, on stdout. On a terminal: a blank line, the mode, the
 * file holding the access token if one is needed and none was set, and the dashboard's URL last
 * and alone, where the eye finds it after the log lines. Otherwise one JSON line each
 * (`dashboard at URL (mode)` with `url`, and the token's file with `tokenFile`), like every log
 * line. Neither says the token: stdout is a supervisor's or a container's log.
 */
function startedText(format: "text" | "json", url: string, mode: string, tokenFile: string | undefined): string {
  if (format === "json") {
    return (
      announce(format, `dashboard at ${url} (${mode})`, { url, mode }) +
      (tokenFile === undefined ? "" : announce(format, `access token in ${tokenFile} (${TOKEN_HOW})`, { tokenFile }))
    );
  }
  const lines = ["", `  ${PREFIX}: ${mode}`];
  if (tokenFile !== undefined) lines.push(`  Access token: in ${tokenFile} (${TOKEN_HOW})`);
  lines.push(`  Dashboard: ${url}`, "");
  return `${lines.join("\n")}\n`;
}

const TOKEN_HOW = "the dashboard asks for it once; MEXC_LIVE_TOKEN sets your own";
/** pino's levels, for the lines `start` writes itself in the JSON format. */
const LEVEL_INFO = 30;
const LEVEL_ERROR = 50;

/** One line of `start`'s own: JSON in pino's shape, or plain text on a terminal. */
function announce(format: "text" | "json", msg: string, fields: Record<string, string>, level = LEVEL_INFO): string {
  if (format === "text") return `${PREFIX}: ${msg}\n`;
  return `${JSON.stringify({ level, time: Date.now(), name: PREFIX, msg, ...fields })}\n`;
}

/** Human lines to `io.stderr` on a terminal; JSON to fd 2 (synchronous: a killed process loses no line), or to `io.stderr` in tests. */
function logDestination(format: "text" | "json", io: StartIo): DestinationStream | undefined {
  if (format === "text") return textDestination(io.stderr);
  if (io.stderr === process.stderr) return undefined;
  return { write: (line: string) => void io.stderr.write(line) };
}

/**
 * Resolves once the default account's start-up is over (its history planned after the first
 * reconciliation, or MEXC's refusal known), a web instance at once, and after
 * STARTUP_SETTLE_MAX_MS whatever happens: only when the URL is shown, never whether it works.
 */
async function settled(gateway: RunningGateway): Promise<void> {
  if (gateway.role === "web") return;
  const deadline = Date.now() + STARTUP_SETTLE_MAX_MS;
  while (Date.now() < deadline) {
    const health = gateway.health();
    if (health.history !== undefined || (health.upstream.reason ?? null) !== null) return;
    await sleep(STARTUP_SETTLE_POLL_MS);
  }
}

/** How long a terminal waits at most before it shows the URL, and how often it looks (our choice). */
const STARTUP_SETTLE_MAX_MS = 10_000;
const STARTUP_SETTLE_POLL_MS = 100;

function modeLine(gateway: RunningGateway, settings: Settings): string {
  if (gateway.role === "web") return `web instance, serving from ${redactUrl(settings.redisUrl ?? "")}`;
  const role = gateway.role === "collector" ? ", collector" : "";
  if (gateway.mode === "demo") return `DEMO MODE: simulator, no API keys set${role}`;
  return `LIVE: ${redactUrl(settings.restUrl)}${role}`;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      resolve();
    };
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
    // Under `mexc-live start`'s supervisor (supervisor.ts): its going away is a stop too, during
    // the start-up included (its channel closed already: stop now). The channel keeps nothing
    // alive; a stuck stop is ended by orphanGuard.ts.
    if (process.channel !== undefined) {
      process.channel.unref();
      process.once("disconnect", done);
    }
    if (process.env[SUPERVISED_ENV] !== undefined && process.connected !== true) done();
  });
}
