/**
 * GET /api/export/orders.csv?status=open|closed|all&symbol=&side=&from=&to= -> every order the
 * Orders tables filter to, newest first like their pages, read page by page as the client reads
 * (csvPages.ts): the whole filtered set the gateway stored, not the rows a browser has loaded
 * (issue 40 item 7). `closed` is the Order history tab (every order not open), `from`/`to` bound
 * the creation time (the tables' "Created" column), both ends inclusive. One export per account
 * at a time; ids masked under --mask as in every answer.
 */
import { isOpenOrder, ORDER_CSV, type OrderItem } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { params, parseQuery, symbolParam, timeParam } from "../queryParams.js";
import { sendCsvPages } from "./csvPages.js";

const query = params({
  status: z.enum(["open", "closed", "all"], { error: 'must be "open", "closed" or "all"' }).default("all"),
  symbol: symbolParam.optional(),
  side: z.enum(["BUY", "SELL"], { error: 'must be "BUY" or "SELL"' }).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
});

type OrdersExport = z.infer<typeof query>;

/** Whether `order` is one the export's filters keep (the status the store cannot tell apart, side, time). */
function keeps(q: OrdersExport, order: OrderItem): boolean {
  if (q.status === "closed" && isOpenOrder(order)) return false;
  if (q.side !== undefined && order.side !== q.side) return false;
  if (q.from !== undefined && order.time < q.from) return false;
  return q.to === undefined || order.time <= q.to;
}

export function exportOrdersRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/export/orders.csv", async (request, reply) => {
    const q = parseQuery(query, request.query);
    const name = `mexc-live-orders${q.status === "all" ? "" : `-${q.status}`}${q.symbol ? `-${q.symbol}` : ""}.csv`;
    const status = q.status === "open" ? "open" : "all";
    return sendCsvPages(
      deps,
      request,
      reply,
      name,
      ORDER_CSV,
      (cursor, limit) => scopeOf(deps, request).queries.orders({ status, symbol: q.symbol, cursor, limit }),
      (order) => keeps(q, order),
    );
  });
}
