import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { inspect } from "node:util";
import zlib from "node:zlib";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { REST_MAX_ANSWER_BYTES } from "../constants.js";
import { isClientError } from "../errors.js";
import { RestEndpoints } from "./endpoints.js";
import { RestClient } from "./restClient.js";

const API_KEY = "mx0vglREDIRECTKEY01";
const API_SECRET = "5ecre7".repeat(6);
const MIB = 1024 * 1024;
/** A decoded chunk is at most zlib's or a socket read's size: a stop "at the cap" is within this. */
const CHUNK_SLACK_BYTES = 256 * 1024;
/**
 * What the kernel may take from a writer the reader never reads: both sockets' buffers (Linux
 * tcp_wmem 4 MiB and tcp_rmem up to 32 MiB at most on this machine; 4-6 MiB were seen). A
 * server that wrote no more than the cap and this was cut off long before its 100 MB.
 */
const SOCKET_BUFFERS_BYTES = 40 * MIB;

interface Seen {
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** An HTTP server on 127.0.0.1 that records each request and answers with `answer`. */
async function serve(answer: (request: http.IncomingMessage, response: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((request, response) => {
    seen.push({ url: request.url ?? "", headers: request.headers });
    response.on("error", () => {});
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({ close: () => server.close() && server.closeAllConnections() });
  return { seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Writes `chunk` until `total` bytes are out or the client goes away; `written()` says how far it got. */
function stream(response: http.ServerResponse, chunk: Buffer, total: number): () => number {
  let written = 0;
  const pump = () => {
    while (written < total && !response.destroyed) {
      written += chunk.length;
      if (!response.write(chunk)) return void response.once("drain", pump);
    }
    response.end();
  };
  response.on("close", () => {});
  pump();
  return () => written;
}

/** When the peer's side of the connection is gone (an error before it counts too). */
function closeOf(side: { once(event: "close", listener: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => side.once("close", resolve));
}

function bytesReadOf(error: unknown): number {
  return Number(/stopped after (\d+) bytes/.exec(String(error))?.[1]);
}

describe("redirects are never followed", () => {
  it.each([301, 302, 303, 307, 308])(
    "HTTP %i on a signed call: an error naming the host it pointed at, and the other host never sees the key or the signature",
    async (status) => {
      const elsewhere = await serve((_, response) => response.end("{}"));
      const redirecting = await serve((request, response) => {
        // A hostile server echoes the signed query into the Location.
        response.writeHead(status, { location: `${elsewhere.url}${request.url}` }).end();
      });
      const rest = new RestClient({ baseUrl: redirecting.url, apiKey: API_KEY, apiSecret: API_SECRET });
      const error = await new RestEndpoints(rest).account().catch((caught: unknown) => caught);

      expect(isClientError(error) && { code: error.code, class: error.class }).toEqual({
        code: "REDIRECT_REFUSED",
        class: "not_retryable",
      });
      const port = new URL(elsewhere.url).port;
      expect(String(error)).toContain(`GET /api/v3/account answered HTTP ${status} redirecting to 127.0.0.1:${port}`);
      expect(String(error)).not.toMatch(/signature|timestamp|\?/);
      expect(inspect(error)).not.toContain(API_KEY);
      expect(elsewhere.seen).toEqual([]);
      // The signed call went once to the configured host (after its clock read), not again.
      expect(redirecting.seen.map((request) => request.url.split("?")[0])).toEqual(["/api/v3/time", "/api/v3/account"]);
      rest.close();
    },
  );

  it("refuses a public call's redirect too, and one with no Location", async () => {
    const elsewhere = await serve((_, response) => response.end("{}"));
    const redirecting = await serve((request, response) => {
      if (request.url?.startsWith("/api/v3/ping")) response.writeHead(302).end();
      else response.writeHead(301, { location: `${elsewhere.url}/` }).end();
    });
    const endpoints = new RestEndpoints(new RestClient({ baseUrl: redirecting.url }));
    await expect(endpoints.time()).rejects.toMatchObject({ code: "REDIRECT_REFUSED" });
    await expect(endpoints.ping()).rejects.toThrow("GET /api/v3/ping answered HTTP 302 redirecting to nowhere");
    expect(elsewhere.seen).toEqual([]);
  });
});

describe("the byte cap on an answer (REST_MAX_ANSWER_BYTES)", () => {
  /** 300 MB of decoded JSON-ish text as gzip: about 300 KB on the wire (issue 37 item 4). */
  let gzipBomb: Buffer;
  beforeAll(async () => {
    const gzip = zlib.createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on("data", (part: Buffer) => parts.push(part));
    const block = Buffer.alloc(MIB, " ");
    for (let i = 0; i < 300; i++) if (!gzip.write(block)) await new Promise((resolve) => gzip.once("drain", resolve));
    await new Promise((resolve) => gzip.end(resolve));
    gzipBomb = Buffer.concat(parts);
  });

  it("stops a 300 KB gzip bomb at the cap as it decodes: memory stays near the cap, the error names the endpoint and the cap", async () => {
    expect(gzipBomb.length).toBeLessThan(400 * 1024);
    const upstream = await serve((_, response) => {
      response.writeHead(200, { "content-encoding": "gzip", "content-length": gzipBomb.length }).end(gzipBomb);
    });
    const rest = new RestClient({ baseUrl: upstream.url });
    const rssBefore = process.memoryUsage().rss;
    const error = await new RestEndpoints(rest).exchangeInfo().catch((caught: unknown) => caught);
    const rssGrowth = process.memoryUsage().rss - rssBefore;

    expect(isClientError(error) && { code: error.code, class: error.class }).toEqual({
      code: "ANSWER_TOO_LARGE",
      class: "not_retryable",
    });
    expect(String(error)).toContain(
      `GET /api/v3/exchangeInfo answered more than the ${REST_MAX_ANSWER_BYTES}-byte cap`,
    );
    const bytesRead = bytesReadOf(error);
    expect(bytesRead).toBeGreaterThan(REST_MAX_ANSWER_BYTES);
    expect(bytesRead).toBeLessThanOrEqual(REST_MAX_ANSWER_BYTES + CHUNK_SLACK_BYTES);
    // Decoded whole, the 300 MB (and its string) took RSS to about 1 GB; bounded, it is the cap and buffers.
    expect(rssGrowth).toBeLessThan(150 * MIB);
    expect(upstream.seen).toHaveLength(1);
    rest.close();
  });

  it("stops a 100 MB JSON answer with no Content-Length at the cap and cuts the connection, not asking again", async () => {
    let written = () => 0;
    let cut: Promise<unknown> | undefined;
    const row = Buffer.from(`${JSON.stringify({ symbol: "BTCUSDT", status: "1", baseAsset: "BTC" })},`.repeat(100));
    const upstream = await serve((_, response) => {
      cut = closeOf(response);
      response.writeHead(200, { "content-type": "application/json" });
      response.write("[");
      written = stream(response, row, 100 * MIB);
    });
    const rest = new RestClient({ baseUrl: upstream.url });
    const error = await new RestEndpoints(rest).exchangeInfo().catch((caught: unknown) => caught);

    expect(isClientError(error) && error.code).toBe("ANSWER_TOO_LARGE");
    expect(bytesReadOf(error)).toBeLessThanOrEqual(REST_MAX_ANSWER_BYTES + CHUNK_SLACK_BYTES);
    // The server could write the cap and what the sockets' buffers hold until the client cut the
    // connection, no more: the rest was never sent.
    await cut;
    expect(written()).toBeLessThan(REST_MAX_ANSWER_BYTES + SOCKET_BUFFERS_BYTES);
    expect(upstream.seen).toHaveLength(1);
    rest.close();
  });

  it("refuses a declared Content-Length over the cap before reading the body; a write's is of unknown outcome", async () => {
    let written = () => 0;
    let cut: Promise<unknown> | undefined;
    const upstream = await serve((_, response) => {
      cut ??= closeOf(response);
      response.writeHead(200, { "content-type": "application/json", "content-length": 100 * MIB });
      written = stream(response, Buffer.alloc(64 * 1024, " "), 100 * MIB);
    });
    const rest = new RestClient({ baseUrl: upstream.url, apiKey: API_KEY, apiSecret: API_SECRET });
    const read = await rest
      .request({ method: "GET", path: "/api/v3/depth", signed: false, weight: { ip: 1 }, idempotent: true })
      .catch((caught: unknown) => caught);
    expect(String(read)).toContain(
      `GET /api/v3/depth answered more than the ${REST_MAX_ANSWER_BYTES}-byte cap on a REST answer (its Content-Length says ${100 * MIB} bytes; not read`,
    );
    await cut; // the client cut the connection
    expect(written()).toBeLessThan(SOCKET_BUFFERS_BYTES);

    const write = await rest
      .request({ method: "DELETE", path: "/api/v3/order", signed: true, weight: { ip: 1 }, idempotent: false })
      .catch((caught: unknown) => caught);
    expect(isClientError(write) && { code: write.code, class: write.class }).toEqual({
      code: "ANSWER_TOO_LARGE",
      class: "unknown_outcome",
    });
    rest.close();
  });

  it("takes only the bytes a lying Content-Length declares, the 100 MB after it never read", async () => {
    let written = 0;
    let cut: Promise<unknown> | undefined;
    const body = `{"serverTime":${Date.now()}}`;
    const server = net.createServer((socket) => {
      cut = closeOf(socket);
      socket.on("error", () => {});
      socket.once("data", () => {
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
        const spam = Buffer.alloc(64 * 1024, "9");
        const pump = () => {
          while (written < 100 * MIB && !socket.destroyed) {
            written += spam.length;
            if (!socket.write(spam)) return void socket.once("drain", pump);
          }
          socket.end();
        };
        pump();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    const rest = new RestClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    await expect(new RestEndpoints(rest).time()).resolves.toHaveProperty("serverTime");
    await cut; // the client cut the connection
    expect(written).toBeLessThan(SOCKET_BUFFERS_BYTES);
    rest.close();
  });

  it.each([
    ["with a Content-Length", true],
    ["chunked", false],
  ])("takes an answer of exactly maxAnswerBytes and refuses one byte more (%s)", async (_, declared) => {
    const cap = 1000;
    const answerOf = (size: number) => `{"pad":"${"x".repeat(size - 10)}"}`;
    expect(answerOf(cap)).toHaveLength(cap);
    const upstream = await serve((request, response) => {
      const answer = answerOf(request.url?.includes("over") ? cap + 1 : cap);
      if (declared) response.writeHead(200, { "content-length": Buffer.byteLength(answer) }).end(answer);
      else response.writeHead(200).end(answer);
    });
    const rest = new RestClient({ baseUrl: upstream.url, maxAnswerBytes: cap });
    const call = (path: string) =>
      rest.request<{ pad: string }>({ method: "GET", path, signed: false, weight: { ip: 1 }, idempotent: true });
    expect((await call("/api/v3/exact")).pad).toHaveLength(cap - 10);
    await expect(call("/api/v3/over")).rejects.toThrow(
      `GET /api/v3/over answered more than the ${cap}-byte cap on a REST answer (${declared ? `its Content-Length says ${cap + 1} bytes; not read` : `stopped after ${cap + 1} bytes`}`,
    );
    rest.close();
  });

  it("refuses a maxAnswerBytes that is not a whole number of bytes", () => {
    expect(() => new RestClient({ maxAnswerBytes: 0 })).toThrow(
      "maxAnswerBytes must be a whole number of bytes, at least 1, got 0",
    );
    expect(() => new RestClient({ maxAnswerBytes: 1.5 })).toThrow(/maxAnswerBytes/);
  });
});
