/**
 * The prices and quantities of depth levels and trades are checked by decodePush's reader as it
 * reads them, and toEvent trusts that check for the wrapper decodePush just returned. These tests
 * prove nothing got through that toEvent used to refuse: every changed path still refuses a bad
 * decimal, naming the field, and the trusted path gives the very event or error the checking
 * path gives (which is toEvent's code from before the reader checked anything).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FRAME_FIXTURES } from "../test/fixtures/index.js";
import { concat, lenField, stringField, tag, varint, WIRE_VARINT } from "../test/fixtures/wireBytes.js";
import { prng } from "../test/prng.js";
import { decimalsCheckedOnRead, decodePush, encodePush } from "./codec.js";
import { ProtocolError } from "./errors.js";
import { type MexcEvent, toEvent } from "./events.js";
import type { PushBodyName, PushWrapper } from "./wire.js";

const LOCAL = 1_750_000_000_123;

type LevelBody = "publicAggreDepths" | "publicIncreaseDepths" | "publicLimitDepths" | "publicIncreaseDepthsBatch";
type DealBody = "publicAggreDeals" | "publicDeals";
const LEVEL_BODIES: readonly LevelBody[] = [
  "publicAggreDepths",
  "publicIncreaseDepths",
  "publicLimitDepths",
  "publicIncreaseDepthsBatch",
];
const DEAL_BODIES: readonly DealBody[] = ["publicAggreDeals", "publicDeals"];

/** Values toEvent refuses; "" is a field left off the wire (proto3), which no read can see. */
const BAD_DECIMALS = ["abc", "1e5", "", " 1", "1.", ".5", "-", "+1", "12,5", "NaN", "١٢", "1.5\u0000", "0x10"];

interface Item {
  price?: string;
  quantity?: string;
  [field: string]: unknown;
}

/** A fixture frame of `name` with item `index` of list `list` changed by `patch`. */
function withItem(name: LevelBody | DealBody, list: "asks" | "bids" | "deals", index: number, patch: Item) {
  const frame = structuredClone(FRAME_FIXTURES[name]) as unknown as Record<string, Record<string, unknown>>;
  const body = frame[name]!;
  // A batch's lists are in its items; the second item, so the concatenation is exercised.
  const holder = name === "publicIncreaseDepthsBatch" ? (body.items as Record<string, Item[]>[])[1]! : body;
  const items = holder[list] as Item[];
  items[index] = { ...items[index], ...patch };
  return frame as unknown as PushWrapper;
}

type Outcome = { event: MexcEvent } | { error: { code: string; field?: string; value?: string; message: string } };

function outcome(run: () => MexcEvent): Outcome {
  try {
    return { event: run() };
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    return { error: { code: error.code, field: error.field, value: error.value, message: error.message } };
  }
}

/** toEvent as the client runs it: on the wrapper decodePush has just returned. */
function trusted(bytes: Uint8Array): Outcome {
  return outcome(() => toEvent(decodePush(bytes), LOCAL));
}

/** toEvent on the same decoded wrapper once it is no longer the last one: it checks every decimal itself. */
const OTHER_FRAME = encodePush(FRAME_FIXTURES.publicAggreBookTicker);
function checking(bytes: Uint8Array): Outcome {
  const wrapper = decodePush(bytes);
  decodePush(OTHER_FRAME);
  expect(decimalsCheckedOnRead(wrapper)).toBe(false);
  return outcome(() => toEvent(wrapper, LOCAL));
}

describe("a bad decimal in a depth level or a trade read from the wire", () => {
  const cases = [
    ...LEVEL_BODIES.flatMap((name) => (["asks", "bids"] as const).map((list) => [name, list] as const)),
    ...DEAL_BODIES.map((name) => [name, "deals"] as const),
  ].flatMap(([name, list]) => (["price", "quantity"] as const).map((field) => [name, list, field] as const));

  it.each(cases)("%s %s.%s: BAD_DECIMAL naming the field, for every kind of bad value", (name, list, field) => {
    for (const bad of BAD_DECIMALS) {
      const bytes = encodePush(withItem(name, list, 0, { [field]: bad }));
      const result = trusted(bytes);
      expect(result, `${field} ${JSON.stringify(bad)}`).toEqual({
        error: expect.objectContaining({ code: "BAD_DECIMAL", field: `${name}.${list}.${field}`, value: bad }),
      });
      expect(result).toEqual(checking(bytes));
    }
  });

  it("is still returned by decodePush as sent: decimals are judged by toEvent, not by the decoder", () => {
    const wrapper = decodePush(encodePush(withItem("publicAggreDepths", "bids", 1, { price: "1e5" })));
    expect(wrapper.publicAggreDepths?.bids?.[1]?.price).toBe("1e5");
    expect(decimalsCheckedOnRead(wrapper)).toBe(false);
  });

  it("is refused when its field comes twice and the bad value is the one kept", () => {
    // protobuf keeps the last of a repeated scalar field: "2" then "abc" is "abc".
    const level = concat(stringField(1, "2"), stringField(2, "1"), stringField(1, "abc"));
    const body = concat(lenField(1, level), stringField(3, "spot@public.aggre.depth.v3.api.pb@100ms"));
    const frame = concat(stringField(1, "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT"), lenField(313, body));
    expect(trusted(frame)).toMatchObject({ error: { code: "BAD_DECIMAL", field: "publicAggreDepths.asks.price" } });
  });

  it("is refused when its field comes with the wrong wire type (skipped, so missing)", () => {
    const level = concat(tag(1, WIRE_VARINT), varint(5), stringField(2, "1"));
    const body = lenField(2, level);
    const frame = concat(stringField(1, "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT"), lenField(313, body));
    expect(trusted(frame)).toMatchObject({ error: { code: "BAD_DECIMAL", field: "publicAggreDepths.bids.price" } });
  });
});

describe("the decimals decodePush checked as it read them", () => {
  it("are trusted for the wrapper it returned last, on every body with levels or trades", () => {
    for (const name of [...LEVEL_BODIES, ...DEAL_BODIES] as PushBodyName[]) {
      const wrapper = decodePush(encodePush(FRAME_FIXTURES[name]));
      expect(decimalsCheckedOnRead(wrapper), name).toBe(true);
    }
  });

  it("are checked again on an older wrapper, and on a plain object", () => {
    const older = decodePush(encodePush(FRAME_FIXTURES.publicAggreDepths));
    (older.publicAggreDepths!.asks![0] as { price: string }).price = "abc";
    decodePush(encodePush(FRAME_FIXTURES.publicAggreDeals));
    expect(() => toEvent(older)).toThrow(expect.objectContaining({ field: "publicAggreDepths.asks.price" }));
    const plain = withItem("publicDeals", "deals", 1, { quantity: "1e-3" });
    expect(() => toEvent(plain)).toThrow(expect.objectContaining({ field: "publicDeals.deals.quantity" }));
  });

  it("name the field of a hand-made level that lacks one (was a TypeError)", () => {
    const plain = withItem("publicLimitDepths", "bids", 2, { price: undefined });
    expect(outcome(() => toEvent(plain))).toMatchObject({
      error: { code: "BAD_DECIMAL", field: "publicLimitDepths.bids.price", value: "undefined" },
    });
  });

  it("are not trusted after a frame the decoder refused: the slot still names the last good wrapper only", () => {
    const good = decodePush(encodePush(FRAME_FIXTURES.publicLimitDepths));
    expect(() => decodePush(Uint8Array.of(0x0a, 0x05, 0x61))).toThrow(ProtocolError);
    expect(decimalsCheckedOnRead(good)).toBe(true);
  });
});

// Strings a price or quantity could hold: plain decimals, near misses and any text.
const decimalText = fc.oneof(
  fc.stringMatching(/^-?\d{1,9}(\.\d{1,10})?$/),
  fc.constantFrom(...BAD_DECIMALS),
  fc.string({ unit: fc.constantFrom(..."-.0123456789e"), maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
);
const level = fc.record({ price: decimalText, quantity: decimalText });
const levels = fc.array(level, { maxLength: 6 });
// Plain decimals a price and a trade's quantity may be: positive (valueBounds.ts).
const goodDecimal = fc.stringMatching(/^[1-9]\d{0,8}(\.\d{1,10})?$/);
const goodLevels = fc.array(fc.record({ price: goodDecimal, quantity: goodDecimal }), { maxLength: 6 });

/** A frame of one of the changed bodies, its levels or trades from `items`. */
function frameOf(name: LevelBody | DealBody, asks: Item[], bids: Item[]): PushWrapper {
  const frame = structuredClone(FRAME_FIXTURES[name]) as unknown as Record<string, Record<string, unknown>>;
  const body = frame[name]!;
  if (name === "publicIncreaseDepthsBatch") {
    const [first, second] = body.items as Record<string, unknown>[];
    Object.assign(first!, { asks: asks.slice(0, 2), bids: bids.slice(0, 2) });
    Object.assign(second!, { asks: asks.slice(2), bids: bids.slice(2) });
  } else if (name === "publicAggreDeals" || name === "publicDeals") {
    body.deals = [...asks, ...bids].map((item, i) => ({ ...item, tradeType: 1 + (i % 2), time: 1736411838000 + i }));
  } else {
    Object.assign(body, { asks, bids });
  }
  return frame as unknown as PushWrapper;
}

describe("the trusted path gives the same event or error as the checking path (fast-check)", () => {
  const names = fc.constantFrom(...LEVEL_BODIES, ...DEAL_BODIES);

  it("on generated frames with any price and quantity text", () => {
    fc.assert(
      fc.property(names, levels, levels, (name, asks, bids) => {
        const bytes = encodePush(frameOf(name, asks, bids));
        expect(trusted(bytes)).toEqual(checking(bytes));
      }),
      { numRuns: 3_000 },
    );
  });

  it("on generated frames whose decimals are all plain: trusted, and an event", () => {
    fc.assert(
      fc.property(names, goodLevels, goodLevels, (name, asks, bids) => {
        const bytes = encodePush(frameOf(name, asks, bids));
        expect(decimalsCheckedOnRead(decodePush(bytes))).toBe(true);
        const result = trusted(bytes);
        expect(result).toHaveProperty("event");
        expect(result).toEqual(checking(bytes));
      }),
      { numRuns: 1_000 },
    );
  });

  it("on 20,000 byte mutations of frames with levels and trades (flipped, inserted, deleted bytes)", () => {
    const random = prng(0x31dec);
    const frames = [...LEVEL_BODIES, ...DEAL_BODIES].map((name) => encodePush(FRAME_FIXTURES[name]));
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      let bytes: Uint8Array = new Uint8Array(random.pick(frames));
      for (let n = 1 + random.int(3); n > 0; n--) {
        const at = random.int(bytes.length);
        const roll = random.int(3);
        if (roll === 0) bytes[at]! ^= 1 << random.int(8);
        else if (roll === 1) bytes = concat(bytes.subarray(0, at), Uint8Array.of(random.int(256)), bytes.subarray(at));
        else bytes = concat(bytes.subarray(0, at), bytes.subarray(at + 1));
      }
      let decodable = true;
      try {
        decodePush(bytes);
      } catch {
        decodable = false;
      }
      if (!decodable) continue;
      const result = trusted(bytes);
      if ("error" in result && result.error.code === "BAD_DECIMAL") refused++;
      expect(result, `case ${i}: ${Buffer.from(bytes).toString("hex")}`).toEqual(checking(bytes));
    }
    // The mutations do reach the decimals: a good share is refused for one.
    expect(refused).toBeGreaterThan(300);
  });
});
