/**
 * decodeEvent reads the aggregated streams' frames with a reader of our own (frameEvents.ts);
 * these tests prove it gives the very event, or the very ProtocolError (code, field, value,
 * message), that `toEvent(decodePush(bytes))` gives, on frames built to hit every corner of the
 * wire format, on fast-check frames and on byte mutations, and that the reader really reads the
 * frames it is for (so the comparisons are not of the old path with itself).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FRAME_FIXTURES } from "../test/fixtures/index.js";
import { concat, lenField, stringField, tag, unknownFields, varint, varintField } from "../test/fixtures/wireBytes.js";
import { prng } from "../test/prng.js";
import { expectSame, readByOurs } from "../test/sameEvent.js";
import { encodePush } from "./codec.js";
import type { MexcEvent } from "./events.js";
import { FIELD_NUMBERS } from "./generated/fieldNumbers.js";
import type { PushWrapper } from "./wire.js";

const W = FIELD_NUMBERS.PushDataV3ApiWrapper;
const DEPTH_CHANNEL = "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT";
const DEPTH_STREAM = "spot@public.aggre.depth.v3.api.pb@100ms";
const AGGRE = ["publicAggreDepths", "publicAggreDeals", "publicAggreBookTicker"] as const;
/** Read by our reader too (privateBodies.ts); decodeEventPrivate.test.ts has their corners. */
const PRIVATE: readonly string[] = ["privateAccount", "privateDeals", "privateOrders"];

const depthFrame = (body: Uint8Array, ...header: Uint8Array[]) =>
  concat(stringField(W.channel, DEPTH_CHANNEL), ...header, lenField(W.publicAggreDepths, body));
const level = (price: string, quantity: string) => concat(stringField(1, price), stringField(2, quantity));
const dealsFrame = (...items: Uint8Array[]) =>
  concat(
    stringField(W.channel, "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT"),
    varintField(W.sendTime, 1736409765052),
    lenField(W.publicAggreDeals, concat(...items.map((item) => lenField(1, item)))),
  );
const deal = (...fields: Uint8Array[]) => concat(stringField(1, "93220.00"), stringField(2, "0.5"), ...fields);
const tickerFrame = (...fields: Uint8Array[]) =>
  concat(
    stringField(W.channel, "spot@public.aggre.bookTicker.v3.api.pb@100ms@BTCUSDT"),
    lenField(W.publicAggreBookTicker, concat(...fields)),
  );

describe("decodeEvent on the aggregated streams' frames", () => {
  it("reads every aggregated fixture itself, into the event toEvent(decodePush()) gives", () => {
    for (const name of AGGRE) {
      const bytes = encodePush(FRAME_FIXTURES[name]);
      expect(readByOurs(bytes), name).toBe(true);
      expect(expectSame(bytes, name)).toHaveProperty("event");
    }
  });

  it("leaves every other public body to the generated decoder, with the same events", () => {
    for (const [name, wrapper] of Object.entries(FRAME_FIXTURES)) {
      const bytes = encodePush(wrapper);
      expect(readByOurs(bytes), name).toBe([...AGGRE, ...PRIVATE].includes(name));
      expectSame(bytes, name);
    }
  });

  it("gives levels and trades of the generated classes, in the order their fields came", () => {
    const bytes = depthFrame(lenField(2, concat(stringField(2, "1.5"), stringField(1, "100"))));
    expect(readByOurs(bytes)).toBe(true);
    const { event } = expectSame(bytes) as { event: MexcEvent & { type: "depthDiff" } };
    expect(Object.keys(event.bids[0]!)).toEqual(["quantity", "price"]);
    // No asks: a new empty array (not protobufjs' frozen shared one), as toEvent(decodePush()) gives it.
    expect(event.asks).toEqual([]);
    expect(Object.isFrozen(event.asks)).toBe(false);
  });

  const cases: [string, Uint8Array][] = [
    ["no channel", lenField(W.publicAggreDepths, lenField(1, level("1", "2")))],
    ["an empty channel", concat(stringField(W.channel, ""), lenField(W.publicAggreDepths, new Uint8Array()))],
    ["a channel sent twice, the second empty", depthFrame(new Uint8Array(), stringField(W.channel, ""))],
    ["no body", concat(stringField(W.channel, DEPTH_CHANNEL), varintField(W.sendTime, 5))],
    ["an empty body", depthFrame(new Uint8Array())],
    ["two bodies", concat(depthFrame(new Uint8Array()), lenField(W.publicAggreDeals, new Uint8Array()))],
    [
      "the same body twice (merged)",
      concat(depthFrame(lenField(1, level("1", "2"))), lenField(313, lenField(1, level("3", "4")))),
    ],
    [
      "a body of another stream after ours",
      concat(depthFrame(new Uint8Array()), lenField(W.privateDeals, new Uint8Array())),
    ],
    ["an unknown wrapper field", depthFrame(lenField(1, level("1", "2")), unknownFields())],
    ["an unknown body field", depthFrame(concat(lenField(1, level("1", "2")), unknownFields()))],
    ["an unknown level field", depthFrame(lenField(1, concat(level("1", "2"), unknownFields())))],
    ["an unknown trade field", dealsFrame(deal(unknownFields()))],
    ["an unknown book ticker field", tickerFrame(stringField(1, "1"), unknownFields())],
    ["field 2 of the wrapper (unused)", depthFrame(new Uint8Array(), stringField(2, "x"))],
    ["a level price sent twice, bad then good", depthFrame(lenField(1, concat(stringField(1, "x"), level("1", "2"))))],
    [
      "a level price sent twice, good then bad",
      depthFrame(lenField(1, concat(level("1", "2"), stringField(1, "1e5")))),
    ],
    ["a level price sent twice, both good", depthFrame(lenField(1, concat(level("1", "2"), stringField(1, "3"))))],
    ["a level without a quantity", depthFrame(lenField(1, stringField(1, "1")))],
    ["a level with an empty price", depthFrame(lenField(1, level("", "2")))],
    ["an empty level", depthFrame(lenField(1, new Uint8Array()))],
    [
      "a level price as a varint (wrong wire type)",
      depthFrame(lenField(1, concat(varintField(1, 5), level("1", "2")))),
    ],
    ["asks as a varint (wrong wire type)", depthFrame(varintField(1, 7))],
    ["fromVersion as a varint", depthFrame(varintField(4, 7))],
    ["sendTime as a string (wrong wire type)", depthFrame(new Uint8Array(), stringField(W.sendTime, "1"))],
    ["the channel as a varint", concat(varintField(W.channel, 1), depthFrame(new Uint8Array()))],
    ["a bad decimal", depthFrame(lenField(2, level("1.", "2")))],
    ["a non-ASCII decimal", depthFrame(lenField(2, level("١٢", "2")))],
    ["a non-ASCII symbol", depthFrame(new Uint8Array(), stringField(W.symbol, "BTC€"))],
    ["an empty symbol", depthFrame(new Uint8Array(), stringField(W.symbol, ""))],
    ["a symbolId", depthFrame(new Uint8Array(), stringField(W.symbolId, "f5ab0c8a"))],
    ["a non-ASCII version", depthFrame(stringField(4, "4329é"))],
    ["an empty fromVersion", depthFrame(stringField(4, ""))],
    ["a long eventType, not interned", depthFrame(stringField(3, "e".repeat(200)))],
    ["createTime only", depthFrame(new Uint8Array(), varintField(W.createTime, 1754741322152))],
    [
      "sendTime 0 and createTime",
      depthFrame(new Uint8Array(), varintField(W.sendTime, 0), varintField(W.createTime, 9)),
    ],
    ["sendTime twice", depthFrame(new Uint8Array(), varintField(W.sendTime, 3), varintField(W.sendTime, 4))],
    [
      "a trade without sendTime: the last trade's time",
      concat(
        stringField(W.channel, "c"),
        lenField(
          W.publicAggreDeals,
          concat(lenField(1, deal(varintField(4, 7))), lenField(1, deal(varintField(4, 9)))),
        ),
      ),
    ],
    ["a trade with tradeType 0 and time 0 on the wire", dealsFrame(deal(varintField(3, 0), varintField(4, 0)))],
    ["a trade with tradeType set then 0", dealsFrame(deal(varintField(3, 2), varintField(3, 0), varintField(3, 1)))],
    ["a trade with an empty tradeId", dealsFrame(deal(stringField(5, "")))],
    [
      "a trade with fields in reverse",
      dealsFrame(concat(stringField(5, "9X1"), varintField(4, 8), varintField(3, 1), level("2", "3"))),
    ],
    ["a negative tradeType (10-byte varint)", dealsFrame(deal(varintField(3, -1)))],
    ["a tradeType of 2^31 - 1", dealsFrame(deal(varintField(3, 2 ** 31 - 1)))],
    ["a tradeType of 2^28 - 1", dealsFrame(deal(varintField(3, 2 ** 28 - 1)))],
    ["a trade without a price", dealsFrame(stringField(2, "1"))],
    ["no trades", dealsFrame()],
    ["a book ticker with empty values", tickerFrame(stringField(1, ""), stringField(5, ""))],
    ["a book ticker with no fields", tickerFrame()],
    ["a book ticker with a bad price", tickerFrame(stringField(3, "1e5"))],
    ["a book ticker price sent twice, bad then good", tickerFrame(stringField(3, "x"), stringField(3, "1"))],
    ["a book ticker price sent twice, good then empty", tickerFrame(stringField(3, "1"), stringField(3, ""))],
    [
      "an overlong length (2 bytes for 5)",
      concat(stringField(1, DEPTH_CHANNEL), tag(313, 2), Uint8Array.of(0x80, 0x00)),
    ],
    [
      "an overlong tag",
      concat(
        Uint8Array.of(0x8a, 0x00),
        varint(DEPTH_CHANNEL.length),
        Buffer.from(DEPTH_CHANNEL),
        lenField(313, new Uint8Array()),
      ),
    ],
    [
      "the body's tag in 3 bytes (overlong)",
      concat(stringField(1, DEPTH_CHANNEL), Uint8Array.of(0xca, 0x93, 0x00), varint(0)),
    ],
    ["the body's tag cut after its first byte", concat(stringField(1, DEPTH_CHANNEL), Uint8Array.of(0xca))],
    [
      "a 5-byte tag",
      concat(
        Uint8Array.of(0x8a, 0x80, 0x80, 0x80, 0x00),
        varint(47),
        Buffer.from(DEPTH_CHANNEL),
        lenField(313, new Uint8Array()),
      ),
    ],
    [
      "invalid UTF-8 in the channel",
      concat(lenField(1, Uint8Array.of(0x61, 0xc3, 0x28)), lenField(313, new Uint8Array())),
    ],
    ["invalid UTF-8 in the eventType", depthFrame(lenField(3, Uint8Array.of(0x61, 0xff, 0x61, 0x61, 0x61)))],
    [
      "invalid UTF-8 in the symbolId",
      depthFrame(new Uint8Array(), lenField(W.symbolId, Uint8Array.of(0xed, 0xa0, 0x80))),
    ],
    ["invalid UTF-8 in a tradeId", dealsFrame(deal(lenField(5, Uint8Array.of(0xf8, 0x88, 0x80, 0x80, 0x80))))],
    ["a NUL in a price", depthFrame(lenField(1, level("1.5\u0000", "1")))],
  ];
  for (const edge of [
    0,
    1,
    127,
    128,
    2 ** 28 - 1,
    2 ** 28,
    2 ** 35,
    2 ** 49 - 1,
    2 ** 49,
    2 ** 53,
    2 ** 53 + 2,
    2 ** 63 - 1,
  ]) {
    cases.push([`sendTime ${edge}`, depthFrame(new Uint8Array(), varintField(W.sendTime, BigInt(edge)))]);
    cases.push([`trade time ${edge}`, dealsFrame(deal(varintField(4, BigInt(edge))))]);
    cases.push([`lastOrderCreateTime ${edge}`, depthFrame(varintField(6, BigInt(edge)))]);
  }
  for (const edge of [-1n, -(2n ** 63n), 2n ** 64n - 1n]) {
    cases.push([`sendTime ${edge}`, depthFrame(new Uint8Array(), varintField(W.sendTime, edge))]);
    cases.push([`trade time ${edge}`, dealsFrame(deal(varintField(4, edge)))]);
  }
  cases.push([
    "an 11-byte int64 varint",
    depthFrame(
      new Uint8Array(),
      tag(W.sendTime, 0),
      Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
    ),
  ]);

  it.each(cases)("gives the same event or error on a frame with %s", (_what, bytes) => {
    expectSame(bytes);
  });

  it("reads the frames MEXC sends itself, and the rare shapes it is unsure of the old way", () => {
    const ours = (what: string) => readByOurs(cases.find(([name]) => name === what)![1]);
    expect(ours("a level price sent twice, both good")).toBe(true);
    expect(ours("a trade with fields in reverse")).toBe(true);
    expect(ours("sendTime 1")).toBe(true);
    expect(ours("a book ticker with empty values")).toBe(true);
    expect(ours("an unknown level field")).toBe(false);
    expect(ours("two bodies")).toBe(false);
    expect(ours("a bad decimal")).toBe(false);
  });

  it("gives the same outcome truncated at every byte", () => {
    for (const name of AGGRE) {
      const bytes = encodePush(FRAME_FIXTURES[name]);
      for (let end = 0; end < bytes.length; end++) expectSame(bytes.subarray(0, end), () => `${name} cut at ${end}`);
    }
  });
});

// Any text a string field could hold, plain decimals most often.
const decimalText = fc.oneof(
  { weight: 30, arbitrary: fc.stringMatching(/^-?\d{1,12}(\.\d{1,12})?$/) },
  fc.constantFrom("", "0", "1.", ".5", "-", "1e5", "NaN", "١٢", " 1", "1.5\u0000"),
  fc.string({ unit: "grapheme", maxLength: 16 }),
);
const text = fc.oneof(
  { weight: 5, arbitrary: fc.string({ maxLength: 70 }) },
  fc.string({ unit: "grapheme", maxLength: 12 }),
);
const int64 = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 45 }),
  fc.constantFrom(0, 1, 2 ** 49 - 1, 2 ** 49, 2 ** 53 - 1, -1, -(2 ** 40)),
);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const header = fc.record({
  channel: fc.oneof(
    fc.constant(DEPTH_CHANNEL),
    text.filter((s) => s !== ""),
  ),
  symbol: optional(fc.oneof(fc.constantFrom("BTCUSDT", "ETHUSDT", "KASUSDT"), text)),
  symbolId: optional(text),
  createTime: optional(int64),
  sendTime: optional(int64),
});
const levels = fc.array(fc.record({ price: decimalText, quantity: decimalText }, { requiredKeys: [] }), {
  maxLength: 8,
});
const depths = fc.record({
  asks: levels,
  bids: levels,
  eventType: optional(fc.oneof(fc.constant(DEPTH_STREAM), text)),
  fromVersion: optional(text),
  toVersion: optional(text),
  lastOrderCreateTime: optional(int64),
});
const deals = fc.record({
  deals: fc.array(
    fc.record(
      {
        price: decimalText,
        quantity: decimalText,
        tradeType: fc.integer({ min: -3, max: 2 ** 31 - 1 }),
        time: int64,
        tradeId: text,
      },
      { requiredKeys: [] },
    ),
    { maxLength: 6 },
  ),
  eventType: optional(text),
});
const ticker = fc.record(
  {
    bidPrice: decimalText,
    bidQuantity: decimalText,
    askPrice: decimalText,
    askQuantity: decimalText,
    version: text,
    lastOrderCreateTime: int64,
  },
  { requiredKeys: [] },
);
const wrapper = fc.oneof(
  fc.tuple(header, depths).map(([h, body]) => ({ ...h, publicAggreDepths: body })),
  fc.tuple(header, deals).map(([h, body]) => ({ ...h, publicAggreDeals: body })),
  fc.tuple(header, ticker).map(([h, body]) => ({ ...h, publicAggreBookTicker: body })),
);

describe("decodeEvent against toEvent(decodePush()) (fast-check, byte mutations)", () => {
  it("on generated frames of the aggregated streams with any text, times and trade types", () => {
    let ours = 0;
    fc.assert(
      fc.property(wrapper, (w) => {
        const bytes = encodePush(w as unknown as PushWrapper);
        if (readByOurs(bytes)) ours++;
        expectSame(bytes);
      }),
      { numRuns: 5_000 },
    );
    // Plain decimals are most of the generated values: our reader reads a good share itself.
    expect(ours).toBeGreaterThan(250);
  });

  it("on 50,000 byte mutations (flipped, inserted, deleted bytes, cut short)", () => {
    const random = prng(0x31fa57);
    const frames = AGGRE.map((name) => encodePush(FRAME_FIXTURES[name]));
    const seen = { ours: 0, events: 0, errors: 0 };
    for (let i = 0; i < 50_000; i++) {
      let bytes: Uint8Array = new Uint8Array(random.pick(frames));
      for (let n = 1 + random.int(3); n > 0; n--) {
        const at = random.int(bytes.length);
        const roll = random.int(4);
        if (roll === 0) bytes[at]! ^= 1 << random.int(8);
        else if (roll === 1) bytes = concat(bytes.subarray(0, at), Uint8Array.of(random.int(256)), bytes.subarray(at));
        else if (roll === 2) bytes = concat(bytes.subarray(0, at), bytes.subarray(at + 1));
        else bytes = bytes.subarray(0, at);
      }
      if (readByOurs(bytes)) seen.ours++;
      const result = expectSame(bytes, () => `case ${i}: ${Buffer.from(bytes).toString("hex")}`);
      if ("event" in result) seen.events++;
      else seen.errors++;
    }
    // Both sides of the comparison are exercised: events our reader made, and errors.
    expect(seen.ours).toBeGreaterThan(2_000);
    expect(seen.errors).toBeGreaterThan(5_000);
    // CPU work, not a wait: 4-6 s quiet, 22 s once beside two other test files and an image build.
  }, 120_000);
});
