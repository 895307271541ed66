/**
 * GET /api/pnl?symbol=&method=avg|fifo -> {items: PnlItem[]}: per symbol the position, its cost,
 * realized and unrealized PnL, fees and last price, by the method asked (default: --cost-basis).
 * GET /api/pnl?by=asset&method= -> {items: AssetPnlItem[]}: per asset what is held (free +
 * locked), its cost basis (deposits at their market value then), realized and unrealized PnL,
 * fees paid in it and its value, in the quote currency (ingest/portfolioQueries.ts).
 * GET /api/pnl/periods?period=day|week|month&from=&to=&method= -> {items: PnlPeriodItem[]}: PnL
 * realized and fees per period, unrealized at each period's end (at the market price then),
 * valued in the quote currency; periods start at midnight of `tz` (default UTC; weeks on Monday).
 * The range defaults to the last 30 days (day), 12 weeks (week) or 12 months (month).
 */
import type { AssetPnlItem, PnlItem, PnlPeriodItem } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { MAX_PERIODS } from "../../derive/timeZones.js";
import { HttpError } from "../../errors.js";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { sendFiguresVersion } from "../figuresVersionHeader.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { methodParam, params, parseQuery, symbolParam, timeParam, tzParam } from "../queryParams.js";

const DEFAULT_SPAN_MS = { day: 30 * DAY_MS, week: 12 * 7 * DAY_MS, month: 365 * DAY_MS } as const;

const query = params({
  symbol: symbolParam.optional(),
  method: methodParam.optional(),
  by: z.enum(["symbol", "asset"], { error: 'must be "symbol" or "asset"' }).default("symbol"),
});
const periodsQuery = params({
  period: z.enum(["day", "week", "month"], { error: 'must be "day", "week" or "month"' }).default("day"),
  from: timeParam.optional(),
  to: timeParam.optional(),
  method: methodParam.optional(),
  tz: tzParam.optional(),
});

export function pnlRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/pnl", async (request, reply): Promise<{ items: readonly (PnlItem | AssetPnlItem)[] }> => {
    const { symbol, method, by } = parseQuery(query, request.query);
    if (by === "asset" && symbol !== undefined) {
      throw new HttpError("BAD_REQUEST", "symbol: not a parameter of the view by asset");
    }
    const { queries } = scopeOf(deps, request);
    sendFiguresVersion(reply, queries);
    if (by === "asset") return { items: await queries.assetPnl(method) };
    const items = await queries.pnl(method);
    if (isPartial(items)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    return { items: symbol === undefined ? items : items.filter((item) => item.symbol === symbol) };
  });

  app.get("/api/pnl/periods", async (request, reply): Promise<{ items: readonly PnlPeriodItem[] }> => {
    const q = parseQuery(periodsQuery, request.query);
    const to = q.to ?? Date.now();
    const from = q.from ?? to - DEFAULT_SPAN_MS[q.period];
    const periodMs = q.period === "day" ? DAY_MS : q.period === "week" ? 7 * DAY_MS : 28 * DAY_MS;
    if ((to - from) / periodMs > MAX_PERIODS) {
      throw new HttpError("BAD_REQUEST", `from: at most ${MAX_PERIODS} periods at a time`);
    }
    const { queries } = scopeOf(deps, request);
    sendFiguresVersion(reply, queries);
    const items = await queries.pnlPeriods({
      period: q.period,
      from,
      to,
      ...(q.method === undefined ? {} : { method: q.method }),
      ...(q.tz === undefined ? {} : { tz: q.tz }),
    });
    if (isPartial(items)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    return { items };
  });
}
