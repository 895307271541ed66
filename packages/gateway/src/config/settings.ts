/**
 * The gateway's settings, validated: flags > environment > config file > defaults. Every mistake
 * is one SettingsError line naming the setting the way the user wrote it, e.g.
 *   --port must be an integer 0-65535 (got "abc")
 * Secret values are never echoed in a message (only their length). No API key and no secret
 * means demo mode; exactly one of them is an error naming the missing one.
 */

import { isUnsignedDecimal, MEXC_REST_URL, MEXC_WS_URL } from "@mexc-live/protocol";
import { z } from "zod";
import { COST_METHODS, type CostMethod } from "../derive/costBasis/positionBook.js";
import { SettingsError } from "../errors.js";
import { MIN_TOKEN_LENGTH } from "../security/limits.js";
import { parseProxyEntry } from "../security/trustedProxies.js";
import {
  DEFAULT_BATCH_MS,
  DEFAULT_DATA_DIR,
  DEFAULT_DEMO_SPEED,
  DEFAULT_EQUITY_INTERVAL_S,
  DEFAULT_HOST,
  DEFAULT_LOG_LEVEL,
  DEFAULT_PORT,
  DEFAULT_QUOTE,
  DEFAULT_RETENTION_DAYS,
} from "./defaults.js";
import {
  ENV_NAMES,
  type RawSettings,
  type RawValue,
  readConfigText,
  readEnv,
  readFlags,
  type SettingKey,
} from "./sources.js";

export const ROLES = ["all", "collector", "web"] as const;
export type Role = (typeof ROLES)[number];
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** Item fields a user may have masked in everything sent to browsers (issue 5 item 3). */
export const MASKABLE_FIELDS = ["clientOrderId", "orderId", "tradeId"] as const;
export type MaskableField = (typeof MASKABLE_FIELDS)[number];

export interface Settings {
  /** demo: no keys, the simulator runs in-process; live: MEXC with the user's keys. */
  readonly mode: "demo" | "live";
  readonly credentials: { readonly apiKey: string; readonly apiSecret: string } | undefined;
  readonly restUrl: string;
  readonly wsUrl: string;
  /** Browser token the user set; always enforced when set, on loopback too (security/tokenRule.ts). */
  readonly token: string | undefined;
  readonly quote: string;
  /** Extra symbols to reconcile and watch besides those discovered from balances. */
  readonly symbols: readonly string[];
  readonly logLevel: LogLevel;
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  readonly role: Role;
  readonly equityIntervalMs: number;
  readonly batchMs: number;
  /** 0: keep forever. */
  readonly retentionDays: number;
  readonly recordFrames: boolean;
  readonly demoSpeed: number;
  readonly maskFields: readonly MaskableField[];
  /** Reverse proxies (addresses, CIDRs) whose X-Forwarded-For names the client; empty: none. */
  readonly trustProxy: readonly string[];
  /** The cost-basis method PnL follows unless a request asks for the other: average cost or FIFO. */
  readonly costBasis: CostMethod;
}

interface Rule {
  readonly schema: z.ZodType;
  /** What a valid value is, for the message: "must be <expects>". */
  readonly expects: string;
  /** Never echo the value. */
  readonly secret?: boolean;
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
const SYMBOL = z.string().regex(/^[A-Z0-9]{2,20}$/);
const PROXY = z.string().refine((text) => parseProxyEntry(text) !== undefined);

const RULES: Readonly<Record<SettingKey, Rule>> = {
  apiKey: { schema: z.string().regex(/^\S{8,256}$/), expects: "8-256 characters without spaces", secret: true },
  apiSecret: { schema: z.string().regex(/^\S{8,256}$/), expects: "8-256 characters without spaces", secret: true },
  restUrl: { schema: url(/^https?:\/\//), expects: "an http:// or https:// URL" },
  wsUrl: { schema: url(/^wss?:\/\//), expects: "a ws:// or wss:// URL" },
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
  port: { schema: intText(0, 65535), expects: "an integer 0-65535" },
  host: {
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.:[\]-]{1,253}$/),
    expects: "a host name or IP address",
  },
  data: { schema: z.string().trim().min(1), expects: "a directory path" },
  redis: { schema: url(/^rediss?:\/\//), expects: "a redis:// or rediss:// URL" },
  role: { schema: z.enum(ROLES), expects: `one of ${ROLES.join(", ")}` },
  equityInterval: { schema: numberText(0.1, 86_400), expects: "a number of seconds from 0.1 to 86400" },
  batchMs: { schema: intText(1, 10_000), expects: "an integer number of milliseconds 1-10000" },
  retentionDays: { schema: intText(0, 36_500), expects: "an integer number of days (0 keeps everything)" },
  recordFrames: {
    schema: z.union([z.boolean(), z.enum(["true", "false"]).transform((text) => text === "true")]),
    expects: "true or false",
  },
  demoSpeed: { schema: numberText(0.1, 10_000), expects: "a number from 0.1 to 10000" },
  mask: { schema: listText(z.enum(MASKABLE_FIELDS)), expects: `a list of ${MASKABLE_FIELDS.join(", ")}` },
  trustProxy: {
    schema: listText(PROXY),
    expects: "a comma-separated list of proxy IP addresses or CIDRs such as 127.0.0.1,10.0.0.0/8",
  },
  costBasis: { schema: z.enum(COST_METHODS), expects: `one of ${COST_METHODS.join(", ")}` },
};

const DEFAULTS: Partial<Record<SettingKey, unknown>> = {
  restUrl: MEXC_REST_URL,
  wsUrl: MEXC_WS_URL,
  quote: DEFAULT_QUOTE,
  symbols: [],
  logLevel: DEFAULT_LOG_LEVEL,
  port: DEFAULT_PORT,
  host: DEFAULT_HOST,
  data: DEFAULT_DATA_DIR,
  role: "all",
  equityInterval: DEFAULT_EQUITY_INTERVAL_S,
  batchMs: DEFAULT_BATCH_MS,
  retentionDays: DEFAULT_RETENTION_DAYS,
  recordFrames: false,
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
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new SettingsError(`--config ${flags.configFile} cannot be read (${code})`);
    }
    file = readConfigText(text, flags.configFile);
  }
  const merged: RawSettings = { ...file, ...readEnv(input.env), ...flags.settings };
  return { help: false, settings: validate(merged) };
}

function validate(raw: RawSettings): Settings {
  const value = <T>(key: SettingKey): T => {
    const given = raw[key];
    if (given === undefined) return DEFAULTS[key] as T;
    return check(key, given) as T;
  };
  const apiKey = value<string | undefined>("apiKey");
  const apiSecret = value<string | undefined>("apiSecret");
  if ((apiKey === undefined) !== (apiSecret === undefined)) {
    const [missing, present] =
      apiKey === undefined ? (["apiKey", "apiSecret"] as const) : (["apiSecret", "apiKey"] as const);
    throw new SettingsError(
      `${ENV_NAMES[missing]} is not set but ${raw[present]!.origin} is: set both for live mode, or neither for demo mode`,
    );
  }
  const role = value<Role>("role");
  const redisUrl = value<string | undefined>("redis");
  if (role !== "all" && redisUrl === undefined) {
    throw new SettingsError(`${raw.role!.origin} ${role} needs --redis URL (the instances meet through Redis)`);
  }
  return {
    mode: apiKey === undefined ? "demo" : "live",
    credentials: apiKey === undefined ? undefined : { apiKey, apiSecret: apiSecret! },
    restUrl: value("restUrl"),
    wsUrl: value("wsUrl"),
    token: value("token"),
    quote: value("quote"),
    symbols: [...new Set(value<string[]>("symbols"))],
    logLevel: value("logLevel"),
    port: value("port"),
    host: value("host"),
    dataDir: value("data"),
    redisUrl,
    role,
    equityIntervalMs: Math.round(value<number>("equityInterval") * 1000),
    batchMs: value("batchMs"),
    retentionDays: value("retentionDays"),
    recordFrames: value("recordFrames"),
    demoSpeed: value("demoSpeed"),
    maskFields: [...new Set(value<MaskableField[]>("mask"))],
    trustProxy: [...new Set(value<string[]>("trustProxy"))],
    costBasis: value<CostMethod>("costBasis"),
  };
}

function check(key: SettingKey, given: RawValue): unknown {
  const rule = RULES[key];
  const result = rule.schema.safeParse(given.value);
  if (result.success) return result.data;
  throw new SettingsError(
    `${given.origin} must be ${rule.expects} (got ${describe(given.value, rule.secret === true)})`,
  );
}

function describe(value: unknown, secret: boolean): string {
  if (secret) return typeof value === "string" ? `${value.length} characters` : typeof value;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** The settings as safe to log: secrets replaced by whether they are set, a Redis password masked. */
export function describeSettings(settings: Settings): Record<string, unknown> {
  const { credentials, token, redisUrl, ...rest } = settings;
  return {
    ...rest,
    credentials: credentials ? "set" : "none",
    token: token ? "set" : "none",
    redisUrl: redisUrl?.replace(/\/\/([^@/]*)@/, "//***@"),
  };
}
