/**
 * MEXC Spot V3's REST paths, by name: the one spelling of each, used by the client's endpoints
 * and the simulator's routes (and the keys of REST_WEIGHTS, checked against it). Paths from
 * MEXC's API docs (mexcdevelop/apidocs spot_v3_en); symbol/offline from Mexc.Net (docs/mexc/undocumented.md#market-data item 11.18).
 */
export const REST_PATHS = {
  ping: "/api/v3/ping",
  time: "/api/v3/time",
  defaultSymbols: "/api/v3/defaultSymbols",
  exchangeInfo: "/api/v3/exchangeInfo",
  offlineSymbols: "/api/v3/symbol/offline",
  depth: "/api/v3/depth",
  trades: "/api/v3/trades",
  aggTrades: "/api/v3/aggTrades",
  klines: "/api/v3/klines",
  tickerBookTicker: "/api/v3/ticker/bookTicker",
  ticker24hr: "/api/v3/ticker/24hr",
  tickerPrice: "/api/v3/ticker/price",
  order: "/api/v3/order",
  orderTest: "/api/v3/order/test",
  openOrders: "/api/v3/openOrders",
  allOrders: "/api/v3/allOrders",
  account: "/api/v3/account",
  /** The pairs this key may trade (docs/mexc/undocumented.md#fills-and-keys item 11.27). */
  selfSymbols: "/api/v3/selfSymbols",
  myTrades: "/api/v3/myTrades",
  userDataStream: "/api/v3/userDataStream",
  coins: "/api/v3/capital/config/getall",
  deposits: "/api/v3/capital/deposit/hisrec",
  withdrawals: "/api/v3/capital/withdraw/history",
  transfers: "/api/v3/capital/transfer",
  internalTransfers: "/api/v3/capital/transfer/internal",
  dustLog: "/api/v3/capital/convert",
  /** A main account's sub-accounts, and a sub-account's API keys with their permissions (main account's key only; docs/mexc/undocumented.md#fills-and-keys item 11.32). */
  subAccounts: "/api/v3/sub-account/list",
  subAccountApiKeys: "/api/v3/sub-account/apiKey",
  /** MEXC's platform announcements, public (docs/mexc/rest.md#get-apiv3announcements-public). */
  announcements: "/api/v3/announcements",
} as const;

export type RestPath = (typeof REST_PATHS)[keyof typeof REST_PATHS];
