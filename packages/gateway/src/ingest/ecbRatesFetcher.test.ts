/**
 * The daily fetch of the ECB's rates against stand-in servers on 127.0.0.1: one that answers as
 * the ECB does (its zip, application/zip), one that accepts the connection and says nothing, and
 * ones that answer wrong. No traffic leaves the machine.
 */
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, createServer as createTcpServer, type Socket, type Server as TcpServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ECB_LINES, ECB_ZIP_FIXTURE, ecbFile } from "../../test/ecbRates.js";
import { createLogger } from "../logging.js";
import { ExchangeRateStore } from "../store/exchangeRates.js";
import { type EcbRatesFetcher, startEcbRatesFetcher } from "./ecbRatesFetcher.js";

const ZIP = readFileSync(ECB_ZIP_FIXTURE);
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A server on 127.0.0.1 answering every GET with `answer`; its address and the requests it saw. */
async function standIn(
  answer: (response: ServerResponse) => void,
): Promise<{ url: string; server: Server; requests: () => number }> {
  let requests = 0;
  const server: Server = createHttpServer((_request, response) => {
    requests++;
    answer(response);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  closers.push(() => new Promise<void>((done) => server.close(() => done())));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/stats/eurofxref/eurofxref-hist.zip`, server, requests: () => requests };
}

/** Accepts connections and never answers. */
async function silentServer(): Promise<string> {
  const sockets: Socket[] = [];
  const server: TcpServer = createTcpServer((socket) => void sockets.push(socket));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  closers.push(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((done) => server.close(() => done()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/eurofxref-hist.zip`;
}

function start(url: string, options: { deadlineMs?: number; everyMs?: number; maxBytes?: number } = {}) {
  const lines: { msg: string; host?: string; cause?: string }[] = [];
  const logger = createLogger({
    level: "info",
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  }).logger;
  const rates = new ExchangeRateStore(":memory:");
  const fetcher: EcbRatesFetcher = startEcbRatesFetcher({ url, rates, logger, ...options });
  closers.push(() => rates.close());
  closers.push(() => fetcher.stop());
  return { rates, fetcher, lines };
}

describe("the daily fetch of the ECB's rates", () => {
  it("fetches the zip as the ECB serves it, stores its days, and fetches again a day later", async () => {
    const ecb = await standIn((response) => {
      response.writeHead(200, { "content-type": "application/zip", "content-length": ZIP.length });
      response.end(ZIP);
    });
    const { rates, fetcher, lines } = start(ecb.url, { everyMs: 20 });
    await fetcher.fetchNow();
    expect(rates.newestDay()).toBe("2026-04-13");
    expect(rates.rateOn("JPY", "2026-04-11")?.currencyPerEuro).toBe("186.43");
    expect(fetcher.health()).toEqual({ lastOkAt: expect.any(Number), failure: null });
    expect(lines.find((line) => line.msg === "ECB reference rates fetched")).toMatchObject({
      host: new URL(ecb.url).host,
    });
    // The next fetch comes everyMs later, on its own.
    expect(ecb.requests()).toBe(1);
    await once(ecb.server, "request");
    expect(ecb.requests()).toBe(2);
  });

  it("ends on time against a server that accepts the connection and stays silent, naming the host and why", async () => {
    const url = await silentServer();
    const started = performance.now();
    const { rates, fetcher, lines } = start(url, { deadlineMs: 300 });
    await fetcher.fetchNow();
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2_000);
    const host = new URL(url).host;
    expect(fetcher.health()).toEqual({
      lastOkAt: null,
      failure: { host, cause: "no answer within 0.3 s", at: expect.any(Number) },
    });
    expect(lines.find((line) => line.msg.startsWith("ECB reference rates not fetched"))).toMatchObject({
      host,
      cause: "no answer within 0.3 s",
    });
    expect(rates.newestDay()).toBeNull();
  });

  it("refuses an answer over its bound, declared or streamed, and an error status, storing nothing", async () => {
    const declared = await standIn((response) => {
      response.writeHead(200, { "content-length": 2_000 });
      response.end(Buffer.alloc(2_000));
    });
    const first = start(declared.url, { maxBytes: 1_999 });
    await first.fetcher.fetchNow();
    expect(first.fetcher.health().failure?.cause).toBe("the answer is 2000 bytes, more than the 1999 read");
    const streamed = await standIn((response) => {
      response.writeHead(200);
      response.write(Buffer.alloc(1_500));
      response.end(Buffer.alloc(1_500));
    });
    const second = start(streamed.url, { maxBytes: 2_999 });
    await second.fetcher.fetchNow();
    expect(second.fetcher.health().failure?.cause).toBe("the answer is more than the 2999 bytes read");
    // At the bound: read.
    const exact = await standIn((response) => response.end(ecbFile(ECB_LINES.slice(0, 1))));
    const third = start(exact.url, { maxBytes: Buffer.byteLength(ecbFile(ECB_LINES.slice(0, 1))) });
    await third.fetcher.fetchNow();
    expect(third.fetcher.health().failure).toBeNull();
    expect(third.rates.newestDay()).toBe("2026-04-13");
    const down = await standIn((response) => {
      response.writeHead(503);
      response.end("maintenance");
    });
    const fourth = start(down.url);
    await fourth.fetcher.fetchNow();
    expect(fourth.fetcher.health().failure?.cause).toBe("HTTP 503");
    expect(first.rates.newestDay()).toBeNull();
  });

  it("names a refused connection and a file that is not the ECB's", async () => {
    const closed = await silentServer();
    const port = new URL(closed).port;
    await closers.splice(0)[0]!();
    const refused = start(`http://127.0.0.1:${port}/eurofxref-hist.zip`);
    await refused.fetcher.fetchNow();
    expect(refused.fetcher.health().failure).toMatchObject({ host: `127.0.0.1:${port}`, cause: "connection refused" });
    const wrong = await standIn((response) =>
      response.end(ecbFile([ECB_LINES[0]!.replace("2026-04-13", "13 April 2026")])),
    );
    const broken = start(wrong.url);
    await broken.fetcher.fetchNow();
    expect(broken.fetcher.health().failure?.cause).toBe(
      "the file cannot be read: 1 of 1 rows cannot be read; nothing was imported",
    );
    expect(broken.rates.newestDay()).toBeNull();
  });
});
