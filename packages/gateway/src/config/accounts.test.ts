import { describe, expect, it } from "vitest";
import { isSettingsError } from "../errors.js";
import { MAX_WATCHED_ACCOUNTS, readAccounts } from "./accounts.js";
import { loadSettings, type Settings } from "./settings.js";

const KEY_A = "mx0vglAAAAAAAAAAAAAA";
// Fake: the example secret of MEXC's own signing docs (public), never a real account's.
const SECRET_A = "45d0b3c26f2644f19bfb98b07741b2f5";
const KEY_B = "mx0vglBBBBBBBBBBBBBB";
const SECRET_B = "9f2c1e7a4b8d03f6e5a2c9b7d1e4f80a";

function load(argv: string[], env: Record<string, string> = {}, config?: unknown): Settings {
  const loaded = loadSettings({
    argv: config === undefined ? argv : ["--config", "c.json", ...argv],
    env,
    readFile: () => JSON.stringify(config),
  });
  if (loaded.help) throw new Error("help");
  return loaded.settings;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (!isSettingsError(error)) throw error;
    expect(error.message).not.toContain("\n");
    return error.message;
  }
  throw new Error("no error");
}

/** A bus secret of the shape the settings ask (32+ characters, not repetitive); a test's only. */
const FAKE_BUS_SECRET = "fake-bus-secret-for-tests-only-0123456789";

/** Two accounts in the environment: main (MEXC_API_KEY) and sub1. */
const MAIN_AND_SUB1 = {
  MEXC_API_KEY: KEY_A,
  MEXC_API_SECRET: SECRET_A,
  MEXC_API_KEY_SUB1: KEY_B,
  MEXC_API_SECRET_SUB1: SECRET_B,
};

const names = (settings: Settings) => settings.accounts.map((account) => account.name);

describe("accounts", () => {
  it("reads several accounts from the config file, keys from the file or the environment", () => {
    const settings = load(
      [],
      { MEXC_API_KEY_SUB_1: KEY_B, MEXC_API_SECRET_SUB_1: SECRET_B },
      {
        accounts: [
          { name: "main", apiKey: KEY_A, apiSecret: SECRET_A, apiKeyCreated: "2026-09-01" },
          { name: "sub-1" },
        ],
      },
    );
    expect(settings.mode).toBe("live");
    expect(settings.accounts).toEqual([
      { name: "main", apiKey: KEY_A, apiSecret: SECRET_A, apiKeyCreatedAt: Date.UTC(2026, 8, 1) },
      { name: "sub-1", apiKey: KEY_B, apiSecret: SECRET_B, apiKeyCreatedAt: undefined },
    ]);
  });

  it("reads each account's renewal day (apiKeyRenewed) with its creation day, naming the account's field when wrong", () => {
    const settings = load(
      [],
      {},
      {
        accounts: [
          {
            name: "main",
            apiKey: KEY_A,
            apiSecret: SECRET_A,
            apiKeyCreated: "2026-01-01",
            apiKeyRenewed: "2026-03-28",
          },
          { name: "sub-1", apiKey: KEY_B, apiSecret: SECRET_B },
        ],
      },
    );
    expect(settings.accounts.map((account) => account.apiKeyRenewedAt)).toEqual([Date.UTC(2026, 2, 28), undefined]);
    const wrong = (entry: Record<string, string>) =>
      errorOf(() => load([], {}, { accounts: [{ name: "main", apiKey: KEY_A, apiSecret: SECRET_A, ...entry }] }));
    expect(wrong({ apiKeyRenewed: "2026-03-28" })).toBe(
      '"accounts"[0] in c.json.apiKeyRenewed needs the day the key was made as well ("accounts"[0] in c.json.apiKeyCreated): a renewal adds 90 days to the date the key had',
    );
    expect(wrong({ apiKeyCreated: "2026-01-01", apiKeyRenewed: "2026-02-01" })).toMatch(
      /apiKeyRenewed is 2026-02-01, before MEXC lets this key be renewed \(from 2026-03-27/,
    );
    expect(wrong({ apiKeyCreated: "2026-01-01", apiKeyRenewed: "March 28" })).toMatch(
      /apiKeyRenewed must be a date such as 2026-09-01/,
    );
    // MEXC_API_KEY_RENEWED is a setting, not an account named "renewed".
    expect(
      names(
        load([], {
          MEXC_API_KEY: KEY_A,
          MEXC_API_SECRET: SECRET_A,
          MEXC_API_KEY_CREATED: "2026-01-01",
          MEXC_API_KEY_RENEWED: "2026-03-28",
        }),
      ),
    ).toEqual(["main"]);
  });

  it("keeps today's MEXC_API_KEY / MEXC_API_SECRET as one account named main, and finds pairs in the environment", () => {
    expect(names(load([], { MEXC_API_KEY: KEY_A, MEXC_API_SECRET: SECRET_A }))).toEqual(["main"]);
    const both = load([], {
      MEXC_API_KEY: KEY_A,
      MEXC_API_SECRET: SECRET_A,
      MEXC_API_KEY_STRATEGY2: KEY_B,
      MEXC_API_SECRET_STRATEGY2: SECRET_B,
    });
    expect(names(both)).toEqual(["main", "strategy2"]);
    expect(load([]).mode).toBe("demo");
  });

  it("runs only the accounts --accounts names, in that order", () => {
    const env = MAIN_AND_SUB1;
    expect(names(load(["--accounts", "sub1"], env))).toEqual(["sub1"]);
    expect(names(load([], { ...env, MEXC_LIVE_ACCOUNTS: "main,sub1" }))).toEqual(["main", "sub1"]);
    expect(errorOf(() => load(["--accounts", "sub9"], env))).toBe(
      '--accounts names account "sub9", which is not configured (configured: main, sub1)',
    );
  });

  it("a collector runs its account with that account's key alone, the default named by --default-account", () => {
    const collector = ["--role", "collector", "--redis", "redis://127.0.0.1:6379", "--accounts", "sub1"];
    const env = {
      MEXC_API_KEY_SUB1: KEY_B,
      MEXC_API_SECRET_SUB1: SECRET_B,
      MEXC_LIVE_BUS_SECRET: FAKE_BUS_SECRET,
    };
    // Without it, sub1 would be this instance's first account: the default, plain topic names.
    expect(load(collector, env).configuredAccounts).toEqual(["sub1"]);
    const settings = load(collector, { ...env, MEXC_LIVE_DEFAULT_ACCOUNT: "main" });
    expect(names(settings)).toEqual(["sub1"]);
    expect(settings.configuredAccounts).toEqual(["main", "sub1"]);
    expect(load([...collector, "--default-account", "sub1"], env).configuredAccounts).toEqual(["sub1"]);
    // A web instance holds no key: the same environment's default is the collectors' business.
    const web = ["--role", "web", "--redis", "redis://127.0.0.1:6379"];
    const onWeb = load(web, { MEXC_LIVE_BUS_SECRET: FAKE_BUS_SECRET, MEXC_LIVE_DEFAULT_ACCOUNT: "main" });
    expect(onWeb.accounts).toEqual([]);
  });

  it("--default-account puts the deployment's default first, and names a configured account on a single instance", () => {
    const env = MAIN_AND_SUB1;
    const settings = load(["--default-account", "sub1"], env);
    expect(settings.configuredAccounts).toEqual(["sub1", "main"]);
    expect(names(settings)).toEqual(["main", "sub1"]);
    expect(errorOf(() => load(["--default-account", "sub9"], env))).toBe(
      '--default-account names account "sub9", which is not configured (configured: main, sub1)',
    );
    expect(errorOf(() => load([], { MEXC_LIVE_DEFAULT_ACCOUNT: "main" }))).toBe(
      'MEXC_LIVE_DEFAULT_ACCOUNT names the default account "main", but no account is configured (demo mode)',
    );
    expect(errorOf(() => load(["--default-account", "a b"], env))).toMatch(
      /^--default-account must be an account name/,
    );
  });

  it("refuses mistakes in one line naming the account and field, never quoting a key or secret", () => {
    const cases: [unknown, Record<string, string>, string][] = [
      [{ accounts: { name: "main" } }, {}, '"accounts" in c.json must be a list'],
      [
        { accounts: [{ name: "main sub", apiKey: KEY_A, apiSecret: SECRET_A }] },
        {},
        '"accounts"[0] in c.json.name must be',
      ],
      [
        { accounts: [{ name: "sub1" }] },
        {},
        'account "sub1" ("accounts"[0] in c.json): apiKey or MEXC_API_KEY_SUB1 is not set',
      ],
      [{ accounts: [{ name: "sub1", apiKey: KEY_A }] }, {}, "apiSecret or MEXC_API_SECRET_SUB1 is not set"],
      [
        { accounts: [{ name: "a", apiKey: KEY_A, apiSecret: "short" }] },
        {},
        "must be 8-256 characters without spaces (got 5 characters)",
      ],
      [
        {
          accounts: [
            { name: "x", apiKey: KEY_A, apiSecret: SECRET_A },
            { name: "x", apiKey: KEY_B, apiSecret: SECRET_B },
          ],
        },
        {},
        'account "x" is defined twice',
      ],
      [
        {
          accounts: [
            { name: "sub-1", apiKey: KEY_A, apiSecret: SECRET_A },
            { name: "sub_1", apiKey: KEY_B, apiSecret: SECRET_B },
          ],
        },
        {},
        "read the same environment variables (MEXC_API_KEY_SUB_1): rename one",
      ],
      [
        {
          accounts: [
            { name: "a", apiKey: KEY_A, apiSecret: SECRET_A },
            { name: "b", apiKey: KEY_A, apiSecret: SECRET_B },
          ],
        },
        {},
        'account "b" has the same API key as another account',
      ],
      [
        { accounts: [{ name: "a", apiKey: KEY_A, apiSecret: SECRET_A, [SECRET_B]: 1 }] },
        {},
        'unknown field "(not shown)"',
      ],
      [{}, { MEXC_API_SECRET_SUB2: SECRET_B }, "MEXC_API_SECRET_SUB2 is set but MEXC_API_KEY_SUB2 is not"],
    ];
    for (const [config, env, expected] of cases) {
      const message = errorOf(() => load([], env, config));
      expect(message).toContain(expected);
      for (const secret of [KEY_A, SECRET_A, KEY_B, SECRET_B]) expect(message).not.toContain(secret);
    }
  });

  it(`watches up to MAX_WATCHED_ACCOUNTS (${MAX_WATCHED_ACCOUNTS}) accounts and refuses one more, saying how many`, () => {
    const env = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, n) => [
          [`MEXC_API_KEY_S${n}`, `mx0vgl${String(n).padStart(14, "0")}`],
          [`MEXC_API_SECRET_S${n}`, `${String(n).padStart(32, "0")}`],
        ]).flat(),
      );
    expect(readAccounts({ env: env(MAX_WATCHED_ACCOUNTS) })).toHaveLength(MAX_WATCHED_ACCOUNTS);
    expect(errorOf(() => readAccounts({ env: env(MAX_WATCHED_ACCOUNTS + 1) }))).toBe(
      `${MAX_WATCHED_ACCOUNTS + 1} accounts are configured; one gateway watches at most ${MAX_WATCHED_ACCOUNTS}`,
    );
  });
});
