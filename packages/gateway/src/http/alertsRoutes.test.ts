import { AlertService, checkRule, type RuleDraft } from "@mexc-live/alerts";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { PriceBook } from "../figures/priceBook.js";
import { createMetrics } from "../metrics.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { buildApp } from "./app.js";
import { createFieldMask } from "./fieldMask.js";
import { MemoryQueries } from "./queries/memoryQueries.js";
import { storeQueries } from "./queries/storeQueries.js";

const BOT = "7345112233:AAF3dKx9-1bQmT0cS5kYwLpRnE7uVhZq8sJ";
let app: FastifyInstance;
let store: GatewayStore;
let alerts: AlertService;
afterEach(async () => {
  await app?.close();
  await alerts?.close();
  store?.close();
});

function start(withAlerts = true) {
  store = openStore({ path: ":memory:" });
  const checked = checkRule({ on: "fill", to: `tgram://${BOT}/-100123` }, true);
  if (!checked.ok) throw new Error(checked.message);
  const configRules: RuleDraft[] = [checked.draft];
  alerts = new AlertService({
    tables: store.alerts,
    configRules,
    publish: () => {},
    quote: "USDT",
    endpoints: { telegramApi: "http://127.0.0.1:9", discordApi: "http://127.0.0.1:9" },
    logger: pino({ level: "silent" }),
    addSecret: () => {},
  });
  const book = new PriceBook();
  app = buildApp({
    // The account's queries as the gateway wires them: the lists are the service's (startAccount.ts).
    queries: withAlerts
      ? storeQueries(store, standaloneKeeper(store, book), book, createFieldMask([]), { alerts })
      : new MemoryQueries({}),
    ...(withAlerts ? { alerts } : {}),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

const call = async (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) => {
  const response = await app.inject({
    method,
    url,
    ...(payload === undefined
      ? {}
      : { payload: JSON.stringify(payload), headers: { "content-type": "application/json" } }),
  });
  return { status: response.statusCode, body: response.body, json: () => response.json() };
};

describe("/api/alerts", () => {
  it("lists, adds, mutes, tests and removes rules, with channel URLs masked", async () => {
    start();
    const listed = await call("GET", "/api/alerts/rules");
    expect(listed.status).toBe(200);
    expect(listed.json().items).toMatchObject([{ source: "config", channel: "telegram", on: "fill" }]);
    const configId = listed.json().items[0].id as string;
    expect(configId).toMatch(/^config-[0-9a-f]{10}$/);
    expect(listed.body).not.toContain(BOT.split(":")[1]);
    expect(listed.json().items[0].to).toContain("-100123");

    const hook = "https://hooks.example.com/services/T000/B000/XXXXSECRETXXXX";
    const added = await call("POST", "/api/alerts/rules", {
      on: "equity_below",
      to: hook,
      conditions: { threshold: "5000" },
    });
    expect(added.status).toBe(201);
    expect(added.json()).toMatchObject({
      id: "1",
      on: "equity_below",
      channel: "webhook",
      conditions: { threshold: "5000" },
    });
    expect(added.body).not.toContain("XXXXSECRETXXXX");

    expect((await call("PATCH", `/api/alerts/rules/${configId}`, { muted: true })).json().muted).toBe(true);
    expect((await call("PATCH", "/api/alerts/rules/1", { muted: "yes" })).status).toBe(400);
    const test = await call("POST", "/api/alerts/rules/1/test");
    expect(test.status).toBe(202);
    expect(test.json().delivery).toMatch(/^\d+$/);
    const deliveries = await call("GET", "/api/alerts/deliveries?limit=5");
    expect(deliveries.json().items).toMatchObject([{ ruleId: "1", events: ["test"], alerts: 1, channel: "webhook" }]);
    expect(deliveries.body).not.toContain("XXXXSECRETXXXX");

    expect((await call("DELETE", `/api/alerts/rules/${configId}`)).json().error).toBe("RULE_FROM_CONFIG");
    expect((await call("DELETE", "/api/alerts/rules/1")).status).toBe(204);
    expect((await call("DELETE", "/api/alerts/rules/1")).status).toBe(404);
    expect((await call("GET", "/api/alerts/rules")).json().items).toHaveLength(1);
  });

  it("refuses a bad rule naming the field, without echoing the URL", async () => {
    start();
    const badUrl = await call("POST", "/api/alerts/rules", { on: "fill", to: `tgram://${BOT}` });
    expect(badUrl.status).toBe(400);
    expect(badUrl.json().message).toMatch(/^to: /);
    expect(badUrl.body).not.toContain(BOT.split(":")[1]);
    const badEvent = await call("POST", "/api/alerts/rules", { on: "moon", to: "browser" });
    expect(badEvent.json().message).toMatch(/^on: must be one of fill/);
    const badCondition = await call("POST", "/api/alerts/rules", {
      on: "drawdown",
      to: "browser",
      conditions: { percent: "150" },
    });
    expect(badCondition.json().message).toBe("conditions.percent: must be less than 100");
    expect((await call("GET", "/api/alerts/deliveries?limit=0")).status).toBe(400);
  });

  it("refuses a rule aimed at a cloud metadata service (400, not 201) and keeps a LAN webhook", async () => {
    start();
    for (const to of [
      "http://169.254.169.254/latest/",
      "http://[fd00:ec2::254]/",
      "http://2852039166/",
      "ntfy://169.254.169.254/x",
    ]) {
      const refused = await call("POST", "/api/alerts/rules", { on: "fill", to });
      expect(refused.status, to).toBe(400);
      expect(refused.json().message, to).toMatch(/^to: .*the host is .*never there$/);
    }
    expect((await call("POST", "/api/alerts/rules", { on: "fill", to: "http://192.168.1.20:8080/hook" })).status).toBe(
      201,
    );
  });

  it("answers writes 503 on an instance without the database (a --role web instance); it reads the lists", async () => {
    start(false);
    for (const [method, url] of [
      ["POST", "/api/alerts/rules"],
      ["PATCH", "/api/alerts/rules/1"],
      ["DELETE", "/api/alerts/rules/1"],
      ["POST", "/api/alerts/rules/1/test"],
    ] as const) {
      const answer = await call(method, url, method === "DELETE" ? undefined : { muted: true });
      expect(answer.status, `${method} ${url}`).toBe(503);
      expect(answer.json().error).toBe("NOT_ON_WEB_INSTANCE");
    }
    // The lists are rows of the API table: a web instance asks its collector (redis/readsTable.test.ts).
    expect((await call("GET", "/api/alerts/rules")).json()).toEqual({ items: [] });
  });
});
