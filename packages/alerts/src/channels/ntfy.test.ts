import type { AlertNotice } from "@mexc-live/contract";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeChannel, startFakeNtfy } from "../../test/fakeChannels.js";
import { parseChannelUrl, type SendableTarget } from "./channelUrl.js";
import type { OutgoingMessage } from "./format.js";
import { DEFAULT_ENDPOINTS } from "./httpPost.js";
import { encodeHeader, NTFY_TOPIC_INTERVAL_MS } from "./ntfy.js";
import { createSender } from "./senders.js";

const NOTICE: AlertNotice = {
  id: "drawdown:1",
  event: "drawdown",
  time: 1_732_300_000_000,
  title: "Equity down 5.2 % from its peak — 18,400 USDT",
  text: "Peak 19,410 USDT at 09:12, now 18,400 USDT",
  fields: { percent: "5.2" },
};
const MESSAGE: OutgoingMessage = { id: "d-1", notices: [NOTICE] };
const TOKEN = "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2";

let fake: FakeChannel;
afterEach(() => fake?.close());

function sender(url: string, timeoutMs = 2000) {
  return createSender(parseChannelUrl(url) as SendableTarget, { endpoints: DEFAULT_ENDPOINTS, timeoutMs });
}
const port = () => new URL(fake.url).port;

describe("ntfy sender", () => {
  it("publishes to the topic with title, tags and priority headers (the title RFC 2047-encoded)", async () => {
    fake = await startFakeNtfy();
    const ntfy = sender(`ntfy://127.0.0.1:${port()}/mexc-alerts`);
    expect(ntfy.minIntervalMs).toBe(NTFY_TOPIC_INTERVAL_MS);
    expect(await ntfy.send(MESSAGE)).toEqual({ ok: true });
    const [request] = fake.requests;
    expect(request?.path).toBe("/mexc-alerts");
    expect(request?.body).toBe("Peak 19,410 USDT at 09:12, now 18,400 USDT");
    expect(request?.headers["x-title"]).toBe(encodeHeader(NOTICE.title));
    expect(request?.headers["x-priority"]).toBe("4");
    expect(request?.answer).toMatchObject({
      status: 200,
      body: {
        event: "message",
        topic: "mexc-alerts",
        title: NOTICE.title,
        message: "Peak 19,410 USDT at 09:12, now 18,400 USDT",
        priority: 4,
        tags: ["chart_with_downwards_trend", "drawdown"],
      },
    });
  });

  it("sends an access token as Bearer and user:password as Basic", async () => {
    fake = await startFakeNtfy({ auth: { token: TOKEN } });
    expect(await sender(`ntfy://127.0.0.1:${port()}/alerts?token=${TOKEN}`).send(MESSAGE)).toEqual({ ok: true });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const denied = await sender(`ntfy://127.0.0.1:${port()}/alerts`).send(MESSAGE);
    expect(denied).toEqual({
      ok: false,
      permanent: true,
      error: "ntfy: HTTP 403: forbidden: the topic needs a user or token with write access (40301)",
    });
    await fake.close();
    fake = await startFakeNtfy({ auth: { user: "phil", password: "s3cr@t-pass" } });
    expect(await sender(`ntfy://phil:s3cr%40t-pass@127.0.0.1:${port()}/alerts`).send(MESSAGE)).toEqual({ ok: true });
    const wrong = await sender(`ntfy://phil:wrong-password@127.0.0.1:${port()}/alerts`).send(MESSAGE);
    expect(wrong).toEqual({
      ok: false,
      permanent: true,
      error: "ntfy: HTTP 401: unauthorized: wrong user, password or token (40101)",
    });
  });

  it("takes a 429 as try again later", async () => {
    fake = await startFakeNtfy();
    fake.answerNext(1, "rateLimited");
    expect(await sender(`ntfy://127.0.0.1:${port()}/alerts`).send(MESSAGE)).toEqual({
      ok: false,
      permanent: false,
      error: "ntfy: HTTP 429: too many requests (42901)",
    });
  });

  it("retries a server error and a request that never answers, never naming the topic", async () => {
    fake = await startFakeNtfy();
    fake.answerNext(1, "serverError");
    fake.answerNext(1, "hang");
    const url = `ntfy://127.0.0.1:${port()}/secret-topic-x8f2k`;
    expect(await sender(url).send(MESSAGE)).toEqual({
      ok: false,
      permanent: false,
      error: "ntfy: HTTP 500",
    });
    const hung = await sender(url, 300).send(MESSAGE);
    expect(hung).toEqual({ ok: false, permanent: false, error: "ntfy: no answer within 300 ms" });
  });

  it("never repeats the server's own text: whatever listens at a rule's host could write anything", async () => {
    fake = await startFakeNtfy();
    const leak = "connection to postgres://app:db_password=hunter2@10.0.0.9/ntfy failed";
    fake.answerNext(1, { kind: "raw", status: 500, body: { code: 50001, http: 500, error: leak } });
    fake.answerNext(1, { kind: "raw", status: 403, body: { code: 40301, http: 403, error: leak } });
    fake.answerNext(1, { kind: "raw", status: 400, body: leak });
    const ntfy = sender(`ntfy://127.0.0.1:${port()}/alerts`);
    const outcomes = [await ntfy.send(MESSAGE), await ntfy.send(MESSAGE), await ntfy.send(MESSAGE)];
    expect(outcomes).toEqual([
      { ok: false, permanent: false, error: "ntfy: HTTP 500" },
      {
        ok: false,
        permanent: true,
        error: "ntfy: HTTP 403: forbidden: the topic needs a user or token with write access (40301)",
      },
      { ok: false, permanent: true, error: "ntfy: HTTP 400" },
    ]);
  });

  it("keeps a long message within ntfy's 4,096 bytes (a longer one would become an attachment)", async () => {
    fake = await startFakeNtfy();
    const long: OutgoingMessage = { id: "d-2", notices: [{ ...NOTICE, text: "€".repeat(3000) }] };
    expect(await sender(`ntfy://127.0.0.1:${port()}/alerts`).send(long)).toEqual({ ok: true });
  });
});
