import type { AlertNotice } from "@mexc-live/contract";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeChannel, startFakeWebhook } from "../../test/fakeChannels.js";
import { parseChannelUrl, type SendableTarget } from "./channelUrl.js";
import { type OutgoingMessage, webhookBody } from "./format.js";
import { DEFAULT_ENDPOINTS } from "./httpPost.js";
import { createSender } from "./senders.js";
import { WEBHOOK_MIN_INTERVAL_MS } from "./webhook.js";

const FILL: AlertNotice = {
  id: "fill:BTCUSDT:123",
  event: "fill",
  time: 1_732_300_000_000,
  title: "BTCUSDT BUY 0.01 @ 96,500.00",
  text: "Fee 0.0001 BNB",
  fields: { tradeId: "123", symbol: "BTCUSDT" },
};
const MESSAGE: OutgoingMessage = { id: "delivery-42", notices: [FILL] };

let fake: FakeChannel;
afterEach(() => fake?.close());

function sender(url = fake.url, timeoutMs = 2000) {
  return createSender(parseChannelUrl(url) as SendableTarget, { endpoints: DEFAULT_ENDPOINTS, timeoutMs });
}

describe("webhook sender", () => {
  it("posts the documented JSON body with the delivery id as Idempotency-Key", async () => {
    fake = await startFakeWebhook();
    const webhook = sender();
    expect(webhook.minIntervalMs).toBe(WEBHOOK_MIN_INTERVAL_MS);
    expect(await webhook.send(MESSAGE)).toEqual({ ok: true });
    const [request] = fake.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(new URL(fake.url).pathname);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["user-agent"]).toBe("mexc-live");
    expect(request?.headers["idempotency-key"]).toBe("delivery-42");
    expect(request?.body).toEqual(JSON.parse(JSON.stringify(webhookBody(MESSAGE))));
  });

  it("sends credentials in the URL as Basic auth, not in the URL", async () => {
    fake = await startFakeWebhook();
    const url = new URL(fake.url);
    url.username = "hook";
    url.password = "p@ss word";
    expect(await sender(url.href).send(MESSAGE)).toEqual({ ok: true });
    expect(fake.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from("hook:p@ss word").toString("base64")}`);
  });

  it("reads Retry-After on 429 and retries 5xx; 401 and 404 fail for good, without the URL", async () => {
    fake = await startFakeWebhook();
    fake.answerNext(1, { kind: "rateLimited", retryAfterSeconds: 2 });
    fake.answerNext(1, {
      kind: "raw",
      status: 503,
      body: "down",
      headers: { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" },
    });
    fake.answerNext(1, "badToken");
    fake.answerNext(1, "notFound");
    fake.answerNext(1, { kind: "raw", status: 408, body: "timeout" });
    fake.answerNext(1, { kind: "raw", status: 302, headers: { location: "https://elsewhere.example/" } });
    const webhook = sender();
    const outcomes = [];
    for (let n = 0; n < 6; n++) outcomes.push(await webhook.send(MESSAGE));
    expect(outcomes).toEqual([
      { ok: false, permanent: false, retryAfterMs: 2000, error: "webhook: HTTP 429" },
      { ok: false, permanent: false, retryAfterMs: 0, error: "webhook: HTTP 503" },
      { ok: false, permanent: true, error: "webhook: HTTP 401" },
      { ok: false, permanent: true, error: "webhook: HTTP 404" },
      { ok: false, permanent: false, error: "webhook: HTTP 408" },
      { ok: false, permanent: true, error: "webhook: HTTP 302: redirected elsewhere; use the final URL" },
    ]);
  });

  it("times out a receiver that never answers, not permanently", async () => {
    fake = await startFakeWebhook();
    fake.answerNext(1, "hang");
    expect(await sender(fake.url, 300).send(MESSAGE)).toEqual({
      ok: false,
      permanent: false,
      error: "webhook: no answer within 300 ms",
    });
  });

  it("says only that there was no connection, never why (a refused port and a silent one read the same)", async () => {
    fake = await startFakeWebhook();
    const url = fake.url;
    await fake.close();
    const outcome = await sender(url).send(MESSAGE);
    expect(outcome).toEqual({ ok: false, permanent: false, error: "webhook: no connection" });
  });
});
