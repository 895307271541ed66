import type { AlertNotice } from "@mexc-live/contract";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeChannel, startFakeTelegram } from "../../test/fakeChannels.js";
import { parseChannelUrl, type SendableTarget } from "./channelUrl.js";
import type { OutgoingMessage } from "./format.js";
import { DEFAULT_ENDPOINTS, type SendOutcome } from "./httpPost.js";
import { createSender } from "./senders.js";
import { TELEGRAM_CHAT_INTERVAL_MS, TELEGRAM_GROUP_INTERVAL_MS } from "./telegram.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const FILL: AlertNotice = {
  id: "fill:BTCUSDT:123",
  event: "fill",
  time: 1_732_300_000_000,
  title: "BTCUSDT BUY 0.01 @ 96,500.00",
  text: "Fee 0.0001 BNB",
  fields: { tradeId: "123" },
};
const MESSAGE: OutgoingMessage = { id: "d-1", notices: [FILL] };

let fake: FakeChannel;
afterEach(() => fake?.close());

function sender(chatId = "-1001234567890", timeoutMs = 2000) {
  const target = parseChannelUrl(`tgram://${TOKEN}/${chatId}`) as SendableTarget;
  return createSender(target, { endpoints: { ...DEFAULT_ENDPOINTS, telegramApi: fake.url }, timeoutMs });
}

function expectNoSecret(outcome: SendOutcome): void {
  if (outcome.ok) return;
  expect(outcome.error).not.toContain(TOKEN);
  expect(outcome.error).not.toContain(TOKEN.slice(10));
  expect(outcome.error).not.toContain(fake.url);
}

describe("Telegram sender", () => {
  it("posts sendMessage to the bot's path with the chat id and plain text", async () => {
    fake = await startFakeTelegram({ botToken: TOKEN, chats: ["-1001234567890"] });
    expect(await sender().send(MESSAGE)).toEqual({ ok: true });
    const [request] = fake.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.body).toEqual({
      chat_id: "-1001234567890",
      text: "BTCUSDT BUY 0.01 @ 96,500.00\n\nFee 0.0001 BNB",
      link_preview_options: { is_disabled: true },
    });
    expect(request?.answer?.status).toBe(200);
  });

  it("paces 1 s in a private chat and 3 s in a group or channel", async () => {
    fake = await startFakeTelegram();
    expect(sender("12345678").minIntervalMs).toBe(TELEGRAM_CHAT_INTERVAL_MS);
    expect(sender("-1001234567890").minIntervalMs).toBe(TELEGRAM_GROUP_INTERVAL_MS);
    expect(sender("@mexc_alerts").minIntervalMs).toBe(TELEGRAM_GROUP_INTERVAL_MS);
  });

  it("reads 429's parameters.retry_after as the wait, not permanent", async () => {
    fake = await startFakeTelegram();
    fake.answerNext(1, { kind: "rateLimited", retryAfterSeconds: 7 });
    const outcome = await sender().send(MESSAGE);
    expect(outcome).toEqual({
      ok: false,
      permanent: false,
      retryAfterMs: 7000,
      error: "telegram: HTTP 429: Too Many Requests: retry after 7",
    });
    expect(await sender().send(MESSAGE)).toEqual({ ok: true });
  });

  it("fails for good on a wrong token or an unknown chat, naming Telegram's reason", async () => {
    fake = await startFakeTelegram({ botToken: "42:WrongTokenWrongTokenWrongToken", chats: ["1"] });
    const unauthorized = await sender().send(MESSAGE);
    expect(unauthorized).toEqual({ ok: false, permanent: true, error: "telegram: HTTP 401: Unauthorized" });
    fake.answerNext(1, "notFound");
    const notFound = await sender().send(MESSAGE);
    expect(notFound).toEqual({ ok: false, permanent: true, error: "telegram: HTTP 400: Bad Request: chat not found" });
    expectNoSecret(unauthorized);
  });

  it("names a group's new id when it became a supergroup", async () => {
    fake = await startFakeTelegram();
    const body = {
      ok: false,
      error_code: 400,
      description: "Bad Request: group chat was upgraded to a supergroup chat",
      parameters: { migrate_to_chat_id: -1009876543210 },
    };
    fake.answerNext(1, { kind: "raw", status: 400, body });
    const outcome = await sender("-123456").send(MESSAGE);
    expect(outcome).toMatchObject({ ok: false, permanent: true });
    expect(!outcome.ok && outcome.error).toContain("new id is -1009876543210");
  });

  it("retries a server error and a request that never answers", async () => {
    fake = await startFakeTelegram();
    fake.answerNext(1, "serverError");
    fake.answerNext(1, "hang");
    expect(await sender().send(MESSAGE)).toEqual({
      ok: false,
      permanent: false,
      error: "telegram: HTTP 500: Internal Server Error",
    });
    const hung = await sender("-1001234567890", 300).send(MESSAGE);
    expect(hung).toEqual({ ok: false, permanent: false, error: "telegram: no answer within 300 ms" });
    expectNoSecret(hung);
  });

  it("stops when its caller aborts", async () => {
    fake = await startFakeTelegram();
    fake.answerNext(1, "hang");
    const controller = new AbortController();
    const sending = sender().send(MESSAGE, controller.signal);
    await fake.waitForRequests(1);
    controller.abort();
    expect(await sending).toEqual({ ok: false, permanent: false, error: "telegram: aborted" });
  });
});
