import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type RunningSimulator, startSimulator } from "./simulator.js";
import type { TrafficCounts } from "./traffic.js";

let sim: RunningSimulator | undefined;
afterEach(() => sim?.close());

const traffic = async () => (await (await fetch(`${sim!.rest}/_sim/traffic`)).json()) as TrafficCounts;

async function open(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  return socket;
}

describe("GET /_sim/traffic", () => {
  it("counts REST requests by endpoint and market-data sockets apart from user-stream sockets, open and opened", async () => {
    sim = await startSimulator({ port: 0, seed: 7, admin: true });
    await fetch(`${sim.rest}/api/v3/exchangeInfo`);
    await fetch(`${sim.rest}/api/v3/exchangeInfo?symbol=BTCUSDT`);
    await fetch(`${sim.rest}/api/v3/time`);
    const market = await open(sim.ws);
    const listenKey = sim.listenKeys.create(sim.accounts[0]!.name);
    const user = await open(`${sim.ws}?listenKey=${listenKey}`);
    const second = await open(sim.ws);

    const during = await traffic();
    expect(during).toEqual({
      rest: { "GET /api/v3/exchangeInfo": 2, "GET /api/v3/time": 1 },
      webSockets: { marketOpened: 2, marketOpen: 2, userOpened: 1, userOpen: 1 },
    });

    market.close();
    user.close();
    await expect
      .poll(async () => (await traffic()).webSockets, { timeout: 2_000 })
      .toEqual({ marketOpened: 2, marketOpen: 1, userOpened: 1, userOpen: 0 });
    second.close();
  });
});
