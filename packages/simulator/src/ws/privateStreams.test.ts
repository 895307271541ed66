import { Decimal as Big, ORDER_STATUS_CODE } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWsHarness, TestClient, type WsHarness } from "../../test/wsTestKit.js";
import { coinIdOf } from "./feeds/privateFeed.js";

const ACCOUNT = "spot@private.account.v3.api.pb";
const DEALS = "spot@private.deals.v3.api.pb";
const ORDERS = "spot@private.orders.v3.api.pb";
const PRIVATE = [ACCOUNT, DEALS, ORDERS];

describe("private streams on a listen-key connection", () => {
  let sim: WsHarness;
  const clients: TestClient[] = [];
  const connect = async (listenKey: string) => {
    const client = await TestClient.connect(`${sim.url}?listenKey=${listenKey}`);
    clients.push(client);
    return client;
  };
  const subscribed = async (account: string) => {
    const { listenKey } = sim.account(account);
    const client = await connect(listenKey);
    client.subscribe(PRIVATE);
    expect(await client.text(0)).toBe(`{"id":0,"code":0,"msg":"${PRIVATE.join(",")}"}`);
    return client;
  };

  beforeAll(async () => {
    sim = await startWsHarness();
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await sim.close();
  });

  it("pushes orders NEW then account ENTRUST_PLACE on placement, and CANCELED + ENTRUST_CANCEL on cancel", async () => {
    const client = await subscribed("alice");
    const bid = sim.exchange.bestBidAsk("BTCUSDT")!;
    const price = new Big(bid.bidPrice).minus(500).toFixed(2);
    const order = sim.exchange.placeOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price,
      quantity: "0.002",
      clientOrderId: "my-order-1",
    });
    const [placed] = await client.pushCount(ORDERS, 1);
    const [entrust] = await client.pushCount(ACCOUNT, 1);
    expect(placed).toMatchObject({ channel: ORDERS, symbol: "BTCUSDT" });
    expect(placed!.privateOrders).toMatchObject({
      id: order.orderId,
      clientId: "my-order-1",
      price: new Big(price).toFixed(),
      quantity: "0.002",
      amount: new Big(price).times("0.002").toFixed(),
      orderType: 1,
      tradeType: 1,
      status: ORDER_STATUS_CODE.NEW,
      remainQuantity: "0.002",
      cumulativeQuantity: "0",
      cumulativeAmount: "0",
      createTime: order.time,
    });
    // a BUY locks its cost and a reserve for its fee in quote, at BTCUSDT's taker rate (engine/fees.ts)
    const locked = new Big(price).times("0.002").times("1.0005");
    expect(entrust!.symbol ?? undefined).toBeUndefined();
    expect(entrust!.createTime).toBeGreaterThan(0);
    expect(entrust!.sendTime).toBeGreaterThan(0);
    expect(entrust!.privateAccount).toMatchObject({
      vcoinName: "USDT",
      coinId: coinIdOf("USDT"),
      balanceAmount: new Big("1000000").minus(locked).toFixed(),
      balanceAmountChange: new Big(0).minus(locked).toFixed(),
      frozenAmount: locked.toFixed(),
      frozenAmountChange: locked.toFixed(),
      type: "ENTRUST_PLACE",
    });

    sim.exchange.cancelOrder("alice", "BTCUSDT", { orderId: order.orderId });
    const orders = await client.pushCount(ORDERS, 2);
    const accounts = await client.pushCount(ACCOUNT, 2);
    expect(orders[1]!.privateOrders).toMatchObject({ id: order.orderId, status: ORDER_STATUS_CODE.CANCELED });
    expect(accounts[1]!.privateAccount).toMatchObject({
      vcoinName: "USDT",
      balanceAmount: "1000000",
      frozenAmount: "0",
      type: "ENTRUST_CANCEL",
    });
  });

  it("pushes a MARKET buy with its protective price, amount 0 and remainAmount = quantity x price - spent (item 11.28)", async () => {
    const client = await subscribed("frank");
    const ask = sim.exchange.bestBidAsk("ETHUSDT")!;
    const order = sim.exchange.placeOrder({
      account: "frank",
      symbol: "ETHUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: ask.askQty,
    });
    expect(new Big(order.price).gt(ask.askPrice)).toBe(true);
    const orders = await client.pushCount(ORDERS, 2);
    const last = orders.at(-1)!.privateOrders!;
    expect(last).toMatchObject({ price: new Big(order.price).toFixed(), amount: "0", orderType: 5 });
    // MEXC's capture: 2000 at 0.001053 with 2.014 spent leaves remainAmount 0.092
    expect(last.remainAmount).toBe(
      new Big(order.price).times(order.origQty).minus(order.cummulativeQuoteQty).toFixed(),
    );
    // the fill's own price is the book's, not the protective price
    const [deal] = await client.pushCount(DEALS, 1);
    expect(deal!.privateDeals!.price).toBe(new Big(ask.askPrice).toFixed());
  });

  it("pushes deals, order updates and account changes on fills, matching the engine's records", async () => {
    const client = await subscribed("carol");
    const ask = sim.exchange.bestBidAsk("ETHUSDT")!;
    // Twice the best ask's size at the best ask price: takes that level, rests the rest.
    const quantity = new Big(ask.askQty).times(2).toFixed();
    const order = sim.exchange.placeOrder({
      account: "carol",
      symbol: "ETHUSDT",
      side: "BUY",
      type: "LIMIT",
      price: ask.askPrice,
      quantity,
    });
    expect(order.status).toBe("PARTIALLY_FILLED");
    const trades = sim.exchange.myTrades("carol", "ETHUSDT");
    const deals = await client.pushCount(DEALS, trades.length);
    const orders = await client.pushCount(ORDERS, trades.length + 1);
    expect(deals).toHaveLength(trades.length);
    deals.forEach((deal, i) => {
      const trade = trades[i]!;
      expect(deal).toMatchObject({ channel: DEALS, symbol: "ETHUSDT" });
      expect(deal.privateDeals).toMatchObject({
        price: new Big(trade.price).toFixed(),
        quantity: new Big(trade.qty).toFixed(),
        amount: new Big(trade.quoteQty).toFixed(),
        tradeType: 1,
        isMaker: false,
        tradeId: trade.id,
        orderId: order.orderId,
        feeAmount: new Big(trade.commission).toFixed(),
        feeCurrency: trade.commissionAsset,
        time: trade.time,
      });
      // Each fill's order update carries that fill's quantity.
      expect(orders[i + 1]!.privateOrders!.lastDealQuantity).toBe(new Big(trade.qty).toFixed());
    });
    expect(orders.map((push) => push.privateOrders!.status)).toEqual([
      ORDER_STATUS_CODE.NEW,
      ...trades.map(() => ORDER_STATUS_CODE.PARTIALLY_FILLED),
    ]);
    expect(orders.at(-1)!.privateOrders).toMatchObject({
      id: order.orderId,
      cumulativeQuantity: new Big(order.executedQty).toFixed(),
      cumulativeAmount: new Big(order.cummulativeQuoteQty).toFixed(),
      remainQuantity: new Big(quantity).minus(order.executedQty).toFixed(),
      avgPrice: new Big(ask.askPrice).toFixed(),
    });
    const types = (await client.pushCount(ACCOUNT, 1 + 2 * trades.length)).map((push) => push.privateAccount!.type);
    expect(types[0]).toBe("ENTRUST_PLACE");
    expect(types).toContain("ENTRUST");

    // Frames arrive in engine order, as MEXC sends them (docs/mexc/undocumented.md#fills-and-keys item 11.26): a
    // fill's order update before that fill's deal.
    const channelsInOrder = client.pushes().map((push) => push.channel);
    expect(channelsInOrder.indexOf(ORDERS, 1)).toBeLessThan(channelsInOrder.indexOf(DEALS));

    sim.exchange.cancelOrder("carol", "ETHUSDT", { orderId: order.orderId });
    const after = await client.pushCount(ORDERS, trades.length + 2);
    expect(after.at(-1)!.privateOrders!.status).toBe(ORDER_STATUS_CODE.PARTIALLY_CANCELED);
  });

  it("sends an account's pushes only to that account's listen-key sockets", async () => {
    const dave = await subscribed("dave");
    const erin = await subscribed("erin");
    sim.exchange.credit("dave", "USDT", "5");
    const [deposit] = await dave.pushCount(ACCOUNT, 1);
    expect(deposit!.privateAccount).toMatchObject({ vcoinName: "USDT", balanceAmountChange: "5", type: "DEPOSIT" });
    // Erin's own deposit, after dave's: had dave's reached her socket, it would have come first.
    sim.exchange.credit("erin", "USDT", "7");
    await erin.pushCount(ACCOUNT, 1);
    expect(erin.pushes().filter((push) => push.privateAccount?.balanceAmountChange !== "7")).toEqual([]);
  });

  it("refuses a bad listen key with the plain text 'Invalid listen key', then closes", async () => {
    const client = await connect("0".repeat(64));
    expect(await client.text(0)).toBe("Invalid listen key");
    expect(await client.waitClosed()).toEqual({ code: 1008, reason: "invalid listen key" });
  });

  it("closes a key's sockets when the key is deleted or expires", async () => {
    const { listenKey } = sim.account("frank");
    const first = await connect(listenKey);
    const second = await connect(listenKey);
    sim.listenKeys.delete("frank", listenKey);
    expect(await first.waitClosed()).toEqual({ code: 1000, reason: "listen key deleted" });
    expect(await second.waitClosed()).toEqual({ code: 1000, reason: "listen key deleted" });

    const other = sim.account("frank").listenKey;
    const third = await connect(other);
    sim.listenKeys.expireNow(other);
    expect(await third.waitClosed()).toEqual({ code: 1000, reason: "listen key expired" });
    const late = await connect(other);
    expect(await late.text(0)).toBe("Invalid listen key");
  });

  it("allows 5 sockets per listen key and refuses the 6th", async () => {
    const { listenKey } = sim.account("gina");
    const five = await Promise.all(Array.from({ length: 5 }, () => connect(listenKey)));
    const sixth = await connect(listenKey);
    expect(await sixth.text(0)).toBe("Too many connections for this listen key");
    expect((await sixth.waitClosed()).code).toBe(1008);
    expect(five.every((client) => client.isOpen)).toBe(true);
    five[0]!.close();
    await five[0]!.waitClosed();
    // The server has let the socket go: it holds just the sockets still open.
    const open = () => clients.filter((client) => client.isOpen).length;
    await expect.poll(() => sim.ws.stats().connections).toBe(open());
    const again = await connect(listenKey);
    again.send({ method: "PING" });
    expect(await again.text(0)).toBe('{"id":0,"code":0,"msg":"PONG"}');
  });

  it("serves public channels on a listen-key connection too", async () => {
    const { listenKey } = sim.account("hank");
    const client = await connect(listenKey);
    const channel = "spot@public.limit.depth.v3.api.pb@BTCUSDT@5";
    client.subscribe([channel, ACCOUNT]);
    expect(await client.text(0)).toBe(`{"id":0,"code":0,"msg":"${channel},${ACCOUNT}"}`);
    const [push] = await client.pushCount(channel, 1);
    expect((push as PushWrapper).publicLimitDepths!.asks).toHaveLength(5);
  });
});
