import { describe, expect, it } from "vitest";
import { isSettingsError } from "../errors.js";
import { describeSettings, loadSettings, redisWarnings, type Settings } from "./settings.js";

const KEY = "mx0vglTestKey123456";
const SECRET = "0123456789abcdef0123456789abcdef";
/** As `openssl rand -hex 32` makes them. */
const BUS_SECRET = "9f2c1e7a4b8d03f6e5a2c9b7d1e4f80a3c6b9e2d5f8a1c4e7b0d3f6a9c2e5b8d";
const BUS = { MEXC_LIVE_BUS_SECRET: BUS_SECRET };

function load(argv: string[] = [], env: Record<string, string> = {}, files: Record<string, string> = {}): Settings {
  const loaded = loadSettings({
    argv,
    env,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
      return text;
    },
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

describe("settings", () => {
  it("defaults to demo mode on 127.0.0.1:8787 with ./data and USDT", () => {
    const settings = load();
    expect(settings).toMatchObject({
      mode: "demo",
      accounts: [],
      host: "127.0.0.1",
      port: 8787,
      dataDir: "./data",
      quote: "USDT",
      role: "all",
      restUrl: "https://api.mexc.com",
      wsUrl: "wss://wbs-api.mexc.com/ws",
      batchMs: undefined,
      recordFrames: false,
    });
  });

  it("goes live with both keys from the environment", () => {
    const settings = load([], { MEXC_API_KEY: KEY, MEXC_API_SECRET: SECRET });
    expect(settings.mode).toBe("live");
    expect(settings.accounts).toEqual([{ name: "main", apiKey: KEY, apiSecret: SECRET, apiKeyCreatedAt: undefined }]);
  });

  it("names the missing one when only the key or only the secret is set", () => {
    expect(errorOf(() => load([], { MEXC_API_KEY: KEY }))).toBe(
      "MEXC_API_SECRET is not set but MEXC_API_KEY is: set both for live mode, or neither for demo mode",
    );
    expect(errorOf(() => load([], { MEXC_API_SECRET: SECRET }))).toMatch(
      /^MEXC_API_KEY is not set but MEXC_API_SECRET is/,
    );
  });

  it("treats an empty variable as unset", () => {
    expect(load([], { MEXC_API_KEY: "", MEXC_API_SECRET: " " }).mode).toBe("demo");
  });

  it("reports a bad flag value in one line naming the flag", () => {
    expect(errorOf(() => load(["--port", "abc"]))).toBe('--port must be an integer 0-65535 (got "abc")');
    expect(errorOf(() => load(["--port=70000"]))).toBe('--port must be an integer 0-65535 (got "70000")');
    expect(errorOf(() => load(["--role", "boss"]))).toMatch(/^--role must be one of all, collector, web/);
    expect(errorOf(() => load(["--batch-ms", "0"]))).toMatch(/^--batch-ms must be/);
    expect(errorOf(() => load(["--redis", "http://x"]))).toMatch(/^--redis must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(errorOf(() => load(["--port"]))).toBe("--port needs a value");
    expect(errorOf(() => load(["--bogus"]))).toBe("unknown option --bogus (see --help)");
  });

  it("never echoes a secret in an error", () => {
    const message = errorOf(() => load([], { MEXC_API_KEY: "short", MEXC_API_SECRET: SECRET }));
    expect(message).toBe("MEXC_API_KEY must be 8-256 characters without spaces (got 5 characters)");
    const token = errorOf(() => load([], { MEXC_LIVE_TOKEN: "tooshort12" }));
    expect(token).not.toContain("tooshort12");
  });

  it("takes flags over environment over config file over defaults", () => {
    const files = { "c.json": JSON.stringify({ port: 9001, quote: "USDC", host: "0.0.0.0", symbols: ["BTCUSDT"] }) };
    const fromFile = load(["--config", "c.json"], {}, files);
    expect(fromFile).toMatchObject({ port: 9001, quote: "USDC", host: "0.0.0.0", symbols: ["BTCUSDT"] });
    const envOverFile = load(["--config", "c.json"], { MEXC_LIVE_QUOTE: "BTC" }, files);
    expect(envOverFile.quote).toBe("BTC");
    const flagOverAll = load(
      ["--config", "c.json", "--quote", "ETH", "--port", "9002"],
      { MEXC_LIVE_QUOTE: "BTC" },
      files,
    );
    expect(flagOverAll).toMatchObject({ quote: "ETH", port: 9002 });
  });

  it("names the file key of a bad config-file value, an unknown key, unreadable and malformed files", () => {
    expect(errorOf(() => load(["--config", "c.json"], {}, { "c.json": '{"port":"x"}' }))).toBe(
      '"port" in c.json must be an integer 0-65535 (got "x")',
    );
    expect(errorOf(() => load(["--config", "c.json"], {}, { "c.json": '{"prot":1}' }))).toMatch(
      /^--config c.json: unknown setting "prot"/,
    );
    expect(errorOf(() => load(["--config", "missing.json"]))).toBe(
      "--config missing.json cannot be read (no such file)",
    );
    expect(errorOf(() => load(["--config", "c.json"], {}, { "c.json": "{" }))).toMatch(
      /^--config c.json is not valid JSON/,
    );
  });

  it("requires --redis for the collector and web roles", () => {
    expect(errorOf(() => load(["--role", "web"]))).toBe(
      "--role web needs --redis URL (the instances meet through Redis)",
    );
    expect(load(["--role", "collector", "--redis", "redis://127.0.0.1:6379"], BUS)).toMatchObject({
      role: "collector",
      redisUrl: "redis://127.0.0.1:6379",
      busSecret: BUS_SECRET,
      redisPassword: undefined,
    });
  });

  it("parses the numeric and list settings", () => {
    const settings = load(
      [
        "--equity-interval",
        "2.5",
        "--retention-days",
        "30",
        "--record-frames",
        "--demo-speed",
        "60",
        "--mask",
        "clientOrderId,tradeId",
      ],
      { MEXC_LIVE_SYMBOLS: "BTCUSDT, ETHUSDT,BTCUSDT" },
    );
    expect(settings).toMatchObject({
      equityIntervalMs: 2500,
      retentionDays: 30,
      recordFrames: true,
      demoSpeed: 60,
      symbols: ["BTCUSDT", "ETHUSDT"],
      maskFields: ["clientOrderId", "tradeId"],
    });
    expect(errorOf(() => load(["--mask", "password"]))).toMatch(/^--mask must be a list of clientOrderId, orderId/);
    expect(errorOf(() => load([], { MEXC_LIVE_SYMBOLS: "btcusdt" }))).toMatch(/^MEXC_LIVE_SYMBOLS must be/);
  });

  it("takes the demo's fills per day from 1 to 100000, naming the flag when out of bounds; none by default", () => {
    expect(load().demoFillsPerDay).toBeUndefined();
    expect(load(["--demo-fills-per-day", "1"]).demoFillsPerDay).toBe(1);
    expect(load(["--demo-fills-per-day", "100000"]).demoFillsPerDay).toBe(100_000);
    expect(errorOf(() => load(["--demo-fills-per-day", "0.9"]))).toMatch(
      /^--demo-fills-per-day must be a number of fills from 1 to 100000/,
    );
    expect(errorOf(() => load(["--demo-fills-per-day", "100001"]))).toMatch(/^--demo-fills-per-day must be/);
    expect(errorOf(() => load(["--demo-fills-per-day", "many"]))).toMatch(/^--demo-fills-per-day must be/);
  });

  it("reads the trusted proxies from the flag, the environment or the config file; none by default", () => {
    expect(load().trustProxy).toEqual([]);
    expect(load(["--trust-proxy", "127.0.0.1, 10.0.0.0/8"]).trustProxy).toEqual(["127.0.0.1", "10.0.0.0/8"]);
    expect(load([], { MEXC_LIVE_TRUST_PROXY: "::1,fd00::/8" }).trustProxy).toEqual(["::1", "fd00::/8"]);
    const files = { "c.json": JSON.stringify({ trustProxy: ["192.168.1.0/24"] }) };
    expect(load(["--config", "c.json"], {}, files).trustProxy).toEqual(["192.168.1.0/24"]);
  });

  it("refuses a trusted proxy that is not an address or CIDR in one line naming the setting", () => {
    const expects = "must be a comma-separated list of proxy IP addresses or CIDRs such as 127.0.0.1,10.0.0.0/8";
    expect(errorOf(() => load(["--trust-proxy", "127.0.0.1,proxy.local"]))).toBe(
      `--trust-proxy ${expects} (got "127.0.0.1,proxy.local")`,
    );
    expect(errorOf(() => load(["--trust-proxy=10.0.0.0/33"]))).toBe(`--trust-proxy ${expects} (got "10.0.0.0/33")`);
    expect(errorOf(() => load([], { MEXC_LIVE_TRUST_PROXY: "0.0.0.0/0" }))).toBe(
      `MEXC_LIVE_TRUST_PROXY ${expects} (got "0.0.0.0/0")`,
    );
    expect(errorOf(() => load(["--config", "c.json"], {}, { "c.json": '{"trustProxy":[8080]}' }))).toBe(
      `"trustProxy" in c.json ${expects} (got "[8080]")`,
    );
  });

  it("describes itself for the log without a secret", () => {
    const settings = load(["--redis", "redis://:hunter2hunter2@127.0.0.1:6379"], {
      MEXC_API_KEY: KEY,
      MEXC_API_SECRET: SECRET,
      ...BUS,
    });
    const text = JSON.stringify(describeSettings(settings));
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain(BUS_SECRET.slice(0, 10));
    expect(text).toContain('"accounts":["main"]');
    expect(text).toContain('"busSecret":"set"');
    const withPassword = load(["--redis", "rediss://redis.internal:6380"], {
      ...BUS,
      MEXC_LIVE_REDIS_PASSWORD: "s3cr3t-pass",
    });
    const described = JSON.stringify(describeSettings(withPassword));
    expect(described).not.toContain("s3cr3t-pass");
    expect(described).toContain('"redisPassword":"set"');
  });

  it("answers --help without validating anything else", () => {
    expect(loadSettings({ argv: ["--help"], env: { MEXC_API_KEY: KEY }, readFile: () => "" })).toEqual({ help: true });
  });

  it("takes a public origin as an origin, and refuses one with a path", () => {
    expect(load(["--public-origin", "https://Desk.Example:8443/"]).publicOrigin).toBe("https://desk.example:8443");
    expect(load([], { MEXC_LIVE_PUBLIC_ORIGIN: "http://10.0.0.5:8787" }).publicOrigin).toBe("http://10.0.0.5:8787");
    expect(load().publicOrigin).toBeUndefined();
    expect(errorOf(() => load(["--public-origin", "https://desk.example/mexc"]))).toBe(
      '--public-origin must be an origin such as https://desk.example or https://desk.example:8443 (no path) (got "https://desk.example/mexc")',
    );
  });

  describe("redis", () => {
    const REDIS = ["--role", "collector", "--redis", "redis://127.0.0.1:6379"];

    it("refuses --redis without a bus secret in one line naming the setting, how to set it and its length", () => {
      const expected =
        '--redis needs a bus secret: set MEXC_LIVE_BUS_SECRET (or "busSecret" in the --config file) to the same generated secret of at least 32 characters on every instance (generate one with: openssl rand -hex 32)';
      expect(errorOf(() => load(REDIS))).toBe(expected);
      expect(errorOf(() => load(["--redis", "redis://127.0.0.1:6379"]))).toBe(expected);
      const files = { "c.json": JSON.stringify({ redis: "redis://127.0.0.1:6379" }) };
      expect(errorOf(() => load(["--config", "c.json"], {}, files))).toMatch(/^"redis" in c.json needs a bus secret/);
    });

    it("takes the bus secret from the environment or the config file", () => {
      expect(load(REDIS, BUS).busSecret).toBe(BUS_SECRET);
      const files = { "c.json": JSON.stringify({ busSecret: BUS_SECRET, redisPassword: "from-file" }) };
      expect(load([...REDIS, "--config", "c.json"], {}, files)).toMatchObject({
        busSecret: BUS_SECRET,
        redisPassword: "from-file",
      });
    });

    it("refuses a short or made-up bus secret without quoting it", () => {
      const weak = [
        "tooShort-1234567890",
        "passwordpasswordpasswordpassword",
        "abcdefghijabcdefghijabcdefghijabcdefghij",
        `${BUS_SECRET.slice(0, 20)} ${BUS_SECRET.slice(20)}`,
      ];
      for (const secret of weak) {
        const message = errorOf(() => load(REDIS, { MEXC_LIVE_BUS_SECRET: secret }));
        expect(message).toMatch(/^MEXC_LIVE_BUS_SECRET must be a generated secret of at least 32 characters/);
        for (let at = 0; at + 6 <= secret.length; at += 6) expect(message).not.toContain(secret.slice(at, at + 6));
      }
      expect(errorOf(() => load(REDIS, { MEXC_LIVE_BUS_SECRET: "tooShort-1234567890" }))).toMatch(
        /\(got 19 characters, 16 different\)$/,
      );
      expect(errorOf(() => load(REDIS, { MEXC_LIVE_BUS_SECRET: weak[2]! }))).toMatch(/, repeating\)$/);
    });

    it("accepts no secret as a flag, and never echoes the value given to one", () => {
      for (const argv of [
        ["--bus-secret", BUS_SECRET],
        [`--bus-secret=${BUS_SECRET}`],
        ["--redis-password", "hunter2hunter2"],
        ["--token=abcdefghijklmnopqrstu"],
        ["--api-secret", SECRET],
      ]) {
        const message = errorOf(() => load([...REDIS, ...argv], BUS));
        expect(message).toMatch(
          /^--[a-z-]+ is not accepted as a flag \(flags show in ps and shell history\): set MEXC_/,
        );
        for (const value of [BUS_SECRET, "hunter2", "abcdefghijklm", SECRET]) expect(message).not.toContain(value);
      }
      expect(errorOf(() => load(["--bus-secret", BUS_SECRET]))).toBe(
        '--bus-secret is not accepted as a flag (flags show in ps and shell history): set MEXC_LIVE_BUS_SECRET or "busSecret" in the --config file',
      );
    });

    it("takes the Redis password from the environment, but not together with one in the URL", () => {
      const settings = load(REDIS, { ...BUS, MEXC_LIVE_REDIS_PASSWORD: "hunter2hunter2" });
      expect(settings.redisPassword).toBe("hunter2hunter2");
      const message = errorOf(() =>
        load(["--redis", "redis://:other-pass@127.0.0.1:6379"], { ...BUS, MEXC_LIVE_REDIS_PASSWORD: "hunter2hunter2" }),
      );
      expect(message).toBe(
        "--redis holds a password and MEXC_LIVE_REDIS_PASSWORD is set too: keep only MEXC_LIVE_REDIS_PASSWORD",
      );
    });

    it("warns of a password in the URL, a remote Redis without a password, and one without TLS", () => {
      const warnings = (argv: string[], env: Record<string, string> = {}) =>
        redisWarnings(load(argv, { ...BUS, ...env }));
      expect(warnings([])).toEqual([]);
      expect(warnings(REDIS)).toEqual([]);
      expect(warnings(["--redis", "redis://[::1]:6379"])).toEqual([]);
      const inUrl = warnings(["--redis", "redis://:hunter2hunter2@127.0.0.1:6379"]);
      expect(inUrl).toEqual([
        'the Redis password is in the --redis URL (flags show in ps and shell history): move it to MEXC_LIVE_REDIS_PASSWORD or "redisPassword" in the --config file',
      ]);
      expect(warnings(["--redis", "redis://10.0.0.5:6379"])).toEqual([
        "Redis at 10.0.0.5 is off this machine and no password is set: whoever reaches it can read the account's data; require one on the server and set MEXC_LIVE_REDIS_PASSWORD",
        "Redis at 10.0.0.5 is reached without TLS (redis://): the password and the account's data cross the network readable; use rediss://",
      ]);
      expect(
        warnings(["--redis", "redis://redis.internal:6379"], { MEXC_LIVE_REDIS_PASSWORD: "hunter2hunter2" }),
      ).toEqual([
        "Redis at redis.internal is reached without TLS (redis://): the password and the account's data cross the network readable; use rediss://",
      ]);
      const remoteInUrl = warnings(["--redis", "redis://user:hunter2hunter2@redis.internal:6379"]);
      expect(remoteInUrl).toHaveLength(2);
      expect(remoteInUrl.join("\n")).not.toContain("hunter2");
      expect(
        warnings(["--redis", "rediss://redis.internal:6380"], { MEXC_LIVE_REDIS_PASSWORD: "hunter2hunter2" }),
      ).toEqual([]);
    });
  });
});

describe("no setting error quotes a secret", () => {
  const PASSWORD = "Pa55wordInAUrl9876";
  const secret = "k3YsEcReTvAlUe55aa77";
  /** Every mistake a user can make with a secret in it, from a flag, the environment or the config file. */
  const mistakes: [string[], Record<string, string>, Record<string, string>][] = [
    [[], { MEXC_API_KEY: `${secret} x`, MEXC_API_SECRET: SECRET }, {}],
    [[], { MEXC_API_KEY: KEY, MEXC_API_SECRET: `${secret} y` }, {}],
    [[], { MEXC_LIVE_TOKEN: `${secret} x` }, {}],
    [[], { MEXC_LIVE_BUS_SECRET: secret }, {}],
    [["--redis", "redis://127.0.0.1:6379"], { MEXC_LIVE_REDIS_PASSWORD: `${secret}\u0007`, ...BUS }, {}],
    [["--api-secret", secret], {}, {}],
    [["--token", secret], {}, {}],
    [["--rest-url", `ftp://u:${PASSWORD}@proxy.example/`], {}, {}],
    [["--ws-url", `http://u:${PASSWORD}@proxy.example/`], {}, {}],
    [["--redis", `http://default:${PASSWORD}@redis.example:6379`], BUS, {}],
    [
      ["--redis", `redis://default:${PASSWORD}@redis.example:6379`],
      { MEXC_LIVE_REDIS_PASSWORD: "other-password", ...BUS },
      {},
    ],
    [["--config", "c.json"], {}, { "c.json": `{"apiKey": "${KEY}", "apiSecret": ${secret}}` }],
    [["--config", "c.json"], {}, { "c.json": `{"apiSecret": "${secret}" "apiKey": 1}` }],
    [["--config", "c.json"], {}, { "c.json": `{"apiSecret": "${secret}",` }],
    [["--config", "c.json"], {}, { "c.json": `{"${secret}": "${secret}"}` }],
    [["--config", "c.json"], {}, { "c.json": `{"apiKey": ["${secret}"], "apiSecret": "${SECRET}"}` }],
    [["--config", "c.json"], {}, { "c.json": `{"busSecret": {"value": "${secret}"}, "redis": "redis://x"}` }],
    [["--config", "c.json"], {}, { "c.json": `{"restUrl": "ftp://u:${PASSWORD}@h/"}` }],
  ];

  it.each(mistakes.map((mistake, index) => [index, ...mistake] as const))(
    "mistake %i: the message names the setting, never the secret",
    (_index, argv, env, files) => {
      const message = errorOf(() => load(argv, env, files));
      expect(message).not.toContain(secret.slice(0, 8));
      expect(message).not.toContain(PASSWORD.slice(0, 8));
    },
  );
});

describe("alert rules in the config file", () => {
  const BOT = "7345112233:AAF3dKx9-1bQmT0cS5kYwLpRnE7uVhZq8sJ";
  const config = (alerts: unknown) => ({ "c.json": JSON.stringify({ alerts }) });

  it("reads each rule's event, channel and conditions", () => {
    const settings = load(
      ["--config", "c.json"],
      {},
      config([
        { on: "fill", to: `tgram://${BOT}/-100123`, symbol: "BTCUSDT" },
        { on: "drawdown", to: "browser", percent: "5" },
      ]),
    );
    expect(settings.alerts.map((rule) => [rule.on, rule.target.kind, rule.conditions])).toEqual([
      ["fill", "telegram", { symbol: "BTCUSDT" }],
      ["drawdown", "browser", { percent: "5", windowMinutes: 1440 }],
    ]);
    expect(JSON.stringify(describeSettings(settings))).not.toContain(BOT.split(":")[1]);
  });

  it("names the rule and field of a mistake, never quoting the channel URL", () => {
    const cases: [unknown, string][] = [
      [{ alerts: "fill" }, '"alerts" in c.json must be a list of rules'],
      [[{ on: "fills", to: "browser" }], '"alerts"[0].on in c.json: must be one of fill, '],
      [
        [
          { on: "fill", to: "browser" },
          { on: "fill", to: `tgram://${BOT}` },
        ],
        '"alerts"[1].to in c.json: ',
      ],
      [
        [{ on: "balance_below", to: "browser", asset: "USDT" }],
        '"alerts"[0].threshold in c.json: is needed for "balance_below"',
      ],
      [
        [{ on: "fill", to: "browser", threshold: "1" }],
        '"alerts"[0].threshold in c.json: is not a condition of "fill"',
      ],
      [[{ on: "equity_below", to: "browser", threshold: "-5" }], '"alerts"[0].threshold in c.json: must be a decimal'],
    ];
    for (const [alerts, expected] of cases) {
      const files = Array.isArray(alerts) ? config(alerts) : { "c.json": JSON.stringify(alerts) };
      const message = errorOf(() => load(["--config", "c.json"], {}, files));
      expect(message).toContain(expected);
      expect(message).not.toContain(BOT.split(":")[1]);
    }
  });

  it("fetches the ECB's rates only when turned on, from the ECB's file unless told another address", () => {
    expect(load()).toMatchObject({
      fetchEcbRates: false,
      ecbRatesUrl: "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip",
    });
    expect(load(["--fetch-ecb-rates"]).fetchEcbRates).toBe(true);
    const fromEnv = load([], {
      MEXC_LIVE_FETCH_ECB_RATES: "true",
      MEXC_LIVE_ECB_RATES_URL: "http://127.0.0.1:9/e.zip",
    });
    expect(fromEnv).toMatchObject({ fetchEcbRates: true, ecbRatesUrl: "http://127.0.0.1:9/e.zip" });
    expect(errorOf(() => load([], { MEXC_LIVE_FETCH_ECB_RATES: "yes" }))).toBe(
      'MEXC_LIVE_FETCH_ECB_RATES must be true or false (got "yes")',
    );
    expect(errorOf(() => load([], { MEXC_LIVE_ECB_RATES_URL: "ftp://ecb" }))).toMatch(
      /^MEXC_LIVE_ECB_RATES_URL must be an http:\/\/ or https:\/\/ URL/,
    );
  });

  it("reads the key's creation date and the channel API bases", () => {
    const settings = load([], {
      MEXC_API_KEY: KEY,
      MEXC_API_SECRET: SECRET,
      MEXC_API_KEY_CREATED: "2026-09-01",
      MEXC_LIVE_TELEGRAM_API: "http://127.0.0.1:8081",
    });
    expect(settings.accounts[0]?.apiKeyCreatedAt).toBe(Date.UTC(2026, 8, 1));
    expect(settings.channelEndpoints).toEqual({
      telegramApi: "http://127.0.0.1:8081",
      discordApi: "https://discord.com/api",
    });
    expect(errorOf(() => load(["--api-key-created", "01/09/2026"]))).toBe(
      '--api-key-created must be the date the API key was made, such as 2026-09-01 (got "01/09/2026")',
    );
  });

  it("reads the day the key was last renewed, from the day MEXC allows it (5 days before the 90 end) to tomorrow, with its creation day", () => {
    const created = "2026-01-01";
    const live = { MEXC_API_KEY: KEY, MEXC_API_SECRET: SECRET, MEXC_API_KEY_CREATED: created };
    // At the bound: 2026-03-27 is 5 days before 2026-04-01 (90 days after 2026-01-01), the first day MEXC renews it.
    const settings = load([], { ...live, MEXC_API_KEY_RENEWED: "2026-03-27" });
    expect(settings.accounts[0]).toMatchObject({
      apiKeyCreatedAt: Date.UTC(2026, 0, 1),
      apiKeyRenewedAt: Date.UTC(2026, 2, 27),
    });
    expect(load(["--api-key-renewed", "2026-03-30"], live).accounts[0]?.apiKeyRenewedAt).toBe(Date.UTC(2026, 2, 30));
    expect(errorOf(() => load([], { ...live, MEXC_API_KEY_RENEWED: "2026-03-26" }))).toBe(
      "MEXC_API_KEY_RENEWED is 2026-03-26, before MEXC lets this key be renewed (from 2026-03-27, 5 days before the 90 days from 2026-01-01 end)",
    );
    expect(
      errorOf(() => load([], { MEXC_API_KEY: KEY, MEXC_API_SECRET: SECRET, MEXC_API_KEY_RENEWED: "2026-03-27" })),
    ).toBe(
      "MEXC_API_KEY_RENEWED needs the day the key was made as well (MEXC_API_KEY_CREATED or --api-key-created): a renewal adds 90 days to the date the key had",
    );
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const longAgo = { ...live, MEXC_API_KEY_CREATED: "2020-01-01" };
    expect(load([], { ...longAgo, MEXC_API_KEY_RENEWED: tomorrow }).accounts[0]?.apiKeyRenewedAt).toBe(
      Date.parse(`${tomorrow}T00:00:00Z`),
    );
    expect(errorOf(() => load([], { ...longAgo, MEXC_API_KEY_RENEWED: later }))).toBe(
      `MEXC_API_KEY_RENEWED is ${later}, a day still to come: set the day the key was renewed`,
    );
    expect(errorOf(() => load([], { ...live, MEXC_API_KEY_RENEWED: "28.03.2026" }))).toBe(
      'MEXC_API_KEY_RENEWED must be the date the API key was last renewed on MEXC, such as 2026-11-28 (got "28.03.2026")',
    );
  });
});
