/**
 * The collector answers web instances' history queries (role `collector`, or `all` with
 * --redis): each request on REDIS_HISTORY_REQUESTS_CHANNEL runs against this process's own
 * GatewayQueries (the SQLite store, masks applied) and the answer goes to the asking instance's
 * reply channel. A request not signed with the bus secret (or stale, or a replay) is dropped
 * unanswered and counted before it is even parsed (redis/busAuth.ts): reaching Redis is not enough
 * to read the account's history. A signed request that is not JSON or not of the wire's shape
 * (redisHistoryWire.ts) is logged and dropped; a query that fails is answered with its error;
 * nothing a request holds can stop the collector. Answers are signed for their reply channel.
 * The tax export and the files for other tools are pulled a chunk per request from a session kept
 * for each (exportSessions.ts).
 */
import type { FillItem } from "@mexc-live/contract";
import { parseJson } from "@mexc-live/protocol";
import { InvalidCursorError, isHttpError } from "../errors.js";
import type { TaxRow } from "../figures/index.js";
import { askRead, type GatewayQueries } from "../http/queries/gatewayQueries.js";
import type { Logger } from "../logging.js";
import {
  type ExportSessions,
  ExportSessionsBusyError,
  type ExportSessionTimes,
  exportSessions,
  stepsOf,
} from "./exportSessions.js";
import {
  type FillsPage,
  type HistoryErrorCode,
  type HistoryQuery,
  type HistoryReply,
  type HistoryRequest,
  historyRequestSchema,
  historyRequestsChannel,
  isReadRequest,
  MAX_HISTORY_REPLY_BYTES,
  MAX_TAX_SESSIONS,
  MAX_TOOL_SESSIONS,
  REDIS_HISTORY_REPLY_PREFIX,
  TAX_ROWS_PER_MESSAGE,
  TOOL_CHUNK_CHARS,
  type ToolFirstChunk,
} from "./redisHistoryWire.js";
import { closeRedis, connect, connectAll, type RedisLink } from "./redisLink.js";

export interface RedisHistoryServerOptions {
  /** Redis and the bus secret (redis/redisLink.ts). */
  readonly link: RedisLink;
  /** The collector's own queries over its store (one account's). */
  readonly queries: GatewayQueries;
  /** The account answered for: undefined for the deployment's default account (the plain channel). */
  readonly account?: string;
  readonly logger: Logger;
  /** The export sessions' idle and chunk times (tests); default TAX_SESSION_IDLE_MS, TAX_CHUNK_MAX_MS. */
  readonly taxTimes?: ExportSessionTimes;
}

export interface RedisHistoryServer {
  /** Requests answered (with a result or an error) and dropped as malformed (signed, but not of the wire's shape). */
  stats(): { readonly answered: number; readonly malformed: number };
  /** The tax exports open and the rows they hold (exportSessions.ts). */
  taxStats(): ReturnType<Sessions["tax"]["stats"]>;
  /** The files for other tools open and the characters of text they hold. */
  toolStats(): ReturnType<Sessions["tool"]["stats"]>;
  close(): Promise<void>;
}

export async function startRedisHistoryServer(options: RedisHistoryServerOptions): Promise<RedisHistoryServer> {
  const { queries, logger, link } = options;
  const requests = historyRequestsChannel(options.account);
  const { auth } = link;
  const sub = connect(link, logger, "redis history subscriber");
  const pub = connect(link, logger, "redis history publisher");
  await connectAll(link, [sub, pub]);
  const fromWeb = auth.receiver("history_request");
  const counts = { answered: 0, malformed: 0 };
  const sessions: Sessions = {
    tax: exportSessions(
      { what: "tax export", weight: () => 1, maxWeight: TAX_ROWS_PER_MESSAGE, maxSessions: MAX_TAX_SESSIONS },
      options.taxTimes,
    ),
    tool: exportSessions(
      { what: "export", weight: (line) => line.length, maxWeight: TOOL_CHUNK_CHARS, maxSessions: MAX_TOOL_SESSIONS },
      options.taxTimes,
    ),
  };

  const reply = (request: HistoryRequest, answer: HistoryReply) => {
    let text = JSON.stringify(answer);
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_HISTORY_REPLY_BYTES) {
      logger.warn({ method: request.method, bytes }, "history answer too large for redis; refused");
      text = JSON.stringify(failure(request.id, "TOO_LARGE", `${request.method}: answer too large, narrow the range`));
    }
    counts.answered++;
    const channel = REDIS_HISTORY_REPLY_PREFIX + request.replyTo;
    pub.publish(channel, auth.sign(channel, text)).catch(() => {});
  };

  const answer = async (request: HistoryRequest): Promise<void> => {
    try {
      reply(request, { id: request.id, ok: true, result: await run(queries, sessions, request) });
    } catch (error) {
      if (error instanceof ExportSessionsBusyError) return reply(request, failure(request.id, "BUSY", error.message));
      if (error instanceof InvalidCursorError) return reply(request, failure(request.id, "BAD_CURSOR", error.message));
      if (isHttpError(error) && error.status === 400) {
        return reply(request, failure(request.id, "BAD_REQUEST", error.message));
      }
      logger.error({ err: error, method: request.method }, "history query for a web instance failed");
      reply(request, failure(request.id, "FAILED", `${request.method}: the collector could not answer`));
    }
  };

  sub.on("message", (channel: string, text: string) => {
    if (channel !== requests) return;
    const payload = fromWeb(channel, text);
    if (payload === undefined) return;
    const parsed = historyRequestSchema.safeParse(parseJson(payload));
    if (!parsed.success) {
      counts.malformed++;
      const issue = parsed.error.issues[0];
      logger.warn(
        { bytes: payload.length, field: issue?.path.join(".") || undefined },
        "malformed history request on redis dropped",
      );
      return;
    }
    void answer(parsed.data);
  });
  await sub.subscribe(requests);
  logger.info({ role: "collector", account: options.account }, "answering history queries from redis");

  return {
    stats: () => ({ ...counts }),
    taxStats: () => sessions.tax.stats(),
    toolStats: () => sessions.tool.stats(),
    async close() {
      sessions.tax.close();
      sessions.tool.close();
      await Promise.all([closeRedis(sub), closeRedis(pub)]);
    },
  };
}

function failure(id: string, code: HistoryErrorCode, message: string): HistoryReply {
  return { id, ok: false, code, message };
}

/** The exports a web instance pulls a chunk at a time: the tax report's rows, a tool's file's lines. */
interface Sessions {
  readonly tax: ExportSessions<TaxRow>;
  readonly tool: ExportSessions<string>;
}

async function run(queries: GatewayQueries, sessions: Sessions, request: HistoryRequest): Promise<unknown> {
  // A read of the API table: its row's query, already checked with the row's wire schema.
  if (isReadRequest(request)) return askRead(queries, request.method, request.query as never);
  const { tax, tool } = sessions;
  switch (request.method) {
    case "allFills":
      return fillsPage(queries, request.query);
    case "taxRows": {
      const query = request.query;
      return tax.open(async () => stepsOf(await queries.taxRows(query)), request.replyTo);
    }
    case "taxNext":
      return tax.next(request.query.session, request.replyTo);
    case "taxDone":
      tax.done(request.query.session, request.replyTo);
      return {};
    case "toolExport":
      return toolFile(queries, tool, request.query, request.replyTo);
    case "toolNext":
      return tool.next(request.query.session, request.replyTo);
    case "toolDone":
      tool.done(request.query.session, request.replyTo);
      return {};
  }
}

/**
 * The first chunk of a file for another tool, with its head and the pairs it cannot place: the
 * file is made at once (a bad range refused before a session opens), its walk read in the session.
 */
async function toolFile(
  queries: GatewayQueries,
  tool: ExportSessions<string>,
  query: HistoryQuery<"toolExport">,
  replyTo: string,
): Promise<ToolFirstChunk> {
  const { format, ...range } = query;
  const file = await queries.toolExport(format, range);
  try {
    const first = await tool.open(() => file.steps, replyTo);
    return { ...first, head: file.head, unknownSymbols: file.unknownSymbols };
  } catch (error) {
    await file.steps.return?.();
    throw error;
  }
}

/**
 * One page of the CSV export, oldest first: up to `limit` fills after `after` (fills at
 * `after.time` whose trade id the web instance already has are skipped).
 */
async function fillsPage(queries: GatewayQueries, query: HistoryQuery<"allFills">): Promise<FillsPage> {
  const { after, limit } = query;
  const from = after === undefined ? query.from : Math.max(after.time, query.from ?? after.time);
  const seen = new Set(after?.tradeIds);
  const items: FillItem[] = [];
  for await (const fill of await queries.allFills({ symbol: query.symbol, from, to: query.to })) {
    if (after !== undefined && fill.time === after.time && seen.has(fill.tradeId)) continue;
    if (items.length === limit) return { items, more: true };
    items.push(fill);
  }
  return { items, more: false };
}
