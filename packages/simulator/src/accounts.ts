/**
 * API credentials -> simulator accounts. The demo account's key and secret come from the
 * seeded PRNG, so `--seed N` prints the same demo credentials every run; so do those of the
 * sub-accounts `--accounts N` adds ("sub1", "sub2", ..., drawn right after the demo account's). Keys look like MEXC's
 * (`mx0v` + letters and digits, 18 characters; docs/mexc/rest.md#the-docs-worked-examples-checked shows `mx0aBYs33eIilxBWC5`), secrets are
 * 32 lower-case hex characters (docs/mexc/rest.md#the-docs-worked-examples-checked `45d0b3c26f2644f19bfb98b07741b2f5`).
 */
import type { Random } from "./random.js";

export const DEMO_ACCOUNT = "demo";
/** Names of the funded accounts after the demo account (`accounts` N, simulator.ts): sub1, sub2, ... */
const SUB_ACCOUNT_PREFIX = "sub";

/** The funded accounts of `accounts` N in order: the demo account, then "sub1" ... "sub{N-1}". */
export function fundedAccountNames(count: number): string[] {
  return [DEMO_ACCOUNT, ...Array.from({ length: count - 1 }, (_, index) => `${SUB_ACCOUNT_PREFIX}${index + 1}`)];
}

/** What a well-formed API key looks like; anything else is answered 700001 "API-key format invalid". */
export const API_KEY_FORMAT = /^mx0[0-9A-Za-z]{15,61}$/;
const API_KEY_PREFIX = "mx0v";
const API_KEY_LENGTH = 18;
const SECRET_KEY_LENGTH = 32;
const KEY_ALPHABET = [..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"];

export interface AccountCredentials {
  /** The engine's account id, e.g. "demo" or "sub1". */
  readonly account: string;
  /** The same id, under the name the CLI's `--json` line and the gateway's config give it. */
  readonly name: string;
  /** Sent in the `X-MEXC-APIKEY` header. */
  readonly apiKey: string;
  /** The HMAC secret. */
  readonly secretKey: string;
}

/** An extra account for tests (a second trader, isolation checks). */
export interface ExtraAccountOptions {
  readonly account: string;
  /** Given or drawn from the PRNG. Must match API_KEY_FORMAT. */
  readonly apiKey?: string;
  readonly secretKey?: string;
  /** Pay fees in MX with the 20% discount (design notes, "Fees"). */
  readonly mxFeeDeduction?: boolean;
  /**
   * Starting balances, asset -> decimal string (DEPOSIT); none when omitted. With `historyDays`
   * (simulator.ts) what the account holds at the end of its past instead.
   */
  readonly balances?: Readonly<Record<string, string>>;
}

export interface AccountRegistry {
  readonly demo: AccountCredentials;
  /** Demo first, then the extra accounts in the order given. */
  readonly all: readonly AccountCredentials[];
  byApiKey(apiKey: string): AccountCredentials | undefined;
}

export function createAccountRegistry(random: Random, extra: readonly ExtraAccountOptions[] = []): AccountRegistry {
  const demo = drawCredentials(DEMO_ACCOUNT, random);
  const all: AccountCredentials[] = [demo];
  for (const options of extra) {
    if (all.some((known) => known.account === options.account)) {
      throw new Error(`account "${options.account}" is defined twice`);
    }
    const drawn = drawCredentials(options.account, random);
    const credentials = {
      account: options.account,
      name: options.account,
      apiKey: options.apiKey ?? drawn.apiKey,
      secretKey: options.secretKey ?? drawn.secretKey,
    };
    if (!API_KEY_FORMAT.test(credentials.apiKey)) {
      throw new Error(`account "${options.account}": the API key is not MEXC-shaped (mx0 + 15 or more letters/digits)`);
    }
    if (all.some((known) => known.apiKey === credentials.apiKey)) {
      throw new Error(`account "${options.account}": its API key is already taken`);
    }
    all.push(credentials);
  }
  const byKey = new Map(all.map((credentials) => [credentials.apiKey, credentials]));
  return { demo, all, byApiKey: (apiKey) => byKey.get(apiKey) };
}

function drawCredentials(account: string, random: Random): AccountCredentials {
  let apiKey = API_KEY_PREFIX;
  while (apiKey.length < API_KEY_LENGTH) apiKey += random.pick(KEY_ALPHABET);
  return { account, name: account, apiKey, secretKey: random.hex(SECRET_KEY_LENGTH) };
}
