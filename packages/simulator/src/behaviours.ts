/**
 * What real MEXC does that its docs do not say (docs/mexc/undocumented.md), each modelled by default
 * so that a client tested against the simulator works against MEXC, and each with a switch to
 * turn it off (`startSimulator({ behaviours: { contentType: false } })`, or
 * `mexc-live simulator --behaviours-off content-type,...`) for a test that needs the documented
 * behaviour alone. The evidence for each is written where it is modelled.
 */

export interface Behaviours {
  /** docs/mexc/undocumented.md#requests-and-answers item 11.1: a POST/PUT/DELETE without `Content-Type: application/json` is refused with 700013 (rest/contentType.ts). */
  readonly contentType: boolean;
  /** docs/mexc/undocumented.md#requests-and-answers item 11.2: listen-key errors (730708) answered with HTTP 200 and the code in the body (rest/errors.ts). */
  readonly errorsInHttp200: boolean;
  /**
   * docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3: REST `time`/`updateTime` of trades and orders in whole seconds, windows filtered on them
   * (rest/format.ts); the wallet history's times too (rest/walletFormat.ts).
   */
  readonly wholeSecondTimes: boolean;
  /** docs/mexc/undocumented.md#websocket item 11.4: a client WebSocket frame over 1 KB is refused (ws/session.ts). */
  readonly clientFrameLimit: boolean;
  /** docs/mexc/undocumented.md#requests-and-answers item 11.5: more than 20 requests/s in all (12 orders/s, 2 GET account/s) answer 429 (rest/rateLimit.ts). */
  readonly requestRate: boolean;
  /** docs/mexc/undocumented.md#orders item 11.8: stop-limit orders (orderType 100) with their trigger fields on the orders push (engine). */
  readonly stopOrders: boolean;
  /** docs/mexc/undocumented.md#websocket item 11.9: the `spot@public.increase.depth.batch.v3.api.pb@SYMBOL` channel is served (ws/feeds). */
  readonly increaseDepthBatch: boolean;
  /**
   * docs/mexc/undocumented.md#orders item 11.13: GET /api/v3/order answers -2013 "Order does not exist." for an order placed less than
   * `orderReadLagMs` ago (SimulatorOptions; a few seconds by default) (rest/routes/orders.ts).
   */
  readonly orderReadLag: boolean;
  /**
   * docs/mexc/undocumented.md#requests-and-answers item 11.15: maintenance windows (the `maintenance` fault, POST /_sim/maintenance): every /api/v3
   * request is answered 11444 or `{"code":500,"message":"Under maintenance..."}` (maintenance.ts).
   */
  readonly maintenance: boolean;
  /**
   * docs/mexc/undocumented.md#api-keys items 11.11, 11.14: an API key expires 90 days (scaled by --speed) after it was made, and a key
   * expired or revoked (POST /_sim/keys) is answered 700002 on every signed call (keyStates.ts).
   */
  readonly keyExpiry: boolean;
  /**
   * docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16: wallet history asked from more than 90 days back is answered
   * `{"msg":"The start time cannot be earlier than 90 days","code":400}` (rest/routes/capital.ts).
   */
  readonly walletWindowError: boolean;
  /** docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17: the demo accounts send and receive internal transfers (other MEXC users) now and then (market/demoExtras.ts). */
  readonly internalTransfers: boolean;
  /** docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17: the demo accounts convert small balances to MX now and then (market/demoExtras.ts). */
  readonly dustConversions: boolean;
  /** docs/mexc/undocumented.md#market-data item 11.18: GET /api/v3/symbol/offline lists delisted pairs (POST /_sim/delist), which leave exchangeInfo. */
  readonly symbolOffline: boolean;
  /** docs/mexc/undocumented.md#orders item 11.19: an order edited on the web (POST /_sim/editOrder) is a cancel push, then a new order with a new id. */
  readonly webEdits: boolean;
  /** docs/mexc/undocumented.md#orders item 11.20: DELETE /api/v3/order answers only symbol, orderId, price, origQty, type and side (rest/format.ts). */
  readonly minimalCancelAnswer: boolean;
  /**
   * docs/mexc/undocumented.md#fills-and-keys item 11.25: a BUY pays its fee in the quote asset (rate x quote amount, USDT on
   * BTCUSDT), not in the base it receives (engine/fees.ts). Off: the buyer pays in base.
   */
  readonly buyFeeInQuote: boolean;
  /**
   * docs/mexc/undocumented.md#fills-and-keys item 11.26: on a fill the orders push goes out before the deals push
   * (engine/matching.ts). Off: deals first.
   */
  readonly ordersBeforeDeals: boolean;
  /**
   * docs/mexc/undocumented.md#fills-and-keys item 11.28: a MARKET order carries a protective price about 5 % from the
   * market and fills no further (engine/orderFlow.ts). Off: price "0", the whole book walked.
   */
  readonly marketProtection: boolean;
  /**
   * docs/mexc/undocumented.md#fills-and-keys item 11.29: "Assessment Zone" pairs (SymbolConfig.assessmentZone) are left out of
   * unsigned public answers (exchangeInfo, defaultSymbols, tickers, depth, trades, klines: -1121 when named) and of the
   * public streams (miniTickers; a pair's own channels need a listen-key connection); a signed request sees them
   * (rest/publicVisibility.ts, ws/channelAdmission.ts). Off: listed like any pair.
   */
  readonly assessmentZone: boolean;
  /**
   * docs/mexc/undocumented.md#fills-and-keys item 11.31: self-trade prevention. An API order sent with `stpMode`
   * (cancel_maker, cancel_taker, cancel_both) does not match an order of its own account, nor of an
   * account in its strategy group (POST /_sim/tradeGroup): the mode's side is canceled, and REST
   * answers say `cancelReason: "stp_cancel"` (engine/selfTradePrevention.ts). Off: `stpMode` is
   * accepted and echoed but the orders trade, flagged isSelfTrade.
   */
  readonly selfTradePrevention: boolean;
}

export type BehaviourName = keyof Behaviours;

/** The CLI's names for the switches. */
export const BEHAVIOUR_FLAGS: Readonly<Record<string, BehaviourName>> = {
  "content-type": "contentType",
  "errors-in-http-200": "errorsInHttp200",
  "whole-second-times": "wholeSecondTimes",
  "client-frame-limit": "clientFrameLimit",
  "request-rate": "requestRate",
  "stop-orders": "stopOrders",
  "increase-depth-batch": "increaseDepthBatch",
  "order-read-lag": "orderReadLag",
  maintenance: "maintenance",
  "key-expiry": "keyExpiry",
  "wallet-window-error": "walletWindowError",
  "internal-transfers": "internalTransfers",
  "dust-conversions": "dustConversions",
  "symbol-offline": "symbolOffline",
  "web-edits": "webEdits",
  "minimal-cancel-answer": "minimalCancelAnswer",
  "buy-fee-in-quote": "buyFeeInQuote",
  "orders-before-deals": "ordersBeforeDeals",
  "market-protection": "marketProtection",
  "assessment-zone": "assessmentZone",
  "self-trade-prevention": "selfTradePrevention",
};

export const REAL_MEXC: Behaviours = Object.freeze({
  contentType: true,
  errorsInHttp200: true,
  wholeSecondTimes: true,
  clientFrameLimit: true,
  requestRate: true,
  stopOrders: true,
  increaseDepthBatch: true,
  orderReadLag: true,
  maintenance: true,
  keyExpiry: true,
  walletWindowError: true,
  internalTransfers: true,
  dustConversions: true,
  symbolOffline: true,
  webEdits: true,
  minimalCancelAnswer: true,
  buyFeeInQuote: true,
  ordersBeforeDeals: true,
  marketProtection: true,
  assessmentZone: true,
  selfTradePrevention: true,
});

/** Every behaviour on, except those turned off. */
export function resolveBehaviours(overrides: Partial<Behaviours> = {}): Behaviours {
  return Object.freeze({ ...REAL_MEXC, ...overrides });
}

/** `"content-type,whole-second-times"` -> those switched off; throws naming an unknown one. */
export function parseBehavioursOff(list: string): Partial<Behaviours> {
  const off: Partial<Record<BehaviourName, boolean>> = {};
  for (const raw of list.split(",")) {
    const name = raw.trim();
    if (name === "") continue;
    const key = BEHAVIOUR_FLAGS[name];
    if (key === undefined) {
      throw new RangeError(`unknown behaviour "${name}" (expected ${Object.keys(BEHAVIOUR_FLAGS).join(", ")})`);
    }
    off[key] = false;
  }
  return off;
}
