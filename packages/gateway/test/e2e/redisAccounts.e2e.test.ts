/**
 * Several accounts spread over machines: two collectors, each with its own account of the same
 * configuration (`--accounts main`, `--accounts sub1`), publish to one real Redis; a web
 * instance with no keys serves both. It lists both accounts (from the collectors'
 * announcements), answers each account's history from the collector that owns it (equal to the
 * simulator's ledger of that account), and streams each account's topics to a browser. Skipped,
 * loudly, only when `redis-server` is not installed.
 */
import type { AccountsAnswer, FillItem } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import {
  BrowserClient,
  getJson,
  quiesce,
  setTrader,
  settingsFor,
  startBusySimulator,
  tempDir,
  waitFor,
} from "../e2eKit.js";
import { redisEnv, redisServerPath, startRedis, type TestRedis, warnRedisMissing } from "../redisTestServer.js";

const REDIS_SERVER = redisServerPath();
if (REDIS_SERVER === undefined) warnRedisMissing("the several-collectors end-to-end test");

describe.skipIf(REDIS_SERVER === undefined)("two collectors with different accounts behind one web instance", () => {
  let redis: TestRedis;
  let sim: RunningSimulator;
  const instances: RunningGateway[] = [];
  let web: RunningGateway;
  const data = tempDir("redis-accounts");
  const quiet = () => ({ logger: createLogger({ level: "silent" }) });

  beforeAll(async () => {
    redis = await startRedis(REDIS_SERVER!);
    sim = await startBusySimulator({ seed: 71, accounts: 2 });
    const [main, sub1] = sim.accounts;
    // One configuration for every instance: both accounts, each collector runs one.
    const env = {
      MEXC_REST_URL: sim.rest,
      MEXC_WS_URL: sim.ws,
      MEXC_API_KEY: main!.apiKey,
      MEXC_API_SECRET: main!.secretKey,
      MEXC_API_KEY_SUB1: sub1!.apiKey,
      MEXC_API_SECRET_SUB1: sub1!.secretKey,
      ...redisEnv(redis),
    };
    for (const [account, dir] of [
      ["main", "a"],
      ["sub1", "b"],
    ] as const) {
      const argv = ["--port", "0", "--data", `${data.path}/${dir}`, "--role", "collector", "--redis", redis.url];
      instances.push(await startGateway(settingsFor([...argv, "--accounts", account], env), quiet()));
    }
    web = await startGateway(
      settingsFor(["--port", "0", "--role", "web", "--redis", redis.url, "--batch-ms", "20"], redisEnv(redis)),
      quiet(),
    );
    instances.push(web);
  }, 60_000);

  afterAll(async () => {
    for (const instance of instances.reverse()) await instance.close();
    await sim?.close();
    redis?.stop();
    data.remove();
  });

  it("lists both accounts on the web instance, the default one first", async () => {
    const answer = await waitFor(
      "both accounts announced",
      async () => {
        const got = await getJson<AccountsAnswer>(`${web.url}api/accounts`);
        return got.items.length === 2 && got.items.every((item) => item.health.upstream.state === "live")
          ? got
          : undefined;
      },
      30_000,
    );
    expect(answer.items.map((item) => [item.name, item.default, item.topicPrefix])).toEqual([
      ["main", true, ""],
      ["sub1", false, "account.sub1."],
    ]);
  }, 40_000);

  it("answers each account's history from the collector that owns it, equal to that account's ledger", async () => {
    await waitFor(
      "fills on both accounts",
      async () => {
        for (const name of ["main", "sub1"]) {
          const page = await getJson<{ items: FillItem[] }>(`${web.url}api/fills?account=${name}&limit=5`);
          if (page.items.length === 0) return undefined;
        }
        return true;
      },
      40_000,
    );
    await quiesce(sim, ["demo", "sub1"]);
    for (const [name, simName] of [
      ["main", "demo"],
      ["sub1", "sub1"],
    ] as const) {
      const response = await fetch(`${sim.rest}/_sim/ledger?account=${simName}`);
      const book = (await response.json()) as { trades: { id: string }[] };
      const fills = await waitFor(
        `${name}: every ledger trade through the web instance`,
        async () => {
          const answer = await fetch(`${web.url}api/fills?account=${name}&limit=1000`);
          if (answer.headers.get("x-mexclive-history") !== null) return undefined; // partial: not the collector's
          const page = (await answer.json()) as { items: FillItem[] };
          return page.items.length >= book.trades.length ? page.items : undefined;
        },
        20_000,
      );
      expect(new Set(fills.map((fill) => fill.tradeId))).toEqual(new Set(book.trades.map((trade) => trade.id)));
    }
  }, 90_000);

  it("streams each account's topics through the web instance", async () => {
    const browser = await BrowserClient.open(web.url);
    browser.subscribe(["fills", "account.sub1.fills", "account.sub1.health"]);
    for (const topic of ["fills", "account.sub1.fills", "account.sub1.health"]) {
      await waitFor(`${topic} snapshot`, () =>
        browser.messages.find((m) => m.type === "snapshot" && m.topic === topic && m.data !== null),
      );
    }
    await browser.close();
  });

  it("streams all accounts together through the web instance (accounts.*), each item with its account", async () => {
    const browser = await BrowserClient.open(web.url);
    browser.subscribe(["accounts.equity", "accounts.fills"]);
    // Each account's latest equity point, named as GET /api/accounts names it: in the newest
    // snapshot, as the page holds it. A web instance that started as the collectors published
    // their first points loads their keys at its second check of Redis's sequence numbers
    // (REDIS_VERIFY_MS apart) and sends its browsers the topic again (accountFanout.ts resnapshot).
    await waitFor("both accounts in the accounts.equity snapshot", () => {
      const snapshot = browser.messages.findLast((m) => m.type === "snapshot" && m.topic === "accounts.equity");
      const names = snapshot?.type === "snapshot" ? (snapshot.data as { account?: string }[] | null) : null;
      return names
        ?.map((point) => point.account)
        .sort()
        .join() === "main,sub1"
        ? true
        : undefined;
    });
    // A new fill of either account (the traders trade again) arrives on the one topic, with its account.
    await setTrader(sim, true);
    try {
      await waitFor(
        "a fill on accounts.fills",
        () =>
          browser.messages
            .flatMap((m) => (m.type === "batch" ? m.updates : []))
            .find((u) => u.topic === "accounts.fills" && ["main", "sub1"].includes((u.data as FillItem).account ?? "")),
        60_000,
      );
    } finally {
      await quiesce(sim, ["demo", "sub1"]);
      await browser.close();
    }
  }, 90_000);
});
