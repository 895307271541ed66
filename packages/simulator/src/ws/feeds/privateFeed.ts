/**
 * Private pushes (docs/mexc/protobuf.md#private-messages, docs/mexc/protocol.md#user-data-streams): engine BalanceEvent / FillEvent / OrderEvent -> the account's
 * `spot@private.account|deals|orders.v3.api.pb` topic, pushed at once and in engine order
 * (the engine decides the order: deals -> orders -> account on a match). Only sockets opened
 * with a listen key of that account are subscribed to those topics.
 *
 * The `unknown-enum` fault puts values MEXC never documented into a push (an order status and
 * type of 99, an account change type UNDOCUMENTED_CHANGE) while the figures stay true: MEXC adds
 * values without notice (docs/mexc/enums.md#account-change-types, docs/mexc/undocumented.md#orders item 11.8), and a client must neither stop nor storm REST over them.
 */
import { Decimal as Big, buildChannel, ORDER_STATUS_CODE, ORDER_TYPE_CODE, SIDE_CODE } from "@mexc-live/protocol";
import type { PrivateAccount, PrivateDeals, PrivateOrders, PushWrapper } from "@mexc-live/protocol/wire";
import type { SimClock } from "../../clock.js";
import { coinIdOf } from "../../coinIds.js";
import type { BalanceEvent, Exchange, FaultPlan, FillEvent, OrderEvent, SimOrder } from "../../types.js";
import type { Fanout } from "../fanout.js";
import type { TopicRegistry } from "../topics.js";
import { trimDecimal } from "./trimDecimal.js";
import { wrapperHeader } from "./wrapperHeader.js";

const ACCOUNT_CHANNEL = buildChannel({ stream: "privateAccount" });
const DEALS_CHANNEL = buildChannel({ stream: "privateDeals" });
const ORDERS_CHANNEL = buildChannel({ stream: "privateOrders" });
/** What the `unknown-enum` fault writes: values outside every table of docs/mexc/enums.md. */
const UNDOCUMENTED_ORDER_CODE = 99;
export const UNDOCUMENTED_CHANGE_TYPE = "UNDOCUMENTED_CHANGE";

export { coinIdOf };

export function startPrivateFeed(deps: {
  readonly exchange: Exchange;
  readonly topics: TopicRegistry;
  readonly fanout: Fanout;
  readonly clock: SimClock;
  readonly faults: FaultPlan;
}): { stop(): void } {
  const { exchange, topics, fanout, clock, faults } = deps;
  const undocumented = (): boolean => {
    if (!faults.roll("unknown-enum")) return false;
    faults.count("unknown-enum");
    return true;
  };
  /** Pushes to the account's `channel` topic when a socket holds it (the push is made only then). */
  const publish = (channel: string, account: string, push: (topicChannel: string) => PushWrapper) => {
    const topic = topics.get(channel, account);
    if (topic) fanout.publish(topic, push(topic.channel));
  };
  const unsubscribe = exchange.onEvent((event) => {
    switch (event.kind) {
      case "balance":
        publish(ACCOUNT_CHANNEL, event.account, (channel) => ({
          ...wrapperHeader("privateAccount", channel, { createTime: event.time, sendTime: clock.now() }),
          privateAccount: undocumented()
            ? { ...accountBody(event), type: UNDOCUMENTED_CHANGE_TYPE }
            : accountBody(event),
        }));
        return;
      case "fill":
        publish(DEALS_CHANNEL, event.account, (channel) => ({
          ...wrapperHeader("privateDeals", channel, { symbol: event.trade.symbol, sendTime: clock.now() }),
          privateDeals: dealsBody(event),
        }));
        return;
      case "order":
        publish(ORDERS_CHANNEL, event.account, (channel) => ({
          ...wrapperHeader("privateOrders", channel, { symbol: event.order.symbol, sendTime: clock.now() }),
          privateOrders: undocumented()
            ? { ...ordersBody(event), status: UNDOCUMENTED_ORDER_CODE, orderType: UNDOCUMENTED_ORDER_CODE }
            : ordersBody(event),
        }));
        return;
    }
  });
  return { stop: unsubscribe };
}

function accountBody(event: BalanceEvent): PrivateAccount {
  return {
    vcoinName: event.asset,
    coinId: coinIdOf(event.asset),
    balanceAmount: trimDecimal(event.free),
    balanceAmountChange: trimDecimal(event.freeChange),
    frozenAmount: trimDecimal(event.locked),
    frozenAmountChange: trimDecimal(event.lockedChange),
    type: event.changeType,
    time: event.time,
  };
}

function dealsBody(event: FillEvent): PrivateDeals {
  const { trade } = event;
  return {
    price: trimDecimal(trade.price),
    quantity: trimDecimal(trade.qty),
    amount: trimDecimal(trade.quoteQty),
    tradeType: SIDE_CODE[event.side],
    isMaker: trade.isMaker,
    isSelfTrade: trade.isSelfTrade,
    tradeId: trade.id,
    clientOrderId: trade.clientOrderId,
    orderId: trade.orderId,
    feeAmount: trimDecimal(trade.commission),
    feeCurrency: trade.commissionAsset,
    time: trade.time,
  };
}

/**
 * docs/mexc/protobuf.md#private-messages / docs/mexc/protocol.md#the-official-example-values: `id` is the exchange order id, `clientId` the client order id; `amount` is the
 * order's quote amount (quoteOrderQty for a MARKET order by amount, price x quantity for a
 * priced order, "0" for a MARKET order by quantity as in MEXC's example); remain* is what is
 * left of quantity and amount; cumulative* what has traded.
 */
function ordersBody(event: OrderEvent): PrivateOrders {
  const { order } = event;
  const amount = orderAmount(order);
  const remainQuantity = nonNegative(big(order.origQty).minus(big(order.executedQty)));
  const remainAmount = remainingAmount(order, amount);
  const body: PrivateOrders = {
    id: order.orderId,
    clientId: order.clientOrderId,
    price: trimDecimal(order.price),
    quantity: trimDecimal(order.origQty),
    amount: amount.toFixed(),
    avgPrice: trimDecimal(event.avgPrice),
    orderType: ORDER_TYPE_CODE[order.type],
    tradeType: SIDE_CODE[order.side],
    isMaker: event.isMaker,
    remainAmount: remainAmount.toFixed(),
    remainQuantity: remainQuantity.toFixed(),
    cumulativeQuantity: trimDecimal(order.executedQty),
    cumulativeAmount: trimDecimal(order.cummulativeQuoteQty),
    status: ORDER_STATUS_CODE[order.status],
    createTime: order.time,
  };
  if (event.lastDealQuantity !== undefined) body.lastDealQuantity = trimDecimal(event.lastDealQuantity);
  // Stop-limit orders (orderType 100) carry their trigger in the optional fields 18-20, OCO legs
  // their pair's id in 21 (docs/mexc/undocumented.md#orders item 11.8; meanings: engine/stopOrders.ts).
  if (order.trigger) {
    body.triggerType = order.trigger.type;
    body.triggerPrice = trimDecimal(order.trigger.price);
    body.state = order.trigger.state;
  }
  if (order.ocoId) body.ocoId = order.ocoId;
  return body;
}

function orderAmount(order: Readonly<SimOrder>): Big {
  if (order.type === "MARKET" && big(order.origQty).gt(0)) return new Big(0);
  const quoteOrderQty = big(order.origQuoteOrderQty);
  if (quoteOrderQty.gt(0)) return quoteOrderQty;
  return big(order.price).times(big(order.origQty));
}

/**
 * What is left of the order's quote: of its amount; for a MARKET order by quantity, of quantity x
 * its protective price, as MEXC's capture shows (a buy of 2000 at 0.001053 that spent 2.014:
 * remainAmount 0.092; docs/mexc/undocumented.md#fills-and-keys item 11.28), never below 0.
 */
function remainingAmount(order: Readonly<SimOrder>, amount: Big): Big {
  const budget = order.type === "MARKET" && amount.eq(0) ? big(order.price).times(big(order.origQty)) : amount;
  return nonNegative(budget.minus(big(order.cummulativeQuoteQty)));
}

/** Empty means zero (e.g. no quoteOrderQty on a priced order). */
function big(value: string): Big {
  return new Big(value === "" ? "0" : value);
}

function nonNegative(value: Big): Big {
  return value.lt(0) ? new Big(0) : value;
}
