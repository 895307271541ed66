/**
 * A pair MEXC no longer lists, through a running gateway (issue 56 item 1): MEXC's trade export of
 * AZC/USDT (disabled in MEXC's December 2024 notice; the simulator does not list it either) posted
 * to POST /api/import is in PnL by asset and the tax report at once, and health names no pair left
 * out. The unit lane's src/http/delistedPairs.test.ts has the restart and the pairs nothing splits.
 */
import type { AssetPnlItem, Health } from "@mexc-live/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { getJson, settingsFor, tempDir, waitFor } from "../e2eKit.js";

const AZC_EXPORT = [
  "UID,Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
  "11122233,AZC_USDT,2025-03-01 10:00:00,Sell,0.8,1000,800,0.8USDT,Taker",
  "11122233,AZC_USDT,2025-02-01 10:00:00,Buy,0.5,1000,500,0USDT,Taker",
].join("\r\n");

const data = tempDir("delisted");
let gateway: RunningGateway;
const url = (path: string) => `${gateway.url.replace(/\/$/, "")}${path}`;

beforeAll(async () => {
  gateway = await startGateway(settingsFor(["--port", "0", "--data", data.path]), {
    logger: createLogger({ level: "silent" }),
    simulator: { seed: 41, accounts: 1, historyDays: 1, admin: true },
  });
  await waitFor(
    "the day's backfill",
    () => (gateway.health().history?.state === "complete" ? true : undefined),
    120_000,
    250,
  );
}, 180_000);

afterAll(async () => {
  await gateway?.close();
  data.remove();
});

describe("a delisted pair's export, imported into a running gateway", () => {
  it("is in PnL by asset and the tax report, and health leaves nothing out", async () => {
    const imported = await fetch(url("/api/import?name=trades.csv"), {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: AZC_EXPORT,
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ rows: 2, added: 2 });
    const azc = await waitFor(
      "AZC in PnL by asset",
      async () =>
        (await getJson<{ items: AssetPnlItem[] }>(url("/api/pnl?by=asset"))).items.find((item) => item.asset === "AZC"),
      30_000,
    );
    expect(azc.realized).toBe("300");
    const tax = await (await fetch(url("/api/export/tax.csv?year=2025"))).text();
    expect(tax.split("\r\n").filter((line) => line.includes(",AZCUSDT,AZC,"))).toEqual([
      expect.stringMatching(/^2025-03-01,2025-03-01T10:00:00.000Z,AZCUSDT,AZC,1000,800,500,300,USDT,0.8,USDT,/),
    ]);
    expect(tax).not.toContain("# left out");
    expect((await getJson<Health>(url("/api/health"))).figures?.unplaced).toEqual([]);
  }, 60_000);
});
