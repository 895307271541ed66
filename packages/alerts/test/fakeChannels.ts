/**
 * Local servers on 127.0.0.1 that answer like the services alerts are sent to (Telegram Bot API,
 * Discord webhooks, ntfy, a generic webhook receiver), so tests send real HTTP and nothing leaves
 * the machine. Each records every request (method, path, headers, parsed body) and can be told
 * how to answer the next N requests: rate limited (the service's own 429 body and headers), a
 * server error, a bad token, an unknown chat/webhook/topic, or never (the request hangs until
 * close()).
 *
 * Answer shapes, as the services document or send them:
 * - Telegram: core.telegram.org/bots/api#making-requests; tdlib/telegram-bot-api Query.cpp (429
 *   "Too Many Requests: retry after N", parameters.retry_after) and HttpConnection.cpp
 *   (Retry-After header; 404 "Not Found" for a path that is not /bot<token>/<method>).
 * - Discord: discord.com/developers/docs/topics/rate-limits (429 body and X-RateLimit-* headers),
 *   .../resources/webhook#execute-webhook (204, or 200 and the message with ?wait=true), JSON
 *   error codes 10015 Unknown Webhook and 50027 Invalid Webhook Token.
 * - ntfy: binwiederhier/ntfy server/errors.go (error JSON, codes 40101, 40301, 40401, 40014,
 *   42901), server/types.go (the message JSON a publish answers), server/server.go (topic rule;
 *   a body over 4,096 bytes becomes an attachment, refused where attachments are off).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  /** The path without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** JSON bodies parsed; any other body as text. */
  readonly body: unknown;
  /** What the fake answered (undefined while a request hangs). */
  answer?: { readonly status: number; readonly body: unknown };
}

/**
 * How to answer: `ok` as the service does for a good request; `rateLimited` with the service's
 * 429 (retry after `retryAfterSeconds`, default 1; Discord's default 0.5); `serverError` 500;
 * `badToken` the service's
 * wrong-token answer; `notFound` its unknown chat / webhook / page; `hang` never answers; or a raw
 * status, body and headers.
 */
export type FakeAnswer =
  | { readonly kind: "ok" | "serverError" | "badToken" | "notFound" | "hang" }
  | { readonly kind: "rateLimited"; readonly retryAfterSeconds?: number }
  | {
      readonly kind: "raw";
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Record<string, string>;
    };

export interface FakeChannel {
  /** Telegram/Discord: the API base for ChannelEndpoints; ntfy: http://127.0.0.1:PORT; webhook: the URL to post to. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The next `count` requests are answered so (after any answers already scripted). */
  answerNext(count: number, answer: FakeAnswer | FakeAnswer["kind"]): void;
  /** Resolves with the requests once there are `count` of them; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Closes the server, dropping hanging requests. */
  close(): Promise<void>;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** What a service answers a request: the scripted answer, or undefined to let it decide. */
type ServiceHandler = (request: RecordedRequest, scripted: FakeAnswer | undefined) => Reply | "hang";

async function startFake(handle: ServiceHandler, urlPath = ""): Promise<FakeChannel> {
  const requests: RecordedRequest[] = [];
  const script: FakeAnswer[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request = record(incoming, Buffer.concat(chunks).toString("utf8"));
      requests.push(request);
      const reply = handle(request, script.shift());
      for (const wake of waiters) wake();
      if (reply === "hang") return;
      request.answer = { status: reply.status, body: reply.body };
      send(outgoing, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${urlPath}`,
    requests,
    answerNext(count, answer) {
      for (let n = 0; n < count; n++)
        script.push(typeof answer === "string" ? ({ kind: answer } as FakeAnswer) : answer);
    },
    waitForRequests(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          cleanup();
          resolve(requests.slice(0, count));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`waited ${timeoutMs} ms for ${count} requests, got ${requests.length}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function record(incoming: IncomingMessage, text: string): RecordedRequest {
  const url = new URL(incoming.url ?? "/", "http://fake.invalid");
  const json = (incoming.headers["content-type"] ?? "").includes("application/json");
  let body: unknown = text;
  if (json) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return {
    method: incoming.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    body,
  };
}

function send(outgoing: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = "";
  if (reply.body !== undefined) {
    payload = typeof reply.body === "string" ? reply.body : `${JSON.stringify(reply.body)}\n`;
    headers["content-type"] ??= typeof reply.body === "string" ? "text/plain" : "application/json";
  }
  outgoing.writeHead(reply.status, headers);
  outgoing.end(payload);
}

const unixSeconds = () => Math.floor(Date.now() / 1000);

// ------------------------------------------------------------------------------ Telegram

export interface FakeTelegramOptions {
  /** Only this token is accepted (401 "Unauthorized" for another); default: any well-formed token. */
  readonly botToken?: string;
  /** Only these chats exist (400 "Bad Request: chat not found" for another); default: any. */
  readonly chats?: readonly string[];
}

const telegramError = (code: number, description: string, parameters?: object): Reply => ({
  status: code,
  body: { ok: false, error_code: code, description, ...(parameters === undefined ? {} : { parameters }) },
  ...(parameters !== undefined && "retry_after" in parameters
    ? { headers: { "retry-after": String(parameters.retry_after) } }
    : {}),
});

/** The Telegram Bot API: POST /bot<token>/sendMessage. Put `url` in ChannelEndpoints.telegramApi. */
export function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeChannel> {
  let messageId = 0;
  return startFake((request, scripted) => {
    if (scripted?.kind === "hang") return "hang";
    if (scripted?.kind === "rateLimited") {
      const seconds = scripted.retryAfterSeconds ?? 1;
      return telegramError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
    }
    if (scripted?.kind === "serverError") return telegramError(500, "Internal Server Error");
    if (scripted?.kind === "badToken") return telegramError(401, "Unauthorized");
    if (scripted?.kind === "notFound") return telegramError(400, "Bad Request: chat not found");
    if (scripted?.kind === "raw") return scripted;
    const match = /^\/bot(\d+:[A-Za-z0-9_-]+)\/([A-Za-z]+)$/.exec(request.path);
    if (match === null) return telegramError(404, "Not Found");
    if (options.botToken !== undefined && match[1] !== options.botToken) return telegramError(401, "Unauthorized");
    if (match[2]?.toLowerCase() !== "sendmessage") return telegramError(404, "Not Found: method not found");
    const body = (typeof request.body === "object" && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const chatId = body.chat_id === undefined ? "" : String(body.chat_id);
    const text = typeof body.text === "string" ? body.text : "";
    if (chatId === "") return telegramError(400, "Bad Request: chat_id is empty");
    if (text.trim() === "") return telegramError(400, "Bad Request: message text is empty");
    if (text.length > 4096) return telegramError(400, "Bad Request: message is too long");
    if (options.chats !== undefined && !options.chats.includes(chatId)) {
      return telegramError(400, "Bad Request: chat not found");
    }
    const chat = /^-?\d+$/.test(chatId) ? { id: Number(chatId) } : { id: -1001000000001, username: chatId.slice(1) };
    messageId += 1;
    return { status: 200, body: { ok: true, result: { message_id: messageId, date: unixSeconds(), chat, text } } };
  });
}

// ------------------------------------------------------------------------------ Discord

export interface FakeDiscordOptions {
  /** Only these webhooks exist, id -> token (404 Unknown Webhook / 401 Invalid Webhook Token); default: any. */
  readonly webhooks?: Readonly<Record<string, string>>;
}

const discordError = (status: number, message: string, code: number): Reply => ({ status, body: { message, code } });

/** Discord webhooks: POST /webhooks/<id>/<token>. Put `url` in ChannelEndpoints.discordApi. */
export function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeChannel> {
  let remaining = 5;
  return startFake((request, scripted) => {
    const rateHeaders = (left: number, resetAfter: number): Record<string, string> => ({
      "x-ratelimit-limit": "5",
      "x-ratelimit-remaining": String(left),
      "x-ratelimit-reset": ((Date.now() + resetAfter * 1000) / 1000).toFixed(3),
      "x-ratelimit-reset-after": resetAfter.toFixed(3),
      "x-ratelimit-bucket": "fake0webhook0bucket",
    });
    if (scripted?.kind === "hang") return "hang";
    if (scripted?.kind === "rateLimited") {
      const seconds = scripted.retryAfterSeconds ?? 0.5;
      return {
        status: 429,
        body: { message: "You are being rate limited.", retry_after: seconds, global: false },
        headers: { ...rateHeaders(0, seconds), "retry-after": String(Math.ceil(seconds)), "x-ratelimit-scope": "user" },
      };
    }
    if (scripted?.kind === "serverError")
      return { status: 500, body: { message: "500: Internal Server Error", code: 0 } };
    if (scripted?.kind === "badToken") return discordError(401, "Invalid Webhook Token", 50027);
    if (scripted?.kind === "notFound") return discordError(404, "Unknown Webhook", 10015);
    if (scripted?.kind === "raw") return scripted;
    const match = /^\/webhooks\/(\d+)\/([A-Za-z0-9_-]+)$/.exec(request.path);
    if (match === null) return { status: 404, body: { message: "404: Not Found", code: 0 } };
    const [, id = "", token = ""] = match;
    if (options.webhooks !== undefined && !(id in options.webhooks)) return discordError(404, "Unknown Webhook", 10015);
    if (options.webhooks !== undefined && options.webhooks[id] !== token) {
      return discordError(401, "Invalid Webhook Token", 50027);
    }
    const body = (typeof request.body === "object" && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const content = typeof body.content === "string" ? body.content : "";
    if (content === "") return discordError(400, "Cannot send an empty message", 50006);
    if (content.length > 2000) {
      return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: { content: {} } } };
    }
    remaining = remaining > 0 ? remaining - 1 : 4;
    const headers = rateHeaders(remaining, 2);
    if (request.query.get("wait") !== "true") return { status: 204, headers };
    const message = { id: String(1_300_000_000_000_000_000n + BigInt(Date.now())), type: 0, content, webhook_id: id };
    return {
      status: 200,
      body: { ...message, channel_id: "1100000000000000001", timestamp: new Date().toISOString() },
      headers,
    };
  });
}

// ------------------------------------------------------------------------------ ntfy

export interface FakeNtfyOptions {
  /** A protected server: a request without this auth gets 403, with other credentials 401. */
  readonly auth?: { readonly user: string; readonly password: string } | { readonly token: string };
}

const ntfyError = (http: number, code: number, error: string, link?: string): Reply => ({
  status: http,
  body: { code, http, error, ...(link === undefined ? {} : { link }) },
});

/** RFC 2047 encoded-words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) decoded, as ntfy's header reader does. */
function decodeHeader(value: string | undefined): string {
  if (value === undefined) return "";
  return value.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, mode: string, text: string) =>
    mode.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, "%$1"), "latin1").toString("utf8"),
  );
}

function ntfyHeader(request: RecordedRequest, ...names: string[]): string {
  for (const name of names) {
    const value = request.headers[name.toLowerCase()];
    if (typeof value === "string" && value.trim() !== "") return decodeHeader(value.trim());
  }
  return "";
}

/** An ntfy server: POST /<topic>. Reach it as ntfy://127.0.0.1:PORT/topic (`url` is http://127.0.0.1:PORT). */
export function startFakeNtfy(options: FakeNtfyOptions = {}): Promise<FakeChannel> {
  const priorities: Record<string, number> = { min: 1, low: 2, default: 3, high: 4, max: 5, urgent: 5 };
  return startFake((request, scripted) => {
    if (scripted?.kind === "hang") return "hang";
    if (scripted?.kind === "rateLimited") {
      return ntfyError(
        429,
        42901,
        "limit reached: too many requests, please be nice",
        "https://ntfy.sh/docs/publish/#limitations",
      );
    }
    if (scripted?.kind === "serverError") return ntfyError(500, 50001, "internal server error");
    if (scripted?.kind === "badToken") {
      return ntfyError(401, 40101, "unauthorized", "https://ntfy.sh/docs/publish/#authentication");
    }
    if (scripted?.kind === "notFound") return ntfyError(404, 40401, "page not found");
    if (scripted?.kind === "raw") return scripted;
    const topic = /^\/([-_A-Za-z0-9]{1,64})$/.exec(request.path)?.[1];
    if (topic === undefined || (request.method !== "POST" && request.method !== "PUT")) {
      return ntfyError(404, 40401, "page not found");
    }
    if (options.auth !== undefined) {
      const expected =
        "token" in options.auth
          ? `Bearer ${options.auth.token}`
          : `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString("base64")}`;
      const given = request.headers.authorization;
      if (given === undefined)
        return ntfyError(403, 40301, "forbidden", "https://ntfy.sh/docs/publish/#authentication");
      if (given !== expected)
        return ntfyError(401, 40101, "unauthorized", "https://ntfy.sh/docs/publish/#authentication");
    }
    const text = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
    if (Buffer.byteLength(text) > 4096) {
      return ntfyError(
        400,
        40014,
        "invalid request: attachments not allowed",
        "https://ntfy.sh/docs/config/#attachments",
      );
    }
    const priorityText = ntfyHeader(request, "x-priority", "priority", "prio", "p").toLowerCase();
    const priority = priorities[priorityText] ?? (Number(priorityText) || 0);
    if (priorityText !== "" && (priority < 1 || priority > 5)) {
      return ntfyError(400, 40007, "invalid priority parameter", "https://ntfy.sh/docs/publish/#message-priority");
    }
    const title = ntfyHeader(request, "x-title", "title", "ti", "t");
    const tags = ntfyHeader(request, "x-tags", "tags", "tag", "ta")
      .split(",")
      .map((tag) => tag.trim())
      .filter((tag) => tag !== "");
    const time = unixSeconds();
    const message = {
      id: randomBytes(9).toString("base64url").slice(0, 12),
      time,
      expires: time + 43_200,
      event: "message",
      topic,
      ...(title === "" ? {} : { title }),
      message: text.trim() === "" ? "triggered" : text.trim(),
      ...(priority === 0 ? {} : { priority }),
      ...(tags.length === 0 ? {} : { tags }),
    };
    return { status: 200, body: message };
  });
}

// ------------------------------------------------------------------------------ generic webhook

/** A webhook receiver: any POST to /hook/<anything> answers 200 `{"ok":true}`. `url` is http://127.0.0.1:PORT/hook/secret-path. */
export function startFakeWebhook(): Promise<FakeChannel> {
  return startFake((request, scripted) => {
    if (scripted?.kind === "hang") return "hang";
    if (scripted?.kind === "rateLimited") {
      return {
        status: 429,
        body: "Too Many Requests",
        headers: { "retry-after": String(scripted.retryAfterSeconds ?? 1) },
      };
    }
    if (scripted?.kind === "serverError") return { status: 500, body: "Internal Server Error" };
    if (scripted?.kind === "badToken") return { status: 401, body: "Unauthorized" };
    if (scripted?.kind === "notFound") return { status: 404, body: "Not Found" };
    if (scripted?.kind === "raw") return scripted;
    if (!request.path.startsWith("/hook/")) return { status: 404, body: "Not Found" };
    if (request.method !== "POST") return { status: 405, body: "Method Not Allowed" };
    return { status: 200, body: { ok: true } };
  }, "/hook/secret-path-0123456789");
}
