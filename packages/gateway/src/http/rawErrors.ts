/**
 * The answers Fastify would write itself, bypassing the hooks that add security headers
 * (security/guard.ts): a request the HTTP parser refuses (clientErrorHandler), and a request
 * arriving while the gateway closes (return503OnClosing is off; closingGate answers it as a coded
 * error instead, so it goes through the error handler and the headers hook like any other).
 */
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors.js";
import { SECURITY_HEADERS } from "../security/headers.js";

const HEADER_LINES = Object.entries(SECURITY_HEADERS)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join("");

/** Fastify's clientErrorHandler: the same statuses as its default, with our security headers. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const status = error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  const body = JSON.stringify({ error: "BAD_REQUEST", message: `request: ${STATUS_CODES[status]}` });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${HEADER_LINES}content-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Requests that arrive once the app has begun to close get 503 CLOSING (with Connection: close). */
export function closingGate(app: FastifyInstance): void {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async (_request, reply) => {
    if (!closing) return;
    reply.header("connection", "close");
    throw new HttpError("CLOSING", "gateway: shutting down; try again in a moment");
  });
}
