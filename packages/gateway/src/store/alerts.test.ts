import { AlertService, checkRule, type RuleDraft, TELEGRAM_CHAT_INTERVAL_MS } from "@mexc-live/alerts";
import type { TopicUpdate } from "@mexc-live/contract";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeChannel, startFakeTelegram, startFakeWebhook } from "../../../alerts/test/fakeChannels.js";
import { sampleFill } from "../../../contract/test/items.js";
import { tempDir } from "../../test/e2eKit.js";
import { type GatewayStore, openStore } from "./index.js";

const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const FAST = { tickMs: 20, gatherQuietMs: 60, gatherMaxMs: 400, retryFirstMs: 50, retryMaxMs: 400 };

function draft(input: Record<string, unknown>): RuleDraft {
  const checked = checkRule(input, true);
  if (!checked.ok) throw new Error(`${checked.field}: ${checked.message}`);
  return checked.draft;
}

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function fake(start: () => Promise<FakeChannel>): Promise<FakeChannel> {
  const channel = await start();
  open.push(channel);
  return channel;
}

function service(store: GatewayStore, rules: RuleDraft[], telegramApi = "http://127.0.0.1:9", extra = {}) {
  const lines: string[] = [];
  const published: TopicUpdate[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(line) });
  const alerts = new AlertService({
    tables: store.alerts,
    configRules: rules,
    publish: (update) => published.push(update),
    quote: "USDT",
    endpoints: { telegramApi, discordApi: "http://127.0.0.1:9" },
    logger,
    addSecret: () => {},
    timings: FAST,
    sendTimeoutMs: 500,
    now: () => Date.now(),
    ...extra,
  });
  return { alerts, lines, published };
}

function newStore(path = ":memory:"): GatewayStore {
  const store = openStore({ path });
  open.push(store);
  return store;
}

async function until(check: () => boolean, timeoutMs = 5_000, pollMs = 20): Promise<void> {
  await expect.poll(check, { timeout: timeoutMs, interval: pollMs }).toBe(true);
}

/** Until no alert waits to be gathered and no delivery to be sent: nothing more will leave. */
function settled(store: GatewayStore): Promise<void> {
  return until(() => store.alerts.waiting().length === 0 && store.alerts.openDestinations().size === 0);
}

const now = () => Date.now();

/** When the fake's `count`-th request arrived (to within the 5 ms poll). */
async function arrival(channel: FakeChannel, count: number, timeoutMs = 5_000): Promise<number> {
  await until(() => channel.requests.length >= count, timeoutMs, 5);
  return Date.now();
}
const fill = (n: number) => sampleFill(n, { time: now() + n, side: "BUY" });

describe("AlertService delivery", () => {
  it("sends a fill to a webhook (JSON, the fill's tradeId) and to Telegram (the chat id, the text)", async () => {
    const webhook = await fake(startFakeWebhook);
    const telegram = await fake(() => startFakeTelegram({ botToken: BOT_TOKEN, chats: ["-1001234567890"] }));
    const { alerts } = service(
      newStore(),
      [draft({ on: "fill", to: webhook.url }), draft({ on: "fill", to: `tgram://${BOT_TOKEN}/-1001234567890` })],
      telegram.url,
    );
    open.push(alerts);
    alerts.start();
    alerts.engine.fill(fill(1), "USDT");
    const [hook] = await webhook.waitForRequests(1);
    expect(hook?.headers["content-type"]).toContain("application/json");
    const body = hook?.body as {
      source: string;
      count: number;
      alerts: { event: string; fields: { tradeId: string } }[];
    };
    expect(body.source).toBe("mexc-live");
    expect(body.count).toBe(1);
    expect(body.alerts[0]?.event).toBe("fill");
    expect(body.alerts[0]?.fields.tradeId).toBe("5044000001");
    const [message] = await telegram.waitForRequests(1);
    expect(message?.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    const sent = message?.body as { chat_id: string; text: string };
    expect(String(sent.chat_id)).toBe("-1001234567890");
    expect(sent.text).toContain("Filled: BUY 0.00010300 BTCUSDT @ 97000.01");
    await until(() => alerts.deliveries(10).every((delivery) => delivery.status === "sent"));
    expect(
      alerts
        .deliveries(10)
        .map((delivery) => delivery.channel)
        .sort(),
    ).toEqual(["telegram", "webhook"]);
  });

  it("folds a burst of 50 fills into one message", async () => {
    const webhook = await fake(startFakeWebhook);
    const store = newStore();
    const { alerts } = service(store, [draft({ on: "fill", to: webhook.url })]);
    open.push(alerts);
    alerts.start();
    for (let n = 1; n <= 50; n++) alerts.engine.fill(fill(n), "USDT");
    await webhook.waitForRequests(1);
    await settled(store);
    expect(webhook.requests).toHaveLength(1);
    const body = webhook.requests[0]?.body as { count: number; title: string; alerts: unknown[] };
    expect(body.count).toBe(50);
    expect(body.alerts).toHaveLength(50);
    expect(body.title).toBe("50 alerts: 50 fills");
    expect(alerts.deliveries(10)).toMatchObject([{ alerts: 50, status: "sent", events: ["fill"] }]);
  });

  it("keeps Telegram's pace of one message a second per chat, and waits what a 429 asks", async () => {
    const telegram = await fake(() => startFakeTelegram());
    const { alerts } = service(newStore(), [draft({ on: "fill", to: `tgram://${BOT_TOKEN}/4242` })], telegram.url);
    open.push(alerts);
    alerts.start();
    alerts.engine.fill(fill(1), "USDT");
    const first = await arrival(telegram, 1);
    alerts.engine.fill(fill(2), "USDT");
    const second = await arrival(telegram, 2);
    // Arrival times: the pace runs from the first message's sending, so the gap seen here is
    // short by however late the first one arrived (26 ms under load); without the pace it is ~0.
    expect(second - first).toBeGreaterThanOrEqual(TELEGRAM_CHAT_INTERVAL_MS - 250);

    telegram.answerNext(1, { kind: "rateLimited", retryAfterSeconds: 2 });
    alerts.engine.fill(fill(3), "USDT");
    const refused = await arrival(telegram, 3);
    const retried = await arrival(telegram, 4, 8_000);
    expect(telegram.requests[2]?.answer?.status).toBe(429);
    expect(retried - refused).toBeGreaterThanOrEqual(2_000 - 250);
    await until(() => alerts.deliveries(1)[0]?.status === "sent");
    expect(alerts.deliveries(1)[0]).toMatchObject({ attempts: 2, status: "sent", lastError: null });
  });

  it("retries a channel that fails for now, gives up at once on a bad token, never logging the token", async () => {
    const webhook = await fake(startFakeWebhook);
    const telegram = await fake(() => startFakeTelegram({ botToken: BOT_TOKEN }));
    const wrongToken = "987654321:ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    const { alerts, lines } = service(
      newStore(),
      [draft({ on: "fill", to: webhook.url }), draft({ on: "fill", to: `tgram://${wrongToken}/4242` })],
      telegram.url,
    );
    open.push(alerts);
    webhook.answerNext(2, "serverError");
    alerts.start();
    alerts.engine.fill(fill(1), "USDT");
    await webhook.waitForRequests(3, 5_000);
    await until(() => alerts.deliveries(10).every((d) => d.status === "sent" || d.status === "failed"));
    const byChannel = Object.fromEntries(alerts.deliveries(10).map((d) => [d.channel, d]));
    expect(byChannel.webhook).toMatchObject({ status: "sent", attempts: 3 });
    expect(byChannel.telegram).toMatchObject({ status: "failed", attempts: 1 });
    expect(byChannel.telegram?.lastError).toContain("401");
    expect(telegram.requests).toHaveLength(1);
    const everything = `${lines.join("\n")}\n${JSON.stringify(alerts.deliveries(10))}\n${JSON.stringify(alerts.list())}`;
    expect(everything).not.toContain(wrongToken);
    expect(everything).not.toContain(wrongToken.split(":")[1]);
  });

  it("a channel that never answers delays only itself", async () => {
    const dead = await fake(startFakeWebhook);
    const telegram = await fake(() => startFakeTelegram());
    dead.answerNext(100, "hang");
    const { alerts } = service(
      newStore(),
      [draft({ on: "fill", to: dead.url }), draft({ on: "fill", to: `tgram://${BOT_TOKEN}/4242` })],
      telegram.url,
    );
    open.push(alerts);
    alerts.start();
    const started = Date.now();
    alerts.engine.fill(fill(1), "USDT");
    await telegram.waitForRequests(1);
    expect(Date.now() - started).toBeLessThan(1_500);
    await until(() => alerts.deliveries(10).some((d) => d.channel === "webhook" && d.status === "retrying"));
    expect(alerts.deliveries(10).find((d) => d.channel === "webhook")?.lastError).toMatch(/no answer within 500 ms/);
  });

  it("an alert raised just before a crash is sent once after the restart; raising it again sends nothing", async () => {
    const dir = tempDir("alerts-crash");
    open.push({ close: () => dir.remove() });
    const path = `${dir.path}/account.sqlite`;
    const webhook = await fake(startFakeWebhook);
    const rules = [draft({ on: "fill", to: webhook.url })];

    // Raised, then the process dies before the worker ever ran (the store committed the outbox row).
    const first = openStore({ path });
    service(first, rules).alerts.engine.fill(fill(1), "USDT");
    first.close();

    const second = newStore(path);
    const { alerts } = service(second, rules);
    open.push(alerts);
    alerts.start();
    await webhook.waitForRequests(1);
    alerts.engine.fill(fill(1), "USDT");
    await settled(second);
    await alerts.close();
    second.close();

    const third = newStore(path);
    const again = service(third, rules).alerts;
    open.push(again);
    again.start();
    again.engine.fill(fill(1), "USDT");
    await settled(third);
    expect(webhook.requests).toHaveLength(1);
    expect((webhook.requests[0]!.body as { alerts: { id: string }[] }).alerts[0]?.id).toBe("fill:BTCUSDT:5044000001");
  });

  it("sends a waiting alert only to its own channel after the config file's rules were reordered", async () => {
    const dir = tempDir("alerts-reorder");
    open.push({ close: () => dir.remove() });
    const path = `${dir.path}/account.sqlite`;
    const a = await fake(startFakeWebhook);
    const b = await fake(startFakeWebhook);
    const first = openStore({ path });
    const before = service(first, [draft({ on: "fill", to: a.url }), draft({ on: "deposit", to: b.url })]).alerts;
    before.setMuted(before.list()[1]!.id, true);
    before.engine.fill(fill(1), "USDT");
    first.close();

    const second = newStore(path);
    const { alerts } = service(second, [draft({ on: "deposit", to: b.url }), draft({ on: "fill", to: a.url })]);
    open.push(alerts);
    // The mute followed its rule, not its place in the file.
    expect(alerts.list().map((rule) => [rule.on, rule.muted])).toEqual([
      ["deposit", true],
      ["fill", false],
    ]);
    alerts.start();
    await a.waitForRequests(1);
    await settled(second);
    expect(b.requests).toHaveLength(0);
  });

  it("sends a browser rule's alerts to open dashboards on the alerts topic, without ids a user may mask", async () => {
    const { alerts, published } = service(newStore(), [draft({ on: "fill", to: "browser" })]);
    open.push(alerts);
    alerts.start();
    alerts.engine.fill(fill(1), "USDT");
    await until(() => published.length > 0);
    const [update] = published;
    expect(update?.topic).toBe("alerts");
    const notice = update?.data as { id: string; title: string; fields: Record<string, unknown> };
    expect(notice.title).toContain("Filled: BUY");
    expect(notice.fields.tradeId).toBeUndefined();
    expect(notice.id).not.toContain("5044000001");
  });

  it("keeps dashboard rules, lets config rules be muted but not removed, and sends a test on demand", async () => {
    const webhook = await fake(startFakeWebhook);
    const store = newStore();
    const { alerts } = service(store, [draft({ on: "fill", to: "browser" })]);
    open.push(alerts);
    alerts.start();
    const added = alerts.add({ on: "balance_below", to: webhook.url, conditions: { asset: "USDT", threshold: "100" } });
    expect(added).toMatchObject({ id: "1", source: "dashboard", channel: "webhook", muted: false });
    expect(() => alerts.add({ on: "balance_below", to: webhook.url, conditions: { asset: "USDT" } })).toThrow(
      'conditions.threshold: is needed for "balance_below"',
    );
    const configId = alerts.list()[0]!.id;
    expect(() => alerts.remove(configId)).toThrow(/config file/);
    expect(alerts.setMuted(configId, true).muted).toBe(true);
    const delivery = alerts.test(added.id);
    expect(delivery).toMatch(/^\d+$/);
    const [request] = await webhook.waitForRequests(1);
    expect((request!.body as { alerts: { event: string }[] }).alerts[0]?.event).toBe("test");
    alerts.remove(added.id);
    expect(alerts.list().map((rule) => [rule.id, rule.muted])).toEqual([[configId, true]]);
    // Muting survives a restart.
    const { alerts: reopened } = service(store, [draft({ on: "fill", to: "browser" })]);
    expect(reopened.list()[0]?.muted).toBe(true);
  });
});
