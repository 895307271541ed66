import type { AlertNotice } from "@mexc-live/contract";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeChannel, startFakeDiscord } from "../../test/fakeChannels.js";
import { parseChannelUrl, type SendableTarget } from "./channelUrl.js";
import { DISCORD_WEBHOOK_INTERVAL_MS } from "./discord.js";
import type { OutgoingMessage } from "./format.js";
import { DEFAULT_ENDPOINTS } from "./httpPost.js";
import { createSender } from "./senders.js";

const ID = "1234567890123456789";
const TOKEN = "wX3vB9_q-Zr8YtM2kLpN4sD7fG1hJ6aQ0eR5uI9oP3cV8bN2mK4jH7gF1dS6aZ0x";
const NOTICE: AlertNotice = {
  id: "auth_error:700006",
  event: "auth_error",
  time: 1_732_300_000_000,
  title: "REST key refused: 700006 IP not on the key's whitelist",
  text: "@everyone the key's IP whitelist misses this address",
  fields: { code: 700006 },
};
const MESSAGE: OutgoingMessage = { id: "d-1", notices: [NOTICE] };

let fake: FakeChannel;
afterEach(() => fake?.close());

function sender(timeoutMs = 2000) {
  const target = parseChannelUrl(`discord://${ID}/${TOKEN}`) as SendableTarget;
  return createSender(target, { endpoints: { ...DEFAULT_ENDPOINTS, discordApi: fake.url }, timeoutMs });
}

describe("Discord sender", () => {
  it("executes the webhook, waiting for Discord to save the message, with mentions switched off", async () => {
    fake = await startFakeDiscord({ webhooks: { [ID]: TOKEN } });
    const discord = sender();
    expect(discord.minIntervalMs).toBe(DISCORD_WEBHOOK_INTERVAL_MS);
    expect(await discord.send(MESSAGE)).toEqual({ ok: true });
    const [request] = fake.requests;
    expect(request?.path).toBe(`/webhooks/${ID}/${TOKEN}`);
    expect(request?.query.get("wait")).toBe("true");
    expect(request?.body).toEqual({
      content:
        "**REST key refused: 700006 IP not on the key's whitelist**\n@everyone the key's IP whitelist misses this address",
      allowed_mentions: { parse: [] },
    });
    expect(request?.answer?.status).toBe(200);
  });

  it("reads 429's retry_after (seconds, a fraction) as the wait", async () => {
    fake = await startFakeDiscord();
    fake.answerNext(1, { kind: "rateLimited", retryAfterSeconds: 0.5 });
    expect(await sender().send(MESSAGE)).toEqual({
      ok: false,
      permanent: false,
      retryAfterMs: 500,
      error: "discord: HTTP 429: You are being rate limited.",
    });
  });

  it("falls back to the Retry-After header when the body has no retry_after", async () => {
    fake = await startFakeDiscord();
    fake.answerNext(1, { kind: "raw", status: 429, body: { message: "slow down" }, headers: { "retry-after": "3" } });
    expect(await sender().send(MESSAGE)).toMatchObject({ ok: false, permanent: false, retryAfterMs: 3000 });
  });

  it("fails for good on an unknown webhook or a wrong token, without the token", async () => {
    fake = await startFakeDiscord({ webhooks: { "9999999999": TOKEN } });
    const unknown = await sender().send(MESSAGE);
    expect(unknown).toEqual({ ok: false, permanent: true, error: "discord: HTTP 404: Unknown Webhook (10015)" });
    await fake.close();
    fake = await startFakeDiscord({ webhooks: { [ID]: "another-token-another-token-another-token" } });
    const wrongToken = await sender().send(MESSAGE);
    expect(wrongToken).toEqual({
      ok: false,
      permanent: true,
      error: "discord: HTTP 401: Invalid Webhook Token (50027)",
    });
  });

  it("retries a server error and a request that never answers", async () => {
    fake = await startFakeDiscord();
    fake.answerNext(1, "serverError");
    fake.answerNext(1, "hang");
    expect(await sender().send(MESSAGE)).toMatchObject({
      ok: false,
      permanent: false,
      error: "discord: HTTP 500: 500: Internal Server Error (0)",
    });
    const hung = await sender(300).send(MESSAGE);
    expect(hung).toEqual({ ok: false, permanent: false, error: "discord: no answer within 300 ms" });
  });

  it("keeps the token out of an error even when Discord's message holds it", async () => {
    fake = await startFakeDiscord();
    fake.answerNext(1, { kind: "raw", status: 400, body: { message: `bad path /webhooks/${ID}/${TOKEN}`, code: 0 } });
    const outcome = await sender().send(MESSAGE);
    expect(outcome).toMatchObject({ ok: false, permanent: true });
    expect(!outcome.ok && outcome.error).not.toContain(TOKEN);
  });
});
