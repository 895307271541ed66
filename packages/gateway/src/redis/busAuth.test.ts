import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { OTHER_BUS_SECRET, TEST_BUS_SECRET } from "../../test/redisTestServer.js";
import { createLogger } from "../logging.js";
import {
  BUS_MAX_AGE_MS,
  BUS_MAX_FUTURE_MS,
  BUS_MAX_NONCES,
  BUS_REJECT_LOG_INTERVAL_MS,
  BUS_REJECTED_METRIC,
  createBusAuth,
} from "./busAuth.js";
import { envelopeKey } from "./busEnvelope.js";

const CHANNEL = "mexc-live:updates";
const PAYLOAD = JSON.stringify({ k: "u", e: "run", s: 1, u: { topic: "fills", data: {} } });

/** A clock the test moves. */
function clock(start = 1_750_000_000_000) {
  let now = start;
  return {
    now: () => now,
    move: (ms: number) => {
      now += ms;
    },
  };
}

describe("the bus envelope", () => {
  it("opens what it sealed for the same context, with its time and a fresh nonce each time", () => {
    const key = envelopeKey(TEST_BUS_SECRET);
    const first = key.seal(CHANNEL, PAYLOAD, 1_700_000_000_123);
    const second = key.seal(CHANNEL, PAYLOAD, 1_700_000_000_123);
    expect(first).toMatch(/^mlb1 1700000000123 [A-Za-z0-9_-]{16}\.1 [A-Za-z0-9_-]{43}\n\{/);
    expect(first.endsWith(`\n${PAYLOAD}`)).toBe(true);
    expect(second).not.toBe(first);
    const opened = key.open(CHANNEL, first);
    expect(opened).toMatchObject({ ok: true, time: 1_700_000_000_123, payload: PAYLOAD });
  });

  it("refuses a changed payload, time or nonce, another context and another secret's seal", () => {
    const key = envelopeKey(TEST_BUS_SECRET);
    const text = key.seal(CHANNEL, PAYLOAD, 1_700_000_000_123);
    const [header, payload] = [text.slice(0, text.indexOf("\n")), text.slice(text.indexOf("\n") + 1)];
    const [version, time, nonce, signature] = header.split(" ");
    const bad = [
      `${header}\n${payload.replace('"s":1', '"s":2')}`,
      `${version} ${Number(time) + 1} ${nonce} ${signature}\n${payload}`,
      `${version} ${time} ${nonce}x ${signature}\n${payload}`,
      `${version} ${time} ${nonce} ${signature!.slice(0, 42)}${signature!.endsWith("A") ? "B" : "A"}\n${payload}`,
      envelopeKey(OTHER_BUS_SECRET).seal(CHANNEL, PAYLOAD, 1_700_000_000_123),
    ];
    for (const forged of bad) expect(key.open(CHANNEL, forged), forged).toEqual({ ok: false, reason: "bad_signature" });
    expect(key.open("mexc-live:demand", text)).toEqual({ ok: false, reason: "bad_signature" });
    for (const unsigned of [PAYLOAD, "", "mlb1", `mlb1 1 n\n${PAYLOAD}`, `mlb2 ${header.slice(5)}\n${payload}`]) {
      expect(key.open(CHANNEL, unsigned), unsigned).toEqual({ ok: false, reason: "unsigned" });
    }
  });

  it("carries neither the secret nor anything of it but the signature", () => {
    const text = envelopeKey(TEST_BUS_SECRET).seal(CHANNEL, PAYLOAD, Date.now());
    for (let at = 0; at + 8 <= TEST_BUS_SECRET.length; at += 8) {
      expect(text).not.toContain(TEST_BUS_SECRET.slice(at, at + 8));
    }
  });
});

describe("the bus's checks on arrival", () => {
  it("accepts a message once, within the window, and counts what it drops by kind and reason", async () => {
    const time = clock();
    const registry = new Registry();
    const auth = createBusAuth({ secret: TEST_BUS_SECRET, now: time.now, registry });
    const receive = auth.receiver("update");
    const text = auth.sign(CHANNEL, PAYLOAD);
    expect(receive(CHANNEL, text)).toBe(PAYLOAD);
    expect(receive(CHANNEL, text)).toBeUndefined();
    time.move(BUS_MAX_AGE_MS + 1);
    expect(receive(CHANNEL, auth.sign(CHANNEL, PAYLOAD))).toBe(PAYLOAD);
    expect(receive(CHANNEL, text)).toBeUndefined();
    const ahead = createBusAuth({ secret: TEST_BUS_SECRET, now: () => time.now() + BUS_MAX_FUTURE_MS + 1 });
    expect(receive(CHANNEL, ahead.sign(CHANNEL, PAYLOAD))).toBeUndefined();
    const slightlyAhead = createBusAuth({ secret: TEST_BUS_SECRET, now: () => time.now() + BUS_MAX_FUTURE_MS });
    expect(receive(CHANNEL, slightlyAhead.sign(CHANNEL, PAYLOAD))).toBe(PAYLOAD);
    expect(receive(CHANNEL, PAYLOAD)).toBeUndefined();
    expect(auth.stats()).toEqual({ unsigned: 1, bad_signature: 0, stale: 1, future: 1, replayed: 1 });
    const values = (await registry.getSingleMetric(BUS_REJECTED_METRIC)!.get()).values;
    expect(values.map(({ labels, value }) => [labels.kind, labels.reason, value])).toEqual([
      ["update", "replayed", 1],
      ["update", "stale", 1],
      ["update", "future", 1],
      ["update", "unsigned", 1],
    ]);
  });

  it("refuses what was signed before the receiver listened (a replay it cannot remember)", () => {
    const time = clock();
    const auth = createBusAuth({ secret: TEST_BUS_SECRET, now: time.now });
    const captured = auth.sign(CHANNEL, PAYLOAD);
    time.move(1);
    expect(auth.receiver("update")(CHANNEL, captured)).toBeUndefined();
    expect(auth.stats().stale).toBe(1);
  });

  it("never lets a forgotten nonce pass again when the cache is full", () => {
    const time = clock();
    const auth = createBusAuth({ secret: TEST_BUS_SECRET, now: time.now });
    const receive = auth.receiver("update");
    const first = auth.sign(CHANNEL, PAYLOAD);
    expect(receive(CHANNEL, first)).toBe(PAYLOAD);
    time.move(1);
    for (let n = 0; n < BUS_MAX_NONCES; n++) receive(CHANNEL, auth.sign(CHANNEL, PAYLOAD));
    expect(receive(CHANNEL, first)).toBeUndefined();
    expect(auth.stats()).toMatchObject({ stale: 1, replayed: 0 });
    expect(receive(CHANNEL, auth.sign(CHANNEL, PAYLOAD))).toBe(PAYLOAD);
  }, 30_000);

  it("checks a stored value's signature for its key and its age, and reads it as often as asked", () => {
    const time = clock();
    const auth = createBusAuth({ secret: TEST_BUS_SECRET, now: time.now });
    const key = "mexc-live:snapshot:fills";
    const value = auth.sign(key, PAYLOAD);
    time.move(60_000);
    expect(auth.openStored("snapshot", key, value, 3_600_000)).toBe(PAYLOAD);
    expect(auth.openStored("snapshot", key, value, 3_600_000)).toBe(PAYLOAD);
    expect(auth.openStored("snapshot", "mexc-live:snapshot:orders", value, 3_600_000)).toBeUndefined();
    expect(auth.openStored("snapshot", key, value, 30_000)).toBeUndefined();
    expect(auth.stats()).toMatchObject({ bad_signature: 1, stale: 1 });
  });

  it("logs dropped messages at most once per interval, saying how many, never their content", () => {
    const time = clock();
    const lines: string[] = [];
    const { logger } = createLogger({ level: "warn", destination: { write: (line: string) => void lines.push(line) } });
    const auth = createBusAuth({ secret: TEST_BUS_SECRET, now: time.now, logger });
    const receive = auth.receiver("history_request");
    const forged = envelopeKey(OTHER_BUS_SECRET);
    for (let n = 0; n < 500; n++) receive(CHANNEL, forged.seal(CHANNEL, `{"secret-looking":"${n}"}`, time.now()));
    expect(lines).toHaveLength(1);
    time.move(BUS_REJECT_LOG_INTERVAL_MS);
    receive(CHANNEL, "plain text");
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ kind: "history_request", reason: "bad_signature", dropped: 1 });
    expect(second).toMatchObject({ reason: "unsigned", dropped: 500 });
    expect(lines.join("")).not.toContain("secret-looking");
    expect(lines.join("")).not.toContain(TEST_BUS_SECRET.slice(0, 10));
  });

  it("refuses a secret shorter than the minimum", () => {
    expect(() => createBusAuth({ secret: "short" })).toThrow(/at least 32 characters/);
  });
});

describe("the replay cache and big messages", () => {
  it("remembers a nonce without keeping its message alive (a tax export's 1 MB chunks)", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const auth = createBusAuth({ secret: TEST_BUS_SECRET });
    const receive = auth.receiver("history_reply");
    const MESSAGES = 40;
    const MESSAGE_BYTES = 1024 * 1024;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let n = 0; n < MESSAGES; n++) {
      const payload = `{"n":${n},"pad":"${"x".repeat(MESSAGE_BYTES)}"}`;
      expect(receive("reply", auth.sign("reply", payload))).toBe(payload);
    }
    gc();
    // Every nonce is still remembered (within BUS_MAX_AGE_MS); the 40 MB of messages are not.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(8 * 1024 * 1024);
  });
});
