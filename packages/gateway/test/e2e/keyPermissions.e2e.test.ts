/**
 * A monitor needs a read-only key (docs/mexc/undocumented.md#fills-and-keys item 11.32). With a
 * main account and two of its sub-accounts configured, against the simulator whose sub1 key can
 * trade: the gateway reads the sub-accounts' keys with the main account's key (reads only), says
 * in its start-up log and in sub1's health that this key can trade and a monitor needs read only,
 * says sub2's reads only, and says of the main account's own key that no read tells.
 */
import type { AccountItem } from "@mexc-live/contract";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAIN_KEY_UNKNOWN } from "../../src/ingest/keyPermissionCheck.js";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { getJson, settingsFor, tempDir, waitFor } from "../e2eKit.js";

describe("the configured keys' permissions", () => {
  let sim: RunningSimulator;
  let gateway: RunningGateway;
  const data = tempDir("key-permissions");
  const lines: { level: number; msg: string; account?: string }[] = [];

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      seed: 4132,
      admin: true,
      demoTrader: false,
      accounts: 3,
      keyPermissions: { sub1: ["SPOT_ACCOUNT_READ", "SPOT_DEAL_READ", "SPOT_DEAL_WRITE"] },
    });
    const [main, sub1, sub2] = sim.accounts;
    const env = {
      MEXC_REST_URL: sim.rest,
      MEXC_WS_URL: sim.ws,
      MEXC_API_KEY: main!.apiKey,
      MEXC_API_SECRET: main!.secretKey,
      MEXC_API_KEY_SUB1: sub1!.apiKey,
      MEXC_API_SECRET_SUB1: sub1!.secretKey,
      MEXC_API_KEY_SUB2: sub2!.apiKey,
      MEXC_API_SECRET_SUB2: sub2!.secretKey,
    };
    gateway = await startGateway(settingsFor(["--port", "0", "--data", data.path], env), {
      logger: createLogger({
        level: "info",
        destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
      }),
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await sim?.close();
    data.remove();
  });

  it("warns of a key that can trade, in the start-up log and its health; says what cannot be told", async () => {
    const accounts = await waitFor(
      "every account's key checked",
      async () => {
        const { items } = await getJson<{ items: AccountItem[] }>(`${gateway.url}api/accounts`);
        return items.every((item) => item.health.key !== undefined) ? items : undefined;
      },
      30_000,
    );
    const key = (name: string) => accounts.find((item) => item.name === name)?.health.key;
    expect(key("sub1")).toMatchObject({
      permissions: ["SPOT_ACCOUNT_READ", "SPOT_DEAL_READ", "SPOT_DEAL_WRITE"],
      writes: true,
      note: expect.stringMatching(/^this key can trade: a monitor needs read only/),
    });
    expect(key("sub2")).toMatchObject({ writes: false, note: "this key reads only, as a monitor needs" });
    expect(key("main")).toMatchObject({ permissions: null, note: MAIN_KEY_UNKNOWN });

    const warnings = lines.filter((line) => line.level === 40 && line.msg.includes("monitor needs read only"));
    expect(warnings.map((line) => line.msg)).toEqual([`account "sub1": ${key("sub1")!.note}`]);

    // Reads only: the simulator was asked the two sub-account reads, and no write of any kind.
    const traffic = await getJson<{ rest: Record<string, number> }>(`${sim.rest}/_sim/traffic`);
    expect(traffic.rest["GET /api/v3/sub-account/list"]).toBeGreaterThan(0);
    expect(traffic.rest["GET /api/v3/sub-account/apiKey"]).toBeGreaterThan(0);
    expect(
      Object.keys(traffic.rest).filter((call) => /^(POST|DELETE) \/api\/v3\/(order|sub-account)/.test(call)),
    ).toEqual([]);
  });
});
