/**
 * Alerts end to end, `mexc-live start` as a child process against the simulator's busy demo
 * trader, with rules in a --config file: fills reach a JSON webhook and a Telegram-shaped fake
 * (right chat, right text); the API and the log never show the bot token; and with the webhook
 * down, a kill -9 and a restart deliver every alert raised before the crash exactly once.
 */
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { AlertRuleItem } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeChannel, startFakeTelegram } from "../../../alerts/test/fakeChannels.js";
import { GatewayProcess, getJson, ledger, simulatorEnv, startBusySimulator, tempDir, waitFor } from "../e2eKit.js";

const BOT_TOKEN = "7345112233:AAF3dKx9-1bQmT0cS5kYwLpRnE7uVhZq8sJ";
const CHAT = "-1001987654321";

interface WebhookBody {
  readonly id: string;
  readonly count: number;
  readonly alerts: { id: string; event: string; fields: Record<string, unknown> }[];
}

/** A webhook receiver that can be down (503) or up, recording what it accepted. */
async function startReceiver(): Promise<{
  url: string;
  up: boolean;
  accepted: WebhookBody[];
  refused: WebhookBody[];
  server: Server;
}> {
  const state = {
    url: "",
    up: true,
    accepted: [] as WebhookBody[],
    refused: [] as WebhookBody[],
    server: undefined as unknown as Server,
  };
  state.server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as WebhookBody;
      (state.up ? state.accepted : state.refused).push(body);
      response.writeHead(state.up ? 200 : 503, { "content-type": "application/json" });
      response.end(state.up ? '{"ok":true}' : '{"error":"down"}');
    });
  });
  await new Promise<void>((resolve) => state.server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/hooks/mexc`;
  return state;
}

describe("alerts end to end", () => {
  let sim: RunningSimulator;
  let telegram: FakeChannel;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const data = tempDir("alerts");
  const processes: GatewayProcess[] = [];

  beforeAll(async () => {
    sim = await startBusySimulator({ seed: 41 });
    telegram = await startFakeTelegram({ botToken: BOT_TOKEN, chats: [CHAT] });
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await Promise.all(processes.map((gateway) => gateway.stop("SIGKILL")));
    await telegram?.close();
    receiver?.server.close();
    await sim?.close();
    data.remove();
  });

  it("delivers fills to a webhook and Telegram, never shows the token, and survives kill -9 with nothing lost or doubled", async () => {
    const config = join(data.path, "mexc-live.json");
    writeFileSync(
      config,
      JSON.stringify({
        alerts: [
          { on: "fill", to: receiver.url },
          { on: "fill", to: `tgram://${BOT_TOKEN}/${CHAT}` },
        ],
      }),
      { mode: 0o600 },
    );
    const args = ["--port", "0", "--data", join(data.path, "db"), "--config", config, "--log-level", "info"];
    const env = { ...simulatorEnv(sim), MEXC_LIVE_TELEGRAM_API: telegram.url };
    const first = GatewayProcess.spawn(args, env);
    processes.push(first);
    const url = await first.url();

    const [message] = await telegram.waitForRequests(1, 30_000);
    const sent = message?.body as { chat_id: string; text: string };
    expect(String(sent.chat_id)).toBe(CHAT);
    expect(sent.text).toMatch(/^(Filled: (BUY|SELL) [\d.]+ [A-Z]+ @ [\d.]+|\d+ alerts: \d+ fills?)/);
    await waitFor("a webhook delivery", () => (receiver.accepted.length > 0 ? true : undefined), 30_000);
    const trades = new Set((await ledger(sim)).trades.map((trade) => trade.id));
    const delivered = receiver.accepted.flatMap((body) => body.alerts);
    expect(delivered.every((alert) => alert.event === "fill" && trades.has(String(alert.fields.tradeId)))).toBe(true);

    const rules = await getJson<{ items: AlertRuleItem[] }>(`${url}api/alerts/rules`);
    expect(rules.items.map((rule) => rule.channel)).toEqual(["webhook", "telegram"]);
    const seen = `${JSON.stringify(rules)}${JSON.stringify(await getJson(`${url}api/alerts/deliveries`))}`;
    expect(seen).not.toContain(BOT_TOKEN.split(":")[1]);
    expect(seen).not.toContain("/hooks/mexc");

    // The webhook goes down; alerts pile up (retrying, waiting); the gateway is killed.
    receiver.up = false;
    await waitFor("a refused delivery", () => (receiver.refused.length >= 1 ? true : undefined), 30_000);
    // A dead channel leaves the gateway healthy: the stream stays live, fills keep coming in.
    const health = await getJson<{ upstream: { state: string } }>(`${url}api/health`);
    expect(health.upstream.state).toBe("live");
    const raisedBeforeCrash = new Set(receiver.refused.flatMap((body) => body.alerts.map((alert) => alert.id)));
    await first.kill9();
    const log = first.stderr.join("\n");
    expect(log).not.toContain(BOT_TOKEN.split(":")[1]);

    receiver.up = true;
    const second = GatewayProcess.spawn(args, env);
    processes.push(second);
    await second.url();
    await waitFor(
      "every alert raised before the crash delivered",
      () => {
        const ids = new Set(receiver.accepted.flatMap((body) => body.alerts.map((alert) => alert.id)));
        return [...raisedBeforeCrash].every((id) => ids.has(id)) ? true : undefined;
      },
      30_000,
    );
    await second.stop("SIGTERM");
    const accepted = receiver.accepted.flatMap((body) => body.alerts.map((alert) => alert.id));
    expect(new Set(accepted).size).toBe(accepted.length);
    expect(second.stderr.join("\n")).not.toContain(BOT_TOKEN.split(":")[1]);
  }, 120_000);
});
