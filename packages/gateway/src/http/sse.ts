/**
 * GET /events?topics=balances,fills: the same messages as /stream over Server-Sent Events, for
 * clients that cannot use a WebSocket. Each message is one `data:` line holding a ServerMessage
 * (hello, subscribed, snapshot, batch); a comment line every SSE_HEARTBEAT_MS keeps proxies from
 * closing the stream. The session bounds what waits; the response buffer is the back-pressure
 * signal. The token is checked by the guard like every API route (topic names are not secret).
 */
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import { HttpError, StreamMessageError } from "../errors.js";
import { parseTopics } from "../fanout/clientMessages.js";
import { MAX_CLIENTS, MAX_CONNECTIONS_PER_ADDRESS, SSE_HEARTBEAT_MS } from "../fanout/limits.js";
import { SECURITY_HEADERS } from "../security/headers.js";
import type { AppDeps } from "./deps.js";
import { listParam, params, parseQuery } from "./queryParams.js";

const query = params({ topics: listParam });

export function sseRoute(app: FastifyInstance, deps: AppDeps): void {
  const heartbeatMs = deps.settings.sseHeartbeatMs ?? SSE_HEARTBEAT_MS;
  /** Open streams, ended when the app closes (they would otherwise hold server.close() forever). */
  const streams = new Set<ServerResponse>();
  app.addHook("preClose", async () => {
    for (const res of streams) res.end();
  });
  app.get("/events", { exposeHeadRoute: false }, async (request, reply) => {
    const topics = topicsOf(parseQuery(query, request.query).topics, deps.hub.limits.maxTopicsPerClient);
    if (deps.hub.sessionCount >= MAX_CLIENTS) throw new HttpError("TOO_MANY_CLIENTS", "clients: limit reached");
    for (const topic of topics) {
      const reason = deps.hub.refusal(topic);
      if (reason !== undefined) throw new HttpError("BAD_REQUEST", `topics: ${topic}: ${reason}`);
    }
    const address = request.ip;
    if (deps.hub.sessionsFrom(address) >= MAX_CONNECTIONS_PER_ADDRESS) {
      throw new HttpError(
        "TOO_MANY_CONNECTIONS",
        `connections: at most ${MAX_CONNECTIONS_PER_ADDRESS} from one address`,
      );
    }

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    const session = deps.hub.openSession(
      {
        send: (frame) => res.write(`data: ${frame}\n\n`),
        bufferedBytes: () => res.writableLength,
        close: () => res.destroy(),
      },
      "sse",
      // The guard let it in; a browser's login session is noted so a logout ends this stream.
      { address, login: loginOf(deps, request.headers, address) },
    );
    const heartbeat = setInterval(() => {
      if (res.writableLength <= deps.hub.limits.maxBufferedBytes) res.write(": heartbeat\n\n");
    }, heartbeatMs);
    heartbeat.unref();
    streams.add(res);
    const end = () => {
      streams.delete(res);
      clearInterval(heartbeat);
      session.close();
    };
    res.on("close", end);
    res.on("error", end);

    const health = deps.health();
    session.sendNow({ type: "hello", mode: health.mode, quote: health.quote, serverTime: Date.now() });
    session.subscribe(topics);
  });
}

function topicsOf(names: readonly string[], max: number) {
  if (names.length === 0) throw new HttpError("BAD_REQUEST", "topics: required, such as balances,fills");
  try {
    const topics = parseTopics(names);
    if (topics.length > max) throw new HttpError("BAD_REQUEST", `topics: at most ${max}`);
    return topics;
  } catch (error) {
    if (error instanceof StreamMessageError) throw new HttpError("BAD_REQUEST", error.message);
    throw error;
  }
}

function loginOf(deps: AppDeps, headers: IncomingHttpHeaders, address: string): string | undefined {
  const check = deps.policy?.checkRequest(headers, address);
  return check?.ok ? check.session : undefined;
}
