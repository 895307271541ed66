/**
 * The wallet sync the collector runs at start, after every gap of the live stream and after a
 * wallet push, against the real simulator: transfers to and from other MEXC users and dust
 * conversions made while the gateway ran are read with the deposits and withdrawals (issue 28
 * item 5: "backfill and after every gap"), each stored once with its own type, and a push whose
 * type means a wallet move brings a sync by itself.
 */
import { createMexcClient, type MexcClient } from "@mexc-live/client";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../logging.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { WalletSync } from "./walletSync.js";

let sim: RunningSimulator | undefined;
let client: MexcClient | undefined;
let store: GatewayStore | undefined;
let sync: WalletSync | undefined;

afterEach(async () => {
  await sync?.close();
  await client?.close();
  await sim?.close();
  store?.close();
  sync = client = sim = store = undefined;
});

const QUIET = { makerRequoteMs: 3_600_000, takerIntervalMs: 3_600_000, seedHistoryMinutes: 60 };

async function setUp() {
  sim = await startSimulator({ port: 0, seed: 34, admin: true, demoTrader: false, market: QUIET });
  client = createMexcClient({ apiKey: sim.apiKey, apiSecret: sim.secretKey, restUrl: sim.rest, wsUrl: sim.ws });
  store = openStore({ path: ":memory:" });
  sync = new WalletSync({
    client,
    store,
    logger: createLogger({ level: "silent" }).logger,
    now: () => client!.rest.serverNow(),
    onStored: () => {},
    delayMs: 0,
  });
  return { sync };
}

describe("the wallet sync after a gap", () => {
  it("reads the internal transfers and dust conversions made meanwhile, each stored once as its own type", async () => {
    const { sync } = await setUp();
    await sync.sync("start");
    const before = store!.transferCounts();

    const sent = sim!.exchange.internalTransfer("demo", { asset: "USDT", amount: "75", direction: "out" });
    const got = sim!.exchange.internalTransfer("demo", { asset: "USDT", amount: "12", direction: "in" });
    const dust = sim!.exchange.convertDust("demo", ["FROP"]);
    await sync.sync("gap (test)");
    await sync.sync("gap (test, again)"); // the overlap reads them again: still stored once

    const after = store!.transferCounts();
    expect(after.internal_transfer - before.internal_transfer).toBe(2);
    expect(after.conversion - before.conversion).toBe(dust.details.length + 1);
    // The transfer sent is also a withdrawal record (transferType 1): it is not a withdrawal here.
    expect(after.withdrawal).toBe(before.withdrawal);
    const byId = new Map(store!.allTransfers().map((transfer) => [transfer.id, transfer]));
    expect(byId.get(sent.tranId)).toMatchObject({ type: "internal_transfer", direction: "out", amount: "75" });
    expect(byId.get(got.tranId)).toMatchObject({ type: "internal_transfer", direction: "in", amount: "12" });
    const conversions = store!.allTransfers().filter((transfer) => transfer.type === "conversion");
    expect(conversions.filter((row) => row.direction === "in").map((row) => row.asset)).toEqual(["MX"]);
    expect(conversions.filter((row) => row.direction === "out").map((row) => row.asset)).toEqual(["FROP"]);
  });

  it("syncs by itself after a conversion's balance push", async () => {
    const { sync } = await setUp();
    await sync.sync("start");
    const dust = sim!.exchange.convertDust("demo", ["FROP"]);
    sync.onBalanceChange("SMALL_COIN_CONVERT"); // the simulator's push type for a conversion (ours: not captured)
    await expect.poll(() => store!.transferCounts().conversion, { timeout: 15_000 }).toBe(dust.details.length + 1);
  });
});
