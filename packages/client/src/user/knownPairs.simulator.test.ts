/**
 * A private fill naming a symbol of the right shape that is no pair is refused, counted and said
 * once; a listed pair, a delisted (offline) one, a configured one and one only a signed exchangeInfo
 * lists (an Assessment Zone pair) pass. REST from the simulator
 * on 127.0.0.1 (its exchangeInfo and offline list), the pushes from a test server.
 */
import { encodePush, type Fill } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/wsTestServer.js";
import type { Logger } from "../redact.js";
import { RestEndpoints } from "../rest/endpoints.js";
import { RestClient } from "../rest/restClient.js";
import { UserStream } from "./userStream.js";

let sim: RunningSimulator | undefined;
let server: TestServer | undefined;
let rest: RestClient | undefined;
let stream: UserStream | undefined;
afterEach(async () => {
  await stream?.close();
  rest?.close();
  await server?.close();
  await sim?.close();
  sim = server = rest = stream = undefined;
});

const DEALS = "spot@private.deals.v3.api.pb";
const deal = (symbol: string, n: number): Uint8Array => {
  const now = Date.now();
  return encodePush({
    channel: DEALS,
    symbol,
    sendTime: now,
    privateDeals: {
      price: "100",
      quantity: "1",
      amount: "100",
      tradeType: 1,
      tradeId: `${symbol}-${n}`,
      orderId: `${symbol}-order-${n}`,
      feeAmount: "0.1",
      feeCurrency: "USDT",
      time: now,
    },
  } as unknown as PushWrapper);
};

/** Waits until `check` holds (vitest asks it again until then); fails naming `what` after `timeoutMs`. */
async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  await expect.poll(check, { message: `timed out waiting for ${what}`, timeout: timeoutMs }).toBe(true);
}

describe("fills of symbols that are no pair", () => {
  it("are refused, counted and said once; listed, delisted and configured pairs pass", async () => {
    sim = await startSimulator({ port: 0, seed: 38, demoTrader: false, admin: true });
    await fetch(`${sim.rest}/_sim/delist`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ symbol: "SOLUSDT" }),
    });
    server = await startTestServer();
    rest = new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey });
    const warnings: { [key: string]: unknown }[] = [];
    const none = () => {};
    const logger: Logger = { debug: none, info: none, error: none, warn: (object) => warnings.push({ ...object }) };
    stream = new UserStream({
      endpoints: new RestEndpoints(rest),
      wsUrl: server.url,
      logger,
      // A pair unsigned exchangeInfo may hide (MEXC's Assessment Zone): the user names it.
      symbols: ["HIDDENUSDT"],
    });
    const fills: Fill[] = [];
    stream.on("event", (event) => {
      if (event.type === "fill") fills.push(event);
    });
    stream.start();
    await until("the first reconciliation", () => stream!.stats().reconciliations >= 1);
    await until("the private channels subscribed", () => server!.openSockets().some((s) => s.channels.has(DEALS)));

    for (let n = 0; n < 3; n++) server.broadcast(deal("NOPAIRUSDT", n), DEALS);
    server.broadcast(deal("BTCUSDT", 0), DEALS);
    server.broadcast(deal("SOLUSDT", 0), DEALS);
    server.broadcast(deal("HIDDENUSDT", 0), DEALS);
    // The simulator's Assessment Zone pair: absent from unsigned exchangeInfo, listed when signed.
    server.broadcast(deal("DOGEUSDT", 0), DEALS);
    // One socket, in order: the refused ones were read before the fourth good one.
    await until("four good fills", () => fills.length >= 4);

    expect(fills.map((fill) => fill.symbol).sort()).toEqual(["BTCUSDT", "DOGEUSDT", "HIDDENUSDT", "SOLUSDT"]);
    expect(stream.stats().unknownValues["fill.symbol=out of bounds: not a known pair"]).toBe(3);
    const said = warnings.filter((line) => line.field === "fill.symbol");
    expect(said).toEqual([expect.objectContaining({ value: "out of bounds: not a known pair" })]);
  }, 30_000);
});
