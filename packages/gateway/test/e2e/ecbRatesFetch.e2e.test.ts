/**
 * The daily fetch of the ECB's rates as a user turns it on (issue 56 item 2): in live mode with
 * `--fetch-ecb-rates`, the gateway fetches the history from `MEXC_LIVE_ECB_RATES_URL` (here a
 * stand-in on 127.0.0.1 answering the ECB's zip) and /api/health says which day it holds; in demo
 * mode the same setting fetches nothing. A failure is named with its host on /api/health.
 */
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Health } from "@mexc-live/contract";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { getJson, settingsFor, simulatorEnv, tempDir, waitFor } from "../e2eKit.js";
import { ECB_ZIP_FIXTURE } from "../ecbRates.js";

const ZIP = readFileSync(ECB_ZIP_FIXTURE);

describe("the ECB's rates fetched daily, when turned on", () => {
  let sim: RunningSimulator;
  let ecb: Server;
  let ecbUrl: string;
  let requests = 0;
  let answering = true;
  const gateways: RunningGateway[] = [];
  const data = tempDir("ecb-rates-fetch");

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 56, admin: true, demoTrader: false, historyDays: 1 });
    ecb = createServer((_request, response) => {
      requests++;
      if (!answering) {
        response.writeHead(503);
        response.end();
        return;
      }
      response.writeHead(200, { "content-type": "application/zip" });
      response.end(ZIP);
    });
    ecb.listen(0, "127.0.0.1");
    await once(ecb, "listening");
    ecbUrl = `http://127.0.0.1:${(ecb.address() as AddressInfo).port}/stats/eurofxref/eurofxref-hist.zip`;
  }, 60_000);

  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await sim?.close();
    await new Promise<void>((done) => ecb?.close(() => done()));
    data.remove();
  });

  it("live mode: fetched at start into the rates every account shares; /api/health says the newest day", async () => {
    const env = { ...simulatorEnv(sim), MEXC_LIVE_ECB_RATES_URL: ecbUrl };
    const gateway = await startGateway(
      settingsFor(["--port", "0", "--data", `${data.path}/live`, "--fetch-ecb-rates"], env),
      { logger: createLogger({ level: "silent" }) },
    );
    gateways.push(gateway);
    const health = await waitFor(
      "the ECB's rates on /api/health",
      async () => {
        const answer = await getJson<Health>(`${gateway.url}api/health`);
        return answer.rates?.newestDay === null ? undefined : answer;
      },
      20_000,
    );
    expect(health.rates).toEqual({ newestDay: "2026-04-13", fetch: { lastOkAt: expect.any(Number), failure: null } });
    expect(requests).toBe(1);
  }, 60_000);

  it("demo mode: the same setting fetches nothing", async () => {
    const before = requests;
    const gateway = await startGateway(
      settingsFor(["--port", "0", "--data", `${data.path}/demo`, "--fetch-ecb-rates"], {
        MEXC_LIVE_ECB_RATES_URL: ecbUrl,
      }),
      { logger: createLogger({ level: "silent" }), simulator: { accounts: 1, seed: 56 } },
    );
    gateways.push(gateway);
    const health = await getJson<Health>(`${gateway.url}api/health`);
    expect(health.rates).toEqual({ newestDay: null, fetch: null });
    expect(requests).toBe(before);
  }, 60_000);

  it("live mode, the ECB answering an error: /api/health names the host and the cause", async () => {
    answering = false;
    const env = { ...simulatorEnv(sim), MEXC_LIVE_ECB_RATES_URL: ecbUrl };
    const gateway = await startGateway(
      settingsFor(["--port", "0", "--data", `${data.path}/failing`, "--fetch-ecb-rates"], env),
      { logger: createLogger({ level: "silent" }) },
    );
    gateways.push(gateway);
    const failure = await waitFor(
      "the fetch's failure on /api/health",
      async () => (await getJson<Health>(`${gateway.url}api/health`)).rates?.fetch?.failure ?? undefined,
      20_000,
    );
    expect(failure).toEqual({ host: new URL(ecbUrl).host, cause: "HTTP 503", at: expect.any(Number) });
  }, 60_000);
});
