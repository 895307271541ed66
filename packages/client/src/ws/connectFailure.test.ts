/**
 * A stream that cannot connect says why (issue 38 item 2): against a port of 127.0.0.1 that
 * nothing listens on, every failed try is a `reconnecting` notice with the host, the system's
 * error code and the next try's time, and the tries are counted.
 */
import { afterEach, describe, expect, it } from "vitest";
import { deadPort, waitFor } from "../../test/wsTestServer.js";
import { type MarketStream, type MarketStreamItem, marketStream } from "../market/marketStream.js";

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
});
