/**
 * A key MEXC revokes while the gateway runs, then restores (issue 28's Done-when): the gateway and
 * the simulator over 127.0.0.1. /api/health names the refusal (MEXC's 700002, what to do) within a
 * minute; once the key works again the account is live within two minutes; every fill the demo
 * trader made meanwhile is stored. The user stream's slow retry (30-60 s by default) is shortened
 * with the gateway's `slowRetryMs` option so the test does not wait minutes; the waits below are
 * the bounds the issue sets, not measurements.
 */
import type { FillItem, Health } from "@mexc-live/contract";
import { MINUTE_MS } from "@mexc-live/protocol";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import {
  getJson,
  ledger,
  quiesce,
  settingsFor,
  simulatorEnv,
  startBusySimulator,
  tempDir,
  waitFor,
} from "../e2eKit.js";

let sim: RunningSimulator | undefined;
let gateway: RunningGateway | undefined;
const data = tempDir("refused-key");

afterAll(async () => {
  await gateway?.close();
  await sim?.close();
  data.remove();
});

const keyAction = async (action: "revoke" | "restore") => {
  const response = await fetch(`${sim!.rest}/_sim/keys`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ account: "demo", action }),
  });
  if (!response.ok) throw new Error(`/_sim/keys ${action}: HTTP ${response.status}`);
};
const health = () => getJson<Health>(`${gateway!.url}api/health`);
const storedFillIds = async () => {
  const page = await getJson<{ items: FillItem[] }>(`${gateway!.url}api/fills?limit=1000`);
  return page.items.map((fill) => fill.tradeId);
};

describe("a key MEXC revokes, then restores", () => {
  it(
    "is named on /api/health within a minute, live again within two minutes of coming back, no fill lost",
    async () => {
      sim = await startBusySimulator({ seed: 77 });
      gateway = await startGateway(
        settingsFor(["--port", "0", "--data", data.path, "--batch-ms", "20"], simulatorEnv(sim)),
        { logger: createLogger({ level: "silent" }), slowRetryMs: 2_000 },
      );
      await waitFor(
        "a live account with fills",
        async () => {
          const upstream = (await health()).upstream;
          return upstream.state === "live" && (await storedFillIds()).length > 0 ? true : undefined;
        },
        30_000,
      );

      await keyAction("revoke");
      const refused = await waitFor(
        "the refusal on /api/health",
        async () => {
          const upstream = (await health()).upstream;
          return upstream.state === "refused" ? upstream : undefined;
        },
        MINUTE_MS,
      );
      expect(refused.reason).toMatchObject({
        kind: "bad_signature",
        code: 700002,
        message: "Signature for this request is not valid.",
      });
      expect(refused.reason?.advice).toContain("create a new key");

      // The demo trader goes on trading while the key is refused.
      const tradesAtRevoke = (await ledger(sim)).trades.length;
      await waitFor(
        "trades while refused",
        async () => ((await ledger(sim!)).trades.length > tradesAtRevoke + 2 ? true : undefined),
        30_000,
      );
      expect((await health()).upstream.state).toBe("refused");

      await keyAction("restore");
      const live = await waitFor(
        "the account live again",
        async () => {
          const upstream = (await health()).upstream;
          return upstream.state === "live" ? upstream : undefined;
        },
        2 * MINUTE_MS,
      );
      expect(live.reason).toBeNull();

      await quiesce(sim);
      const trades = (await ledger(sim)).trades.map((trade) => trade.id);
      await waitFor(
        "every fill stored",
        async () => ((await storedFillIds()).length >= trades.length ? true : undefined),
        30_000,
      );
      expect((await storedFillIds()).sort()).toEqual([...trades].sort());
    },
    5 * MINUTE_MS,
  );
});
