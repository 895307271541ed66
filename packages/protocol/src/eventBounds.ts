/**
 * Every value of a decoded event held against valueBounds.ts, once, where a frame becomes an
 * event (decodeEvent, toEvent): a price is positive, a fill's quantity too, a fee, a balance and a
 * depth level's quantity are not negative, no decimal has more than MAX_DECIMAL_DIGITS digits,
 * times lie in MEXC's window around the frame's receipt, assets and symbols are names. An event
 * with one bad value is refused whole (OUT_OF_BOUNDS or BAD_DECIMAL naming `type.field`): the
 * client counts it as a malformed frame and skips it, and the user stream asks REST what it was.
 */
import type {
  BalanceUpdate,
  BookTicker,
  DepthDiff,
  DepthSnapshot,
  Fill,
  Kline,
  MexcEvent,
  MiniTicker,
  MiniTickerItem,
  MiniTickers,
  OrderUpdate,
  PriceLevel,
  Trade,
} from "./events.js";
import {
  assetProblem,
  boundsProblem,
  checkWord,
  type DecimalSign,
  decimalProblem,
  symbolProblem,
  checkAsset as throwAsset,
  checkDecimal as throwDecimal,
  checkSymbol as throwSymbol,
  checkTime as throwTime,
  timeProblem,
} from "./valueBounds.js";

/**
 * Whether the event's decimals were read as plain decimals already (decodeEvent's reader, toEvent:
 * every field but an order's lastDealQuantity): then only their digits and sign are checked here.
 * Set by each entry point; the checks are synchronous.
 */
let grammarChecked = false;

/** Throws OUT_OF_BOUNDS / BAD_DECIMAL naming the first field of `event` outside its bounds; `now` is the frame's receipt. */
export function checkEventBounds(event: MexcEvent, now: number): void {
  grammarChecked = false;
  checkBounds(event, now);
}

/** checkEventBounds for an event decodeEvent or toEvent just made (its decimals' grammar checked). */
export function checkDecodedEventBounds(event: MexcEvent, now: number): void {
  grammarChecked = true;
  checkBounds(event, now);
}

function checkBounds(event: MexcEvent, now: number): void {
  // One small function per event type, each reading one shape: cheaper on every frame. A
  // private event's time is the time of the fill, order or balance and must be real; a public
  // frame without sendTime has timestamp 0 (proto3 sends no 0: an absent time, not a bad one).
  switch (event.type) {
    case "balance":
      checkBalance(event, now);
      return;
    case "order":
      checkOrder(event, now);
      return;
    case "fill":
      checkFill(event, now);
      return;
    case "trade":
      checkTrade(event, now);
      return;
    case "depthDiff":
    case "depthSnapshot":
      checkDepth(event, now);
      return;
    case "bookTicker":
      checkBookTicker(event, now);
      return;
    case "kline":
      checkKlineEvent(event, now);
      return;
    case "miniTicker":
      checkMiniTickerEvent(event, now);
      return;
    case "miniTickers":
      checkMiniTickers(event, now);
      return;
  }
}

function checkBalance(event: BalanceUpdate, now: number): void {
  checkTime("balance", "timestamp", event.timestamp, now);
  checkAsset("balance", "asset", event.asset);
  checkDecimal("balance", "free", event.free, "nonNegative");
  checkDecimal("balance", "locked", event.locked, "nonNegative");
  checkDecimal("balance", "freeChange", event.freeChange, "signed");
  checkDecimal("balance", "lockedChange", event.lockedChange, "signed");
}

function checkOrder(event: OrderUpdate, now: number): void {
  checkTime("order", "timestamp", event.timestamp, now);
  checkSymbol("order", "symbol", event.symbol);
  // A market order carries a price and a quantity of 0 (it is sized by amount, or the reverse).
  checkDecimal("order", "price", event.price, "nonNegative");
  checkDecimal("order", "quantity", event.quantity, "nonNegative");
  checkDecimal("order", "amount", event.amount, "nonNegative");
  checkDecimal("order", "avgPrice", event.avgPrice, "nonNegative");
  checkDecimal("order", "remainQuantity", event.remainQuantity, "nonNegative");
  checkDecimal("order", "remainAmount", event.remainAmount, "nonNegative");
  checkDecimal("order", "cumulativeQuantity", event.cumulativeQuantity, "nonNegative");
  checkDecimal("order", "cumulativeAmount", event.cumulativeAmount, "nonNegative");
  // Never checked as it is read: its grammar is checked here, always.
  if (event.lastDealQuantity !== undefined && decimalProblem(event.lastDealQuantity, "nonNegative") !== undefined) {
    throwDecimal("order.lastDealQuantity", event.lastDealQuantity, "nonNegative");
  }
  if (event.trigger !== undefined) checkDecimal("order", "trigger.price", event.trigger.price, "nonNegative");
  if (event.cancelReason !== undefined) checkWord("order.cancelReason", event.cancelReason);
  checkTime("order", "createTime", event.createTime, now);
}

function checkFill(event: Fill, now: number): void {
  checkTime("fill", "timestamp", event.timestamp, now);
  checkSymbol("fill", "symbol", event.symbol);
  checkDecimal("fill", "price", event.price, "positive");
  checkDecimal("fill", "quantity", event.quantity, "positive");
  checkDecimal("fill", "amount", event.amount, "nonNegative");
  // MEXC's spot fees are never negative: no rebates (docs/mexc/value-bounds.md).
  checkDecimal("fill", "fee", event.fee, "nonNegative");
  if (event.feeCurrency !== "") checkAsset("fill", "feeCurrency", event.feeCurrency);
}

function checkTrade(event: Trade, now: number): void {
  checkPublicTime("trade", event.timestamp, now);
  checkPublicSymbol("trade", "symbol", event.symbol);
  for (const item of event.trades) {
    checkDecimal("trade", "price", item.price, "positive");
    checkDecimal("trade", "quantity", item.quantity, "positive");
    checkTime("trade", "time", item.time, now);
  }
}

function checkDepth(event: DepthDiff | DepthSnapshot, now: number): void {
  checkPublicTime(event.type, event.timestamp, now);
  checkPublicSymbol(event.type, "symbol", event.symbol);
  checkLevels(event.type, "asks", event.asks);
  checkLevels(event.type, "bids", event.bids);
}

function checkBookTicker(event: BookTicker, now: number): void {
  checkPublicTime("bookTicker", event.timestamp, now);
  checkPublicSymbol("bookTicker", "symbol", event.symbol);
  // An empty side of the book is "0".
  checkDecimal("bookTicker", "bidPrice", event.bidPrice, "nonNegative");
  checkDecimal("bookTicker", "bidQuantity", event.bidQuantity, "nonNegative");
  checkDecimal("bookTicker", "askPrice", event.askPrice, "nonNegative");
  checkDecimal("bookTicker", "askQuantity", event.askQuantity, "nonNegative");
}

function checkKlineEvent(event: Kline, now: number): void {
  checkPublicTime("kline", event.timestamp, now);
  checkKline(event, now);
}

function checkMiniTickerEvent(event: MiniTicker, now: number): void {
  checkPublicTime("miniTicker", event.timestamp, now);
  checkMiniTicker(event);
}

function checkMiniTickers(event: MiniTickers, now: number): void {
  checkPublicTime("miniTickers", event.timestamp, now);
  for (const item of event.tickers) checkMiniTicker(item);
}

/**
 * A public frame's symbol comes from the wrapper's `symbol` field, which a frame may leave off
 * (the channel names the pair); one that is there has a pair's shape.
 */
function checkPublicTime(type: string, timestamp: number, now: number): void {
  if (timestamp !== 0) checkTime(type, "timestamp", timestamp, now);
}

function checkPublicSymbol(type: string, name: string, symbol: string): void {
  if (symbol !== "") checkSymbol(type, name, symbol);
}

// The checks of valueBounds.ts, with the field named as two constant parts joined only when a
// value fails: this runs on every frame, and a string built per field would cost more than the checks.

function checkDecimal(type: string, name: string, value: string, sign: DecimalSign): void {
  const problem = grammarChecked ? boundsProblem(value, sign) : decimalProblem(value, sign);
  if (problem !== undefined) throwDecimal(`${type}.${name}`, value, sign);
}

function checkTime(type: string, name: string, ms: unknown, now: number): void {
  if (timeProblem(ms, now) !== undefined) throwTime(`${type}.${name}`, ms, now);
}

function checkAsset(type: string, name: string, asset: unknown): void {
  if (assetProblem(asset) !== undefined) throwAsset(`${type}.${name}`, asset);
}

/**
 * Slots of the table of symbols found good: a connection's streams name a few dozen pairs. A
 * direct-mapped table (slot from the length and two characters, no hashing of the string) so a
 * stream of several pairs taking turns finds each of them with one compare; a symbol whose slot
 * another holds is only checked again (symbolProblem), never taken for good unchecked.
 */
const GOOD_SYMBOL_SLOTS = 64;
const goodSymbols: string[] = new Array<string>(GOOD_SYMBOL_SLOTS).fill("");

function checkSymbol(type: string, name: string, symbol: string): void {
  if (!isPairSymbol(symbol)) throwSymbol(`${type}.${name}`, symbol);
}

/** Whether `symbol` has a pair's shape (symbolProblem), with the good ones remembered. */
export function isPairSymbol(symbol: string): boolean {
  const length = symbol.length;
  // "" (no symbol) is in no slot: its slot holds "" only until a symbol takes it, and "" is no pair.
  if (length === 0) return false;
  const slot = (length * 7 + symbol.charCodeAt(0) * 3 + symbol.charCodeAt(length - 1)) & (GOOD_SYMBOL_SLOTS - 1);
  if (goodSymbols[slot] === symbol) return true;
  if (symbolProblem(symbol) !== undefined) return false;
  goodSymbols[slot] = symbol;
  return true;
}

/** A level's price is positive; its quantity may be 0 (a diff removing the level). */
function levelProblem(value: string, sign: DecimalSign): boolean {
  return (grammarChecked ? boundsProblem(value, sign) : decimalProblem(value, sign)) !== undefined;
}

function checkLevels(type: string, side: "asks" | "bids", levels: readonly PriceLevel[]): void {
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (levelProblem(level.price, "positive")) checkDecimal(type, `${side}.price`, level.price, "positive");
    if (levelProblem(level.quantity, "nonNegative"))
      checkDecimal(type, `${side}.quantity`, level.quantity, "nonNegative");
  }
}

function checkKline(event: Kline, now: number): void {
  checkPublicSymbol("kline", "symbol", event.symbol);
  checkTime("kline", "openTime", event.openTime, now);
  checkTime("kline", "closeTime", event.closeTime, now);
  checkDecimal("kline", "open", event.open, "nonNegative");
  checkDecimal("kline", "high", event.high, "nonNegative");
  checkDecimal("kline", "low", event.low, "nonNegative");
  checkDecimal("kline", "close", event.close, "nonNegative");
  checkDecimal("kline", "volume", event.volume, "nonNegative");
  checkDecimal("kline", "amount", event.amount, "nonNegative");
}

function checkMiniTicker(item: MiniTickerItem): void {
  checkPublicSymbol("miniTicker", "symbol", item.symbol);
  checkDecimal("miniTicker", "price", item.price, "nonNegative");
  checkDecimal("miniTicker", "rate", item.rate, "signed");
  checkDecimal("miniTicker", "zonedRate", item.zonedRate, "signed");
  checkDecimal("miniTicker", "high", item.high, "nonNegative");
  checkDecimal("miniTicker", "low", item.low, "nonNegative");
  checkDecimal("miniTicker", "volume", item.volume, "nonNegative");
  checkDecimal("miniTicker", "quantity", item.quantity, "nonNegative");
}
