import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildChannel } from "./channels.js";
import { subscriptionMessages } from "./controlMessages.js";
import { isProtocolError } from "./errors.js";
import { MAX_CLIENT_FRAME_BYTES } from "./limits.js";

const bytes = (text: string) => new TextEncoder().encode(text).length;

const SYMBOLS = Array.from({ length: 30 }, (_, i) => `COIN${i}USDT`);
const DEPTH = SYMBOLS.map((symbol) => buildChannel({ stream: "aggreDepth", symbol, interval: "100ms" }));

describe("subscriptionMessages (docs/mexc/undocumented.md#websocket item 11.4: client frames at most 1 KB)", () => {
  it("splits 30 depth channels into frames of at most 1024 bytes, in order, none lost", () => {
    const messages = subscriptionMessages("SUBSCRIPTION", DEPTH);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(bytes(message.text)).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
      expect(JSON.parse(message.text)).toEqual({ method: "SUBSCRIPTION", params: message.channels });
    }
    expect(messages.flatMap((message) => message.channels)).toEqual(DEPTH);
  });

  it("keeps a short list in one message, and splits UNSUBSCRIPTION the same way", () => {
    expect(subscriptionMessages("SUBSCRIPTION", DEPTH.slice(0, 3))).toHaveLength(1);
    const un = subscriptionMessages("UNSUBSCRIPTION", DEPTH);
    expect(un.map((message) => JSON.parse(message.text).method)).toEqual(un.map(() => "UNSUBSCRIPTION"));
    expect(un.flatMap((message) => message.channels)).toEqual(DEPTH);
  });

  it("honours a configured size and a channel count", () => {
    const small = subscriptionMessages("SUBSCRIPTION", DEPTH, { maxBytes: 200 });
    for (const message of small) expect(bytes(message.text)).toBeLessThanOrEqual(200);
    expect(subscriptionMessages("SUBSCRIPTION", DEPTH, { maxChannels: 1 })).toHaveLength(30);
  });

  it("refuses a channel that cannot fit in a message of its own, naming the limit", () => {
    let error: unknown;
    try {
      subscriptionMessages("SUBSCRIPTION", ["x".repeat(2000)]);
    } catch (caught) {
      error = caught;
    }
    expect(isProtocolError(error) && error.message).toMatch(/does not fit in a 1024-byte SUBSCRIPTION message/);
  });

  it("for any channels and limit: every frame fits, order kept, and no two neighbours would fit in one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 60, unit: "grapheme" }), { maxLength: 80 }),
        fc.integer({ min: 120, max: 2048 }),
        (channels, maxBytes) => {
          const messages = subscriptionMessages("SUBSCRIPTION", channels, { maxBytes });
          expect(messages.flatMap((message) => message.channels)).toEqual(channels);
          for (const message of messages) expect(bytes(message.text)).toBeLessThanOrEqual(maxBytes);
          for (let i = 1; i < messages.length; i++) {
            const merged = [...messages[i - 1]!.channels, messages[i]!.channels[0]!];
            expect(bytes(JSON.stringify({ method: "SUBSCRIPTION", params: merged }))).toBeGreaterThan(maxBytes);
          }
        },
      ),
    );
  });
});
