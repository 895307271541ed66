/**
 * No secret leaves the process: a scan of every log line (at trace level), every HTTP body and
 * header, every WebSocket frame and the SSE stream of a run finds neither the API key, nor the
 * secret, nor any listen key the gateway used. The run includes dropped sockets and expired
 * listen keys (faults), so reconnects and key replacements are logged too.
 */

import { Writable } from "node:stream";
import type { Health, Topic } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { BrowserClient, getJson, settingsFor, simulatorEnv, startBusySimulator, tempDir, waitFor } from "../e2eKit.js";

/** Long enough to rule out a masked prefix (masks keep 4 characters), short enough to catch a cut secret. */
const FRAGMENT = 10;

describe("secrets stay in the process", () => {
  let sim: RunningSimulator;
  let gateway: RunningGateway;
  const data = tempDir("secrets");
  const logLines: string[] = [];
  const listenKeys = new Set<string>();
  let stopWatching = () => {};

  beforeAll(async () => {
    sim = await startBusySimulator({ seed: 31 });
    stopWatching = sim.listenKeys.onInvalidated((key) => listenKeys.add(key));
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    gateway = await startGateway(
      settingsFor(["--port", "0", "--data", data.path, "--mask", "clientOrderId"], simulatorEnv(sim)),
      {
        logger: createLogger({ level: "trace", destination, secrets: [sim.apiKey, sim.secretKey] }),
      },
    );
  });

  afterAll(async () => {
    stopWatching();
    await gateway?.close();
    await sim?.close();
    data.remove();
  });

  it("finds no API key, secret or listen key in logs, HTTP bodies, WebSocket frames or SSE", async () => {
    const texts: string[] = [];
    const poll = setInterval(() => {
      for (const key of sim.listenKeys.list("demo")) listenKeys.add(key);
    }, 50);
    try {
      const topics: Topic[] = [
        "balances",
        "orders",
        "fills",
        "equity",
        "health",
        "market.BTCUSDT.ticker",
        "market.BTCUSDT.depth",
        "market.BTCUSDT.trades",
        "market.BTCUSDT.kline",
      ];
      const browser = await BrowserClient.open(gateway.url);
      browser.subscribe(topics);
      const sse = await fetch(`${gateway.url}events?topics=fills,orders,balances,health`);
      const reader = sse.body!.getReader();
      const sseDone = (async () => {
        const decoder = new TextDecoder();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          texts.push(decoder.decode(value));
        }
      })();

      // Served first: the browser's snapshots and the SSE stream's first lines.
      await waitFor("the browser's snapshots and the SSE stream", () =>
        topics.every((topic) => browser.snapshot(topic) !== undefined) && texts.length > 0 ? true : undefined,
      );
      await fetch(`${sim.rest}/_sim/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ spec: "drop=0.6,http429=0.05,malformed=0.01" }),
      });
      // The faults bite: a socket dropped, the user stream reconnecting (logged).
      await waitFor("a reconnect", () => (logLines.some((line) => line.includes("reconnecting")) ? true : undefined));
      // A listen key that dies (as after 60 min without keepalive): the client must take a new one.
      const expired = sim.listenKeys.list("demo");
      for (const key of expired) sim.listenKeys.expireNow(key);
      await waitFor("a fresh listen key", () =>
        sim.listenKeys.list("demo").some((key) => !expired.includes(key)) ? true : undefined,
      );
      await fetch(`${sim.rest}/_sim/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"spec":""}',
      });
      await waitFor("upstream live again", async () =>
        (await getJson<Health>(`${gateway.url}api/health`)).upstream.state === "live" ? true : undefined,
      );

      const paths = [
        "api/health",
        "api/balances",
        "api/orders?status=all&limit=1000",
        "api/fills?limit=1000",
        "api/equity",
        "api/fees",
        "api/pnl",
        "api/volume",
        "api/export/fills.csv",
        "metrics",
        "",
        "api/fills?cursor=not-a-cursor",
        "api/nope",
      ];
      for (const path of paths) {
        const response = await fetch(`${gateway.url}${path}`);
        texts.push(`${path} ${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`);
      }
      await reader.cancel();
      await sseDone.catch(() => {});
      await browser.close();
      texts.push(...browser.frames);
      expect(browser.frames.length).toBeGreaterThan(10);
    } finally {
      clearInterval(poll);
    }
    await gateway.close();
    for (const key of sim.listenKeys.list("demo")) listenKeys.add(key);

    const reconnected = logLines.some((line) => line.includes("reconnecting"));
    expect(reconnected, "the faults made the user stream reconnect").toBe(true);
    expect(listenKeys.size, "listen keys were used").toBeGreaterThan(1);
    const secrets = [sim.apiKey, sim.secretKey, ...listenKeys];
    const everything = [...logLines, ...texts];
    expect(everything.length).toBeGreaterThan(20);
    for (const secret of secrets) {
      const fragment = secret.slice(0, FRAGMENT);
      const leaks = everything.filter((text) => text.includes(fragment));
      expect(leaks, `a text holds the start of a secret (${secret.slice(0, 4)}…)`).toEqual([]);
    }
  }, 60_000);
});
