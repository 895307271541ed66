/**
 * The gateway's settings, validated: flags > environment > config file > defaults. Every mistake
 * is one SettingsError line naming the setting the way the user wrote it, e.g.
 *   --port must be an integer 0-65535 (got "abc")
 * Secret values are never echoed in a message (only their length). No API key and no secret
 * means demo mode; exactly one of them is an error naming the missing one.
 *
 * Redis (several instances): `--redis URL` needs the bus secret (MEXC_LIVE_BUS_SECRET or
 * `busSecret` in the config file, never a flag), the same on every instance: every message on
 * the bus is signed with it (redis/busEnvelope.ts). It must look generated (MIN_BUS_SECRET_LENGTH
 * characters or more, not a word or a repeated pattern). The Redis password comes from
 * MEXC_LIVE_REDIS_PASSWORD or `redisPassword`; one in the URL still works, with a warning at
 * start (redisWarnings), but not both at once. redisWarnings also names a Redis off this machine
 * without a password or without TLS.
 */

import { type ChannelEndpoints, checkRule, DEFAULT_ENDPOINTS, maskChannelUrl, type RuleDraft } from "@mexc-live/alerts";
import { redactUrl } from "@mexc-live/client/internals";
import { COST_METHODS, type CostMethodName as CostMethod, DEFAULT_QUOTE, SYMBOL_PATTERN } from "@mexc-live/contract";
import { isUnsignedDecimal } from "@mexc-live/protocol";
import { MEXC_REST_URL, MEXC_WS_URL } from "@mexc-live/protocol/limits";
import { MAX_DEMO_FILLS_PER_DAY, MIN_DEMO_FILLS_PER_DAY } from "@mexc-live/simulator";
import { z } from "zod";
import { SettingsError } from "../errors.js";
import { MIN_TOKEN_LENGTH } from "../security/limits.js";
import { isLocalHost } from "../security/tokenRule.js";
import { parseProxyEntry } from "../security/trustedProxies.js";
import { type AccountSettings, checkRenewal, readAccounts, selectAccounts } from "./accounts.js";
import { configFileRefusal, holdsSecrets, readConfigText } from "./configFile.js";
import {
  DEFAULT_DATA_DIR,
  DEFAULT_DEMO_SPEED,
  DEFAULT_EQUITY_INTERVAL_S,
  DEFAULT_HOST,
  DEFAULT_LOG_LEVEL,
  DEFAULT_PORT,
  DEFAULT_RETENTION_DAYS,
  ECB_RATES_URL,
} from "./defaults.js";
import { reasonOf } from "./regularFile.js";
import { type ReadSecretFile, resolveSecretFiles } from "./secretFiles.js";
import { ENV_NAMES, type RawSettings, type RawValue, readEnv, readFlags, type SettingKey } from "./sources.js";

const ROLES = ["all", "collector", "web"] as const;
export type Role = (typeof ROLES)[number];
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type LogLevel = (typeof LOG_LEVELS)[number];
/** auto: short human lines on a terminal, JSON lines otherwise (a file, a pipe, a supervisor). */
export const LOG_FORMATS = ["auto", "text", "json"] as const;
type LogFormat = (typeof LOG_FORMATS)[number];
/** Item fields a user may have masked in everything sent to browsers (issue 5 item 3). */
const MASKABLE_FIELDS = ["clientOrderId", "orderId", "tradeId"] as const;
export type MaskableField = (typeof MASKABLE_FIELDS)[number];
/**
 * The bus secret's minimum length: 32 characters, e.g. `openssl rand -hex 32` gives 64 (256
 * bits). HMAC-SHA256 keys shorter than the hash's 32 bytes weaken it; a person's phrase is
 * guessable offline from one captured message, so it must also look generated: at least
 * MIN_BUS_SECRET_DISTINCT different characters and no pattern repeated with a period shorter
 * than MIN_BUS_SECRET_PERIOD.
 */
export const MIN_BUS_SECRET_LENGTH = 32;
const MIN_BUS_SECRET_DISTINCT = 8;
const MIN_BUS_SECRET_PERIOD = 16;

export interface Settings {
  /** demo: no keys, the simulator runs in-process; live: MEXC with the user's keys. */
  readonly mode: "demo" | "live";
  /**
   * The accounts this instance watches (config/accounts.ts): none in demo mode; with
   * `--accounts a,b` only those of the configured ones.
   */
  readonly accounts: readonly AccountSettings[];
  /**
   * Every configured account's name, in order, whatever `--accounts` selected: the first is the
   * default account of the whole deployment (plain topic names, the same on every instance):
   * `--default-account` when set, which a collector may run without (another collector does).
   */
  readonly configuredAccounts: readonly string[];
  readonly restUrl: string;
  readonly wsUrl: string;
  /** Browser token the user set; always enforced when set, on loopback too (security/tokenRule.ts). */
  readonly token: string | undefined;
  readonly quote: string;
  /** Extra symbols to reconcile and watch besides those discovered from balances. */
  readonly symbols: readonly string[];
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  /** The Redis password from MEXC_LIVE_REDIS_PASSWORD or the config file (not from the URL). */
  readonly redisPassword: string | undefined;
  /** The secret every message on the Redis bus is signed with; set whenever redisUrl is. */
  readonly busSecret: string | undefined;
  readonly role: Role;
  readonly equityIntervalMs: number;
  /** A fixed browser batch interval; undefined: adaptive (fanout/limits.ts FRAME_INTERVAL_MS). */
  readonly batchMs: number | undefined;
  /** 0: keep forever. */
  readonly retentionDays: number;
  readonly recordFrames: boolean;
  readonly demoSpeed: number;
  /** Demo mode: fills each demo account's trader makes per simulated day; undefined: its history's pace (about 25). */
  readonly demoFillsPerDay: number | undefined;
  readonly maskFields: readonly MaskableField[];
  /** Reverse proxies (addresses, CIDRs) whose X-Forwarded-For names the client; empty: none. */
  readonly trustProxy: readonly string[];
  /**
   * Where browsers reach the dashboard when that is not this host and port, e.g. through an HTTPS
   * reverse proxy: "https://desk.example". Its origin is allowed; https makes the login cookie Secure.
   */
  readonly publicOrigin: string | undefined;
  /** Warnings for the start-up log. */
  readonly warnings: readonly string[];
  /** The cost-basis method PnL follows unless a request asks for the other: average cost or FIFO. */
  readonly costBasis: CostMethod;
  /** The config file's alert rules (`"alerts": [{ "on", "to", ...conditions }]`), checked; their URLs hold tokens. */
  readonly alerts: readonly RuleDraft[];
  /** Where alerts reach Telegram and Discord (a self-hosted Bot API server; tests' fakes). */
  readonly channelEndpoints: ChannelEndpoints;
  /**
   * Live mode: fetch the ECB's history of euro reference rates once a day (ingest/ecbRatesFetcher.ts),
   * for the tax report's currencies. Off unless the user turns it on; never in demo mode.
   */
  readonly fetchEcbRates: boolean;
  /** Where that history is fetched from: the ECB's (ECB_RATES_URL), or a mirror; tests' stand-in. */
  readonly ecbRatesUrl: string;
}

interface Rule {
  readonly schema: z.ZodType;
  /** What a valid value is, for the message: "must be <expects>". */
  readonly expects: string;
  /** Never echo the value. */
  readonly secret?: boolean;
  /** What the message says about a refused value instead of quoting it (default: its length, or the value). */
  readonly describe?: (value: unknown) => string;
}

const intText = (min: number, max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d+$/)
        .transform(Number),
    ])
    .pipe(z.number().int().min(min).max(max));
const numberText = (min: number, max: number) =>
  z
    .union([z.number(), z.string().trim().refine(isUnsignedDecimal, "expected a plain number").transform(Number)])
    .pipe(z.number().min(min).max(max));
const listText = (item: z.ZodType<string, string>) =>
  z
    .union([z.array(z.string()), z.string().transform((text) => text.split(","))])
    .transform((items) => items.map((value) => value.trim()).filter((value) => value !== ""))
    .pipe(z.array(item));
const url = (protocols: RegExp) => z.string().trim().regex(protocols).pipe(z.url());
const SYMBOL = z.string().regex(SYMBOL_PATTERN);
const HTTP_URL: Rule = { schema: url(/^https?:\/\//), expects: "an http:// or https:// URL", describe: quoteUrl };
const BOOLEAN: Rule = {
  schema: z.union([z.boolean(), z.enum(["true", "false"]).transform((text) => text === "true")]),
  expects: "true or false",
};
const PROXY = z.string().refine((text) => parseProxyEntry(text) !== undefined);

/** Repeats a pattern shorter than `period` characters ("abcabcabc..."). */
function periodic(text: string, period: number): boolean {
  for (let p = 1; p < period && p < text.length; p++) {
    let index = p;
    while (index < text.length && text[index] === text[index - p]) index++;
    if (index === text.length) return true;
  }
  return false;
}
const looksGenerated = (text: string) =>
  new Set(text).size >= MIN_BUS_SECRET_DISTINCT && !periodic(text, MIN_BUS_SECRET_PERIOD);
const BUS_SECRET = z
  .string()
  .regex(new RegExp(`^[\\x21-\\x7e]{${MIN_BUS_SECRET_LENGTH},1024}$`))
  .refine(looksGenerated);
/** How to make a bus secret, for the messages. */
const BUS_SECRET_HOW = "generate one with: openssl rand -hex 32";

/** A date such as 2026-09-01 (UTC), as ms at its midnight. */
const DATE = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((text) => Date.parse(`${text}T00:00:00Z`))
  .pipe(z.number().finite());

/** Settings read by their own code, not by a RULES entry. */
type StructuredKey = "alerts" | "accounts";

const RULES: Readonly<Record<Exclude<SettingKey, StructuredKey>, Rule>> = {
  apiKey: { schema: z.string().regex(/^\S{8,256}$/), expects: "8-256 characters without spaces", secret: true },
  apiSecret: { schema: z.string().regex(/^\S{8,256}$/), expects: "8-256 characters without spaces", secret: true },
  restUrl: HTTP_URL,
  wsUrl: { schema: url(/^wss?:\/\//), expects: "a ws:// or wss:// URL", describe: quoteUrl },
  token: {
    schema: z.string().regex(new RegExp(`^[\\x21-\\x7e]{${MIN_TOKEN_LENGTH},512}$`)),
    expects: `at least ${MIN_TOKEN_LENGTH} printable characters without spaces`,
    secret: true,
  },
  quote: {
    schema: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{2,12}$/),
    expects: "an upper-case asset name such as USDT",
  },
  symbols: {
    schema: listText(SYMBOL),
    expects: "a comma-separated list of upper-case symbols such as BTCUSDT,ETHUSDT",
  },
  logLevel: { schema: z.enum(LOG_LEVELS), expects: `one of ${LOG_LEVELS.join(", ")}` },
  logFormat: { schema: z.enum(LOG_FORMATS), expects: `one of ${LOG_FORMATS.join(", ")}` },
  port: { schema: intText(0, 65535), expects: "an integer 0-65535" },
  host: {
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.:[\]-]{1,253}$/),
    expects: "a host name or IP address",
  },
  data: { schema: z.string().trim().min(1), expects: "a directory path" },
  redis: { schema: url(/^rediss?:\/\//), expects: "a redis:// or rediss:// URL", describe: quoteUrl },
  role: { schema: z.enum(ROLES), expects: `one of ${ROLES.join(", ")}` },
  equityInterval: { schema: numberText(0.1, 86_400), expects: "a number of seconds from 0.1 to 86400" },
  batchMs: { schema: intText(1, 10_000), expects: "an integer number of milliseconds 1-10000" },
  retentionDays: { schema: intText(0, 36_500), expects: "an integer number of days (0 keeps everything)" },
  recordFrames: BOOLEAN,
  fetchEcbRates: BOOLEAN,
  ecbRatesUrl: HTTP_URL,
  demoSpeed: { schema: numberText(0.1, 10_000), expects: "a number from 0.1 to 10000" },
  demoFillsPerDay: {
    schema: numberText(MIN_DEMO_FILLS_PER_DAY, MAX_DEMO_FILLS_PER_DAY),
    expects: `a number of fills from ${MIN_DEMO_FILLS_PER_DAY} to ${MAX_DEMO_FILLS_PER_DAY}`,
  },
  mask: { schema: listText(z.enum(MASKABLE_FIELDS)), expects: `a list of ${MASKABLE_FIELDS.join(", ")}` },
  trustProxy: {
    schema: listText(PROXY),
    expects: "a comma-separated list of proxy IP addresses or CIDRs such as 127.0.0.1,10.0.0.0/8",
  },
  publicOrigin: {
    schema: url(/^https?:\/\//)
      .refine((text) => {
        const parsed = new URL(text);
        return parsed.origin !== "null" && `${parsed.origin}/` === parsed.href.replace(/\/?$/, "/");
      })
      .transform((text) => new URL(text).origin),
    expects: "an origin such as https://desk.example or https://desk.example:8443 (no path)",
  },
  costBasis: { schema: z.enum(COST_METHODS), expects: `one of ${COST_METHODS.join(", ")}` },
  busSecret: {
    schema: BUS_SECRET,
    expects: `a generated secret of at least ${MIN_BUS_SECRET_LENGTH} characters without spaces, not a word or a pattern (${BUS_SECRET_HOW})`,
    secret: true,
    describe: (value) =>
      typeof value === "string"
        ? `${value.length} characters, ${new Set(value).size} different${periodic(value, MIN_BUS_SECRET_PERIOD) ? ", repeating" : ""}`
        : typeof value,
  },
  redisPassword: {
    schema: z
      .string()
      .min(1)
      .max(512)
      .refine((text) => !/\p{Cc}/u.test(text)),
    expects: "1-512 characters without control characters",
    secret: true,
  },
  apiKeyCreated: { schema: DATE, expects: "the date the API key was made, such as 2026-09-01" },
  apiKeyRenewed: { schema: DATE, expects: "the date the API key was last renewed on MEXC, such as 2026-11-28" },
  runAccounts: {
    schema: listText(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/)),
    expects: "a comma-separated list of account names such as main,sub1",
  },
  defaultAccount: {
    schema: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    expects: "an account name such as main",
  },
  telegramApi: HTTP_URL,
  discordApi: HTTP_URL,
};

const DEFAULTS: Partial<Record<SettingKey, unknown>> = {
  restUrl: MEXC_REST_URL,
  wsUrl: MEXC_WS_URL,
  quote: DEFAULT_QUOTE,
  symbols: [],
  logLevel: DEFAULT_LOG_LEVEL,
  logFormat: "auto",
  port: DEFAULT_PORT,
  host: DEFAULT_HOST,
  data: DEFAULT_DATA_DIR,
  role: "all",
  equityInterval: DEFAULT_EQUITY_INTERVAL_S,
  retentionDays: DEFAULT_RETENTION_DAYS,
  recordFrames: false,
  fetchEcbRates: false,
  ecbRatesUrl: ECB_RATES_URL,
  demoSpeed: DEFAULT_DEMO_SPEED,
  mask: [],
  trustProxy: [],
  costBasis: "avg",
};

export interface LoadSettingsInput {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads the --config file (tests pass a fake). */
  readonly readFile: (path: string) => string;
  /** The --config file's permission bits (st_mode), to refuse it when others can read its secrets; none: not checked. */
  readonly fileMode?: (path: string) => number | undefined;
  /** Reads a secret's `_FILE` (secretFiles.ts); default: the real, bounded read. */
  readonly readSecretFile?: ReadSecretFile;
}

export type LoadedSettings = { readonly help: true } | { readonly help: false; readonly settings: Settings };

/** Throws SettingsError (one line) on the first mistake. */
export function loadSettings(input: LoadSettingsInput): LoadedSettings {
  const flags = readFlags(input.argv);
  if (flags.help) return { help: true };
  let file: RawSettings = {};
  if (flags.configFile !== undefined) {
    let text: string;
    try {
      text = input.readFile(flags.configFile);
    } catch (error) {
      throw new SettingsError(`--config ${flags.configFile} cannot be read (${reasonOf(error)})`);
    }
    file = readConfigText(text, flags.configFile);
  }
  const { env, fromFiles } = resolveSecretFiles(input.env, input.readSecretFile);
  const merged: RawSettings = { ...file, ...readEnv(env, fromFiles), ...flags.settings };
  const warnings: string[] = [];
  if (flags.configFile !== undefined && holdsSecrets(file)) {
    // Refused, not warned: the secrets may already have been read by others, but no more from now.
    const mode = input.fileMode?.(flags.configFile);
    const refusal = mode === undefined ? undefined : configFileRefusal(flags.configFile, mode);
    if (refusal !== undefined) throw new SettingsError(refusal);
  }
  return { help: false, settings: { ...validate(merged, env), warnings } };
}

type SettingValue = <T>(key: Exclude<SettingKey, StructuredKey>) => T;

function validate(raw: RawSettings, env: LoadSettingsInput["env"]): Omit<Settings, "warnings"> {
  const value: SettingValue = <T>(key: Exclude<SettingKey, StructuredKey>): T => {
    const given = raw[key];
    if (given === undefined) return DEFAULTS[key] as T;
    return check(key, given) as T;
  };
  const { configured, accounts, configuredAccounts, role } = checkedAccounts(raw, value, env);
  const { redisUrl, busSecret, redisPassword } = checkedRedis(raw, value, role);
  return {
    mode: configured.length === 0 ? "demo" : "live",
    accounts,
    configuredAccounts,
    restUrl: value("restUrl"),
    wsUrl: value("wsUrl"),
    token: value("token"),
    quote: value("quote"),
    symbols: [...new Set(value<string[]>("symbols"))],
    logLevel: value("logLevel"),
    logFormat: value("logFormat"),
    port: value("port"),
    host: value("host"),
    dataDir: value("data"),
    redisUrl,
    redisPassword,
    busSecret,
    role,
    equityIntervalMs: Math.round(value<number>("equityInterval") * 1000),
    batchMs: value("batchMs"),
    retentionDays: value("retentionDays"),
    recordFrames: value("recordFrames"),
    fetchEcbRates: value("fetchEcbRates"),
    ecbRatesUrl: value("ecbRatesUrl"),
    demoSpeed: value("demoSpeed"),
    demoFillsPerDay: value<number | undefined>("demoFillsPerDay"),
    maskFields: [...new Set(value<MaskableField[]>("mask"))],
    trustProxy: [...new Set(value<string[]>("trustProxy"))],
    publicOrigin: value("publicOrigin"),
    costBasis: value<CostMethod>("costBasis"),
    alerts: alertRules(raw.alerts),
    channelEndpoints: {
      telegramApi: value<string | undefined>("telegramApi") ?? DEFAULT_ENDPOINTS.telegramApi,
      discordApi: value<string | undefined>("discordApi") ?? DEFAULT_ENDPOINTS.discordApi,
    },
  };
}

/** The accounts configured (a single key, the config file's, the environment's), those run here, the deployment's, and the role. */
function checkedAccounts(raw: RawSettings, value: SettingValue, env: LoadSettingsInput["env"]) {
  const apiKey = value<string | undefined>("apiKey");
  const apiSecret = value<string | undefined>("apiSecret");
  if ((apiKey === undefined) !== (apiSecret === undefined)) {
    const [missing, present] =
      apiKey === undefined ? (["apiKey", "apiSecret"] as const) : (["apiSecret", "apiKey"] as const);
    throw new SettingsError(
      `${ENV_NAMES[missing]} is not set but ${raw[present]!.origin} is: set both for live mode, or neither for demo mode`,
    );
  }
  const apiKeyCreatedAt = value<number | undefined>("apiKeyCreated");
  const apiKeyRenewedAt = value<number | undefined>("apiKeyRenewed");
  if (apiKeyRenewedAt !== undefined) {
    const created = raw.apiKeyCreated?.origin ?? `${ENV_NAMES.apiKeyCreated} or --api-key-created`;
    checkRenewal(apiKeyCreatedAt, apiKeyRenewedAt, raw.apiKeyRenewed!.origin, created);
  }
  const configured = readAccounts({
    ...(raw.accounts === undefined ? {} : { config: raw.accounts }),
    env,
    ...(apiKey === undefined
      ? {}
      : {
          single: {
            apiKey,
            apiSecret: apiSecret!,
            ...(apiKeyCreatedAt === undefined ? {} : { apiKeyCreatedAt }),
            ...(apiKeyRenewedAt === undefined ? {} : { apiKeyRenewedAt }),
          },
        }),
  });
  const accounts = selectAccounts(configured, value<string[]>("runAccounts") ?? [], raw.runAccounts?.origin ?? "");
  const role = value<Role>("role");
  const configuredAccounts = deploymentAccounts(
    configured.map((account) => account.name),
    value<string | undefined>("defaultAccount"),
    raw.defaultAccount?.origin ?? "",
    role,
  );
  return { configured, accounts, configuredAccounts, role };
}

/** Redis: needed by every role but `all`, with a bus secret, and its password given once. */
function checkedRedis(raw: RawSettings, value: SettingValue, role: Role) {
  const redisUrl = value<string | undefined>("redis");
  if (role !== "all" && redisUrl === undefined) {
    throw new SettingsError(`${raw.role!.origin} ${role} needs --redis URL (the instances meet through Redis)`);
  }
  const busSecret = value<string | undefined>("busSecret");
  const redisPassword = value<string | undefined>("redisPassword");
  if (redisUrl !== undefined) {
    if (busSecret === undefined) {
      throw new SettingsError(
        `${raw.redis!.origin} needs a bus secret: set ${ENV_NAMES.busSecret} (or "busSecret" in the --config file) to the same generated secret of at least ${MIN_BUS_SECRET_LENGTH} characters on every instance (${BUS_SECRET_HOW})`,
      );
    }
    if (redisPassword !== undefined && urlPassword(redisUrl) !== undefined) {
      throw new SettingsError(
        `${raw.redis!.origin} holds a password and ${raw.redisPassword!.origin} is set too: keep only ${raw.redisPassword!.origin}`,
      );
    }
  }
  return { redisUrl, busSecret, redisPassword };
}

/**
 * The deployment's accounts in order, the default first: the first configured, or the one
 * `--default-account` names. That one may be missing here only on a collector (another collector
 * runs it, so this one need not hold its key); a single instance must have it configured; a web
 * instance (no keys) leaves it to the collectors, so one environment may serve every instance.
 */
function deploymentAccounts(
  configured: readonly string[],
  defaultAccount: string | undefined,
  origin: string,
  role: Role,
): string[] {
  // A web instance holds no key and learns the default from the collectors' announcements.
  if (defaultAccount === undefined || role === "web") return [...configured];
  if (configured.length === 0) {
    throw new SettingsError(
      `${origin} names the default account "${defaultAccount}", but no account is configured (demo mode)`,
    );
  }
  if (!configured.includes(defaultAccount) && role !== "collector") {
    throw new SettingsError(
      `${origin} names account "${defaultAccount}", which is not configured (configured: ${configured.join(", ")})`,
    );
  }
  return [defaultAccount, ...configured.filter((name) => name !== defaultAccount)];
}

/** The config file's alert rules; a mistake names the rule and field (`"alerts"[1].to`), never quoting a URL. */
function alertRules(given: RawValue | undefined): RuleDraft[] {
  if (given === undefined) return [];
  if (!Array.isArray(given.value)) {
    throw new SettingsError(`${given.origin} must be a list of rules such as [{ "on": "fill", "to": "browser" }]`);
  }
  return given.value.map((item: unknown, index) => {
    const checked = checkRule(item, true);
    if (checked.ok) return checked.draft;
    const where = given.origin.replace(/^"alerts"/, `"alerts"[${index}]${checked.field ? `.${checked.field}` : ""}`);
    throw new SettingsError(`${where}: ${checked.message}`);
  });
}

function check(key: Exclude<SettingKey, StructuredKey>, given: RawValue): unknown {
  const rule = RULES[key];
  const result = rule.schema.safeParse(given.value);
  if (result.success) return result.data;
  const got = rule.describe?.(given.value) ?? describe(given.value, rule.secret === true);
  throw new SettingsError(`${given.origin} must be ${rule.expects} (got ${got})`);
}

/** A refused URL as the message quotes it: any password in it masked. */
function quoteUrl(value: unknown): string {
  return describe(typeof value === "string" ? redactUrl(value) : value, false);
}

function describe(value: unknown, secret: boolean): string {
  if (secret) return typeof value === "string" ? `${value.length} characters` : typeof value;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** The settings as safe to log: secrets replaced by whether they are set, a Redis password masked. */
export function describeSettings(settings: Settings): Record<string, unknown> {
  const {
    accounts,
    configuredAccounts,
    token,
    redisUrl,
    redisPassword,
    busSecret,
    restUrl,
    wsUrl,
    ecbRatesUrl,
    alerts,
    ...rest
  } = settings;
  return {
    ...rest,
    alerts: alerts.map((rule) => ({ on: rule.on, to: maskChannelUrl(rule.target) })),
    restUrl: redactUrl(restUrl),
    wsUrl: redactUrl(wsUrl),
    ecbRatesUrl: redactUrl(ecbRatesUrl),
    accounts: accounts.map((account) => account.name),
    token: token ? "set" : "none",
    redisUrl: redisUrl === undefined ? undefined : redactUrl(redisUrl),
    redisPassword: redisPassword ? "set" : "none",
    busSecret: busSecret ? "set" : "none",
  };
}

/** The password in a redis:// URL's user info, decoded; undefined when there is none. */
export function urlPassword(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the start-up log warns about a Redis connection (one line each, never the URL's password):
 * a password in the URL, a Redis off this machine without a password, or reached without TLS.
 */
export function redisWarnings(settings: Pick<Settings, "redisUrl" | "redisPassword">): string[] {
  const { redisUrl } = settings;
  if (redisUrl === undefined) return [];
  const warnings: string[] = [];
  const inUrl = urlPassword(redisUrl) !== undefined;
  if (inUrl) {
    warnings.push(
      `the Redis password is in the --redis URL (flags show in ps and shell history): move it to ${ENV_NAMES.redisPassword} or "redisPassword" in the --config file`,
    );
  }
  let host: string;
  try {
    host = new URL(redisUrl).hostname;
  } catch {
    return warnings;
  }
  if (isLocalHost(host)) return warnings;
  if (!inUrl && settings.redisPassword === undefined) {
    warnings.push(
      `Redis at ${host} is off this machine and no password is set: whoever reaches it can read the account's data; require one on the server and set ${ENV_NAMES.redisPassword}`,
    );
  }
  if (redisUrl.startsWith("redis://")) {
    warnings.push(
      `Redis at ${host} is reached without TLS (redis://): the password and the account's data cross the network readable; use rediss://`,
    );
  }
  return warnings;
}
