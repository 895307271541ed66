/**
 * Every value of a decoded event held against valueBounds.ts, once, where a frame becomes an
 * event (decodeEvent, toEvent): a price is positive, a fill's quantity too, a fee, a balance and a
 * depth level's quantity are not negative, no decimal has more than MAX_DECIMAL_DIGITS digits,
 * times lie in MEXC's window around the frame's receipt, assets and symbols are names. An event
 * with one bad value is refused whole (OUT_OF_BOUNDS or BAD_DECIMAL naming `type.field`): the
 * client counts it as a malformed frame and skips it, and the user stream asks REST what it was.
 */
import type { Kline, MexcEvent, MiniTickerItem, PriceLevel } from "./events.js";
import { checkAsset, checkDecimal, checkSymbol, checkTime } from "./valueBounds.js";

/** Throws OUT_OF_BOUNDS / BAD_DECIMAL naming the first field of `event` outside its bounds; `now` is the frame's receipt. */
export function checkEventBounds(event: MexcEvent, now: number): void {
  // A public frame without sendTime has timestamp 0 (proto3 sends no 0; an absent time, not a
  // bad one); a private event's time is the time of the fill, order or balance and must be real.
  const isPrivate = event.type === "balance" || event.type === "order" || event.type === "fill";
  if (isPrivate || event.timestamp !== 0) checkTime(`${event.type}.timestamp`, event.timestamp, now);
  switch (event.type) {
    case "balance":
      checkAsset("balance.asset", event.asset);
      checkDecimal("balance.free", event.free, "nonNegative");
      checkDecimal("balance.locked", event.locked, "nonNegative");
      checkDecimal("balance.freeChange", event.freeChange, "signed");
      checkDecimal("balance.lockedChange", event.lockedChange, "signed");
      return;
    case "order":
      checkSymbol("order.symbol", event.symbol);
      // A market order carries a price and a quantity of 0 (it is sized by amount, or the reverse).
      checkDecimal("order.price", event.price, "nonNegative");
      checkDecimal("order.quantity", event.quantity, "nonNegative");
      checkDecimal("order.amount", event.amount, "nonNegative");
      checkDecimal("order.avgPrice", event.avgPrice, "nonNegative");
      checkDecimal("order.remainQuantity", event.remainQuantity, "nonNegative");
      checkDecimal("order.remainAmount", event.remainAmount, "nonNegative");
      checkDecimal("order.cumulativeQuantity", event.cumulativeQuantity, "nonNegative");
      checkDecimal("order.cumulativeAmount", event.cumulativeAmount, "nonNegative");
      if (event.lastDealQuantity !== undefined) {
        checkDecimal("order.lastDealQuantity", event.lastDealQuantity, "nonNegative");
      }
      if (event.trigger !== undefined) checkDecimal("order.trigger.price", event.trigger.price, "nonNegative");
      checkTime("order.createTime", event.createTime, now);
      return;
    case "fill":
      checkSymbol("fill.symbol", event.symbol);
      checkDecimal("fill.price", event.price, "positive");
      checkDecimal("fill.quantity", event.quantity, "positive");
      checkDecimal("fill.amount", event.amount, "nonNegative");
      // MEXC's spot fees are never negative: no rebates (docs/mexc/value-bounds.md).
      checkDecimal("fill.fee", event.fee, "nonNegative");
      if (event.feeCurrency !== "") checkAsset("fill.feeCurrency", event.feeCurrency);
      return;
    case "trade":
      checkPublicSymbol("trade.symbol", event.symbol);
      for (const item of event.trades) {
        checkDecimal("trade.price", item.price, "positive");
        checkDecimal("trade.quantity", item.quantity, "positive");
        checkTime("trade.time", item.time, now);
      }
      return;
    case "depthDiff":
    case "depthSnapshot":
      checkPublicSymbol(`${event.type}.symbol`, event.symbol);
      checkLevels(`${event.type}.asks`, event.asks);
      checkLevels(`${event.type}.bids`, event.bids);
      return;
    case "bookTicker":
      checkPublicSymbol("bookTicker.symbol", event.symbol);
      // An empty side of the book is "0".
      checkDecimal("bookTicker.bidPrice", event.bidPrice, "nonNegative");
      checkDecimal("bookTicker.bidQuantity", event.bidQuantity, "nonNegative");
      checkDecimal("bookTicker.askPrice", event.askPrice, "nonNegative");
      checkDecimal("bookTicker.askQuantity", event.askQuantity, "nonNegative");
      return;
    case "kline":
      checkKline(event, now);
      return;
    case "miniTicker":
      checkMiniTicker(event);
      return;
    case "miniTickers":
      for (const item of event.tickers) checkMiniTicker(item);
      return;
  }
}

/**
 * A public frame's symbol comes from the wrapper's `symbol` field, which a frame may leave off
 * (the channel names the pair); one that is there has a pair's shape.
 */
function checkPublicSymbol(field: string, symbol: string): void {
  if (symbol !== "") checkSymbol(field, symbol);
}

/** A level's price is positive; its quantity may be 0 (a diff removing the level). */
function checkLevels(field: string, levels: readonly PriceLevel[]): void {
  for (const level of levels) {
    checkDecimal(`${field}.price`, level.price, "positive");
    checkDecimal(`${field}.quantity`, level.quantity, "nonNegative");
  }
}

function checkKline(event: Kline, now: number): void {
  checkPublicSymbol("kline.symbol", event.symbol);
  checkTime("kline.openTime", event.openTime, now);
  checkTime("kline.closeTime", event.closeTime, now);
  checkDecimal("kline.open", event.open, "nonNegative");
  checkDecimal("kline.high", event.high, "nonNegative");
  checkDecimal("kline.low", event.low, "nonNegative");
  checkDecimal("kline.close", event.close, "nonNegative");
  checkDecimal("kline.volume", event.volume, "nonNegative");
  checkDecimal("kline.amount", event.amount, "nonNegative");
}

function checkMiniTicker(item: MiniTickerItem): void {
  checkPublicSymbol("miniTicker.symbol", item.symbol);
  checkDecimal("miniTicker.price", item.price, "nonNegative");
  checkDecimal("miniTicker.rate", item.rate, "signed");
  checkDecimal("miniTicker.zonedRate", item.zonedRate, "signed");
  checkDecimal("miniTicker.high", item.high, "nonNegative");
  checkDecimal("miniTicker.low", item.low, "nonNegative");
  checkDecimal("miniTicker.volume", item.volume, "nonNegative");
  checkDecimal("miniTicker.quantity", item.quantity, "nonNegative");
}
