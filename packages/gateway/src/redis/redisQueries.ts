/**
 * GatewayQueries on a web instance (role `web`): no database here. History (orders, fills,
 * equity, the exports) is the collector's whole store, asked for over Redis
 * (redisHistoryClient.ts), so pages and cursors are the collector's own. When the collector does
 * not answer, the topic snapshots mirrored from Redis answer instead (the open orders, the latest
 * closed ones, the latest fills and equity points) with the same cursors, the answer marked
 * partial (the HTTP response says so) and a warning logged. A collector that answers with a
 * refusal is there, and its refusal is the answer: 400 for the caller's mistake or an answer too
 * large for Redis (narrow the range), 502 when its query failed. Every read of the API table (contract api/reads.ts) is asked by its row; without a
 * collector, the memory fallback answers it (memoryQueries.ts) from the mirrored snapshots and the
 * figures the collector writes to Redis (PnL, fees, volume), the lists' pages with the store's
 * cursors (MIRRORED_PAGES). The tax report and the files for other tools are pulled from the
 * collector a chunk at a time (redis/exportSessions.ts); without a collector they are refused
 * (502 COLLECTOR_FAILED, never a partial file: nothing here holds what they are made of).
 */
import {
  ACCOUNT_READ_NAMES,
  type AccountReadName,
  accountTopic,
  type BalanceItem,
  type EquityPoint,
  EXPORTS,
  type FillItem,
  isOpenOrder,
  type OrderItem,
  type Page,
  type PagedReadName,
} from "@mexc-live/contract";
import type { ExportQuery, ReadQuery } from "@mexc-live/contract/api";
import { HttpError, InvalidCursorError } from "../errors.js";
import { exportFileType } from "../exports/exportFile.js";
import { noHistory } from "../figures/accountReads.js";
import type { TableReads } from "../figures/tableReads.js";
import { askRead, type GatewayQueries } from "../http/queries/gatewayQueries.js";
import { MemoryQueries } from "../http/queries/memoryQueries.js";
import { markPartial } from "../http/queries/partialHistory.js";
import type { Logger } from "../logging.js";
import type { TopicStates } from "../state/topicStates.js";
import { type CursorKey, decodeCursor, encodeCursor } from "../store/cursor.js";
import type { HistoryAnswer, RedisHistoryClient } from "./redisHistoryClient.js";
import { HISTORY_EXPORT_PAGE, MAX_AFTER_TRADE_IDS, type SessionChunk } from "./redisHistoryWire.js";
import type { FiguresRecord } from "./redisWire.js";

export interface RedisQueriesOptions {
  readonly states: TopicStates;
  readonly history: RedisHistoryClient;
  readonly figures: () => Promise<FiguresRecord | undefined>;
  readonly quote: string;
  readonly logger: Logger;
  /** The account asked about: undefined for the deployment's default account (plain topics). */
  readonly account?: string;
}

type Ask = RedisHistoryClient["ask"];
type MirroredList = <T>(topic: "balances" | "orders" | "fills" | "equity") => T[];

export function redisStateQueries(options: RedisQueriesOptions): GatewayQueries {
  const { states, figures, quote, logger, account } = options;
  /** The account's collector, asked on its own channel. */
  const ask = ((method, query) => options.history.ask(method, query, account)) as Ask;
  const list: MirroredList = <T>(topic: "balances" | "orders" | "fills" | "equity") => [
    ...((states.snapshot(accountTopic(topic, account))?.data as T[] | null | undefined) ?? []),
  ];
  const emptyFees = { quote, byCurrency: {}, valueByCurrency: {}, totalValue: "0" };
  /** What is held here when the collector does not answer: the mirrored snapshots and figures. */
  const mirrored = async () => {
    const held = await figures();
    return new MemoryQueries({
      balances: list<BalanceItem>("balances"),
      equity: list<EquityPoint>("equity"),
      fees: held?.fees ?? emptyFees,
      pnl: [...(held?.pnl ?? [])],
      volume: [...(held?.volume ?? [])],
    });
  };
  const pages = mirroredPages(list, quote);
  const full = collectorAnswers(logger);
  /** Each read of the API table: the collector's answer, else the mirror's, marked partial. */
  const reads = Object.fromEntries(
    ACCOUNT_READ_NAMES.map((name) => [
      name,
      async <K extends AccountReadName>(query: ReadQuery<K>) => {
        const answer = full(name, await ask(name, query as never));
        if (answer !== undefined) return answer;
        const mirror = (pages as Partial<Record<AccountReadName, (query: unknown) => unknown>>)[name];
        return markPartial(
          (mirror === undefined ? await askRead(await mirrored(), name as K, query) : mirror(query)) as object,
        );
      },
    ]),
  ) as unknown as TableReads;
  /** The first chunk of an export's session; refused without a collector (a partial file would be wrong). */
  const opened = <T>(answer: T | undefined, what: string): T => {
    if (answer === undefined) throw new HttpError("COLLECTOR_FAILED", `${what}; a partial one would be wrong`);
    return answer;
  };

  return {
    ...reads,
    async taxRows(query) {
      const first = full("taxRows", await ask("taxRows", query));
      const chunks = { next: "taxNext", done: "taxDone" } as const;
      return sessionRows(opened(first, "tax export: the collector did not answer"), ask, chunks, "tax export");
    },
    async toolExport(name, query) {
      const first = full("toolExport", await ask("toolExport", { format: name, ...query }));
      const what = `${EXPORTS[name].path}: this file is made from the store of the account's collector, which did not answer`;
      const chunk = opened(first, what);
      const steps = sessionRows(chunk, ask, { next: "toolNext", done: "toolDone" } as const, "export");
      return { ...exportFileType(name), head: chunk.head, unknownSymbols: chunk.unknownSymbols, steps };
    },
    async allFills(query) {
      const { symbol, from, to } = query;
      const first = full("allFills", await ask("allFills", { symbol, from, to, limit: HISTORY_EXPORT_PAGE }));
      if (first === undefined) {
        const fills = list<FillItem>("fills").filter((fill) => inRange(fill, query));
        return markPartial(fills.sort((a, b) => a.time - b.time || compare(a.tradeId, b.tradeId)));
      }
      return exportPages(ask, query, first.items, first.more);
    },
  };
}

/**
 * The pages of the lists without a collector: the snapshots' open and latest orders and latest
 * fills, paged with the store's cursors (a cursor of the collector's carries on here and the
 * other way round); nothing of the transfers and the ledger (no snapshot holds them).
 */
function mirroredPages(list: MirroredList, quote: string): Partial<Pick<TableReads, PagedReadName>> {
  return {
    orders: ({ status, symbol, cursor, limit }) => {
      const orders = list<OrderItem>("orders").filter(
        (order) => (status === "all" || isOpenOrder(order)) && (symbol === undefined || order.symbol === symbol),
      );
      return keysetPage(orders, (order) => order.orderId, cursor, limit);
    },
    fills: (query) => {
      const fills = list<FillItem>("fills").filter((fill) => inRange(fill, query));
      return keysetPage(fills, (fill) => fill.tradeId, query.cursor, query.limit);
    },
    transfers: (query) => noHistory("transfers", query, quote),
    ledger: (query) => noHistory("ledger", query, quote),
  };
}

/** The collector's answer, or undefined (logged once per outage) when the snapshots must do. */
function collectorAnswers(logger: Logger): <T>(method: string, answer: HistoryAnswer<T>) => T | undefined {
  let partialSince: number | undefined;
  return (method, answer) => {
    if (answer.ok) {
      if (partialSince !== undefined) logger.info({ method }, "collector answers history queries again");
      partialSince = undefined;
      return answer.result;
    }
    if (answer.code !== "UNAVAILABLE") throw refusal(method, answer, logger);
    if (partialSince === undefined) {
      partialSince = Date.now();
      logger.warn(
        { method, reason: answer.reason },
        "collector did not answer a history query; serving the redis snapshots, marked partial",
      );
    } else {
      logger.debug({ method, reason: answer.reason }, "history query answered from the redis snapshots (partial)");
    }
    return undefined;
  };
}

/** The error a browser gets for a collector's refusal; a failure is logged (the details are the collector's). */
function refusal(method: string, answer: Extract<HistoryAnswer<unknown>, { message: string }>, logger: Logger): Error {
  switch (answer.code) {
    case "BAD_CURSOR":
      return new InvalidCursorError(answer.message);
    case "BAD_REQUEST":
      return new HttpError("BAD_REQUEST", answer.message);
    case "TOO_LARGE":
      return new HttpError("ANSWER_TOO_LARGE", answer.message);
    case "BUSY":
      return new HttpError("EXPORT_RUNNING", answer.message);
    case "FAILED":
      logger.warn({ method, message: answer.message }, "collector failed a history query");
      return new HttpError("COLLECTOR_FAILED", answer.message);
  }
}

/**
 * The rest of the CSV export, page by page. The first page decided that the export is whole: a
 * page missing later throws, so the download breaks off visibly instead of ending short.
 */
async function* exportPages(
  ask: Ask,
  query: ExportQuery<"fills">,
  firstItems: readonly FillItem[],
  firstMore: boolean,
): AsyncGenerator<FillItem> {
  const { symbol, from, to } = query;
  let items = firstItems;
  let more = firstMore;
  let lastTime: number | undefined;
  let idsAtLastTime: string[] = [];
  for (;;) {
    for (const fill of items) {
      if (fill.time !== lastTime) idsAtLastTime = [];
      lastTime = fill.time;
      idsAtLastTime.push(fill.tradeId);
      yield fill;
    }
    if (!more || lastTime === undefined) return;
    if (idsAtLastTime.length > MAX_AFTER_TRADE_IDS) throw new Error("fills export: too many fills in one millisecond");
    const after = { time: lastTime, tradeIds: idsAtLastTime };
    const answer = await ask("allFills", { symbol, from, to, after, limit: HISTORY_EXPORT_PAGE });
    if (!answer.ok) {
      const why = answer.code === "UNAVAILABLE" ? answer.reason : answer.message;
      throw new Error(`fills export broken off after ${lastTime}: ${why}`);
    }
    ({ items, more } = answer.result);
  }
}

/**
 * The rows of an export pulled from the collector (the tax report's, a tool's file's lines;
 * redis/exportSessions.ts), a chunk at a time: the next chunk is asked for only when the reader
 * wants a row past this one's last (the reply drained: http/routes/exportStream.ts), so a web
 * instance holds one chunk and the collector makes no more than is read. A chunk missing throws,
 * so the download breaks off visibly; a reader that stops early (the client went away) ends the
 * collector's session. A chunk may hold no row (the tax walk still before the year after
 * TAX_CHUNK_MAX_MS): the next is asked for at once.
 */
async function* sessionRows<T>(
  first: SessionChunk<T>,
  ask: Ask,
  chunks: { readonly next: "taxNext" | "toolNext"; readonly done: "taxDone" | "toolDone" },
  what: string,
): AsyncGenerator<T> {
  let chunk = first;
  try {
    for (;;) {
      yield* chunk.rows;
      if (!chunk.more) return;
      const answer = (await ask(chunks.next, { session: chunk.session })) as HistoryAnswer<SessionChunk<T>>;
      if (!answer.ok) {
        const why = answer.code === "UNAVAILABLE" ? answer.reason : answer.message;
        throw new Error(`${what} broken off: ${why}`);
      }
      chunk = answer.result;
    }
  } finally {
    if (chunk.more) void ask(chunks.done, { session: chunk.session });
  }
}

function inRange(fill: FillItem, query: ExportQuery<"fills">): boolean {
  return (
    (query.symbol === undefined || fill.symbol === query.symbol) &&
    (query.from === undefined || fill.time >= query.from) &&
    (query.to === undefined || fill.time <= query.to)
  );
}

/** Code-unit order, as SQLite compares the store's ids. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The store's paging over a list: newest first by (time, id), continuing strictly after the
 * cursor's key, so a cursor of the collector's carries on here and the other way round.
 */
function keysetPage<T extends { readonly time: number }>(
  items: readonly T[],
  idOf: (item: T) => string,
  cursor: string | undefined,
  limit: number,
): Page<T> {
  let after: CursorKey | undefined;
  try {
    after = cursor === undefined ? undefined : decodeCursor(cursor);
  } catch {
    throw new InvalidCursorError("cursor: not issued by this gateway");
  }
  const newestFirst = [...items].sort((a, b) => b.time - a.time || compare(idOf(b), idOf(a)));
  const rest =
    after === undefined
      ? newestFirst
      : newestFirst.filter((item) => item.time < after.time || (item.time === after.time && idOf(item) < after.id));
  const page = rest.slice(0, limit);
  const last = rest.length > limit ? page[page.length - 1] : undefined;
  return {
    items: page,
    nextCursor: last ? encodeCursor({ time: last.time, id: idOf(last) }) : null,
    total: items.length,
  };
}
