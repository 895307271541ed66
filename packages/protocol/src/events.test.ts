import { describe, expect, it } from "vitest";
import { FRAME_FIXTURES } from "../test/fixtures/index.js";
import { decodePush, encodePush } from "./codec.js";
import { ProtocolError } from "./errors.js";
import { type MexcEvent, toEvent, tradeSide } from "./events.js";
import type { PrivateDeals, PrivateOrders, PushBodyName, PushWrapper } from "./wire.js";

const LOCAL = 1_750_000_000_123;

/** toEvent as the client calls it: on a frame decoded from the wire. */
function eventOf(frame: PushWrapper, local = LOCAL): MexcEvent {
  return toEvent(decodePush(encodePush(frame)), local);
}
const eventOfFixture = (name: PushBodyName): MexcEvent => eventOf(FRAME_FIXTURES[name]);

const ORDERS_CHANNEL = "spot@private.orders.v3.api.pb";
const DEALS_CHANNEL = "spot@private.deals.v3.api.pb";

function orderFrame(fields: PrivateOrders): PushWrapper {
  const order: PrivateOrders = {
    id: "C02__583905164440776704043",
    clientId: "my-order-7",
    price: "0.001053",
    quantity: "2000",
    amount: "2.106",
    orderType: 1,
    tradeType: 1,
    status: 1,
    createTime: 1754996075502,
    ...fields,
  };
  return { channel: ORDERS_CHANNEL, symbol: "PEPEUSDT", sendTime: 1754996075530, privateOrders: order };
}

function dealFrame(fields: PrivateDeals): PushWrapper {
  const { channel, symbol, sendTime, privateDeals } = FRAME_FIXTURES.privateDeals;
  return { channel, symbol, sendTime, privateDeals: { ...privateDeals, ...fields } };
}

/** The ProtocolError toEvent throws; fails on any other outcome. */
function eventError(frame: PushWrapper): ProtocolError {
  try {
    eventOf(frame);
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error("toEvent accepted the frame");
}

describe("toEvent on the private channels (seed-003 examples)", () => {
  it("privateAccount is a balance update with free/locked after the change and their deltas", () => {
    expect(eventOfFixture("privateAccount")).toEqual({
      type: "balance",
      channel: "spot@private.account.v3.api.pb",
      timestamp: 1736416910000, // the settlement time of the body
      localTimestamp: LOCAL,
      asset: "USDT",
      coinId: "128f589271cb4951b03e71e6323eb7be",
      free: "21.94210356004384",
      freeChange: "10",
      locked: "0",
      lockedChange: "0",
      changeType: "CONTRACT_TRANSFER",
    });
  });

  it("privateDeals is a fill with the trade time, side SELL for tradeType 2 and its fee", () => {
    expect(eventOfFixture("privateDeals")).toEqual({
      type: "fill",
      channel: DEALS_CHANNEL,
      timestamp: 1736417034280,
      localTimestamp: LOCAL,
      symbol: "MXUSDT",
      tradeId: "505979017439002624X1",
      orderId: "C02__505979017439002624115",
      clientOrderId: "",
      side: "SELL",
      price: "3.6962",
      quantity: "1",
      amount: "3.6962",
      fee: "0.0003998377369698171",
      feeCurrency: "MX",
      isMaker: false,
      isSelfTrade: false,
    });
  });

  it("privateOrders is an order update with REST names for orderType 5, tradeType 2, status 2", () => {
    expect(eventOfFixture("privateOrders")).toEqual({
      type: "order",
      channel: ORDERS_CHANNEL,
      timestamp: 1736417034281, // sendTime
      localTimestamp: LOCAL,
      symbol: "MXUSDT",
      orderId: "", // seed 003 puts the order id in clientId (field 2); live pushes use id (docs/mexc/protocol.md#the-official-example-values)
      clientOrderId: "C02__505979017439002624115",
      side: "SELL",
      orderType: "MARKET",
      status: "FILLED",
      price: "3.5121",
      quantity: "1",
      amount: "0",
      avgPrice: "3.6962",
      remainQuantity: "0",
      remainAmount: "0",
      cumulativeQuantity: "1",
      cumulativeAmount: "3.6962",
      lastDealQuantity: "1",
      isMaker: false,
      createTime: 1736417034259,
    });
  });
});

describe("order enums become REST names", () => {
  it.each([
    [1, "NEW"],
    [2, "FILLED"],
    [3, "PARTIALLY_FILLED"],
    [4, "CANCELED"],
    [5, "PARTIALLY_CANCELED"],
  ])("status %i is %s", (status, name) => {
    expect(eventOf(orderFrame({ status }))).toMatchObject({ type: "order", status: name });
  });

  it.each([
    [1, "LIMIT"],
    [2, "LIMIT_MAKER"],
    [3, "IMMEDIATE_OR_CANCEL"],
    [4, "FILL_OR_KILL"],
    [5, "MARKET"],
    [100, "STOP_LIMIT"],
  ])("orderType %i is %s", (orderType, name) => {
    expect(eventOf(orderFrame({ orderType }))).toMatchObject({ type: "order", orderType: name });
  });

  it.each([
    [1, "BUY"],
    [2, "SELL"],
  ])("tradeType %i is side %s on orders and fills", (tradeType, side) => {
    expect(eventOf(orderFrame({ tradeType }))).toMatchObject({ type: "order", side });
    expect(eventOf(dealFrame({ tradeType }))).toMatchObject({ type: "fill", side });
  });

  it("a live-shaped order keeps id as orderId and clientId as clientOrderId, and isMaker", () => {
    expect(eventOf(orderFrame({ isMaker: true }))).toMatchObject({
      orderId: "C02__583905164440776704043",
      clientOrderId: "my-order-7",
      isMaker: true,
      createTime: 1754996075502,
      timestamp: 1754996075530,
    });
  });
});

describe("a status or order type MEXC never documented is UNKNOWN, carrying the raw value (docs/mexc/undocumented.md#orders item 11.8)", () => {
  it.each([
    [orderFrame({ status: 6 }), { status: "UNKNOWN", orderType: "LIMIT", rawValues: { status: 6 } }],
    [orderFrame({ status: 0 }), { status: "UNKNOWN", rawValues: { status: 0 } }], // absent on the wire
    [orderFrame({ orderType: 6 }), { status: "NEW", orderType: "UNKNOWN", rawValues: { orderType: 6 } }],
    [
      orderFrame({ orderType: 99, status: 9 }),
      { status: "UNKNOWN", orderType: "UNKNOWN", rawValues: { orderType: 99, status: 9 } },
    ],
  ])("%#: the rest of the order stays readable", (frame, expected) => {
    const event = eventOf(frame);
    expect(event).toMatchObject({ type: "order", price: "0.001053", quantity: "2000", ...expected });
  });

  it("a known status and type carry no rawValues", () => {
    expect(eventOf(orderFrame({}))).not.toHaveProperty("rawValues");
  });
});

describe("stop-limit and OCO orders on the orders push (docs/mexc/undocumented.md#orders item 11.8)", () => {
  it("carry their trigger (price, direction, state) and the OCO pair id", () => {
    const event = eventOf(
      orderFrame({ orderType: 100, triggerType: 2, triggerPrice: "95000", state: 1, ocoId: "OCO000000000001" }),
    );
    expect(event).toMatchObject({
      type: "order",
      orderType: "STOP_LIMIT",
      status: "NEW",
      trigger: { price: "95000", type: "LTE", state: "UNTRIGGERED" },
      ocoId: "OCO000000000001",
    });
    expect(event).not.toHaveProperty("rawValues");
  });

  it("a trigger state MEXC never documented is UNKNOWN with its raw value; orders without one have no trigger", () => {
    expect(eventOf(orderFrame({ orderType: 100, triggerType: 1, triggerPrice: "1", state: 9 }))).toMatchObject({
      trigger: { type: "GTE", state: "UNKNOWN" },
      rawValues: { triggerState: 9 },
    });
    expect(eventOf(orderFrame({}))).not.toHaveProperty("trigger");
  });
});

describe("a side MEXC never sends is UNKNOWN_VALUE, naming the field and the value", () => {
  it.each([
    ["privateOrders.tradeType", orderFrame({ tradeType: 3 }), "3"],
    ["privateDeals.tradeType", dealFrame({ tradeType: 3 }), "3"],
    ["privateDeals.tradeType", dealFrame({ tradeType: -1 }), "-1"],
  ])("%s = %s", (field, frame, code) => {
    const error = eventError(frame);
    expect(error.code).toBe("UNKNOWN_VALUE");
    expect(error.message).toContain(field);
    expect(error.field).toBe(field);
    expect(error.value).toBe(code);
  });
});

describe("amounts stay decimal strings", () => {
  it("as MEXC sent them, never re-formatted", () => {
    const event = eventOf(orderFrame({ price: "0.00000123", quantity: "1000000.10", avgPrice: "3.60" }));
    expect(event).toMatchObject({ price: "0.00000123", quantity: "1000000.10", avgPrice: "3.60" });
  });

  it('a decimal that is not on the wire is "0", never undefined or ""', () => {
    const event = eventOf(orderFrame({ price: "", amount: undefined }));
    expect(event).toMatchObject({
      price: "0",
      amount: "0",
      avgPrice: "0",
      remainQuantity: "0",
      remainAmount: "0",
      cumulativeQuantity: "0",
      cumulativeAmount: "0",
      lastDealQuantity: undefined,
    });
  });
});

describe("toEvent on the public channels", () => {
  it("publicAggreDeals is a trade of every deal, with the push's sendTime", () => {
    expect(eventOfFixture("publicAggreDeals")).toEqual({
      type: "trade",
      channel: "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT",
      timestamp: 1736409765052,
      localTimestamp: LOCAL,
      symbol: "BTCUSDT",
      trades: [
        {
          price: "93220.00",
          quantity: "0.04438243",
          tradeType: 2,
          time: 1736409765051,
          tradeId: "585412967301369856X1",
        },
        { price: "93220.01", quantity: "0.0012", tradeType: 1, time: 1736409765051, tradeId: "585412967301369857X1" },
      ],
    });
  });

  it("publicDeals (legacy) is a trade too", () => {
    expect(eventOfFixture("publicDeals")).toEqual({
      type: "trade",
      channel: "spot@public.deals.v3.api.pb@BTCUSDT",
      timestamp: 1739503225231,
      localTimestamp: LOCAL,
      symbol: "BTCUSDT",
      trades: [
        { price: "96437.22", quantity: "0.00052", tradeType: 1, time: 1739503225212 },
        { price: "96437.21", quantity: "0.012", tradeType: 2, time: 1739503225219 },
      ],
    });
  });

  it("tradeSide names a public trade's taker side; a code MEXC never sends has none", () => {
    const trade = { price: "1", quantity: "1", time: 1 };
    expect(tradeSide({ ...trade, tradeType: 1 })).toBe("BUY");
    expect(tradeSide({ ...trade, tradeType: 2 })).toBe("SELL");
    expect(tradeSide({ ...trade, tradeType: 3 })).toBeUndefined();
  });

  it("publicAggreDepths is a depth diff from fromVersion to toVersion", () => {
    expect(eventOfFixture("publicAggreDepths")).toEqual({
      type: "depthDiff",
      channel: "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT",
      timestamp: 1754741322152,
      localTimestamp: LOCAL,
      symbol: "BTCUSDT",
      fromVersion: "43296363236",
      toVersion: "43296363255",
      asks: [{ price: "117145.49", quantity: "0" }],
      bids: [{ price: "117053.41", quantity: "1.86837271" }],
    });
  });

  it("publicIncreaseDepths (legacy) is a depth diff of one version", () => {
    expect(eventOfFixture("publicIncreaseDepths")).toEqual({
      type: "depthDiff",
      channel: "spot@public.increase.depth.v3.api.pb@BTCUSDT",
      timestamp: 1739503225240,
      localTimestamp: LOCAL,
      symbol: "BTCUSDT",
      fromVersion: "37563417781",
      toVersion: "37563417781",
      asks: [{ price: "96437.23", quantity: "0" }],
      bids: [{ price: "96437.2", quantity: "1.204" }],
    });
  });

  it("publicIncreaseDepthsBatch is one diff from the first to the last item, levels in order", () => {
    expect(eventOfFixture("publicIncreaseDepthsBatch")).toEqual({
      type: "depthDiff",
      channel: "spot@public.increase.depth.batch.v3.api.pb@BTCUSDT",
      timestamp: 1739503225262,
      localTimestamp: LOCAL,
      symbol: "BTCUSDT",
      fromVersion: "37563417781",
      toVersion: "37563417782",
      asks: [
        { price: "96437.23", quantity: "0" },
        { price: "96437.25", quantity: "0.3" },
      ],
      bids: [
        { price: "96437.2", quantity: "1.204" },
        { price: "96437.2", quantity: "0" },
      ],
    });
  });

  it("publicLimitDepths is a depth snapshot at its version", () => {
    const event = eventOfFixture("publicLimitDepths");
    expect(event).toMatchObject({
      type: "depthSnapshot",
      channel: "spot@public.limit.depth.v3.api.pb@BTCUSDT@5",
      timestamp: 1736411838730,
      localTimestamp: LOCAL,
      symbol: "BTCUSDT",
      version: "36913565463",
    });
    expect(event).toEqual({
      ...event,
      asks: FRAME_FIXTURES.publicLimitDepths.publicLimitDepths?.asks,
      bids: FRAME_FIXTURES.publicLimitDepths.publicLimitDepths?.bids,
    });
  });

  it("publicAggreBookTicker is a book ticker with its version", () => {
    expect(eventOfFixture("publicAggreBookTicker")).toEqual({
      type: "bookTicker",
      channel: "spot@public.aggre.bookTicker.v3.api.pb@100ms@BTCUSDT",
      timestamp: 1736412092433,
      localTimestamp: LOCAL,
      symbol: "BTCUSDT",
      bidPrice: "93387.28",
      bidQuantity: "3.73485",
      askPrice: "93387.29",
      askQuantity: "7.669875",
      version: "36913293511",
    });
  });

  it("publicBookTicker (legacy) is a book ticker without a version", () => {
    expect(eventOfFixture("publicBookTicker")).toEqual({
      type: "bookTicker",
      channel: "spot@public.bookTicker.v3.api.pb@BTCUSDT",
      timestamp: 1739503225270,
      localTimestamp: LOCAL,
      symbol: "BTCUSDT",
      bidPrice: "96437.2",
      bidQuantity: "1.204",
      askPrice: "96437.22",
      askQuantity: "0.00052",
      version: undefined,
    });
  });

  it("publicBookTickerBatch is the newest item of the batch, with the batch's version", () => {
    expect(eventOfFixture("publicBookTickerBatch")).toEqual({
      type: "bookTicker",
      channel: "spot@public.bookTicker.batch.v3.api.pb@BTCUSDT",
      timestamp: 1736412092533,
      localTimestamp: LOCAL,
      symbol: "BTCUSDT",
      bidPrice: "93387.28",
      bidQuantity: "3.1",
      askPrice: "93387.3",
      askQuantity: "0.5",
      version: "36913293540",
    });
  });

  it("publicSpotKline is a kline with the window in ms (the wire has seconds) and createTime", () => {
    expect(eventOfFixture("publicSpotKline")).toEqual({
      type: "kline",
      channel: "spot@public.kline.v3.api.pb@BTCUSDT@Min15",
      timestamp: 1736410707571,
      localTimestamp: LOCAL,
      symbol: "BTCUSDT",
      interval: "Min15",
      openTime: 1736410500000,
      closeTime: 1736411400000,
      open: "92925",
      high: "93158.47",
      low: "92800",
      close: "93158.47",
      volume: "36.83803224",
      amount: "3424811.37",
    });
  });

  it("publicMiniTicker is one mini ticker", () => {
    expect(eventOfFixture("publicMiniTicker")).toEqual({
      type: "miniTicker",
      channel: "spot@public.miniTicker.v3.api.pb@MXUSDT@UTC+8",
      timestamp: 1741770347563,
      localTimestamp: LOCAL,
      symbol: "MXUSDT",
      price: "2.5174",
      rate: "0.0766",
      zonedRate: "0.0766",
      high: "2.6299",
      low: "2.302",
      volume: "6926077.40",
      quantity: "2815640.55",
    });
  });

  it("publicMiniTickers is every symbol's mini ticker", () => {
    expect(eventOfFixture("publicMiniTickers")).toEqual({
      type: "miniTickers",
      channel: "spot@public.miniTickers.v3.api.pb@UTC+8",
      timestamp: 1741770347563,
      localTimestamp: LOCAL,
      tickers: [
        {
          symbol: "METAUSDT",
          price: "0.055",
          rate: "-0.2361",
          zonedRate: "-0.2361",
          high: "0.119",
          low: "0.053",
          volume: "814864.474",
          quantity: "10764997.16",
        },
        {
          symbol: "BTCUSDT",
          price: "82541.88",
          rate: "0.0125",
          zonedRate: "0.0125",
          high: "83998.01",
          low: "80620.36",
          volume: "1043618272.33",
          quantity: "12711.934602",
        },
      ],
    });
  });
});

describe("timestamps", () => {
  it("localTimestamp is the receipt time given, else now", () => {
    expect(eventOfFixture("publicAggreDepths").localTimestamp).toBe(LOCAL);
    const before = Date.now();
    const event = toEvent(decodePush(encodePush(FRAME_FIXTURES.publicAggreDepths)));
    expect(event.localTimestamp).toBeGreaterThanOrEqual(before);
    expect(event.localTimestamp).toBeLessThanOrEqual(Date.now());
  });

  it("a frame with createTime and no sendTime is stamped with createTime", () => {
    const { sendTime: _, ...frame } = FRAME_FIXTURES.publicAggreBookTicker;
    expect(eventOf({ ...frame, createTime: 1736412092400 }).timestamp).toBe(1736412092400);
  });

  // An absent int64 must read as 0 (see codec.test.ts "int64 fields absent from the wire").
  it("an account push without a settlement time is stamped with sendTime", () => {
    const { channel, createTime, sendTime, privateAccount } = FRAME_FIXTURES.privateAccount;
    const { time: _, ...withoutTime } = privateAccount!;
    const frame: PushWrapper = { channel, createTime, sendTime, privateAccount: withoutTime };
    expect(eventOf(frame).timestamp).toBe(1736417034307);
  });
});

describe("toEvent rejects a malformed decimal (corrupt data is worse than no data)", () => {
  const withBody = (name: PushBodyName, patch: Record<string, unknown>): PushWrapper =>
    ({ ...FRAME_FIXTURES[name], [name]: { ...(FRAME_FIXTURES[name][name] as object), ...patch } }) as PushWrapper;

  it.each([
    ["privateDeals", { price: "1e5" }, "privateDeals.price"],
    ["privateAccount", { balanceAmount: "NaN" }, "privateAccount.balanceAmount"],
    ["privateOrders", { avgPrice: "12,5" }, "privateOrders.avgPrice"],
    ["publicAggreDepths", { asks: [{ price: "abc", quantity: "1" }] }, "publicAggreDepths.asks.price"],
    [
      "publicAggreDeals",
      { deals: [{ price: "1", quantity: " 2", tradeType: 1, time: 1 }] },
      "publicAggreDeals.deals.quantity",
    ],
  ] as const)("%s with %j: BAD_DECIMAL naming %s", (name, patch, field) => {
    const error = (() => {
      try {
        toEvent(withBody(name, patch));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: "BAD_DECIMAL", field });
  });

  it("still reads a decimal proto3 left off the wire as 0", () => {
    const event = toEvent(withBody("privateDeals", { feeAmount: "" }));
    expect(event).toMatchObject({ type: "fill", fee: "0" });
  });
});
