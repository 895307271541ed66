/**
 * The API table's reads (contract api/reads.ts) as routes, one handler for all: the query checked
 * with the row's schema (contract api/params.ts; 400 naming the parameter), the account scope
 * (accountScope.ts: one account, or all of them folded), the figures version header on the rows
 * that carry figures, the partial-history header when the answer is not the whole history, 400
 * naming `cursor` for a cursor no page gave, and `{items}` around a list. What each read answers
 * is the row's type and docs/api.md:
 *
 *   GET /api/balances                     every asset held, valued in the quote currency: {items}
 *   GET /api/orders?status&symbol&limit&cursor                  a page of orders, newest first
 *   GET /api/fills?symbol&from&to&limit&cursor                  a page of fills, newest first
 *   GET /api/transfers?type&asset&from&to&limit&cursor          deposits, withdrawals, transfers
 *   GET /api/ledger?asset&type&from&to&limit&cursor             every balance change, what it was
 *                                         (`type`; MEXC's own in `rawType`) and its cause (`ref`)
 *   GET /api/opening-positions            assets held before the known history and their cost: {items}
 *   GET /api/equity?from&to&step          equity points, oldest first
 *   GET /api/fees                         fees per currency and valued in the quote currency
 *   GET /api/fees/days?from&to&tz         fees by day of `tz` (default UTC), each day with the fees
 *                                         so far; the last `cumulative` is `total` (/api/fees' totalValue)
 *   GET /api/pnl/periods?period&from&to&method&tz   PnL realized and fees per period, unrealized at
 *                                         each period's end; periods start at midnight of `tz`
 *                                         (weeks on Monday); the range defaults to the last 30 days,
 *                                         12 weeks or 12 months, at most MAX_PERIODS periods
 *   GET /api/performance?from&to&method   the bridge from start to end equity over the range (default
 *                                         all the history), its PnL, by asset, the TWR, the net
 *                                         deposits line and the range's coverage (docs/figures.md)
 *   GET /api/volume?symbol&from&to&tz     traded volume per symbol and day of `tz`
 *   GET /api/journal/trips?from&to&tz&method&strategyPrefix&symbol&limit&cursor   round trips closed
 *                                         in the range, newest first, in pages (figures/journal/journalReads.ts)
 *   GET /api/journal?from&to&tz&method&strategyPrefix&benchmark   their statistics, by strategy, the
 *                                         drawdown, the range against holding and against `benchmark`
 *   GET /api/precisions                   the places each pair's prices and quantities and each asset's
 *                                         amounts are shown in, from the gateway's one exchangeInfo (the
 *                                         same for every account; a web instance asks its collector)
 *
 * GET /api/pnl (by pair, or by asset with `by=asset`) is two rows on one path: routes/pnl.ts.
 */

import { ACCOUNT_READ_NAMES, type AccountReadName, type HttpAnswer, READS } from "@mexc-live/contract";
import { READ_SCHEMAS, type ReadQuery } from "@mexc-live/contract/api";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodType } from "zod";
import { HttpError, InvalidCursorError } from "../../errors.js";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { sendFiguresVersion } from "../figuresVersionHeader.js";
import { askRead, type GatewayQueries } from "../queries/gatewayQueries.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { parseQuery } from "../queryParams.js";

/**
 * The reads served here: each row of the table on a path of its own. Rows sharing a path (pnl and
 * assetPnl on /api/pnl, told apart by `by=`) are served by routes/pnl.ts.
 */
const OWN_PATH_READS: readonly AccountReadName[] = ACCOUNT_READ_NAMES.filter(
  (name) => ACCOUNT_READ_NAMES.filter((other) => READS[other].path === READS[name].path).length === 1,
);

export function readRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const name of OWN_PATH_READS) {
    app.get(READS[name].path, async (request, reply) => {
      const schema: ZodType = READ_SCHEMAS[name].http;
      const query = parseQuery(schema, request.query) as ReadQuery<typeof name>;
      return answerRead(reply, scopeOf(deps, request).queries, name, query);
    });
  }
}

/** A read's answer as its route sends it: the headers its row asks for, `{items}` around a list. */
export async function answerRead<K extends AccountReadName>(
  reply: FastifyReply,
  queries: GatewayQueries,
  name: K,
  query: ReadQuery<K>,
): Promise<HttpAnswer<K>> {
  const row = READS[name];
  if (row.figures) sendFiguresVersion(reply, queries);
  const answer = await badCursorAsBadRequest(() => askRead(queries, name, query));
  if (isPartial(answer)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
  return (row.items ? { items: answer } : answer) as HttpAnswer<K>;
}

/** A cursor no page of this gateway gave (or it restarted since) is the caller's mistake: 400 naming `cursor`. */
async function badCursorAsBadRequest<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidCursorError)
      throw new HttpError("BAD_REQUEST", "cursor: must be the nextCursor of a previous page");
    throw error;
  }
}
