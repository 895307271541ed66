import { describe, expect, it } from "vitest";
import { FRAME_FIXTURES } from "../test/fixtures/index.js";
import { SEED_003_RENDERINGS } from "../test/fixtures/seed003.js";
import { SPEC_BODIES, specSample } from "../test/fixtures/specFields.js";
import { bytesToHex, hexToBytes, VECTOR_A, VECTOR_B, WIRE_VECTORS } from "../test/fixtures/vectors.js";
import { concat, lenField, stringField, unknownFields, varint, varintField } from "../test/fixtures/wireBytes.js";
import { bodyName, decodePush, encodePush } from "./codec.js";
import { ProtocolError, type ProtocolErrorCode } from "./errors.js";
import { type PrivateOrders, PUSH_BODY_NAMES, type PushWrapper } from "./wire.js";

/** The ProtocolError decodePush throws for `bytes`; fails on any other outcome. */
function decodeError(bytes: Uint8Array): ProtocolError {
  try {
    decodePush(bytes);
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw new Error(`decodePush(${bytesToHex(bytes)}) threw ${String(error)}, not a ProtocolError`);
  }
  throw new Error(`decodePush(${bytesToHex(bytes)}) accepted a bad frame`);
}

const roundTrip = (frame: PushWrapper): PushWrapper => decodePush(encodePush(frame));

describe("the docs/mexc/protobuf.md#wire-tags-and-test-vectors test vectors", () => {
  it.each(WIRE_VECTORS)("vector $name decodes to exactly the documented values", (vector) => {
    const decoded = decodePush(hexToBytes(vector.hex));
    expect(decoded).toEqual(vector.decoded);
    // Nothing else is set either: the JSON form is the documented object, key for key.
    expect(JSON.parse(JSON.stringify(decoded))).toStrictEqual(vector.decoded);
  });

  it.each(WIRE_VECTORS)("vector $name re-encodes to the same bytes, from the decoded or a plain object", (vector) => {
    expect(bytesToHex(encodePush(decodePush(hexToBytes(vector.hex))))).toBe(vector.hex);
    expect(bytesToHex(encodePush(vector.decoded))).toBe(vector.hex);
  });

  it("has the documented lengths: A 176 bytes, B 144 bytes", () => {
    expect(hexToBytes(VECTOR_A.hex)).toHaveLength(176);
    expect(hexToBytes(VECTOR_B.hex)).toHaveLength(144);
  });

  it("reads int64 as JS numbers and leaves decimal strings as sent", () => {
    const b = decodePush(hexToBytes(VECTOR_B.hex));
    expect(typeof b.createTime).toBe("number");
    expect(typeof b.sendTime).toBe("number");
    expect(b.privateAccount?.time).toBe(1736416910000);
    expect(b.privateAccount?.balanceAmount).toBe("21.94210356004384");
    const a = decodePush(hexToBytes(VECTOR_A.hex));
    expect(a.sendTime).toBe(1754741322152);
    expect(a.publicAggreDepths?.asks?.[0]?.quantity).toBe("0");
    expect(a.publicAggreDepths?.fromVersion).toBe("43296363236");
  });
});

describe("every field number of docs/mexc/protobuf.md", () => {
  it.each(PUSH_BODY_NAMES)("%s: a body hand-built from the spec's table decodes field by field", (name) => {
    const [fieldNo, message] = SPEC_BODIES[name];
    const body = specSample(message);
    const frame = concat(stringField(1, "channel"), lenField(fieldNo, body.bytes));
    const decoded = decodePush(frame);
    expect(bodyName(decoded)).toBe(name);
    expect({ ...decoded }).toEqual({ channel: "channel", [name]: body.value });
  });

  it("reads the wrapper header fields 3 symbol, 4 symbolId, 5 createTime, 6 sendTime", () => {
    const frame = concat(
      stringField(1, "spot@public.kline.v3.api.pb@BTCUSDT@Min15"),
      stringField(3, "BTCUSDT"),
      stringField(4, "2fb942154ef44a4ab2ef98c8afb6a4a7"),
      varintField(5, 1736410707571),
      varintField(6, 1736410707580),
      lenField(308, stringField(1, "Min15")),
    );
    expect(decodePush(frame)).toEqual({
      channel: "spot@public.kline.v3.api.pb@BTCUSDT@Min15",
      symbol: "BTCUSDT",
      symbolId: "2fb942154ef44a4ab2ef98c8afb6a4a7",
      createTime: 1736410707571,
      sendTime: 1736410707580,
      publicSpotKline: { interval: "Min15" },
    });
  });
});

describe("int64 fields absent from the wire", () => {
  // generated/mexc.js bakes int64 defaults into prototypes when it loads; longAsNumber.ts must
  // switch Long off before that, or an absent int64 reads as a truthy Long object.
  it("read as the number 0, like the ones that are", () => {
    const empty = concat(stringField(1, "spot@private.account.v3.api.pb"), lenField(307, stringField(1, "USDT")));
    expect(decodePush(empty).privateAccount?.time).toBe(0);
  });
});

describe("round trip of every body type", () => {
  it("has one fixture for each of the 15 bodies", () => {
    expect(Object.keys(FRAME_FIXTURES).sort()).toEqual([...PUSH_BODY_NAMES].sort());
    expect(PUSH_BODY_NAMES).toHaveLength(15);
  });

  it.each(PUSH_BODY_NAMES)("%s: encode -> decode gives the fixture back, and the same bytes again", (name) => {
    const frame = FRAME_FIXTURES[name];
    const bytes = encodePush(frame);
    const decoded = decodePush(bytes);
    expect(bodyName(decoded)).toBe(name);
    expect(decoded).toEqual(frame);
    expect(bytesToHex(encodePush(decoded))).toBe(bytesToHex(bytes));
  });

  it("keeps the 2026-06-17 additions: tradeId, version, lastOrderCreateTime", () => {
    const deals = roundTrip(FRAME_FIXTURES.publicAggreDeals).publicAggreDeals;
    expect(deals?.deals?.map((d) => d.tradeId)).toEqual(["585412967301369856X1", "585412967301369857X1"]);
    expect(roundTrip(FRAME_FIXTURES.publicAggreDepths).publicAggreDepths?.lastOrderCreateTime).toBe(1754741322139);
    const ticker = roundTrip(FRAME_FIXTURES.publicAggreBookTicker).publicAggreBookTicker;
    expect([ticker?.version, ticker?.lastOrderCreateTime]).toEqual(["36913293511", 1736412092425]);
    const batch = roundTrip(FRAME_FIXTURES.publicBookTickerBatch).publicBookTickerBatch;
    expect([batch?.version, batch?.lastOrderCreateTime]).toEqual(["36913293540", 1736412092521]);
    expect(roundTrip(FRAME_FIXTURES.publicLimitDepths).publicLimitDepths?.lastOrderCreateTime).toBe(1736411838712);
  });
});

describe("PrivateOrders' proto3 optional fields", () => {
  const order: PrivateOrders = {
    id: "C02__583905164440776704043",
    price: "0.001053",
    quantity: "2000",
    amount: "0",
    avgPrice: "0.001007",
    orderType: 5,
    tradeType: 1,
    remainAmount: "0.092",
    remainQuantity: "0",
    cumulativeQuantity: "2000",
    cumulativeAmount: "2.014",
    status: 2,
    createTime: 1754996075502,
  };
  const frame = (body: PrivateOrders): PushWrapper => ({
    channel: "spot@private.orders.v3.api.pb",
    symbol: "PEPEUSDT",
    sendTime: 1754996075530,
    privateOrders: body,
  });
  const OPTIONAL_NAMES = [
    "lastDealQuantity",
    "market",
    "triggerType",
    "triggerPrice",
    "state",
    "ocoId",
    "routeFactor",
    "symbolId",
    "marketId",
    "marketCurrencyId",
    "currencyId",
  ] as const;

  it("survive the round trip when set to values", () => {
    const withValues = frame({
      ...order,
      lastDealQuantity: "2000",
      market: "USDT",
      triggerType: 1,
      triggerPrice: "0.00105",
      state: 2,
      ocoId: "oco-17",
      routeFactor: "1",
      symbolId: "b2d6d0b2c5e54e0d8b2d1c4f6e7a8b9c",
      marketId: "9f6d0a1b2c3d4e5f",
      marketCurrencyId: "128f589271cb4951b03e71e6323eb7be",
      currencyId: "5a7c9e1f3b5d7f9a",
    });
    expect(roundTrip(withValues)).toEqual(withValues);
  });

  it('keep explicit presence when set to "" and 0, which plain proto3 fields would drop', () => {
    const explicitDefaults = frame({
      ...order,
      lastDealQuantity: "",
      market: "",
      triggerType: 0,
      triggerPrice: "",
      state: 0,
      ocoId: "",
      routeFactor: "",
      symbolId: "",
      marketId: "",
      marketCurrencyId: "",
      currencyId: "",
    });
    const bytes = encodePush(explicitDefaults);
    expect(bytes.length).toBeGreaterThan(encodePush(frame(order)).length + 2 * OPTIONAL_NAMES.length - 1);
    const decoded = decodePush(bytes).privateOrders!;
    for (const name of OPTIONAL_NAMES) expect(Object.hasOwn(decoded, name), name).toBe(true);
    expect(decoded).toEqual(explicitDefaults.privateOrders);
    expect(bytesToHex(encodePush(decodePush(bytes)))).toBe(bytesToHex(bytes));
  });

  it("stay absent when not set", () => {
    const decoded = roundTrip(frame(order)).privateOrders!;
    for (const name of OPTIONAL_NAMES) expect(Object.hasOwn(decoded, name), name).toBe(false);
    expect(decoded).toEqual(order);
  });

  it('keep the wrapper\'s optional symbol "" and createTime 0 as set', () => {
    const wrapper: PushWrapper = {
      channel: "spot@private.orders.v3.api.pb",
      symbol: "",
      createTime: 0,
      privateOrders: order,
    };
    const decoded = roundTrip(wrapper);
    expect(Object.hasOwn(decoded, "symbol")).toBe(true);
    expect(Object.hasOwn(decoded, "createTime")).toBe(true);
    expect(Object.hasOwn(decoded, "sendTime")).toBe(false);
    expect(decoded).toEqual(wrapper);
  });
});

/** Seed 003 renders decoded pushes as `key: value` lines and `body {`, not JSON (docs/mexc/protobuf.md#decoding-in-typescript). */
function normalizeDocsRendering(text: string): PushWrapper {
  const json = text.replace(/^(\w+)\s*\{$/gm, '"$1": {').replace(/^(\w+):\s*/gm, '"$1": ');
  return JSON.parse(json) as PushWrapper;
}

describe("the seed-003 examples of account, deals and orders pushes", () => {
  it("account: encodes and decodes back to privateAccount.json", () => {
    const example = normalizeDocsRendering(SEED_003_RENDERINGS.account);
    expect(example).toEqual(FRAME_FIXTURES.privateAccount);
    expect(roundTrip(example)).toEqual(example);
  });

  it("orders: encodes and decodes back to privateOrders.json", () => {
    const example = normalizeDocsRendering(SEED_003_RENDERINGS.orders);
    expect(example).toEqual(FRAME_FIXTURES.privateOrders);
    expect(roundTrip(example)).toEqual(example);
  });

  it("deals: encodes and decodes back, isMaker:false being proto3's default and never on the wire", () => {
    const example = normalizeDocsRendering(SEED_003_RENDERINGS.deals);
    expect(example.privateDeals?.isMaker).toBe(false);
    const decoded = roundTrip(example);
    expect(decoded).toEqual(FRAME_FIXTURES.privateDeals);
    expect(Object.hasOwn(decoded.privateDeals!, "isMaker")).toBe(false);
    expect(decoded.privateDeals?.isMaker).toBe(false);
    expect(encodePush(decoded)).toEqual(encodePush(example));
  });
});

describe("unknown fields", () => {
  const vectorA = hexToBytes(VECTOR_A.hex);
  const vectorB = hexToBytes(VECTOR_B.hex);

  it("are skipped after and before the wrapper's fields", () => {
    expect(decodePush(concat(vectorA, unknownFields()))).toEqual(VECTOR_A.decoded);
    expect(decodePush(concat(unknownFields(), vectorA))).toEqual(VECTOR_A.decoded);
    // The hand-appended bytes are the documented ones: field 99 varint, field 98 length-delimited.
    expect(bytesToHex(unknownFields()).slice(0, 12)).toBe("980696019206");
  });

  it("are skipped inside a body", () => {
    // Vector B ends with its body: tag 9a 13, length 0x5f, 95 bytes. Grow the body by the unknowns.
    const head = vectorB.subarray(0, vectorB.length - 96);
    const body = vectorB.subarray(vectorB.length - 95);
    expect(bytesToHex(head.subarray(-2))).toBe("9a13");
    const grown = concat(unknownFields(), body, unknownFields());
    expect(decodePush(concat(head, varint(grown.length), grown))).toEqual(VECTOR_B.decoded);
  });

  it("are skipped inside a repeated item", () => {
    const ask = concat(stringField(1, "117145.49"), unknownFields(), stringField(2, "0"));
    const frame = concat(
      stringField(1, "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT"),
      lenField(313, lenField(1, ask)),
    );
    expect(decodePush(frame).publicAggreDepths).toEqual({ asks: [{ price: "117145.49", quantity: "0" }], bids: [] });
  });

  it("include a known field number sent with another wire type", () => {
    // privateAccount.time (8) as a string instead of a varint: skipped, not misread.
    const body = concat(stringField(1, "USDT"), stringField(8, "1736416910000"));
    const frame = concat(stringField(1, "spot@private.account.v3.api.pb"), lenField(307, body));
    expect({ ...decodePush(frame) }).toEqual({
      channel: "spot@private.account.v3.api.pb",
      privateAccount: { vcoinName: "USDT" },
    });
  });
});

describe("bad input is a ProtocolError with a code, never another exception", () => {
  /** The field ends of each vector: a prefix cut there is a complete frame without its body. */
  const cases = [
    { vector: VECTOR_A, headerEnds: [49, 58, 65] }, // after channel, symbol, sendTime
    { vector: VECTOR_B, headerEnds: [32, 39, 46] }, // after channel, createTime, sendTime
  ];
  it.each(cases)("every strict prefix of vector $vector.name is rejected", ({ vector, headerEnds }) => {
    const bytes = hexToBytes(vector.hex);
    for (let length = 0; length < bytes.length; length++) {
      const error = decodeError(bytes.subarray(0, length));
      const expected: ProtocolErrorCode =
        length === 0 ? "MISSING_CHANNEL" : headerEnds.includes(length) ? "MISSING_BODY" : "TRUNCATED";
      expect(error.code, `prefix of ${length} bytes: ${error.message}`).toBe(expected);
    }
  });

  it.each([
    ["a JSON control frame", new TextEncoder().encode('{"id":0,"code":0,"msg":"PONG"}')],
    ["a plain-text error", new TextEncoder().encode("Invalid listen key")],
    ["wire type 7", Uint8Array.of(0x0f)],
    ["field number 0", Uint8Array.of(0x00, 0x01)],
    ["an 11-byte varint tag", new Uint8Array(11).fill(0xff)],
    ["a length past the end", Uint8Array.of(0x0a, 0x7f, 0x41)],
    ["a huge length", concat(Uint8Array.of(0x0a), varint(0xffffffff), Uint8Array.of(0x41))],
    ["an end-group without a start", Uint8Array.of(0x0c)],
    ["an unterminated group", Uint8Array.of(0x0b, 0x08, 0x01)],
    ["invalid UTF-8 in the channel", Uint8Array.of(0x0a, 0x02, 0xc3, 0x28, 0x9a, 0x13, 0x00)],
    ["a body whose length overruns the frame", concat(stringField(1, "c"), Uint8Array.of(0x9a, 0x13, 0x05, 0x0a))],
  ])("%s", (_label, bytes) => {
    const error = decodeError(bytes);
    expect(["TRUNCATED", "MALFORMED", "MISSING_CHANNEL", "MISSING_BODY"]).toContain(error.code);
    expect(error.message).toMatch(/^frame of \d+ bytes /);
  });

  it("a frame without a channel is MISSING_CHANNEL", () => {
    // encodePush refuses to write such a frame, so build it by hand: sendTime + an account body.
    const noChannel = concat(varintField(6, 1736417034307), lenField(307, stringField(1, "USDT")));
    const error = decodeError(noChannel);
    expect(error.code).toBe("MISSING_CHANNEL");
    expect(error.message).toContain("channel");
  });

  it("a frame without a body is MISSING_BODY, naming the channel", () => {
    const noBody = concat(stringField(1, "spot@private.account.v3.api.pb"), varintField(6, 1736417034307));
    const error = decodeError(noBody);
    expect(error.code).toBe("MISSING_BODY");
    expect(error.message).toContain("spot@private.account.v3.api.pb");
  });

  it("a body field with the wrong wire type does not count as a body", () => {
    expect(decodeError(concat(stringField(1, "c"), varintField(313, 5))).code).toBe("MISSING_BODY");
  });

  it("an empty body is still a body", () => {
    const decoded = decodePush(
      concat(stringField(1, "spot@private.account.v3.api.pb"), lenField(307, new Uint8Array())),
    );
    expect(bodyName(decoded)).toBe("privateAccount");
  });
});

describe("encodePush refuses what decodePush would reject", () => {
  it.each([
    ["no channel", { channel: "", privateAccount: { vcoinName: "USDT" } }, /channel/],
    ["no body", { channel: "spot@private.account.v3.api.pb" }, /exactly one body, got none/],
    [
      "two bodies",
      { channel: "spot@private.account.v3.api.pb", privateAccount: {}, privateDeals: {} },
      /exactly one body, got privateDeals, privateAccount/,
    ],
  ])("%s", (_label, wrapper, message) => {
    let caught: unknown;
    try {
      encodePush(wrapper as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProtocolError);
    expect((caught as ProtocolError).code).toBe("ENCODE_FAILED");
    expect((caught as ProtocolError).message).toMatch(message);
  });
});

describe("a frame with two bodies", () => {
  it("is MALFORMED: MEXC sends exactly one body per frame", () => {
    const twoBodies = concat(
      stringField(1, "spot@private.account.v3.api.pb"),
      lenField(307, stringField(1, "USDT")),
      lenField(306, stringField(1, "3.6962")),
    );
    const error = decodeError(twoBodies);
    expect(error.code).toBe("MALFORMED");
    expect(error.message).toContain("2 bodies");
  });
});
