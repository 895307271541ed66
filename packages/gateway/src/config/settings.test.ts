import { describe, expect, it } from "vitest";
import { isSettingsError } from "../errors.js";
import { describeSettings, loadSettings, type Settings } from "./settings.js";

const KEY = "mx0vglTestKey123456";
const SECRET = "0123456789abcdef0123456789abcdef";

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
      credentials: undefined,
      host: "127.0.0.1",
      port: 8787,
      dataDir: "./data",
      quote: "USDT",
      role: "all",
      restUrl: "https://api.mexc.com",
      wsUrl: "wss://wbs-api.mexc.com/ws",
      batchMs: 100,
      recordFrames: false,
    });
  });

  it("goes live with both keys from the environment", () => {
    const settings = load([], { MEXC_API_KEY: KEY, MEXC_API_SECRET: SECRET });
    expect(settings.mode).toBe("live");
    expect(settings.credentials).toEqual({ apiKey: KEY, apiSecret: SECRET });
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
    expect(errorOf(() => load(["--config", "missing.json"]))).toBe("--config missing.json cannot be read (ENOENT)");
    expect(errorOf(() => load(["--config", "c.json"], {}, { "c.json": "{" }))).toMatch(
      /^--config c.json is not valid JSON/,
    );
  });

  it("requires --redis for the collector and web roles", () => {
    expect(errorOf(() => load(["--role", "web"]))).toBe(
      "--role web needs --redis URL (the instances meet through Redis)",
    );
    expect(load(["--role", "collector", "--redis", "redis://127.0.0.1:6379"])).toMatchObject({
      role: "collector",
      redisUrl: "redis://127.0.0.1:6379",
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
    });
    const text = JSON.stringify(describeSettings(settings));
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("hunter2");
    expect(text).toContain('"credentials":"set"');
  });

  it("answers --help without validating anything else", () => {
    expect(loadSettings({ argv: ["--help"], env: { MEXC_API_KEY: KEY }, readFile: () => "" })).toEqual({ help: true });
  });
});
