/**
 * A browser opening after fills (issue 55 item 4), through a gateway in demo mode (the simulator
 * in-process, its busy demo trader filling orders) on 127.0.0.1: while nobody watches the
 * `figures` topic its version still moves and goes out, alone (the answers are worked out for
 * nobody: fanout/accountFanout.ts), so the snapshot a browser gets when it subscribes holds the
 * version and no answer of an older one; the first push after it carries every answer (the browser
 * read them over HTTP meanwhile, as on every load), and once the account is still the answers the
 * browser folded (contract laterFigures, as the dashboard does) are those a read over HTTP gives
 * at the same version (PnL by pair but its prices, which move no version).
 */
import {
  type FeeDaysAnswer,
  type FeeSummary,
  FIGURES_VERSION_HEADER,
  type FiguresVersion,
  laterFigures,
  type PnlItem,
} from "@mexc-live/contract";
import { BUSY_DEMO_TRADER, type RunningSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIGURES_PUSH_MS } from "../../src/figures/figuresVersion.js";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { BrowserClient, quiesce, settingsFor, stillValue, tempDir, waitFor } from "../e2eKit.js";

const data = tempDir("figures-late-browser");
let sim: RunningSimulator;
let gateway: RunningGateway;
let browser: BrowserClient | undefined;

beforeAll(async () => {
  gateway = await startGateway(settingsFor(["--port", "0", "--data", data.path, "--demo-speed", "60"]), {
    logger: createLogger({ level: "silent" }),
    simulator: { seed: 55, accounts: 1, historyDays: 2, admin: true, market: BUSY_DEMO_TRADER },
  });
  sim = gateway.simulator as RunningSimulator;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  data.remove();
});

/** A figures read over HTTP: its body and the figures version it was computed at. */
async function read<T>(path: string): Promise<{ body: T; version: number }> {
  const response = await fetch(`${gateway.url.replace(/\/$/, "")}${path}`);
  expect(response.status, path).toBe(200);
  return { body: (await response.json()) as T, version: Number(response.headers.get(FIGURES_VERSION_HEADER)) };
}

/** What the browser holds of the `figures` topic: its snapshot, then every push folded in. */
function folded(client: BrowserClient): FiguresVersion | null {
  let held: FiguresVersion | null = null;
  for (const message of client.messages) {
    if (message.type === "snapshot" && message.topic === "figures") held = message.data as FiguresVersion | null;
    else if (message.type === "batch")
      for (const update of message.updates)
        if (update.topic === "figures") held = laterFigures(held, update.data as FiguresVersion);
  }
  return held;
}

describe("a browser opening after fills", () => {
  it("gets the version alone, then every answer with the next push; once still, the answers a read gives", async () => {
    // Live fills with nobody watching: the version moves, and its pushes go out.
    const before = (await read<FeeSummary>("/api/fees")).version;
    await waitFor(
      "the figures version moved by live fills",
      async () => {
        const now = (await read<FeeSummary>("/api/fees")).version;
        return now > before + 3 ? now : undefined;
      },
      60_000,
    );

    const client = await BrowserClient.open(gateway.url);
    browser = client;
    client.subscribe(["figures"]);
    const snapshot = await waitFor("the figures snapshot", () => {
      const message = client.messages.find((m) => m.type === "snapshot" && m.topic === "figures");
      return message?.type === "snapshot" ? (message.data as FiguresVersion | null) : undefined;
    });
    // The version, with no answer: none was worked out while nobody could receive it.
    expect(snapshot?.version).toBeGreaterThan(before);
    expect(snapshot?.answers).toBeUndefined();

    // The first push that carries answers carries them all, as changed at its version.
    const first = await waitFor(
      "a push with answers",
      () =>
        client
          .updates("figures")
          .map((update) => update.data as FiguresVersion)
          .find((pushed) => pushed.answers),
      30_000,
    );
    expect(Object.keys(first.answers?.answers ?? {}).sort()).toEqual(["feeDays", "fees", "pnl"]);
    expect(first.answers?.changedAt).toEqual({ fees: first.version, feeDays: first.version, pnl: first.version });

    // Once the account is still, what the browser holds is what a read gives at that version. A
    // still account's version may yet move once (its last fills valued at the prices of their
    // time when a candle comes: local CI #79 read version 63 with 62 folded): the reads and the
    // browser are compared at one version, the reads taken again if the push moved past them.
    await quiesce(sim);
    await stillValue("a version that holds for three pushes' time", () => folded(client)?.version, 3 * FIGURES_PUSH_MS);
    const { held, fees, feeDays, pnl } = await waitFor(
      "reads and the browser's figures at one version",
      async () => {
        const method = folded(client)?.answers?.method;
        const fees = await read<FeeSummary>("/api/fees");
        const feeDays = await read<FeeDaysAnswer>("/api/fees/days?tz=UTC");
        const pnl = await read<{ items: PnlItem[] }>(`/api/pnl?method=${method}`);
        if (new Set([fees.version, feeDays.version, pnl.version]).size > 1) return undefined;
        // The push of the reads' version follows it within a push's time.
        const pushed = await waitFor("the push of the reads' version", () => {
          const version = folded(client)?.version;
          return version !== undefined && version >= fees.version ? version : undefined;
        });
        const held = folded(client)?.answers;
        return pushed === fees.version && held?.method === method ? { held, fees, feeDays, pnl } : undefined;
      },
      60_000,
      FIGURES_PUSH_MS,
    );
    expect(held?.answers.fees).toEqual(fees.body);
    expect(held?.answers.feeDays).toEqual(feeDays.body);
    // PnL by pair's last price and unrealized PnL follow prices, which move no version: the rest.
    const booked = (items: readonly PnlItem[] | undefined) =>
      items?.map(({ lastPrice: _price, unrealized: _unrealized, ...rest }) => rest);
    expect(booked(held?.answers.pnl)).toEqual(booked(pnl.body.items));
    expect(held?.answers.pnl?.length).toBeGreaterThan(0);
  }, 180_000);
});
