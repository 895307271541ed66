/**
 * A web instance asks the collector for history over Redis (redisHistoryWire.ts): the request
 * goes to REDIS_HISTORY_REQUESTS_CHANNEL, the answer comes back on this instance's own reply
 * channel. No collector listening (PUBLISH reached nobody) is known at once; a collector that
 * does not answer within REDIS_HISTORY_TIMEOUT_MS counts as gone. Either way the answer is
 * UNAVAILABLE and the caller decides what to serve instead (redisQueries.ts). A collector that
 * answers with a refusal is there: its code and message are passed on as they came, never as
 * UNAVAILABLE; so is an answer that does not fit the wire (FAILED). Requests are signed with the
 * bus secret; an answer not signed by it for this instance's reply channel, stale or replayed is
 * dropped before it is read (redis/busAuth.ts), as if it had never come.
 */
import { randomUUID } from "node:crypto";
import { parseJson } from "@mexc-live/protocol";
import type { Logger } from "../logging.js";
import {
  type HistoryErrorCode,
  type HistoryMethod,
  type HistoryQuery,
  type HistoryResults,
  historyReplySchema,
  historyRequestsChannel,
  historyResultSchemas,
  REDIS_HISTORY_REPLY_PREFIX,
} from "./redisHistoryWire.js";
import { closeRedis, connect, connectAll, type RedisLink } from "./redisLink.js";

/** How long a web instance waits for the collector's answer before it serves the snapshots. */
const REDIS_HISTORY_TIMEOUT_MS = 3_000;

export type HistoryAnswer<T> =
  | { readonly ok: true; readonly result: T }
  /**
   * The collector answered without a result: the caller's mistake (BAD_CURSOR, BAD_REQUEST), an
   * answer over MAX_HISTORY_REPLY_BYTES (TOO_LARGE: narrow the range), or its query failed, or its
   * answer did not fit the wire (FAILED).
   */
  | { readonly ok: false; readonly code: HistoryErrorCode; readonly message: string }
  /** No collector to answer: none listening, none in time, Redis down, or this client closing. */
  | { readonly ok: false; readonly code: "UNAVAILABLE"; readonly reason: string };

export interface RedisHistoryClientOptions {
  /** Redis and the bus secret (redis/redisLink.ts). */
  readonly link: RedisLink;
  readonly logger: Logger;
  /** Default REDIS_HISTORY_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

export interface RedisHistoryClient {
  /** Asks the collector of `account` (undefined: the deployment's default account). */
  ask<M extends HistoryMethod>(
    method: M,
    query: HistoryQuery<M>,
    account?: string,
  ): Promise<HistoryAnswer<HistoryResults[M]>>;
  close(): Promise<void>;
}

interface Pending {
  readonly method: HistoryMethod;
  readonly settle: (answer: HistoryAnswer<unknown>) => void;
}

export async function startRedisHistoryClient(options: RedisHistoryClientOptions): Promise<RedisHistoryClient> {
  const { logger, link } = options;
  const { auth } = link;
  const timeoutMs = options.timeoutMs ?? REDIS_HISTORY_TIMEOUT_MS;
  const instance = randomUUID();
  const replyChannel = REDIS_HISTORY_REPLY_PREFIX + instance;
  const sub = connect(link, logger, "redis history reply subscriber");
  const cmd = connect(link, logger, "redis history requester");
  await connectAll(link, [sub, cmd]);
  const fromCollector = auth.receiver("history_reply");
  const pending = new Map<string, Pending>();
  let nextId = 0;

  sub.on("message", (channel: string, text: string) => {
    if (channel !== replyChannel) return;
    const payload = fromCollector(channel, text);
    if (payload === undefined) return;
    const parsed = historyReplySchema.safeParse(parseJson(payload));
    const waiting = parsed.success ? pending.get(parsed.data.id) : undefined;
    if (!parsed.success || waiting === undefined) {
      if (!parsed.success) logger.warn({ bytes: text.length }, "malformed history answer on redis skipped");
      return; // An answer that came after its request timed out is dropped too.
    }
    const reply = parsed.data;
    if (!reply.ok) {
      waiting.settle({ ok: false, code: reply.code, message: reply.message });
      return;
    }
    // Checked, but passed on as it came (zod's copy would reorder the items' fields).
    if (!historyResultSchemas[waiting.method].safeParse(reply.result).success) {
      logger.warn({ method: waiting.method, bytes: text.length }, "malformed history answer on redis skipped");
      const message = `${waiting.method}: the collector's answer is malformed`;
      waiting.settle({ ok: false, code: "FAILED", message });
      return;
    }
    waiting.settle({ ok: true, result: reply.result });
  });
  await sub.subscribe(replyChannel);

  return {
    ask<M extends HistoryMethod>(method: M, query: HistoryQuery<M>, account?: string) {
      const id = String(++nextId);
      return new Promise<HistoryAnswer<HistoryResults[M]>>((resolve) => {
        const timer = setTimeout(
          () => settle({ ok: false, code: "UNAVAILABLE", reason: `no answer within ${timeoutMs} ms` }),
          timeoutMs,
        );
        const settle = (answer: HistoryAnswer<unknown>) => {
          if (!pending.delete(id)) return;
          clearTimeout(timer);
          resolve(answer as HistoryAnswer<HistoryResults[M]>);
        };
        pending.set(id, { method, settle });
        const request = JSON.stringify({ id, replyTo: instance, method, query });
        const channel = historyRequestsChannel(account);
        cmd.publish(channel, auth.sign(channel, request)).then(
          (receivers) => {
            if (receivers === 0) settle({ ok: false, code: "UNAVAILABLE", reason: "no collector listening" });
          },
          (error: Error) => settle({ ok: false, code: "UNAVAILABLE", reason: `redis: ${error.message}` }),
        );
      });
    },
    async close() {
      for (const { settle } of [...pending.values()]) settle({ ok: false, code: "UNAVAILABLE", reason: "closing" });
      await Promise.all([closeRedis(sub), closeRedis(cmd)]);
    },
  };
}
