import { request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { FillItem } from "@mexc-live/contract";
import type { ExportQuery } from "@mexc-live/contract/api";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleFill, sampleHealth } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { createMetrics } from "../metrics.js";
import { buildApp } from "./app.js";
import { MemoryQueries } from "./queries/memoryQueries.js";

/** More fills than the socket's and the reply's buffers hold: an export a paused client keeps running. */
const LONG_EXPORT = 1_000_000;

/** Fills made as read: `count` of them, or a failure after `failAfter`. */
class LazyFills extends MemoryQueries {
  read = 0;
  finished = false;
  constructor(
    private readonly count: number,
    private readonly failAfter = Number.POSITIVE_INFINITY,
  ) {
    super({});
  }
  override *allFills(_query: ExportQuery<"fills">): Iterable<FillItem> {
    try {
      for (let n = 0; n < this.count; n++) {
        if (n === this.failAfter) throw new Error("the store failed midway");
        this.read++;
        yield sampleFill(n);
      }
    } finally {
      this.finished = true;
    }
  }
}

let app: FastifyInstance;
const open: IncomingMessage[] = [];
afterEach(async () => {
  for (const response of open.splice(0)) response.destroy();
  await app?.close();
});

async function start(queries: MemoryQueries): Promise<number> {
  app = buildApp({
    queries,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  return (app.server.address() as AddressInfo).port;
}

/** A GET whose body is not read (the client stops reading): resolves at the response's head. */
function getPaused(port: number, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path }, (response) => {
      response.pause();
      open.push(response);
      resolve(response);
    });
    req.on("error", reject);
    req.end();
  });
}

/** A GET read to its end (or its failure). */
function getAll(port: number, path: string): Promise<{ status: number; body: string; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, aborted: false }));
      response.on("aborted", () => resolve({ status: response.statusCode ?? 0, body, aborted: true }));
      response.on("error", () => resolve({ status: response.statusCode ?? 0, body, aborted: true }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  await expect.poll(check, { message: `timed out waiting for ${what}`, timeout: 2_000 }).toBe(true);
}

/**
 * Until `count()` has stayed the same over 20 turns of the event loop: the reader has stopped
 * (its slices take a turn each, and the socket's writes complete within one).
 */
async function untilStill(count: () => number): Promise<void> {
  for (let still = 0, turns = 0; still < 20; turns++) {
    if (turns > 1_000_000) throw new Error("still reading after a million turns of the loop");
    const before = count();
    await new Promise((resolve) => setImmediate(resolve));
    still = count() === before ? still + 1 : 0;
  }
}

describe("one export per account at a time", () => {
  it("answers a second export of the account 409 EXPORT_RUNNING in words, while the first streams", async () => {
    const port = await start(new LazyFills(LONG_EXPORT));
    const first = await getPaused(port, "/api/export/fills.csv");
    expect(first.statusCode).toBe(200);
    for (const path of ["/api/export/fills.csv", "/api/export/tax.csv?year=2025", "/api/export/ledger.csv"]) {
      const second = await getAll(port, path);
      expect(second.status).toBe(409);
      expect(JSON.parse(second.body)).toMatchObject({
        error: "EXPORT_RUNNING",
        message: "an export of this account is already running; try again when it ends",
      });
    }
  });

  it("does not read ahead of a client that stops reading: the rows read stay bounded", async () => {
    const queries = new LazyFills(LONG_EXPORT);
    const port = await start(queries);
    await getPaused(port, "/api/export/fills.csv");
    await until(() => queries.read > 0, "the first rows");
    // Let the gateway fill every buffer it will (its own, the socket's, the kernel's).
    await untilStill(() => queries.read);
    // ~150 bytes a line: whatever the socket buffers hold, far from the million rows there are.
    expect(queries.read).toBeLessThan(LONG_EXPORT / 10);
  });

  it("gives the slot back when the client goes away midway, and stops reading the store", async () => {
    const queries = new LazyFills(LONG_EXPORT);
    const port = await start(queries);
    const first = await getPaused(port, "/api/export/fills.csv");
    first.destroy();
    await until(() => queries.finished, "the store's read to be closed");
    const again = await getPaused(port, "/api/export/fills.csv");
    expect(again.statusCode).toBe(200);
  });

  it("gives the slot back when the reply ends", async () => {
    const port = await start(new LazyFills(1_234));
    const first = await getAll(port, "/api/export/fills.csv");
    expect(first.status).toBe(200);
    expect(first.body.trim().split("\r\n")).toHaveLength(1_235);
    expect((await getAll(port, "/api/export/fills.csv")).status).toBe(200);
  });

  it("gives the slot back when the export fails midway", async () => {
    const port = await start(new LazyFills(LONG_EXPORT, 5_000));
    const failed = await getAll(port, "/api/export/fills.csv");
    expect(failed.aborted).toBe(true);
    expect(failed.body.split("\r\n").length).toBeLessThan(5_002);
    const again = await getPaused(port, "/api/export/fills.csv");
    expect(again.statusCode).toBe(200);
  });
});
