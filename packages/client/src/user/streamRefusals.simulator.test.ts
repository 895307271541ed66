/**
 * Bad values on the user stream are said once per field and reason, naming both, never once per
 * frame: REST from the simulator on 127.0.0.1, the private pushes from a test server that sends
 * what the simulator never would (negative prices and fees, a truncated frame), many of each.
 */
import { encodePush } from "@mexc-live/protocol";
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
const deal = (n: number, patch: object): Uint8Array => {
  const now = Date.now();
  return encodePush({
    channel: DEALS,
    symbol: "BTCUSDT",
    sendTime: now,
    privateDeals: {
      price: "100",
      quantity: "1",
      amount: "100",
      tradeType: 1,
      tradeId: `BAD-${n}`,
      orderId: `BAD-order-${n}`,
      feeAmount: "0.1",
      feeCurrency: "USDT",
      time: now,
      ...patch,
    },
  } as unknown as PushWrapper);
};

/** Each warn line: its fields and message. */
function capture(): { logger: Logger; warnings: { message: string; [key: string]: unknown }[] } {
  const warnings: { message: string; [key: string]: unknown }[] = [];
  const none = () => {};
  return {
    warnings,
    logger: {
      debug: none,
      info: none,
      error: none,
      warn: (object, message) => warnings.push({ ...object, message: message ?? "" }),
    },
  };
}

/** Waits until `check` holds (vitest asks it again until then); fails naming `what` after `timeoutMs`. */
async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  await expect.poll(check, { message: `timed out waiting for ${what}`, timeout: timeoutMs }).toBe(true);
}

describe("refused values on the user stream", () => {
  it("are counted per frame and said once per field and reason, naming both", async () => {
    sim = await startSimulator({ port: 0, seed: 37, demoTrader: false });
    server = await startTestServer();
    rest = new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey });
    const { logger, warnings } = capture();
    stream = new UserStream({ endpoints: new RestEndpoints(rest), wsUrl: server.url, logger });
    stream.start();
    await until("the private channels subscribed", () => server!.openSockets().some((s) => s.channels.has(DEALS)));

    for (let n = 0; n < 5; n++) server.broadcast(deal(n, { price: "-100" }), DEALS);
    for (let n = 5; n < 8; n++) server.broadcast(deal(n, { feeAmount: "-0.1" }), DEALS);
    for (let n = 0; n < 4; n++) server.broadcast(deal(20 + n, {}).subarray(0, 7), DEALS);
    await until("twelve bad frames read", () => stream!.stats().malformedFrames >= 12);

    const said = warnings.filter((line) => typeof line.value === "string" && line.value.startsWith("out of bounds"));
    expect(said.map((line) => [line.field, line.value]).sort()).toEqual([
      ["fill.fee", expect.stringMatching(/^out of bounds: .+/)],
      ["fill.price", expect.stringMatching(/^out of bounds: .+/)],
      ["frame", expect.stringMatching(/^out of bounds: malformed \((TRUNCATED|MALFORMED)\)$/)],
    ]);
    const counted = stream.stats().unknownValues;
    expect(
      Object.entries(counted)
        .filter(([cause]) => cause.startsWith("fill.price="))
        .map(([, n]) => n),
    ).toEqual([5]);
    expect(
      Object.entries(counted)
        .filter(([cause]) => cause.startsWith("fill.fee="))
        .map(([, n]) => n),
    ).toEqual([3]);
    // Never the value itself.
    expect(JSON.stringify(warnings)).not.toContain("-100");
  }, 30_000);
});
