/**
 * Signed account reads (docs/mexc/rest.md#get-apiv3account-signed-weight-10-spot_account_read, docs/mexc/rest.md#get-apiv3mytrades-signed-weight-10-spot_account_read): balances and the account's trades.
 * Registered inside the signed scope (app.ts), so the signature guard has run.
 */

import { MY_TRADES_LIMIT_DEFAULT, MY_TRADES_LIMIT_MAX, MY_TRADES_MAX_AGE_MS } from "@mexc-live/protocol/limits";
import { type AccountInfo, REST_PATHS } from "@mexc-live/protocol/rest";
import type { FastifyInstance } from "fastify";
import { type RestDeps, signedAccount, weightOf } from "../context.js";
import { myTradeJson, restTimeFor } from "../format.js";
import { knownSymbol, timeWindow } from "../query.js";

export function registerAccountRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange, clock } = deps;
  const restTime = restTimeFor(deps.behaviours);

  app.get(
    REST_PATHS.account,
    weightOf("GET /api/v3/account"),
    async (request) =>
      ({
        makerCommission: null,
        takerCommission: null,
        buyerCommission: null,
        sellerCommission: null,
        canTrade: true,
        canWithdraw: true,
        canDeposit: true,
        updateTime: null,
        accountType: "SPOT",
        balances: exchange.balances(signedAccount(request)).map((balance) => ({
          asset: balance.asset,
          free: balance.free,
          locked: balance.locked,
          available: balance.free,
        })),
        permissions: ["SPOT"],
      }) satisfies AccountInfo,
  );

  /**
   * The pairs this key may trade, in MEXC's envelope (docs/mexc/undocumented.md#fills-and-keys item 11.27,
   * MEXC's "User API default symbol"): the key's list, else every pair open to API trading. Reads
   * of other pairs are not refused: no public report shows they are.
   */
  app.get(REST_PATHS.selfSymbols, weightOf("GET /api/v3/selfSymbols"), async (request) => {
    const own = deps.keySymbols(signedAccount(request));
    const open = [...exchange.symbols.values()].filter((config) => !config.apiTradingDisabled);
    return {
      code: 200,
      data: open.map((config) => config.symbol).filter((symbol) => own === undefined || own.has(symbol)),
      msg: null,
    };
  });

  /**
   * The newest `limit` trades (max 100) in the window, oldest first. Without times the window
   * is the last month, which is also as far back as MEXC lets anyone look: a startTime sent older
   * than that is refused (33333, query.ts), a span over a month too.
   */
  app.get(REST_PATHS.myTrades, weightOf("GET /api/v3/myTrades"), async (request) => {
    const { params } = request.mexc;
    const config = knownSymbol(exchange, params);
    const orderId = params.optional("orderId");
    const window = timeWindow(params, clock.now(), {
      defaultSpanMs: MY_TRADES_MAX_AGE_MS,
      maxSpanMs: MY_TRADES_MAX_AGE_MS,
      maxAgeMs: MY_TRADES_MAX_AGE_MS,
    });
    const limit = params.limit("limit", MY_TRADES_LIMIT_DEFAULT, MY_TRADES_LIMIT_MAX);
    const trades = exchange
      .myTrades(signedAccount(request), config.symbol)
      .filter((trade) => (orderId === undefined || trade.orderId === orderId) && window.includes(restTime(trade.time)));
    return trades.slice(-limit).map((trade) => myTradeJson(trade, restTime));
  });
}
