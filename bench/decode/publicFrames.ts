/**
 * Public market-data pushes as MEXC sends them on the aggregated channels (docs/mexc/protocol.md#channels, docs/mexc/protobuf.md#public-messages): wrapper fields channel, symbol, sendTime; v2 fields (tradeId, version,
 * lastOrderCreateTime) set; decimals trimmed; a "0" quantity removes a depth level.
 */
import type { PublicAggreDealItem, PublicAggreDepths, PushWrapper } from "@mexc-live/protocol/wire";
import {
  digits,
  type FrameContext,
  type MarketState,
  moveMid,
  pickMarket,
  priceString,
  randomQuantity,
} from "./markets.js";

type DepthLevel = NonNullable<PublicAggreDepths["asks"]>[number];

/** Share of depth-diff levels that remove a price ("0" quantity). */
const REMOVED_LEVEL_SHARE = 0.2;

export function depthDiffFrame(ctx: FrameContext): PushWrapper {
  const { rng } = ctx;
  const m = pickMarket(ctx);
  moveMid(rng, m);
  const fromVersion = m.version + 1;
  const toVersion = fromVersion + rng.int(0, 40);
  m.version = toVersion;
  const stream = `spot@public.aggre.depth.v3.api.pb@${m.spec.interval}`;
  return {
    channel: `${stream}@${m.spec.symbol}`,
    symbol: m.spec.symbol,
    sendTime: ctx.now,
    publicAggreDepths: {
      asks: levels(ctx, m, 1, rng.logInt(1, 10)),
      bids: levels(ctx, m, -1, rng.logInt(1, 10)),
      eventType: stream,
      fromVersion: String(fromVersion),
      toVersion: String(toVersion),
      lastOrderCreateTime: ctx.now - rng.int(1, 80),
    },
  };
}

export function tradeFrame(ctx: FrameContext): PushWrapper {
  const { rng } = ctx;
  const m = pickMarket(ctx);
  moveMid(rng, m);
  const count = rng.logInt(1, 5);
  let time = ctx.now - rng.int(5, 100);
  const deals: PublicAggreDealItem[] = [];
  for (let i = 0; i < count; i++) {
    time += rng.int(0, 4);
    deals.push({
      price: priceString(m, m.midTicks + rng.int(-2, 2)),
      quantity: randomQuantity(rng, m),
      tradeType: rng.int(1, 2),
      time,
      tradeId: `${digits(rng, 18)}X1`,
    });
  }
  const stream = `spot@public.aggre.deals.v3.api.pb@${m.spec.interval}`;
  return {
    channel: `${stream}@${m.spec.symbol}`,
    symbol: m.spec.symbol,
    sendTime: ctx.now,
    publicAggreDeals: { deals, eventType: stream },
  };
}

export function bookTickerFrame(ctx: FrameContext): PushWrapper {
  const { rng } = ctx;
  const m = pickMarket(ctx);
  moveMid(rng, m);
  const bidTicks = m.midTicks - rng.int(0, 1);
  return {
    channel: `spot@public.aggre.bookTicker.v3.api.pb@${m.spec.interval}@${m.spec.symbol}`,
    symbol: m.spec.symbol,
    sendTime: ctx.now,
    publicAggreBookTicker: {
      bidPrice: priceString(m, bidTicks),
      bidQuantity: randomQuantity(rng, m),
      askPrice: priceString(m, bidTicks + rng.int(1, 3)),
      askQuantity: randomQuantity(rng, m),
      version: String(m.version),
      lastOrderCreateTime: ctx.now - rng.int(1, 80),
    },
  };
}

/** `count` distinct levels on one side (+1 asks above the mid, -1 bids below), best first. */
function levels(ctx: FrameContext, m: MarketState, side: 1 | -1, count: number): DepthLevel[] {
  const offsets = new Set<number>();
  while (offsets.size < count) offsets.add(ctx.rng.logInt(1, 300));
  return [...offsets]
    .sort((a, b) => a - b)
    .map((offset) => ({
      price: priceString(m, Math.max(1, m.midTicks + side * offset)),
      quantity: ctx.rng.chance(REMOVED_LEVEL_SHARE) ? "0" : randomQuantity(ctx.rng, m),
    }));
}
