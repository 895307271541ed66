/**
 * History over Redis: what a web instance asks the collector and what comes back (the wire
 * beside redisWire.ts's topic messages). Both ends check with zod what they receive; a message
 * that does not fit is dropped, never answered or applied.
 *
 * Requests and replies travel signed with the bus secret, in the bus envelope
 * `mlb1 TIME NONCE SIG\n` + the JSON below (redis/busEnvelope.ts): a request is signed for
 * REDIS_HISTORY_REQUESTS_CHANNEL, a reply for the very reply channel it is published on. The
 * signature, its age and its nonce are checked first (redis/busAuth.ts); a request that fails gets
 * no answer at all (not even an error: whoever sent it learns nothing), a reply that fails is
 * ignored (the request then times out). zod sees only the payload of what passed.
 *
 *   channel REDIS_HISTORY_REQUESTS_CHANNEL   {"id":ID,"replyTo":INSTANCE,"method":METHOD,"query":QUERY}
 *   channel REDIS_HISTORY_REPLY_PREFIX+INSTANCE
 *                                            {"id":ID,"ok":true,"result":RESULT}
 *                                            {"id":ID,"ok":false,"code":CODE,"message":TEXT}
 *
 *   METHOD    QUERY (as the HTTP API's)                          RESULT
 *   READ      the row's wire query                               the row's answer
 *   allFills  the fills export's, after?:{time,tradeIds}, limit  {"items":FillItem[],"more":bool}
 *   taxRows   the tax export's: {year,method?,lots?,longTermDays?,currency?}  TaxChunk (opens a tax session)
 *   taxNext   {session}                                          TaxChunk (the session's next rows)
 *   taxDone   {session}                                          {} (the session is dropped)
 *   toolExport  a tool's file's: {format,from?,to?}              ToolChunk, head, unknownSymbols (opens a session)
 *   toolNext  {session}                                          ToolChunk (the session's next lines)
 *   toolDone  {session}                                          {} (the session is dropped)
 *
 * The tax export is pulled chunk by chunk (TaxChunk: {"session":ID,"rows":TaxRow[],"more":bool},
 * at most TAX_ROWS_PER_MESSAGE rows, or what TAX_CHUNK_MAX_MS of the walk made): Redis pub/sub never slows a publisher whose reader falls
 * behind, so the collector makes the next chunk only when the web instance asks for it, which it
 * does once it wrote the previous one to its HTTP reply and the reply wanted more. The collector
 * keeps the walk of each open session (the cost basis runs from the first fill, so a chunk
 * continues the walk, never redoes it) and drops it after its last chunk, on taxDone, or when no
 * taxNext came for TAX_SESSION_IDLE_MS; it keeps at most MAX_TAX_SESSIONS at once (BUSY beyond).
 * The files for other tools (docs/exports.md) are pulled the same way (redis/exportSessions.ts),
 * their text a chunk of lines at a time (ToolChunk: {"session":ID,"rows":string[],"more":bool}, at
 * most TOOL_CHUNK_CHARS of text), the first with the file's head and the pairs it cannot place.
 *
 * READ is any read of the API table (contract api/reads.ts: the figures, and the lists of the
 * history: orders, fills, transfers, ledger, openingPositions ...), its query checked with the
 * row's `wire` schema and its answer with the row's `answer` (contract api/params.ts): a new row
 * travels with no change here (the journal's rows did). The exports' queries are their rows'
 * (EXPORT_SCHEMAS).
 *
 * allFills is the CSV export read page by page, oldest first: `after` is the time of the last
 * fill received and the trade ids received at that very time (ids may be masked, so the page
 * cannot continue "after an id" the way the store's cursors do). Only queries and account
 * history travel: no key, secret, listen key or token.
 */

import type { AccountReadName, FillItem, ReadAnswers } from "@mexc-live/contract";
import { ACCOUNT_READ_NAMES } from "@mexc-live/contract";
import { EXPORT_SCHEMAS, ITEM_ANSWERS, READ_SCHEMAS, type ReadQuery } from "@mexc-live/contract/api";
import { z } from "zod";
import { EXPORT_FORMAT_NAMES } from "../exports/exportFile.js";
import type { TaxRow } from "../figures/index.js";
import { MAX_PAGE_LIMIT } from "../store/cursor.js";

export const REDIS_HISTORY_REQUESTS_CHANNEL = "mexc-live:history:requests";

/** Where a web instance asks an account's collector: the default account's on the plain channel, another's on its own. */
export function historyRequestsChannel(account: string | undefined): string {
  return account === undefined ? REDIS_HISTORY_REQUESTS_CHANNEL : `${REDIS_HISTORY_REQUESTS_CHANNEL}:${account}`;
}
export const REDIS_HISTORY_REPLY_PREFIX = "mexc-live:history:reply:";
/** Fills per allFills page (the API's page limit). */
export const HISTORY_EXPORT_PAGE = MAX_PAGE_LIMIT;
/** Trade ids an allFills `after` may name: fills sharing one millisecond, across pages. */
export const MAX_AFTER_TRADE_IDS = 10 * HISTORY_EXPORT_PAGE;
/**
 * Largest reply, in bytes of JSON. Redis drops a subscriber whose output buffer passes 32 MB
 * (client-output-buffer-limit pubsub, default); the largest answer (MAX_EQUITY_POINTS_PER_QUERY points
 * with their per-asset values) stays well under this.
 */
export const MAX_HISTORY_REPLY_BYTES = 8 * 1024 * 1024;

/**
 * Tax rows per message at most: the rows a collector holds per open tax export, and a web
 * instance per export. A TaxRow is ~450 bytes of JSON, so 2,000 make ~1 MB a message: far under
 * MAX_HISTORY_REPLY_BYTES, and 207 round trips for a year of 414,547 rows (1M fills), which the
 * walk itself (~10 µs a fill) outweighs.
 */
export const TAX_ROWS_PER_MESSAGE = 2_000;
/**
 * Time a collector spends on one chunk at most: it then sends what it has (maybe no row, `more`
 * true). The walk starts at the first fill ever (the cost basis), so the year's first row may be
 * ~10 s of walking away at 1M fills (~10 µs a fill); a third of the web instance's 3 s
 * REDIS_HISTORY_TIMEOUT_MS keeps every ask well inside it on a loaded machine.
 */
export const TAX_CHUNK_MAX_MS = 1_000;
/**
 * How long a collector keeps a tax session no taxNext came for. A web instance asks as soon as
 * its reply drained the previous chunk (~900 KB of CSV): a minute is a client reading under
 * 15 KB/s, or a web instance gone without its taxDone. The export then breaks off visibly.
 */
export const TAX_SESSION_IDLE_MS = 60_000;
/**
 * Open tax sessions per collector at most: each holds a walk and a chunk. A web instance runs one
 * export per account at a time (http/routes/exportSlots.ts); 8 leaves room for several web
 * instances while bounding what their requests can make the collector hold.
 */
export const MAX_TAX_SESSIONS = 8;

/**
 * Text per chunk of a file for another tool, in characters (and one line more): ~1 MB, a tax
 * chunk's size. JSON escapes a CSV line's quotes (\"), and a character outside ASCII is up to 6
 * bytes escaped: at most ~6 MB a message, under MAX_HISTORY_REPLY_BYTES. A million fills in
 * Koinly's CSV (~200 MB) is ~200 round trips.
 */
export const TOOL_CHUNK_CHARS = 1024 * 1024;
/**
 * Open sessions of files for other tools per collector at most, apart from the tax sessions: each
 * holds a walk and a chunk (TOOL_CHUNK_CHARS, ~2 MB in memory), so 16 MB at most; a web instance
 * runs one export per account at a time, and 8 leave room for several web instances.
 */
export const MAX_TOOL_SESSIONS = 8;

const time = z.number().int();
const allFillsQuery = EXPORT_SCHEMAS.fills.wire.extend({
  after: z.strictObject({ time, tradeIds: z.array(z.string().max(256)).min(1).max(MAX_AFTER_TRADE_IDS) }).optional(),
  limit: z.number().int().min(1).max(HISTORY_EXPORT_PAGE),
});
const sessionId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const taxSessionQuery = z.strictObject({ session: sessionId });
/** Every file for another tool travels with the same range as its route's (contract EXPORT_SCHEMAS). */
const toolExportQuery = EXPORT_SCHEMAS.koinly.wire.extend({ format: z.enum(EXPORT_FORMAT_NAMES) });

const envelope = {
  id: z.string().min(1).max(64),
  /** An instance id, not a channel: the collector answers only on REDIS_HISTORY_REPLY_PREFIX channels. */
  replyTo: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
};

const historyOnlyRequests = [
  z.strictObject({ ...envelope, method: z.literal("allFills"), query: allFillsQuery }),
  z.strictObject({ ...envelope, method: z.literal("taxRows"), query: EXPORT_SCHEMAS.tax.wire }),
  z.strictObject({ ...envelope, method: z.literal("taxNext"), query: taxSessionQuery }),
  z.strictObject({ ...envelope, method: z.literal("taxDone"), query: taxSessionQuery }),
  z.strictObject({ ...envelope, method: z.literal("toolExport"), query: toolExportQuery }),
  z.strictObject({ ...envelope, method: z.literal("toolNext"), query: taxSessionQuery }),
  z.strictObject({ ...envelope, method: z.literal("toolDone"), query: taxSessionQuery }),
] as const;

/** A read of the API table over Redis: any row, its query checked with the row's wire schema. */
export type ReadRequest = {
  [K in AccountReadName]: {
    readonly id: string;
    readonly replyTo: string;
    readonly method: K;
    readonly query: ReadQuery<K>;
  };
}[AccountReadName];

/** One branch per row of the API table, so a bad query is refused naming its field (`query.tz`). */
const readRequests = ACCOUNT_READ_NAMES.map((name) =>
  z.strictObject({ ...envelope, method: z.literal(name), query: READ_SCHEMAS[name].wire }),
);

export const historyRequestSchema = z.discriminatedUnion("method", [
  ...historyOnlyRequests,
  ...readRequests,
] as unknown as typeof historyOnlyRequests) as unknown as z.ZodType<HistoryRequest>;

export type HistoryRequest = z.infer<(typeof historyOnlyRequests)[number]> | ReadRequest;
export type HistoryMethod = HistoryRequest["method"];
export type HistoryQuery<M extends HistoryMethod> = Extract<HistoryRequest, { method: M }>["query"];

/** Whether a request is a read of the API table (answered by its row) rather than a history method. */
export function isReadRequest(request: HistoryRequest): request is ReadRequest {
  return Object.hasOwn(READ_SCHEMAS, request.method);
}

export interface FillsPage {
  readonly items: readonly FillItem[];
  /** More fills follow the last one. */
  readonly more: boolean;
}

/** A chunk of an export: at most the sessions' maxWeight (exportSessions.ts) of the walk's rows (and one row more). */
export interface SessionChunk<T> {
  readonly session: string;
  readonly rows: readonly T[];
  /** More rows may follow: ask for the next chunk (or say done). */
  readonly more: boolean;
}

/** A chunk of a tax export: at most TAX_ROWS_PER_MESSAGE rows of the session's walk (more: ask taxNext, or say taxDone). */
type TaxChunk = SessionChunk<TaxRow>;

/** A chunk of a file for another tool: its lines, at most TOOL_CHUNK_CHARS of text (more: ask toolNext, or say toolDone). */
type ToolChunk = SessionChunk<string>;

/** The first chunk of a file for another tool, with what is known before its first row. */
export interface ToolFirstChunk extends ToolChunk {
  readonly head: string;
  /** The pairs whose fills the file cannot hold (not in the collector's symbol list). */
  readonly unknownSymbols: readonly string[];
}

export interface HistoryResults extends Pick<ReadAnswers, AccountReadName> {
  allFills: FillsPage;
  taxRows: TaxChunk;
  taxNext: TaxChunk;
  taxDone: Record<string, never>;
  toolExport: ToolFirstChunk;
  toolNext: ToolChunk;
  toolDone: Record<string, never>;
}

/** Why the collector did not answer a request with a result. */
export type HistoryErrorCode = "BAD_CURSOR" | "BAD_REQUEST" | "BUSY" | "FAILED" | "TOO_LARGE";

export type HistoryReply =
  | { readonly id: string; readonly ok: true; readonly result: unknown }
  | { readonly id: string; readonly ok: false; readonly code: HistoryErrorCode; readonly message: string };

export const historyReplySchema = z.discriminatedUnion("ok", [
  z.object({ id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    id: z.string(),
    ok: z.literal(false),
    code: z.enum(["BAD_CURSOR", "BAD_REQUEST", "BUSY", "FAILED", "TOO_LARGE"]),
    message: z.string().max(1000),
  }),
]);

const taxChunk = z.object({
  session: sessionId,
  rows: z.array(z.looseObject({ time, symbol: z.string(), gain: z.string() })).max(TAX_ROWS_PER_MESSAGE),
  more: z.boolean(),
});

const toolChunk = z.object({ session: sessionId, rows: z.array(z.string()), more: z.boolean() });

/** How a web instance checks each method's result before it reaches a browser (a read's: its row's). */
export const historyResultSchemas: { [M in HistoryMethod]: z.ZodType } = {
  ...(Object.fromEntries(ACCOUNT_READ_NAMES.map((name) => [name, READ_SCHEMAS[name].answer])) as unknown as Record<
    AccountReadName,
    z.ZodType
  >),
  allFills: z.object({ items: z.array(ITEM_ANSWERS.fill), more: z.boolean() }),
  taxRows: taxChunk,
  taxNext: taxChunk,
  taxDone: z.strictObject({}),
  toolExport: toolChunk.extend({ head: z.string(), unknownSymbols: z.array(z.string()) }),
  toolNext: toolChunk,
  toolDone: z.strictObject({}),
};
