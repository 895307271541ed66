import { Writable } from "node:stream";
import { channelSecrets, parseChannelUrl } from "@mexc-live/alerts";
import { describe, expect, it } from "vitest";
import { createLogger, createScrubber, throttledLog } from "./logging.js";

const API_KEY = "mx0vglSecretKey7788";
// Fake: the example secret of MEXC's own signing docs (public), never a real account's.
const API_SECRET = "45d0b3c26f2644f19bfb98b07741b2f5";
const LISTEN_KEY = "a".repeat(20) + "0123456789abcdef".repeat(2) + "b".repeat(12);

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

describe("logging", () => {
  it("keeps every line valid JSON whatever a secret looks like (a rule's URL cannot corrupt the log)", () => {
    const { lines, destination } = capture();
    const { logger, scrubber } = createLogger({ level: "info", destination, secrets: [API_KEY] });
    for (const secret of channelSecrets(parseChannelUrl("https://%22level%22@hooks.example.com/x"))) {
      scrubber.add(secret);
    }
    // Secrets that are pieces of JSON itself, as a hostile rule or password could be.
    for (const secret of ['"level"', '","msg":"', '\\"hostname\\"', '30,"time"']) scrubber.add(secret);
    for (let n = 0; n < 15; n++) {
      logger.info({ component: "alerts", n, detail: `key ${API_KEY}`, [`${API_KEY}`]: 1 }, `line ${n}: "level" said`);
    }
    expect(lines).toHaveLength(15);
    for (const [n, line] of lines.entries()) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed).toMatchObject({ level: 30, component: "alerts", n });
      expect(line).not.toContain(API_KEY);
    }
  });

  it("censors secret fields by name, at the top level, one level down and in headers", () => {
    const { lines, destination } = capture();
    const { logger } = createLogger({ level: "info", destination });
    logger.info(
      {
        apiKey: "k-value-1",
        options: { apiSecret: "s-value-2", listenKey: "l-value-3" },
        req: {
          headers: {
            authorization: "Bearer t-value-4",
            cookie: "mexc_live_session=c-value-5",
            "x-mexc-apikey": "h-value-6",
          },
        },
        token: "t-value-7",
      },
      "hello",
    );
    const line = lines.join("\n");
    for (const value of ["k-value-1", "s-value-2", "l-value-3", "t-value-4", "c-value-5", "h-value-6", "t-value-7"]) {
      expect(line).not.toContain(value);
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: "hello",
      apiKey: "[redacted]",
      options: { apiSecret: "[redacted]" },
    });
  });

  it("masks configured secret values wherever they appear in a line, messages and errors included", () => {
    const { lines, destination } = capture();
    const { logger, scrubber } = createLogger({ level: "info", destination, secrets: [API_KEY, API_SECRET] });
    logger.warn({ detail: `header X-MEXC-APIKEY: ${API_KEY}` }, `signing with ${API_SECRET}`);
    logger.error({ err: new Error(`request failed for ${API_KEY}`) }, "boom");
    scrubber.add(LISTEN_KEY);
    logger.info({ note: `key is ${LISTEN_KEY}` }, "listen key known later");
    const text = lines.join("\n");
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(API_SECRET);
    expect(text).not.toContain(LISTEN_KEY);
    expect(text).toContain("mx0v…");
    expect(lines).toHaveLength(3);
  });

  it("masks listenKey, signature and token query values in URLs", () => {
    const { lines, destination } = capture();
    const { logger } = createLogger({ level: "info", destination });
    logger.info(
      { url: `wss://wbs-api.mexc.com/ws?listenKey=${LISTEN_KEY}` },
      "connect /api/v3/order?signature=abcdef0123&x=1",
    );
    const text = lines.join("\n");
    expect(text).not.toContain(LISTEN_KEY);
    expect(text).not.toContain("abcdef0123");
    expect(text).toContain("listenKey=[redacted]");
  });

  it("masks the JSON-escaped form of a secret with quotes or backslashes", () => {
    const token = 'tok"en\\with-quote-1234';
    const scrubber = createScrubber([token]);
    expect(scrubber.scrub(JSON.stringify({ msg: `the token ${token}` }))).not.toContain(
      JSON.stringify(token).slice(1, -1),
    );
  });

  it("respects the level", () => {
    const { lines, destination } = capture();
    const { logger } = createLogger({ level: "warn", destination });
    logger.info("quiet");
    logger.warn("loud");
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(["loud"]);
  });
});

describe("throttledLog", () => {
  it("writes one line per kind per interval, then says how many it left out", () => {
    let clock = 1_000;
    const log = throttledLog(60_000, () => clock);
    const written: string[] = [];
    const write = (kind: string) => log(kind, (suppressed) => written.push(`${kind}:${suppressed}`));
    for (let n = 0; n < 500; n++) write("unlisted");
    write("too many");
    clock += 59_999;
    write("unlisted");
    clock += 1;
    write("unlisted");
    expect(written).toEqual(["unlisted:0", "too many:0", "unlisted:500"]);
  });
});
