/**
 * Issue 54 item 1, the alert channels: a service that accepts the connection and never answers
 * (or sends its headers and stops) ends a send on the channel's time limit, on every Node the
 * alerts package supports (CI runs this on Node 20, 22 and 24). A garbage collection is forced
 * while the send waits: on Node 20 it collected the limit `AbortSignal.any` held (nodejs/node#57736).
 */
import type { AlertNotice } from "@mexc-live/contract";
import { afterEach, describe, expect, it } from "vitest";
import { parseChannelUrl, type SendableTarget } from "../../packages/alerts/src/channels/channelUrl.js";
import { DEFAULT_ENDPOINTS } from "../../packages/alerts/src/channels/httpPost.js";
import { createSender } from "../../packages/alerts/src/channels/senders.js";
import { collectGarbage, HEADERS_ONLY, type SilentServer, settled, startSilentServer } from "./silentServer.js";

/** A send ends within this many times its limit (the limit, a GC and a loaded 2-core machine). */
const SLACK = 3;
const NOTICE: AlertNotice = {
  id: "fill:BTCUSDT:123",
  event: "fill",
  time: 1_732_300_000_000,
  title: "BTCUSDT BUY 0.01 @ 96,500.00",
  text: "Fee 0.0001 BNB",
  fields: { tradeId: "123", symbol: "BTCUSDT" },
};

let server: SilentServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sendTo(silent: SilentServer, timeoutMs: number): Promise<{ value: unknown; ms: number }> {
  const target = parseChannelUrl(`http://${silent.host}/hook`) as SendableTarget;
  const webhook = createSender(target, { endpoints: DEFAULT_ENDPOINTS, timeoutMs });
  const startedAt = performance.now();
  const sending = webhook.send({ id: "delivery-54", notices: [NOTICE] });
  await silent.connected();
  collectGarbage();
  return settled(sending, startedAt);
}

describe("an alert channel that accepts and says nothing", () => {
  it("a send ends on the channel's time limit, to be tried again", async () => {
    server = await startSilentServer();
    const { value, ms } = await sendTo(server, 300);
    expect(value).toEqual({ ok: false, permanent: false, error: "webhook: no answer within 300 ms" });
    expect(ms).toBeLessThan(SLACK * 300);
  });

  it("an answer whose body stops after the headers ends on the same limit", async () => {
    server = await startSilentServer({ greeting: HEADERS_ONLY });
    const { value, ms } = await sendTo(server, 300);
    expect(value).toEqual({ ok: false, permanent: false, error: "webhook: no answer within 300 ms" });
    expect(ms).toBeLessThan(SLACK * 300);
  });
});
