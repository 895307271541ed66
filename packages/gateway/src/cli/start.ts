/**
 * `mexc-live start [flags]`: loads the settings (a mistake is one line naming the setting, exit
 * 2), starts the gateway, prints the dashboard URL (and a generated access token, once, on
 * stdout only) and runs until SIGINT or SIGTERM, then shuts down gracefully: browsers closed,
 * listen key deleted, database closed. A second signal, or SHUTDOWN_TIMEOUT_MS, exits at once.
 */
import { readFileSync, statSync } from "node:fs";
import { redactSecrets, redactUrl } from "@mexc-live/client/internals";
import { SHUTDOWN_TIMEOUT_MS } from "../config/defaults.js";
import { loadSettings, type Settings } from "../config/settings.js";
import { ENV_NAMES } from "../config/sources.js";
import { isSettingsError } from "../errors.js";
import type { RunningGateway } from "../service.js";

const PREFIX = "mexc-live";

const START_USAGE = `usage: mexc-live start [options]

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
  --redis URL            redis://host:port, for a collector and web instances (needs
                         MEXC_LIVE_BUS_SECRET; a password goes in MEXC_LIVE_REDIS_PASSWORD)
  --role all|collector|web   (default all; collector and web need --redis)
  --equity-interval S    equity snapshot every S seconds (default 60)
  --batch-ms N           send browser updates every N ms (default: adaptive, at once when idle, at most 60/s)
  --retention-days N     delete history older than N days (default 0: keep)
  --record-frames        record the account stream's raw frames for replay (mexc-live frames)
  --demo-speed N         demo mode: simulated time runs N times faster (default 1)
  --quote ASSET          value everything in ASSET (default USDT)
  --symbols A,B          extra symbols to reconcile
  --mask FIELDS          hide clientOrderId,orderId,tradeId from browsers
  --log-level LEVEL      fatal|error|warn|info|debug|trace|silent (default info)
  --rest-url URL / --ws-url URL   MEXC endpoints (defaults: MEXC's)

environment: ${Object.values(ENV_NAMES).join(", ")}
MEXC_LIVE_TOKEN, when set, is required from browsers on every address, loopback too.
`;

export interface StartIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const defaultIo: StartIo = { env: process.env, stdout: process.stdout, stderr: process.stderr };

/** Returns the exit code once the gateway has stopped (or 2 for a settings mistake). */
export async function runStartCli(argv: readonly string[], io: StartIo = defaultIo): Promise<number> {
  let settings: Settings;
  try {
    const loaded = loadSettings({
      argv,
      env: io.env,
      readFile: (path) => readFileSync(path, "utf8"),
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

  let gateway: RunningGateway;
  try {
    // Loaded only now: a settings mistake is reported without loading the whole service.
    const { startGateway } = await import("../service.js");
    gateway = await startGateway(settings);
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

  io.stdout.write(`${PREFIX}: dashboard at ${gateway.url} (${modeLine(gateway, settings)})\n`);
  if (gateway.generatedToken !== undefined) {
    io.stdout.write(
      `${PREFIX}: access token (shown once; set MEXC_LIVE_TOKEN to choose your own): ${gateway.generatedToken}\n`,
    );
  }
  await untilSignal();
  const forced = setTimeout(() => {
    io.stderr.write(`${PREFIX}: shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting\n`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  forced.unref();
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
  await gateway.close();
  clearTimeout(forced);
  return 0;
}

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
  });
}
