/**
 * A stream that cannot connect says why (issue 38 item 2): against a port of 127.0.0.1 that
 * nothing listens on, every failed try is a `reconnecting` notice with the host, the system's
 * error code and the next try's time, and the tries are counted.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { deadPort, waitFor } from "../../test/wsTestServer.js";
import { type MarketStream, type MarketStreamItem, marketStream } from "../market/marketStream.js";
import type { ConnectFailure } from "./streamTypes.js";

const DEALS = "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT";

let stream: MarketStream | undefined;
afterEach(async () => {
  await stream?.close();
  stream = undefined;
});

describe("a stream that cannot connect", () => {
  it("tells every failed try: host, ECONNREFUSED, tries in a row, the next try's time; and counts them", async () => {
    const port = await deadPort();
    stream = marketStream([DEALS], { url: `ws://127.0.0.1:${port}/ws`, reconnect: { initialMs: 20, maxMs: 40 } });
    const heard: MarketStreamItem[] = [];
    stream.on("reconnecting", (failure) => heard.push({ type: "reconnecting", ...failure }));
    await waitFor(() => heard.length >= 3, "three failed tries", 5_000);
    const seen: MarketStreamItem[] = [];
    for await (const item of stream) {
      seen.push(item);
      if (seen.filter((each) => each.type === "reconnecting").length === 3) break;
    }
    expect(seen[0]).toEqual({ type: "state", state: "connecting" });
    const failures = seen.filter((item) => item.type === "reconnecting");
    expect(failures.map((failure) => [failure.host, failure.code, failure.attempt])).toEqual([
      [`127.0.0.1:${port}`, "ECONNREFUSED", 1],
      [`127.0.0.1:${port}`, "ECONNREFUSED", 2],
      [`127.0.0.1:${port}`, "ECONNREFUSED", 3],
    ]);
    for (const failure of failures) {
      expect(failure.message).toContain("ECONNREFUSED");
      expect(failure.nextTryAt).toBeGreaterThan(Date.now() - 5_000);
    }
    expect(stream.stats().shards[0]!.failedConnects).toBeGreaterThanOrEqual(3);
  });

  it("names a refused upgrade HTTP_<status>, and never the listen key of the URL", async () => {
    const refusing = createServer((_request, response) => response.writeHead(401).end());
    refusing.on("upgrade", (_request, socket) => socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"));
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    const { port } = refusing.address() as AddressInfo;
    const key = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    try {
      stream = marketStream(["spot@private.orders.v3.api.pb"], {
        url: `ws://127.0.0.1:${port}/ws?listenKey=${key}`,
        reconnect: { initialMs: 20, maxMs: 40 },
      });
      const failures: ConnectFailure[] = [];
      stream.on("reconnecting", (failure) => failures.push(failure));
      await waitFor(() => failures.length >= 2, "two refused tries", 5_000);
      expect(failures[0]).toMatchObject({ host: `127.0.0.1:${port}`, code: "HTTP_401", attempt: 1 });
      expect(JSON.stringify(failures)).not.toContain(key);
    } finally {
      await stream?.close();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
