import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AlertChannelError } from "../errors.js";
import {
  type ChannelTarget,
  channelKind,
  channelSecrets,
  destinationKey,
  maskChannelUrl,
  NTFY_CLOUD,
  parseChannelUrl,
} from "./channelUrl.js";

const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const DISCORD_ID = "1234567890123456789";
const DISCORD_TOKEN = "wX3vB9_q-Zr8YtM2kLpN4sD7fG1hJ6aQ0eR5uI9oP3cV8bN2mK4jH7gF1dS6aZ0x";

function parseError(text: string): AlertChannelError {
  try {
    parseChannelUrl(text);
  } catch (error) {
    if (error instanceof AlertChannelError) return error;
    throw error;
  }
  throw new Error("parsed");
}

describe("parseChannelUrl", () => {
  it("reads a Telegram bot token and a user, group or @channel chat", () => {
    expect(parseChannelUrl(`tgram://${BOT_TOKEN}/12345678`)).toEqual({
      kind: "telegram",
      botToken: BOT_TOKEN,
      chatId: "12345678",
    });
    expect(parseChannelUrl(`tgram://${BOT_TOKEN}/-1001234567890/`)).toMatchObject({ chatId: "-1001234567890" });
    expect(parseChannelUrl(`tgram://${BOT_TOKEN}/@mexc_alerts`)).toMatchObject({ chatId: "@mexc_alerts" });
    expect(parseChannelUrl(`tgram://bot${BOT_TOKEN}/42`)).toMatchObject({ botToken: BOT_TOKEN });
  });

  it("reads a Discord webhook, also pasted as Discord gives it out", () => {
    const target = { kind: "discord", webhookId: DISCORD_ID, webhookToken: DISCORD_TOKEN };
    expect(parseChannelUrl(`discord://${DISCORD_ID}/${DISCORD_TOKEN}`)).toEqual(target);
    expect(parseChannelUrl(`https://discord.com/api/webhooks/${DISCORD_ID}/${DISCORD_TOKEN}`)).toEqual(target);
    expect(parseChannelUrl(`https://discord.com/api/v10/webhooks/${DISCORD_ID}/${DISCORD_TOKEN}`)).toEqual(target);
  });

  it("reads ntfy topics on ntfy.sh and on a server of one's own", () => {
    expect(parseChannelUrl("ntfy://mexc-alerts_7f3")).toEqual({
      kind: "ntfy",
      baseUrl: NTFY_CLOUD,
      topic: "mexc-alerts_7f3",
    });
    expect(parseChannelUrl("ntfys://mexc-alerts")).toEqual({ kind: "ntfy", baseUrl: NTFY_CLOUD, topic: "mexc-alerts" });
    expect(parseChannelUrl("ntfy://ntfy.sh/alerts")).toEqual({ kind: "ntfy", baseUrl: NTFY_CLOUD, topic: "alerts" });
    expect(parseChannelUrl("https://ntfy.sh/alerts")).toEqual({ kind: "ntfy", baseUrl: NTFY_CLOUD, topic: "alerts" });
    expect(parseChannelUrl("ntfy://127.0.0.1:8080/alerts")).toEqual({
      kind: "ntfy",
      baseUrl: "http://127.0.0.1:8080",
      topic: "alerts",
    });
    expect(parseChannelUrl("ntfys://Push.Example.org/Alerts")).toEqual({
      kind: "ntfy",
      baseUrl: "https://push.example.org",
      topic: "Alerts",
    });
    expect(parseChannelUrl("ntfys://push.example.org:443/a")).toMatchObject({ baseUrl: "https://push.example.org" });
  });

  it("reads ntfy credentials: user:password, a tk_ token as user, :token, or ?token=", () => {
    expect(parseChannelUrl("ntfy://phil:s3cr%40t@host.lan/alerts")).toMatchObject({
      auth: { kind: "basic", user: "phil", password: "s3cr@t" },
    });
    const token = { auth: { kind: "token", token: "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2" } };
    expect(parseChannelUrl("ntfy://tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2@host.lan/alerts")).toMatchObject(token);
    expect(parseChannelUrl("ntfy://:tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2@host.lan/alerts")).toMatchObject(token);
    expect(parseChannelUrl("ntfys://host.lan/alerts?token=tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2")).toMatchObject(token);
    expect(parseChannelUrl("ntfy://alerts?token=tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2")).toMatchObject({
      baseUrl: NTFY_CLOUD,
      ...token,
    });
  });

  it("reads http(s) URLs as generic webhooks, credentials included", () => {
    expect(parseChannelUrl("https://hooks.example.com/services/T0/B0/XyZ")).toEqual({
      kind: "webhook",
      url: "https://hooks.example.com/services/T0/B0/XyZ",
    });
    expect(parseChannelUrl("http://user:pa55@127.0.0.1:9000/hook?key=abc")).toEqual({
      kind: "webhook",
      url: "http://user:pa55@127.0.0.1:9000/hook?key=abc",
    });
  });

  it("reads browser", () => {
    expect(parseChannelUrl("browser")).toEqual({ kind: "browser" });
    expect(parseChannelUrl("browser://")).toEqual({ kind: "browser" });
  });

  it.each([
    ["", "BAD_CHANNEL", "empty"],
    [" https://example.com/hook", "BAD_CHANNEL", "spaces"],
    ["https://example.com/ho ok", "BAD_CHANNEL", "spaces"],
    ["ftp://example.com/hook", "UNKNOWN_SCHEME", "unknown scheme"],
    ["hooks.example.com/x", "UNKNOWN_SCHEME", "unknown scheme"],
    ["https://example.com/hook#frag", "BAD_CHANNEL", "fragment"],
    ["https://", "BAD_CHANNEL", "https://"],
    ["tgram://", "BAD_CHANNEL", "tgram:// needs BOT_TOKEN/CHAT_ID"],
    [`tgram://${BOT_TOKEN}`, "BAD_CHANNEL", "tgram:// needs BOT_TOKEN/CHAT_ID"],
    [`tgram://${BOT_TOKEN}/1/2`, "BAD_CHANNEL", "tgram:// needs BOT_TOKEN/CHAT_ID"],
    ["tgram://not-a-token/123", "BAD_CHANNEL", "BOT_TOKEN"],
    [`tgram://${BOT_TOKEN}/chat`, "BAD_CHANNEL", "CHAT_ID"],
    [`tgram://${BOT_TOKEN}/123?silent=yes`, "BAD_CHANNEL", "no ?options"],
    [`discord://${DISCORD_ID}`, "BAD_CHANNEL", "discord:// needs WEBHOOK_ID/WEBHOOK_TOKEN"],
    [`discord://abc/${DISCORD_TOKEN}`, "BAD_CHANNEL", "WEBHOOK_ID"],
    [`discord://${DISCORD_ID}/a%20b`, "BAD_CHANNEL", "WEBHOOK_TOKEN"],
    ["ntfy://", "BAD_CHANNEL", "topic"],
    ["ntfy://host.lan/a/b", "BAD_CHANNEL", "one topic"],
    ["ntfy://host.lan/bad.topic", "BAD_CHANNEL", "topic"],
    ["ntfy://ho$t/alerts", "BAD_CHANNEL", "host"],
    ["ntfy://host.lan:99999/alerts", "BAD_CHANNEL", "port"],
    ["ntfy://host.lan/alerts?priority=5", "BAD_CHANNEL", "?token="],
    ["ntfy://phil@host.lan/alerts", "BAD_CHANNEL", "user:password"],
    ["ntfy://a:b@host.lan/alerts?token=tk_x", "BAD_CHANNEL", "not both"],
  ])("refuses %j (%s) naming what is wrong", (text, code, words) => {
    const error = parseError(text);
    expect(error.code).toBe(code);
    expect(error.message).toContain(words);
  });

  it("never quotes the URL or a token in an error", () => {
    const secret = "Zq8v0mLimitToken8d1cXyz";
    const cases = [
      `tgram://${secret}/123`,
      `tgram://123:${secret}/not a chat`,
      `tgram://123:${secret}/chat`,
      `discord://123456/${secret}!`,
      `ntfy://${secret}@host.lan/a/b`,
      `ntfy://u:${secret}@ho$t/alerts`,
      `ntfy://host.lan/alerts?token=${secret}&x=1`,
      `https://${secret}@example.com/x#${secret}`,
      `${secret}://x`,
      `webhook:${secret}`,
    ];
    for (const text of cases) {
      const { message } = parseError(text);
      expect(message).not.toContain(secret);
      expect(message).not.toContain("Zq8v");
    }
  });
});

const TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".split("");
const tokenText = (min: number, max: number) =>
  fc.array(fc.constantFrom(...TOKEN_CHARS), { minLength: min, maxLength: max }).map((chars) => chars.join(""));

describe("masking", () => {
  it("masks tokens to their first four characters (protocol's maskSecret), keeping chat ids, ids, hosts", () => {
    const mask = (text: string) => maskChannelUrl(parseChannelUrl(text));
    expect(mask(`tgram://${BOT_TOKEN}/-1001234567890`)).toBe("tgram://1234…/-1001234567890");
    expect(mask(`discord://${DISCORD_ID}/${DISCORD_TOKEN}`)).toBe(`discord://${DISCORD_ID}/wX3v…`);
    expect(mask("ntfy://phil:s3cret-pass@host.lan:8080/alerts")).toBe("ntfy://phil:[redacted]@host.lan:8080/alerts");
    expect(mask("ntfys://host.lan/alerts?token=tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2")).toBe(
      "ntfys://host.lan/alerts?token=tk_A…",
    );
    expect(mask("browser")).toBe("browser");
  });

  it("masks an ntfy topic that nothing else guards (on ntfy.sh the topic is the password)", () => {
    expect(maskChannelUrl(parseChannelUrl("ntfy://mexc-alerts-7f3kq9"))).toBe("ntfy://mexc…");
    expect(maskChannelUrl(parseChannelUrl("ntfy://127.0.0.1:8080/alerts"))).toBe("ntfy://127.0.0.1:8080/[redacted]");
  });

  it("keeps a webhook's scheme and host only; its path, query and credentials go", () => {
    const mask = (url: string) => maskChannelUrl({ kind: "webhook", url });
    expect(mask("https://hooks.slack.com/services/T000/B000/XXXXXXXX")).toBe("https://hooks.slack.com/[redacted]");
    expect(mask("https://webhook.site/4f8c1a2e-0b7d-4c55-9a1e-2f0d3b6c7e81")).toBe("https://webhook.site/[redacted]");
    // The secret can be the first segment, or a bot token pasted as a URL.
    expect(mask("https://push.example.com/Xk29fj3Lq0pZ7s8Y/alert")).toBe("https://push.example.com/[redacted]");
    expect(mask(`https://api.telegram.org/bot${BOT_TOKEN}/sendMessage`)).toBe("https://api.telegram.org/[redacted]");
    expect(mask("http://user:pass@127.0.0.1:9000/hook/abc?key=123")).toBe(
      "http://[redacted]@127.0.0.1:9000/[redacted]?[redacted]",
    );
    expect(mask("https://example.com")).toBe("https://example.com/");
  });

  it("lists every secret for the log scrubber", () => {
    expect(channelSecrets(parseChannelUrl(`tgram://${BOT_TOKEN}/42`))).toEqual([
      BOT_TOKEN,
      "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
    ]);
    expect(channelSecrets(parseChannelUrl(`discord://${DISCORD_ID}/${DISCORD_TOKEN}`))).toEqual([DISCORD_TOKEN]);
    expect(channelSecrets(parseChannelUrl("ntfy://phil:s3cret-pass@host.lan/alerts"))).toEqual([
      "s3cret-pass",
      Buffer.from("phil:s3cret-pass").toString("base64"),
    ]);
    expect(channelSecrets(parseChannelUrl("ntfy://mexc-alerts-7f3kq9"))).toEqual([
      "ntfy.sh/mexc-alerts-7f3kq9",
      "mexc-alerts-7f3kq9",
    ]);
    const url = "https://u:p%40ss@hooks.example.com/services/T000/B000/Xk29fj3Lq0?sig=abcdef123456";
    const secrets = channelSecrets({ kind: "webhook", url });
    // Plain words are only scrubbed inside the whole path: alone they would mask ordinary log text.
    expect(secrets).not.toContain("services");
    for (const part of [
      url,
      "services/T000/B000/Xk29fj3Lq0",
      "Xk29fj3Lq0",
      "sig=abcdef123456",
      "abcdef123456",
      "p@ss",
    ]) {
      expect(secrets).toContain(part);
    }
    expect(secrets).not.toContain("services");
    expect(channelSecrets({ kind: "browser" })).toEqual([]);
    // A user that is a word, a short path: not masked alone (every log line holding them would be).
    expect(channelSecrets(parseChannelUrl("https://%22level%22@hooks.example.com/x"))).not.toContain('"level"');
    expect(channelSecrets(parseChannelUrl("https://alerts@hooks.example.com/x"))).toEqual([]);
    expect(channelSecrets(parseChannelUrl("http://192.168.1.20:8080/hook"))).toEqual([]);
  });

  it("never shows a random token in a mask or a parse error (property)", () => {
    fc.assert(
      fc.property(
        tokenText(20, 60),
        fc.stringMatching(/^[1-9]\d{5,9}$/),
        fc.stringMatching(/^-?[1-9]\d{3,12}$/),
        (secret, botId, chatId) => {
          const urls = [
            `tgram://${botId}:${secret}/${chatId}`,
            `discord://${botId}123456/${secret}`,
            `ntfy://user:${secret}@host.lan/alerts`,
            `ntfy://host.lan/alerts?token=tk_${secret}`,
            `https://hooks.example.com/services/${secret}`,
            `https://${secret}@hooks.example.com/x?token=${secret}`,
          ];
          for (const text of urls) {
            const masked = maskChannelUrl(parseChannelUrl(text));
            expect(masked).not.toContain(secret);
            expect(masked).not.toContain(secret.slice(0, 5));
            expect(masked).not.toContain(secret.slice(-5));
            for (const broken of [`${text}/extra/parts`, `${text} `, `${text}#x`]) {
              let message = "";
              try {
                parseChannelUrl(broken);
              } catch (error) {
                message = (error as Error).message;
              }
              expect(message).not.toContain(secret);
              expect(message).not.toContain(secret.slice(0, 5));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("destinationKey", () => {
  const key = (text: string) => destinationKey(parseChannelUrl(text));

  it("is 16 hex digits, the same for the same destination and different for another", () => {
    expect(key(`tgram://${BOT_TOKEN}/42`)).toMatch(/^[0-9a-f]{16}$/);
    expect(key(`tgram://${BOT_TOKEN}/42`)).toBe(key(`tgram://bot${BOT_TOKEN}/42/`));
    expect(key(`tgram://${BOT_TOKEN}/@Channel_name`)).toBe(key(`tgram://${BOT_TOKEN}/@channel_name`));
    expect(key(`tgram://${BOT_TOKEN}/42`)).not.toBe(key(`tgram://${BOT_TOKEN}/43`));
    expect(key("ntfy://ntfy.sh/alerts")).toBe(key("https://ntfy.sh/alerts"));
    expect(key("ntfy://u:p@host.lan/alerts")).toBe(key("ntfy://host.lan/alerts"));
    expect(key("https://EXAMPLE.com/hook")).toBe(key("https://example.com:443/hook"));
    expect(key("https://example.com/hook")).not.toBe(key("https://example.com/hook2"));
  });

  it("holds nothing of the URL", () => {
    const target: ChannelTarget = { kind: "discord", webhookId: DISCORD_ID, webhookToken: DISCORD_TOKEN };
    expect(destinationKey(target)).not.toContain(DISCORD_ID.slice(0, 6));
    expect(channelKind(target)).toBe("discord");
  });
});
