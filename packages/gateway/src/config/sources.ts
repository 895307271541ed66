/**
 * Where settings come from, before validation: command-line flags, environment variables and an
 * optional JSON config file. Each source yields raw values tagged with their origin (the flag,
 * variable or file key), so a bad value is reported under the name the user wrote.
 *
 * Secrets (the API key and secret, the browser token, the Redis bus secret, the Redis password)
 * are read only from the environment or the config file, never from flags: any user of the
 * machine can read a process's flags (`ps`), and shells keep them in their history. A flag named
 * like one of them is refused with a line saying where to put it instead (SECRET_FLAGS).
 */
import { SettingsError } from "../errors.js";
import { type OptionSpec, readArgv } from "./argvOptions.js";

/** Canonical setting names; the config file uses these keys. */
export const SETTING_KEYS = [
  "apiKey",
  "apiSecret",
  "restUrl",
  "wsUrl",
  "token",
  "quote",
  "symbols",
  "logLevel",
  "logFormat",
  "port",
  "host",
  "data",
  "redis",
  "role",
  "equityInterval",
  "batchMs",
  "retentionDays",
  "recordFrames",
  "fetchEcbRates",
  "ecbRatesUrl",
  "demoSpeed",
  "demoFillsPerDay",
  "mask",
  "trustProxy",
  "publicOrigin",
  "costBasis",
  "busSecret",
  "redisPassword",
  "alerts",
  "apiKeyCreated",
  "apiKeyRenewed",
  "telegramApi",
  "discordApi",
  "accounts",
  "runAccounts",
  "defaultAccount",
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export interface RawValue {
  readonly value: unknown;
  /** How the user named it: `--port`, `MEXC_API_KEY`, `"port" in config.json`. */
  readonly origin: string;
}
export type RawSettings = Partial<Record<SettingKey, RawValue>>;

/** Environment variables. Secrets are read only from here or the config file, never from flags (`ps` shows flags). */
export const ENV_NAMES: Readonly<Partial<Record<SettingKey, string>>> = {
  apiKey: "MEXC_API_KEY",
  apiSecret: "MEXC_API_SECRET",
  restUrl: "MEXC_REST_URL",
  wsUrl: "MEXC_WS_URL",
  token: "MEXC_LIVE_TOKEN",
  quote: "MEXC_LIVE_QUOTE",
  symbols: "MEXC_LIVE_SYMBOLS",
  logLevel: "MEXC_LIVE_LOG_LEVEL",
  logFormat: "MEXC_LIVE_LOG_FORMAT",
  mask: "MEXC_LIVE_MASK",
  trustProxy: "MEXC_LIVE_TRUST_PROXY",
  publicOrigin: "MEXC_LIVE_PUBLIC_ORIGIN",
  costBasis: "MEXC_LIVE_COST_BASIS",
  busSecret: "MEXC_LIVE_BUS_SECRET",
  redisPassword: "MEXC_LIVE_REDIS_PASSWORD",
  apiKeyCreated: "MEXC_API_KEY_CREATED",
  apiKeyRenewed: "MEXC_API_KEY_RENEWED",
  telegramApi: "MEXC_LIVE_TELEGRAM_API",
  discordApi: "MEXC_LIVE_DISCORD_API",
  fetchEcbRates: "MEXC_LIVE_FETCH_ECB_RATES",
  ecbRatesUrl: "MEXC_LIVE_ECB_RATES_URL",
  runAccounts: "MEXC_LIVE_ACCOUNTS",
  defaultAccount: "MEXC_LIVE_DEFAULT_ACCOUNT",
};

/** Flags a user may try for a secret setting: refused, naming where the secret goes instead. */
const SECRET_FLAGS: Readonly<Record<string, SettingKey>> = {
  "--api-key": "apiKey",
  "--api-secret": "apiSecret",
  "--token": "token",
  "--bus-secret": "busSecret",
  "--redis-password": "redisPassword",
};

/** Flags that take a value, and the setting each sets. */
const VALUE_FLAGS: Readonly<Record<string, SettingKey | "config">> = {
  "--port": "port",
  "--host": "host",
  "--data": "data",
  "--config": "config",
  "--redis": "redis",
  "--role": "role",
  "--equity-interval": "equityInterval",
  "--batch-ms": "batchMs",
  "--retention-days": "retentionDays",
  "--demo-speed": "demoSpeed",
  "--demo-fills-per-day": "demoFillsPerDay",
  "--quote": "quote",
  "--symbols": "symbols",
  "--log-level": "logLevel",
  "--log-format": "logFormat",
  "--rest-url": "restUrl",
  "--ws-url": "wsUrl",
  "--mask": "mask",
  "--trust-proxy": "trustProxy",
  "--public-origin": "publicOrigin",
  "--cost-basis": "costBasis",
  "--api-key-created": "apiKeyCreated",
  "--api-key-renewed": "apiKeyRenewed",
  "--accounts": "runAccounts",
  "--default-account": "defaultAccount",
};
/** Flags without a value. */
const SWITCH_FLAGS: Readonly<Record<string, SettingKey>> = {
  "--record-frames": "recordFrames",
  "--fetch-ecb-rates": "fetchEcbRates",
};

export interface ParsedFlags {
  readonly settings: RawSettings;
  readonly configFile: string | undefined;
  readonly help: boolean;
}

/** Every option `mexc-live start` accepts (besides --help): its help lists each (cli/help.test.ts). */
export const START_OPTIONS: OptionSpec = {
  ...Object.fromEntries(Object.keys(VALUE_FLAGS).map((flag) => [flag, "value"])),
  ...Object.fromEntries(Object.keys(SWITCH_FLAGS).map((flag) => [flag, "switch"])),
};

/** `--port 9000` and `--port=9000`; anything unknown is an error naming it. */
export function readFlags(argv: readonly string[]): ParsedFlags {
  const read = readArgv(argv, START_OPTIONS, {
    refuse: (flag) => {
      const secretKey = SECRET_FLAGS[flag];
      // The value (next argument or after "=") is never echoed.
      if (secretKey !== undefined) {
        throw new SettingsError(
          `${flag} is not accepted as a flag (flags show in ps and shell history): set ${ENV_NAMES[secretKey]} or "${secretKey}" in the --config file`,
        );
      }
    },
  });
  const settings: Partial<Record<SettingKey, RawValue>> = {};
  let configFile: string | undefined;
  for (const { flag, value } of read.options) {
    const key = VALUE_FLAGS[flag] ?? SWITCH_FLAGS[flag]!;
    if (key === "config") configFile = value;
    else settings[key] = { value, origin: flag };
  }
  return { settings, configFile, help: read.help };
}

/**
 * Set, non-empty environment variables (an empty `MEXC_API_KEY=` counts as unset). `fileOrigins`:
 * the variables read from a file (secretFiles.ts), named by their `_FILE` variable.
 */
export function readEnv(
  env: Readonly<Record<string, string | undefined>>,
  fileOrigins: ReadonlyMap<string, { readonly fileVariable: string }> = new Map(),
): RawSettings {
  const settings: Partial<Record<SettingKey, RawValue>> = {};
  for (const [key, name] of Object.entries(ENV_NAMES) as [SettingKey, string][]) {
    const value = env[name];
    const origin = fileOrigins.get(name)?.fileVariable ?? name;
    if (value !== undefined && value.trim() !== "") settings[key] = { value: value.trim(), origin };
  }
  return settings;
}
