/**
 * Request weights of the REST endpoints (docs/mexc/rest.md#rate-limits [OFF]; ccxt uses the same
 * numbers), per limit family: IP (every endpoint) and UID (the signed ones that count per
 * account). One table for the client's budget and the simulator's limiter.
 */
import type { RestPath } from "./restPaths.js";

export interface RestWeight {
  readonly ip?: number;
  readonly uid?: number;
  /** Tickers cost more when asked for every symbol at once (no `symbol` parameter). */
  readonly ipWithoutSymbol?: number;
}

export const REST_WEIGHTS = {
  "GET /api/v3/ping": { ip: 1 },
  "GET /api/v3/time": { ip: 1 },
  "GET /api/v3/defaultSymbols": { ip: 1 },
  "GET /api/v3/selfSymbols": { ip: 1 },
  // No weight published, a rate instead: 5 calls per 2 s (ANNOUNCEMENTS_CALLS_PER_2S) [UNCONFIRMED weight].
  "GET /api/v3/announcements": { ip: 1 },
  "GET /api/v3/exchangeInfo": { ip: 10 },
  "GET /api/v3/depth": { ip: 1 },
  "GET /api/v3/trades": { ip: 5 },
  "GET /api/v3/aggTrades": { ip: 1 },
  "GET /api/v3/klines": { ip: 1 },
  "GET /api/v3/ticker/bookTicker": { ip: 1 },
  "GET /api/v3/ticker/24hr": { ip: 1, ipWithoutSymbol: 40 },
  "GET /api/v3/ticker/price": { ip: 1, ipWithoutSymbol: 2 },
  "POST /api/v3/order/test": { ip: 1 },
  "POST /api/v3/order": { ip: 1, uid: 1 },
  "DELETE /api/v3/order": { ip: 1 },
  "DELETE /api/v3/openOrders": { ip: 1 },
  "GET /api/v3/order": { ip: 2 },
  "GET /api/v3/openOrders": { ip: 3 },
  "GET /api/v3/allOrders": { ip: 10 },
  "GET /api/v3/account": { ip: 10 },
  "GET /api/v3/myTrades": { ip: 10 },
  // Wallet history: Weight(IP) 1 in the official docs (mexcdevelop/apidocs spot_v3_en 2025-08-08), as in ccxt.
  "GET /api/v3/capital/deposit/hisrec": { ip: 1 },
  "GET /api/v3/capital/withdraw/history": { ip: 1 },
  "GET /api/v3/capital/transfer": { ip: 1 },
  // Internal transfers and the dust log: Weight(IP) 1 in the same docs.
  "GET /api/v3/capital/transfer/internal": { ip: 1 },
  "GET /api/v3/capital/convert": { ip: 1 },
  // Offline pairs: Mexc.Net sends it with weight 1 (MexcRestClientSpotApiExchangeData.cs) [UNCONFIRMED].
  "GET /api/v3/symbol/offline": { ip: 1 },
  // Not in the docs/mexc/rest.md#rate-limits table: ccxt's figure for the coin list.
  "GET /api/v3/capital/config/getall": { ip: 10 },
  // A main account's sub-accounts and their keys: Weight(IP) 1 in MEXC's docs ("Query Sub-account
  // List", "Query the APIKey of a sub-account", both "For Master Account").
  "GET /api/v3/sub-account/list": { ip: 1 },
  "GET /api/v3/sub-account/apiKey": { ip: 1 },
  // Listen keys: weights not documented; 1, as ccxt and Mexc.Net assume [UNCONFIRMED] (docs/mexc/rest.md#listen-keys).
  "POST /api/v3/userDataStream": { ip: 1 },
  "PUT /api/v3/userDataStream": { ip: 1 },
  "DELETE /api/v3/userDataStream": { ip: 1 },
  "GET /api/v3/userDataStream": { ip: 1 },
} as const satisfies Partial<Record<`${"GET" | "POST" | "PUT" | "DELETE"} ${RestPath}`, RestWeight>>;

export type RestEndpoint = keyof typeof REST_WEIGHTS;

/** Weights per family as a request is counted: `ip` for the machine, `uid` for the account that signed it. */
export interface ChargedWeight {
  readonly ip?: number;
  readonly uid?: number;
}

/**
 * Where MEXC counts a request (docs/mexc/rest.md#rate-limits, "Limits per IP or per account"):
 * "the account is used as the basic unit" for an endpoint that carries an API key, the IP for one
 * that does not [OFF S2, S3]. The weight tables label most signed reads "Weight(IP)"; MEXC's general
 * rule, hummingbot's MEXC connector (account, myTrades, order, userDataStream in its UID pool) and
 * every library's one limiter per key read that as the account's count. So a signed call is charged
 * to its account (its `uid` weight, else its `ip` one), and where the table gives both families (POST
 * order) to the IP as well; an unsigned call to the IP alone.
 */
export function chargedWeight(weight: { readonly ip?: number; readonly uid?: number }, signed: boolean): ChargedWeight {
  if (!signed) return weight.ip === undefined ? {} : { ip: weight.ip };
  const uid = weight.uid ?? weight.ip;
  const charged: { ip?: number; uid?: number } = {};
  if (uid !== undefined) charged.uid = uid;
  if (weight.uid !== undefined && weight.ip !== undefined) charged.ip = weight.ip;
  return charged;
}
