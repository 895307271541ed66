/**
 * Events that are not in doubt reach the browser during a reconciliation (issue 31,
 * docs/accounts.md "Events during a reconciliation"): the gateway and the simulator over
 * 127.0.0.1, MEXC's REST behind a proxy that makes the reconciliation's account read wait (as a
 * 429 pause of the shared budget would) after a gap the simulator makes (every socket dropped).
 * While the read waits, the demo trader's fills and order states reach a browser on /stream, and
 * the balance pushes wait, named in health; once REST answers, no fill is lost or doubled, and no
 * order ever showed an older state after a newer one. Nothing here measures time: the read is
 * released only after the fills were seen, so a fill held back fails the test by its bounded wait.
 */
import type { BalanceItem, FillItem, Health, OrderItem, Page, TopicUpdate } from "@mexc-live/contract";
import { Decimal, isFinalStatus, type OrderStatus } from "@mexc-live/protocol";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import {
  BrowserClient,
  getJson,
  ledger,
  quiesce,
  settingsFor,
  simulatorEnv,
  startBusySimulator,
  tempDir,
  waitFor,
} from "../e2eKit.js";
import { type RecordingProxy, startRecordingProxy } from "../recordingProxy.js";

let sim: RunningSimulator | undefined;
let proxy: RecordingProxy | undefined;
let gateway: RunningGateway | undefined;
let browser: BrowserClient | undefined;
const data = tempDir("fills-during-reconciliation");

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await proxy?.close();
  await sim?.close();
  data.remove();
});

const ACCOUNT_READ = "/api/v3/account";

/** The account reads wait while `gate` is set, until it is opened. */
let gate: { promise: Promise<void>; open: () => void } | undefined;
function closeGate(): void {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  gate = { promise, open };
}
function openGate(): void {
  gate?.open();
  gate = undefined;
}

const setFaults = async (spec: string) => {
  const response = await fetch(`${sim!.rest}/_sim/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ spec }),
  });
  if (!response.ok) throw new Error(`/_sim/faults: HTTP ${response.status}`);
};
const health = () => getJson<Health>(`${gateway!.url}api/health`);
const fillKey = (fill: FillItem) => `${fill.tradeId}|${fill.orderId}`;
const STATUS_RANK: Record<string, number> = { NEW: 0, PARTIALLY_FILLED: 1 };
const rank = (status: OrderStatus) => (isFinalStatus(status) ? 2 : (STATUS_RANK[status] ?? 0));

/** The browser's messages as one sequence of (topic, data) updates, in arrival order. */
function browserUpdates(): TopicUpdate[] {
  const out: TopicUpdate[] = [];
  for (const message of browser!.messages) if (message.type === "batch") out.push(...message.updates);
  return out;
}

describe("a reconciliation held up by REST", () => {
  it("lets fills and orders through to the browser at once, holds only the balances (named in health), and loses or doubles nothing", async () => {
    sim = await startBusySimulator({ seed: 31 });
    proxy = await startRecordingProxy(sim.rest, {
      delay: (method, path) => (method === "GET" && path === ACCOUNT_READ ? gate?.promise : undefined),
    });
    gateway = await startGateway(
      settingsFor(["--port", "0", "--data", data.path, "--batch-ms", "20"], {
        ...simulatorEnv(sim),
        MEXC_REST_URL: proxy.url,
      }),
      { logger: createLogger({ level: "silent" }) },
    );
    browser = await BrowserClient.open(gateway.url);
    browser.subscribe(["fills", "orders", "balances", "health"]);
    const before = await waitFor(
      "a live account with fills",
      async () => {
        const upstream = (await health()).upstream;
        return upstream.state === "live" && upstream.reconciling === null && browser!.updates("fills").length > 0
          ? upstream
          : undefined;
      },
      60_000,
    );

    // From now on MEXC's REST keeps the account read waiting; a gap makes the stream reconcile.
    closeGate();
    const armedAt = Date.now();
    await setFaults("drop=1");
    await waitFor("the reconciliation after the gap waiting on REST", () =>
      proxy!.delayed.includes(ACCOUNT_READ) ? true : undefined,
    );
    await setFaults("none");

    // While REST still has not answered: new fills reach the browser after health said a
    // reconciliation runs, and health names the balance pushes that wait.
    const mark = browserUpdates().length;
    const seen = await waitFor("fills and health during the reconciliation", () => {
      // A read the client gave up on (its REST timeout) would hand the held events over: not this test.
      if (proxy!.abandoned.includes(ACCOUNT_READ)) throw new Error("the account read timed out first");
      const since = browserUpdates().slice(mark);
      const reconciling = since.findIndex(
        (update) => update.topic === "health" && (update.data as Health).upstream.reconciling != null,
      );
      if (reconciling < 0) return undefined;
      const fills = since.slice(reconciling).filter((update) => update.topic === "fills");
      const waiting = since
        .slice(reconciling)
        .map((update) => (update.topic === "health" ? (update.data as Health).upstream.waiting : undefined))
        .find((value) => value?.kind === "balance");
      return fills.length >= 2 && waiting !== undefined ? { fills, waiting } : undefined;
    });
    // Still waiting, the first read never given up on: every one of those fills came while the reconciliation ran.
    expect(proxy.delayed).toContain(ACCOUNT_READ);
    expect(proxy.abandoned).toEqual([]);
    expect((await health()).upstream.reconciling).not.toBeNull();
    expect(seen.waiting).toMatchObject({ kind: "balance" });
    expect(seen.waiting?.reason).toMatch(/^the account read of the reconciliation with REST \(.+\)$/);
    const duringHold = seen.fills.map((update) => fillKey(update.data as FillItem));

    openGate();
    await waitFor(
      "the reconciliation done",
      async () => {
        const upstream = (await health()).upstream;
        return upstream.reconciliations > before.reconciliations && upstream.reconciling === null ? true : undefined;
      },
      30_000,
    );

    await quiesce(sim);
    const trades = (await ledger(sim)).trades;
    const stored = async () => {
      const keys: string[] = [];
      for (let cursor: string | null = ""; cursor !== null; ) {
        const query = cursor === "" ? "" : `&cursor=${encodeURIComponent(cursor)}`;
        const page: Page<FillItem> = await getJson(`${gateway!.url}api/fills?limit=1000${query}`);
        keys.push(...page.items.map(fillKey));
        cursor = page.nextCursor;
      }
      return keys;
    };
    await waitFor(
      "every fill stored",
      async () => ((await stored()).length >= trades.length ? true : undefined),
      30_000,
    );
    // No fill lost or doubled: the store holds each of MEXC's once.
    expect((await stored()).sort()).toEqual(trades.map((trade) => `${trade.id}|${trade.orderId}`).sort());

    // The browser got each fill since the gap once (pushed live, or found by REST), those seen during the hold among them.
    const shown = browser.updates("fills").map((update) => fillKey(update.data as FillItem));
    expect(new Set(shown).size).toBe(shown.length);
    const sinceGap = trades.filter((trade) => trade.time >= armedAt).map((trade) => `${trade.id}|${trade.orderId}`);
    await waitFor("the browser has every fill since the gap", () =>
      sinceGap.every((key) => browser!.updates("fills").some((update) => fillKey(update.data as FillItem) === key))
        ? true
        : undefined,
    );
    expect(sinceGap).toEqual(expect.arrayContaining(duringHold));

    // No order ever showed an older state after a newer one.
    const byOrder = new Map<string, OrderItem[]>();
    for (const update of browser.updates("orders")) {
      const item = update.data as OrderItem;
      byOrder.set(item.orderId, [...(byOrder.get(item.orderId) ?? []), item]);
    }
    expect(byOrder.size).toBeGreaterThan(0);
    for (const [orderId, states] of byOrder) {
      for (let i = 1; i < states.length; i++) {
        const [earlier, later] = [states[i - 1]!, states[i]!];
        const backwards =
          rank(later.status) < rank(earlier.status) || new Decimal(later.executedQuantity).lt(earlier.executedQuantity);
        expect(backwards, `${orderId}: ${earlier.status} then ${later.status}`).toBe(false);
      }
    }

    // The balances end where MEXC's are.
    const same = (a: string | undefined, b: string) => a !== undefined && new Decimal(a).eq(b);
    await waitFor("the browser's balances equal MEXC's", async () => {
      const latest = new Map<string, BalanceItem>();
      for (const item of (browser!.snapshot("balances") as BalanceItem[] | undefined) ?? [])
        latest.set(item.asset, item);
      for (const update of browser!.updates("balances")) {
        const item = update.data as BalanceItem;
        latest.set(item.asset, item);
      }
      const held = (await ledger(sim!)).balances.filter((row) => new Decimal(row.free).plus(row.locked).gt(0));
      return held.every(
        (row) => same(latest.get(row.asset)?.free, row.free) && same(latest.get(row.asset)?.locked, row.locked),
      )
        ? true
        : undefined;
    });
  }, 180_000);
});
