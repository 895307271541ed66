/**
 * The downloads (contract EXPORTS), one route each: the query checked with the row's schema
 * (contract EXPORT_SCHEMAS; 400 naming the parameter), the account scope, then the file. One
 * export per account at a time (exportSlots.ts), taken once the query is checked; lines made in
 * slices as the client reads (exportStream.ts); ids masked under --mask as in every answer.
 *
 *   GET /api/export/fills.csv?symbol&from&to     every fill in the range, oldest first: those stored
 *                                                when the export began (none stored while it streams)
 *   GET /api/export/orders.csv?status&symbol&side&from&to   every order the Orders tables filter to,
 *                                                newest first like their pages (`closed`: every order
 *                                                not open; from/to bound the creation time), read page
 *                                                by page: the whole filtered set, not the rows a browser
 *                                                has loaded (issue 40 item 7)
 *   GET /api/export/transfers.csv?(the transfers' filters)  every transfer, newest first, page by page
 *   GET /api/export/ledger.csv?(the ledger's filters)       every balance change, likewise
 *   GET /api/export/tax.csv?year&method          the disposals of a tax year (exportTax.ts)
 *   GET /api/export/rotki-trades.csv, rotki-events.csv, koinly.csv, cointracking.csv,
 *       ghostfolio.json ?from&to                 the files other tools import (exportToTool.ts)
 */
import {
  csvHeader,
  EXPORTS,
  type ExportName,
  FILL_CSV,
  isOpenOrder,
  LEDGER_CSV,
  ORDER_CSV,
  type OrderItem,
  TRANSFER_CSV,
} from "@mexc-live/contract";
import { EXPORT_SCHEMAS, type ExportQuery } from "@mexc-live/contract/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodType } from "zod";
import type { ExportFormatName } from "../../exports/exportFile.js";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import type { GatewayQueries } from "../queries/gatewayQueries.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { parseQuery } from "../queryParams.js";
import { sendCsvPages } from "./csvPages.js";
import { takeExportSlot } from "./exportSlots.js";
import { csvLines, csvStream, sendCsv } from "./exportStream.js";
import { sendTaxCsv } from "./exportTax.js";
import { sendToolExport } from "./exportToTool.js";

interface ExportRequest {
  readonly deps: AppDeps;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  /** The scope's queries: one account's, or all accounts' folded. */
  readonly queries: GatewayQueries;
}

type SendExport<K extends ExportName> = (query: ExportQuery<K>, at: ExportRequest) => Promise<FastifyReply>;

/** How each export is written: the compiler asks for one for each row of EXPORTS. */
const SEND: { readonly [K in ExportName]: SendExport<K> } = {
  fills: async (q, { deps, request, reply, queries }) => {
    takeExportSlot(deps, request, reply);
    const fills = await queries.allFills(q);
    if (isPartial(fills)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    const name = `mexc-live-fills${q.symbol ? `-${q.symbol}` : ""}.csv`;
    return sendCsv(reply, name, csvStream(csvHeader(FILL_CSV), csvLines(FILL_CSV, fills)));
  },
  orders: (q, { deps, request, reply, queries }) => {
    const name = `mexc-live-orders${q.status === "all" ? "" : `-${q.status}`}${q.symbol ? `-${q.symbol}` : ""}.csv`;
    // The store tells open orders apart; the rest of the filters are applied to the rows read.
    const status = q.status === "open" ? "open" : "all";
    const read = (cursor: string | undefined, limit: number) =>
      queries.orders({ status, symbol: q.symbol, cursor, limit });
    return sendCsvPages(deps, request, reply, name, ORDER_CSV, read, (order) => keepsOrder(q, order));
  },
  transfers: (q, { deps, request, reply, queries }) =>
    sendCsvPages(deps, request, reply, "mexc-live-transfers.csv", TRANSFER_CSV, (cursor, limit) =>
      queries.transfers({ ...q, cursor, limit }),
    ),
  ledger: (q, { deps, request, reply, queries }) =>
    sendCsvPages(deps, request, reply, "mexc-live-ledger.csv", LEDGER_CSV, (cursor, limit) =>
      queries.ledger({ ...q, cursor, limit }),
    ),
  tax: async (q, { deps, request, reply, queries }) => {
    takeExportSlot(deps, request, reply);
    return sendTaxCsv(reply, q, await queries.taxRows(q));
  },
  rotkiTrades: toolFile("rotkiTrades"),
  rotkiEvents: toolFile("rotkiEvents"),
  koinly: toolFile("koinly"),
  coinTracking: toolFile("coinTracking"),
  ghostfolio: toolFile("ghostfolio"),
};

/** How a file for another tool is sent (exportToTool.ts). */
function toolFile<K extends ExportFormatName>(name: K): SendExport<K> {
  return (q, { deps, request, reply, queries }) => sendToolExport(name, q, deps, request, reply, queries);
}

/** Whether `order` is one the orders export keeps (the status the store cannot tell apart, side, time). */
function keepsOrder(q: ExportQuery<"orders">, order: OrderItem): boolean {
  if (q.status === "closed" && isOpenOrder(order)) return false;
  if (q.side !== undefined && order.side !== q.side) return false;
  if (q.from !== undefined && order.time < q.from) return false;
  return q.to === undefined || order.time <= q.to;
}

export function exportRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const name of Object.keys(EXPORTS) as ExportName[]) {
    app.get(EXPORTS[name].path, async (request, reply) => {
      const schema: ZodType = EXPORT_SCHEMAS[name].http;
      const query = parseQuery(schema, request.query) as ExportQuery<typeof name>;
      const { queries } = scopeOf(deps, request);
      return (SEND[name] as SendExport<typeof name>)(query, { deps, request, reply, queries });
    });
  }
}
