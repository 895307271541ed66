/**
 * The accounts a gateway watches, from three places:
 *
 *   - the config file: `"accounts": [{ "name": "main", "apiKey": "...", "apiSecret": "..." }, ...]`
 *     (names: letters, digits, `-`, `_`; optional `"apiKeyCreated": "2026-09-01"` and
 *     `"apiKeyRenewed": "2026-11-28"`, the day the key was last renewed on MEXC, per account);
 *   - the environment, per account: MEXC_API_KEY_<NAME> and MEXC_API_SECRET_<NAME> (NAME upper-
 *     cased, `-` as `_`), filling in or overriding the config file's keys; a pair with no config
 *     entry is an account of its own, named by NAME in lower case;
 *   - today's single account: MEXC_API_KEY / MEXC_API_SECRET (or `apiKey` / `apiSecret` in the
 *     config file) is one account named `main`.
 *
 * In that order: `main` first, then the config file's, then the environment's pairs by name. The
 * first account is the default one (routes without `?account=`, the plain topic names).
 *
 * Every mistake is one line naming the account and field, never quoting a key or secret. No
 * account at all means demo mode.
 */
import { DAY_MS } from "@mexc-live/protocol";
import { API_KEY_LIFETIME_MS, API_KEY_RENEWAL_WINDOW_MS } from "@mexc-live/protocol/limits";
import { z } from "zod";
import { SettingsError } from "../errors.js";

export interface AccountSettings {
  readonly name: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** When the API key was made (ms, UTC midnight): MEXC expires keys not bound to an IP 90 days later. */
  readonly apiKeyCreatedAt: number | undefined;
  /** When the trader last renewed it on MEXC (ms, UTC midnight): each renewal adds 90 days. Needs apiKeyCreatedAt. */
  readonly apiKeyRenewedAt?: number | undefined;
}

/** The account today's single MEXC_API_KEY / MEXC_API_SECRET become. */
export const DEFAULT_ACCOUNT = "main";
/**
 * At most this many accounts in one gateway. MEXC: 30 sub-accounts per master, plus the master; a
 * trader with several masters goes further. Each account's signed calls have their own budget
 * (protocol's chargedWeight), so the bound is the gateway's own: 200 is what the simulator serves
 * (its MAX_ACCOUNTS) and four times the 50 that bench:accounts holds to 10 minutes (BENCHMARKS.md).
 */
export const MAX_WATCHED_ACCOUNTS = 200;
const NAME = /^[A-Za-z0-9_-]{1,32}$/;
const KEY = /^\S{8,256}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A field name that reads like a setting's (a typo of one), not like a pasted key or secret. */
const FIELD_LIKE = /^[A-Za-z][A-Za-z_-]{0,31}$/;
/** Environment names that look like a per-account key but are settings of their own. */
const NOT_ACCOUNTS = new Set(["CREATED", "RENEWED"]);
/** A renewal date may be this far past today (the trader's day may be ahead of UTC's). */
const RENEWED_AHEAD_MAX_MS = DAY_MS;

const entry = z.strictObject({
  name: z.string(),
  apiKey: z.string().optional(),
  apiSecret: z.string().optional(),
  apiKeyCreated: z.string().optional(),
  apiKeyRenewed: z.string().optional(),
});

/** NAME as it appears in MEXC_API_KEY_<NAME>. */
function envSuffix(name: string): string {
  return name.toUpperCase().replace(/-/g, "_");
}

export interface AccountSources {
  /** The config file's `accounts` value and how to name it ("\"accounts\" in c.json"). */
  readonly config?: { readonly value: unknown; readonly origin: string };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** MEXC_API_KEY / MEXC_API_SECRET (or the config file's apiKey / apiSecret), already checked. */
  readonly single?: {
    readonly apiKey: string;
    readonly apiSecret: string;
    readonly apiKeyCreatedAt?: number;
    readonly apiKeyRenewedAt?: number;
  };
}

export function readAccounts(sources: AccountSources): AccountSettings[] {
  const accounts: AccountSettings[] = [];
  const add = (account: AccountSettings, where: string) => {
    const clash = accounts.find((other) => envSuffix(other.name) === envSuffix(account.name));
    if (clash !== undefined) {
      throw new SettingsError(
        clash.name === account.name
          ? `${where}: account "${account.name}" is defined twice`
          : `${where}: account names "${clash.name}" and "${account.name}" read the same environment variables (MEXC_API_KEY_${envSuffix(account.name)}): rename one`,
      );
    }
    if (accounts.some((other) => other.apiKey === account.apiKey)) {
      throw new SettingsError(`${where}: account "${account.name}" has the same API key as another account`);
    }
    accounts.push(account);
  };

  if (sources.single !== undefined) {
    const { apiKey, apiSecret, apiKeyCreatedAt, apiKeyRenewedAt } = sources.single;
    const renewed = apiKeyRenewedAt === undefined ? {} : { apiKeyRenewedAt };
    add({ name: DEFAULT_ACCOUNT, apiKey, apiSecret, apiKeyCreatedAt, ...renewed }, "MEXC_API_KEY");
  }
  const { config, env } = sources;
  if (config !== undefined) {
    if (!Array.isArray(config.value)) {
      throw new SettingsError(
        `${config.origin} must be a list such as [{ "name": "main", "apiKey": "...", "apiSecret": "..." }]`,
      );
    }
    config.value.forEach((item: unknown, index) => {
      const where = config.origin.replace(/^"accounts"/, `"accounts"[${index}]`);
      add(configuredAccount(item, where, env), where);
    });
  }
  addEnvironmentAccounts(env, accounts, add);

  if (accounts.length > MAX_WATCHED_ACCOUNTS) {
    throw new SettingsError(
      `${accounts.length} accounts are configured; one gateway watches at most ${MAX_WATCHED_ACCOUNTS}`,
    );
  }
  return accounts;
}

/** An entry of the config file's `accounts`, its key and secret from MEXC_API_KEY_<NAME> first. */
function configuredAccount(item: unknown, where: string, env: AccountSources["env"]): AccountSettings {
  const parsed = entry.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path.join(".");
    throw new SettingsError(
      issue.code === "unrecognized_keys"
        ? `${where}: unknown field "${FIELD_LIKE.test(String(field)) ? field : "(not shown)"}" (known: name, apiKey, apiSecret, apiKeyCreated, apiKeyRenewed)`
        : `${where}${field ? `.${field}` : ""} must be ${field === "name" || field === "" ? "a name" : "a string"}`,
    );
  }
  const { name } = parsed.data;
  if (!NAME.test(name)) {
    throw new SettingsError(
      `${where}.name must be 1-32 letters, digits, - or _ (got ${JSON.stringify(name.slice(0, 40))})`,
    );
  }
  const suffix = envSuffix(name);
  const apiKey = nonEmpty(env[`MEXC_API_KEY_${suffix}`]) ?? parsed.data.apiKey;
  const apiSecret = nonEmpty(env[`MEXC_API_SECRET_${suffix}`]) ?? parsed.data.apiSecret;
  const label = `account "${name}" (${where})`;
  const apiKeyCreatedAt = checkDate(parsed.data.apiKeyCreated, `${where}.apiKeyCreated`);
  const apiKeyRenewedAt = checkDate(parsed.data.apiKeyRenewed, `${where}.apiKeyRenewed`);
  if (apiKeyRenewedAt !== undefined) {
    checkRenewal(apiKeyCreatedAt, apiKeyRenewedAt, `${where}.apiKeyRenewed`, `${where}.apiKeyCreated`);
  }
  return {
    name,
    apiKey: checkKey(apiKey, `${label}: apiKey or MEXC_API_KEY_${suffix}`),
    apiSecret: checkKey(apiSecret, `${label}: apiSecret or MEXC_API_SECRET_${suffix}`),
    apiKeyCreatedAt,
    ...(apiKeyRenewedAt === undefined ? {} : { apiKeyRenewedAt }),
  };
}

/**
 * Adds the pairs in the environment with no config entry (each named by its variable); a
 * MEXC_API_SECRET_<NAME> without its key is refused. `accounts`: those added so far.
 */
function addEnvironmentAccounts(
  env: AccountSources["env"],
  accounts: readonly AccountSettings[],
  add: (account: AccountSettings, where: string) => void,
): void {
  const named = (suffix: string) => accounts.some((account) => envSuffix(account.name) === suffix);
  for (const variable of Object.keys(env).sort()) {
    const suffix = /^MEXC_API_KEY_([A-Z0-9_]{1,32})$/.exec(variable)?.[1];
    if (suffix === undefined || NOT_ACCOUNTS.has(suffix) || nonEmpty(env[variable]) === undefined) continue;
    if (named(suffix)) continue;
    const account = {
      name: suffix.toLowerCase(),
      apiKey: checkKey(env[variable], variable),
      apiSecret: checkKey(env[`MEXC_API_SECRET_${suffix}`], `MEXC_API_SECRET_${suffix} (${variable} is set)`),
      apiKeyCreatedAt: undefined,
    };
    add(account, variable);
  }
  for (const variable of Object.keys(env)) {
    const suffix = /^MEXC_API_SECRET_([A-Z0-9_]{1,32})$/.exec(variable)?.[1];
    if (suffix === undefined || nonEmpty(env[variable]) === undefined) continue;
    if (!named(suffix)) {
      throw new SettingsError(`${variable} is set but MEXC_API_KEY_${suffix} is not: set both, or neither`);
    }
  }
}

/** The accounts this instance runs (`--accounts main,sub1`); all of them without the flag. */
export function selectAccounts(
  accounts: readonly AccountSettings[],
  wanted: readonly string[],
  origin: string,
): AccountSettings[] {
  if (wanted.length === 0) return [...accounts];
  return wanted.map((name) => {
    const account = accounts.find((candidate) => candidate.name === name);
    if (account === undefined) {
      const known = accounts.map((candidate) => candidate.name).join(", ") || "none (demo mode)";
      throw new SettingsError(`${origin} names account "${name}", which is not configured (configured: ${known})`);
    }
    return account;
  });
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

/** A key or secret: 8-256 characters without spaces; never echoed. */
function checkKey(value: string | undefined, what: string): string {
  const text = nonEmpty(value);
  if (text === undefined) throw new SettingsError(`${what} is not set`);
  if (!KEY.test(text))
    throw new SettingsError(`${what} must be 8-256 characters without spaces (got ${text.length} characters)`);
  return text;
}

/**
 * A renewal date (`what`) against the key's creation date (`createdWhat`): needed, since a renewal
 * adds 90 days to the date the key had; not before MEXC lets the key be renewed (5 days before its
 * first 90 days end: protocol's API_KEY_RENEWAL_WINDOW_MS); not past tomorrow.
 */
export function checkRenewal(
  createdAt: number | undefined,
  renewedAt: number,
  what: string,
  createdWhat: string,
): void {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (createdAt === undefined) {
    throw new SettingsError(
      `${what} needs the day the key was made as well (${createdWhat}): a renewal adds 90 days to the date the key had`,
    );
  }
  const opens = createdAt + API_KEY_LIFETIME_MS - API_KEY_RENEWAL_WINDOW_MS;
  if (renewedAt < opens) {
    throw new SettingsError(
      `${what} is ${day(renewedAt)}, before MEXC lets this key be renewed (from ${day(opens)}, 5 days before the 90 days from ${day(createdAt)} end)`,
    );
  }
  if (renewedAt > Date.now() + RENEWED_AHEAD_MAX_MS) {
    throw new SettingsError(`${what} is ${day(renewedAt)}, a day still to come: set the day the key was renewed`);
  }
}

function checkDate(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = DATE.test(value.trim()) ? Date.parse(`${value.trim()}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new SettingsError(`${what} must be a date such as 2026-09-01 (got ${JSON.stringify(value.slice(0, 20))})`);
  return ms;
}
