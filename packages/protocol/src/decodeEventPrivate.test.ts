/**
 * decodeEvent reads the private pushes (balances, fills, orders) with a reader of our own
 * (privateBodies.ts): these tests prove it gives the very event, or the very ProtocolError, that
 * `toEvent(decodePush(bytes))` gives, on frames built for every corner of those bodies, on every
 * truncation, on fast-check frames and on byte mutations, and that it reads the pushes MEXC
 * sends itself (so the comparisons are not of the old path with itself).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FRAME_FIXTURES } from "../test/fixtures/index.js";
import { concat, lenField, stringField, unknownFields, varintField } from "../test/fixtures/wireBytes.js";
import { prng } from "../test/prng.js";
import { expectSame, readByOurs } from "../test/sameEvent.js";
import { encodePush } from "./codec.js";
import { FIELD_NUMBERS } from "./generated/fieldNumbers.js";
import type { PushWrapper } from "./wire.js";

const W = FIELD_NUMBERS.PushDataV3ApiWrapper;
const ACCOUNT = FIELD_NUMBERS.PrivateAccountV3Api;
const DEALS = FIELD_NUMBERS.PrivateDealsV3Api;
const ORDERS = FIELD_NUMBERS.PrivateOrdersV3Api;
const PRIVATE = ["privateAccount", "privateDeals", "privateOrders"] as const;

const frame = (body: number, channel: string, fields: Uint8Array[], ...header: Uint8Array[]) =>
  concat(
    stringField(W.channel, channel),
    stringField(W.symbol, "MXUSDT"),
    varintField(W.sendTime, 1736417034332),
    ...header,
    lenField(body, concat(...fields)),
  );
const accountFrame = (...fields: Uint8Array[]) =>
  frame(W.privateAccount, "spot@private.account.v3.api.pb", [
    stringField(ACCOUNT.vcoinName, "USDT"),
    stringField(ACCOUNT.balanceAmount, "21.94"),
    ...fields,
  ]);
const fillFrame = (...fields: Uint8Array[]) =>
  frame(W.privateDeals, "spot@private.deals.v3.api.pb", [
    stringField(DEALS.price, "3.6962"),
    varintField(DEALS.tradeType, 2),
    ...fields,
  ]);
const orderFrame = (...fields: Uint8Array[]) =>
  frame(W.privateOrders, "spot@private.orders.v3.api.pb", [
    stringField(ORDERS.id, "C02__505979017439002624115"),
    varintField(ORDERS.orderType, 1),
    varintField(ORDERS.tradeType, 1),
    varintField(ORDERS.status, 1),
    ...fields,
  ]);

const cases: [string, Uint8Array][] = [
  ["a balance with its time", accountFrame(varintField(ACCOUNT.time, 1736416910000))],
  ["a balance with time 0: the frame's time", accountFrame(varintField(ACCOUNT.time, 0))],
  ["a balance with every decimal empty", accountFrame(stringField(3, ""), stringField(4, ""), stringField(6, ""))],
  ["a balance with a negative change", accountFrame(stringField(ACCOUNT.balanceAmountChange, "-10.5"))],
  ["a balance with a bad decimal", accountFrame(stringField(ACCOUNT.frozenAmount, "1e5"))],
  ["a balance amount sent twice, bad then good", accountFrame(stringField(3, "x"), stringField(3, "2"))],
  ["a balance with a non-ASCII type", accountFrame(stringField(ACCOUNT.type, "ENTRUSTé"))],
  ["a balance with invalid UTF-8 in the coin", accountFrame(lenField(ACCOUNT.coinId, Uint8Array.of(0x61, 0xff)))],
  ["a balance with an unknown field", accountFrame(unknownFields())],
  ["a balance with its time as a string", accountFrame(stringField(ACCOUNT.time, "5"))],
  ["a balance with a negative time", accountFrame(varintField(ACCOUNT.time, -1))],
  [
    "a fill with every field",
    fillFrame(
      stringField(DEALS.quantity, "1"),
      stringField(DEALS.amount, "3.6962"),
      varintField(DEALS.isMaker, true),
      varintField(DEALS.isSelfTrade, true),
      stringField(DEALS.tradeId, "505979017439002624X1"),
      stringField(DEALS.clientOrderId, "mx-live-1234567890"),
      stringField(DEALS.orderId, "C02__505979017439002624115"),
      stringField(DEALS.feeAmount, "0.0003998377369698171"),
      stringField(DEALS.feeCurrency, "MX"),
      varintField(DEALS.time, 1736417034280),
    ),
  ],
  ["a fill with isMaker sent, then 0", fillFrame(varintField(DEALS.isMaker, 1), varintField(DEALS.isMaker, 0))],
  ["a fill with isSelfTrade 2 (any non-zero is true)", fillFrame(varintField(DEALS.isSelfTrade, 2))],
  ["a fill with isMaker 2^27 (a 4-byte bool)", fillFrame(varintField(DEALS.isMaker, 2 ** 27))],
  ["a fill with isMaker 2^35 (a 6-byte bool)", fillFrame(varintField(DEALS.isMaker, 2 ** 35))],
  ["a fill with tradeType 3 (unknown side)", fillFrame(varintField(DEALS.tradeType, 3))],
  ["a fill with tradeType 0 on the wire", fillFrame(varintField(DEALS.tradeType, 0))],
  ["a fill with a negative tradeType", fillFrame(varintField(DEALS.tradeType, -1))],
  ["a fill with an empty price", fillFrame(stringField(DEALS.price, ""))],
  ["a fill with a bad fee", fillFrame(stringField(DEALS.feeAmount, "0.1.2"))],
  ["a fill with a non-ASCII fee currency", fillFrame(stringField(DEALS.feeCurrency, "€"))],
  ["a fill with an unknown field", fillFrame(unknownFields())],
  ["a fill with its price as a varint", fillFrame(varintField(DEALS.price, 5))],
  ["a fill with isMaker as a string", fillFrame(stringField(DEALS.isMaker, "1"))],
  ["a fill with time 0: the frame's time", fillFrame(varintField(DEALS.time, 0))],
  ["a fill without a symbol", concat(stringField(W.channel, "c"), lenField(W.privateDeals, varintField(4, 1)))],
  ["an order with every usual field", encodePush(FRAME_FIXTURES.privateOrders)],
  ["an order with an empty lastDealQuantity", orderFrame(stringField(ORDERS.lastDealQuantity, ""))],
  ["an order with a lastDealQuantity that is no decimal", orderFrame(stringField(ORDERS.lastDealQuantity, "x"))],
  ["an order with a non-ASCII lastDealQuantity", orderFrame(stringField(ORDERS.lastDealQuantity, "١"))],
  ["an order with a bad cumulativeAmount", orderFrame(stringField(ORDERS.cumulativeAmount, "-"))],
  ["an order with remainAmount and remainQuantity", orderFrame(stringField(10, "7.5"), stringField(11, "2"))],
  ["an order with isMaker and createTime", orderFrame(varintField(ORDERS.isMaker, 1), varintField(16, 1736417034259))],
  ["an order with createTime 0", orderFrame(varintField(ORDERS.createTime, 0))],
  ["an order with a negative createTime", orderFrame(varintField(ORDERS.createTime, -5))],
  ["a stop-limit order (type 100)", orderFrame(varintField(ORDERS.orderType, 100))],
  ["an order of an unknown type", orderFrame(varintField(ORDERS.orderType, 7))],
  ["an order of an unknown status", orderFrame(varintField(ORDERS.status, 6))],
  ["an order with status 0 on the wire", orderFrame(varintField(ORDERS.status, 0))],
  ["an order with an unknown side", orderFrame(varintField(ORDERS.tradeType, 9))],
  ["an order with a trigger price", orderFrame(stringField(ORDERS.triggerPrice, "3.5"))],
  ["an order with a trigger type and state", orderFrame(varintField(18, 1), varintField(20, 0))],
  ["an order with an OCO id", orderFrame(stringField(ORDERS.ocoId, "oco-1"))],
  [
    "an order with the fields the event drops",
    orderFrame(
      stringField(ORDERS.market, "USDT"),
      stringField(ORDERS.routeFactor, "1"),
      stringField(ORDERS.symbolId, "f5ab0c8a"),
      stringField(ORDERS.marketId, "9"),
      stringField(ORDERS.marketCurrencyId, "8"),
      stringField(ORDERS.currencyId, "7"),
    ),
  ],
  ["an order with invalid UTF-8 in a dropped field", orderFrame(lenField(ORDERS.market, Uint8Array.of(0xc3, 0x28)))],
  ["an order with an unknown field", orderFrame(unknownFields())],
  ["an order with field 27 (unknown, two-byte tag)", orderFrame(stringField(27, "x"))],
  ["an order with an overlong tag for its id", orderFrame(Uint8Array.of(0x8a, 0x00, 0x01, 0x61))],
  ["an order with a three-byte tag", orderFrame(Uint8Array.of(0x8a, 0x80, 0x00, 0x01, 0x61))],
  ["an order with createTime as a string", orderFrame(stringField(ORDERS.createTime, "1"))],
  ["an order and a fill body", concat(orderFrame(), lenField(W.privateDeals, new Uint8Array()))],
  ["an order body twice (merged)", concat(orderFrame(), lenField(W.privateOrders, varintField(ORDERS.status, 2)))],
];
cases.push([
  "a balance with the wrapper's symbolId and createTime",
  frame(
    W.privateAccount,
    "spot@private.account.v3.api.pb",
    [],
    stringField(W.symbolId, "x"),
    varintField(W.createTime, 9),
  ),
]);

describe("decodeEvent on the private pushes", () => {
  it("reads the official examples itself, into the event toEvent(decodePush()) gives", () => {
    for (const name of PRIVATE) {
      const bytes = encodePush(FRAME_FIXTURES[name]);
      expect(readByOurs(bytes), name).toBe(true);
      expect(expectSame(bytes, name)).toHaveProperty("event");
    }
  });

  it.each(cases)("gives the same event or error on %s", (_what, bytes) => {
    expectSame(bytes);
  });

  it("reads the usual shapes itself and leaves the rare ones (triggers, unknown enums) to the old way", () => {
    const ours = (what: string) => readByOurs(cases.find(([name]) => name === what)![1]);
    expect(ours("a fill with every field")).toBe(true);
    expect(ours("a balance with every decimal empty")).toBe(true);
    expect(ours("an order with the fields the event drops")).toBe(true);
    expect(ours("an order with an overlong tag for its id")).toBe(true);
    expect(ours("a stop-limit order (type 100)")).toBe(true);
    expect(ours("an order with a trigger price")).toBe(false);
    expect(ours("an order of an unknown status")).toBe(false);
    expect(ours("a fill with tradeType 3 (unknown side)")).toBe(false);
    expect(ours("a balance with a bad decimal")).toBe(false);
  });

  it("gives the same outcome truncated at every byte", () => {
    for (const name of PRIVATE) {
      const bytes = encodePush(FRAME_FIXTURES[name]);
      for (let end = 0; end < bytes.length; end++) expectSame(bytes.subarray(0, end), () => `${name} cut at ${end}`);
    }
  });
});

// Any text a string field could hold, plain decimals most often.
const decimalText = fc.oneof(
  { weight: 20, arbitrary: fc.stringMatching(/^-?\d{1,12}(\.\d{1,19})?$/) },
  fc.constantFrom("", "0", "1.", ".5", "-", "1e5", "١٢"),
  fc.string({ unit: "grapheme", maxLength: 16 }),
);
const text = fc.oneof(
  { weight: 5, arbitrary: fc.string({ maxLength: 40 }) },
  fc.string({ unit: "grapheme", maxLength: 8 }),
);
const int64 = fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.constantFrom(0, 2 ** 49, -1));
const code = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 6 }) }, fc.constantFrom(100, -1, 2 ** 30));
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const header = fc.record({
  channel: text.filter((s) => s !== ""),
  symbol: optional(fc.oneof(fc.constant("MXUSDT"), text)),
  createTime: optional(int64),
  sendTime: optional(int64),
});
const some = { requiredKeys: [] as never[] };
const account = fc.record(
  {
    vcoinName: text,
    coinId: text,
    balanceAmount: decimalText,
    balanceAmountChange: decimalText,
    frozenAmount: decimalText,
    frozenAmountChange: decimalText,
    type: text,
    time: int64,
  },
  some,
);
const deals = fc.record(
  {
    price: decimalText,
    quantity: decimalText,
    amount: decimalText,
    tradeType: code,
    isMaker: fc.boolean(),
    isSelfTrade: fc.boolean(),
    tradeId: text,
    clientOrderId: text,
    orderId: text,
    feeAmount: decimalText,
    feeCurrency: text,
    time: int64,
  },
  some,
);
const orders = fc
  .tuple(
    fc.record(
      {
        id: text,
        clientId: text,
        price: decimalText,
        quantity: decimalText,
        amount: decimalText,
        avgPrice: decimalText,
        orderType: code,
        tradeType: code,
        isMaker: fc.boolean(),
        remainAmount: decimalText,
        remainQuantity: decimalText,
        lastDealQuantity: text,
        cumulativeQuantity: decimalText,
        cumulativeAmount: decimalText,
        status: code,
        createTime: int64,
        market: text,
        triggerType: code,
        triggerPrice: decimalText,
        state: code,
        ocoId: text,
        symbolId: text,
      },
      { requiredKeys: ["orderType", "tradeType", "status"] },
    ),
    fc.nat(4),
  )
  .map(([body, roll]) => {
    // Most orders carry no trigger and no OCO id, as on MEXC: one in five here.
    const { triggerType, triggerPrice, state, ocoId, ...usual } = body;
    return roll === 0 ? body : usual;
  });
const wrapper = fc.oneof(
  fc.tuple(header, account).map(([h, body]) => ({ ...h, privateAccount: body })),
  fc.tuple(header, deals).map(([h, body]) => ({ ...h, privateDeals: body })),
  fc.tuple(header, orders).map(([h, body]) => ({ ...h, privateOrders: body })),
);

describe("decodeEvent on private pushes against toEvent(decodePush()) (fast-check, byte mutations)", () => {
  it("on generated pushes with any text, times and codes", () => {
    let ours = 0;
    fc.assert(
      fc.property(wrapper, (w) => {
        const bytes = encodePush(w as unknown as PushWrapper);
        if (readByOurs(bytes)) ours++;
        expectSame(bytes);
      }),
      { numRuns: 3_000 },
    );
    expect(ours).toBeGreaterThan(150);
  });

  it("on 20,000 byte mutations of the official examples (flipped, inserted, deleted bytes, cut short)", () => {
    const random = prng(0x5e003);
    const frames = PRIVATE.map((name) => encodePush(FRAME_FIXTURES[name]));
    const seen = { ours: 0, errors: 0 };
    for (let i = 0; i < 20_000; i++) {
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
      if ("error" in expectSame(bytes, () => `case ${i}: ${Buffer.from(bytes).toString("hex")}`)) seen.errors++;
    }
    expect(seen.ours).toBeGreaterThan(1_000);
    expect(seen.errors).toBeGreaterThan(2_000);
  });
});
