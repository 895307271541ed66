/**
 * GET /api/pnl?symbol=&method=avg|fifo -> {items: PnlItem[]}: per symbol the position, its cost,
 * realized and unrealized PnL, fees and last price, by the method asked (default: --cost-basis).
 * GET /api/pnl?by=asset&method= -> {items: AssetPnlItem[]}: per asset what is held (free +
 * locked), its cost basis (deposits at their market value then), realized and unrealized PnL,
 * fees paid in it and its value, in the quote currency (figures/portfolio/portfolioQueries.ts).
 * Two rows of the API table (contract api/reads.ts: pnl, assetPnl) on one path; the answer as
 * every read's (routes/reads.ts).
 */
import { READS } from "@mexc-live/contract";
import { READ_SCHEMAS } from "@mexc-live/contract/api";
import type { FastifyInstance } from "fastify";
import { HttpError } from "../../errors.js";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { parseQuery } from "../queryParams.js";
import { answerRead } from "./reads.js";

export function pnlRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get(READS.pnl.path, async (request, reply) => {
    const { symbol, method, by } = parseQuery(READ_SCHEMAS.pnl.http, request.query);
    if (by === "asset" && symbol !== undefined) {
      throw new HttpError("BAD_REQUEST", "symbol: not a parameter of the view by asset");
    }
    const { queries } = scopeOf(deps, request);
    const query = method === undefined ? {} : { method };
    if (by === "asset") return answerRead(reply, queries, "assetPnl", query);
    const answer = await answerRead(reply, queries, "pnl", query);
    return symbol === undefined ? answer : { items: answer.items.filter((item) => item.symbol === symbol) };
  });
}
