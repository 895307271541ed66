import { decodePush } from "@mexc-live/protocol";
import { signRequest } from "@mexc-live/protocol/rest";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type RunningSimulator, startSimulator } from "./simulator.js";

const QUIET_MARKET = { seedHistoryMinutes: 60 };
let sim: RunningSimulator | undefined;
afterEach(() => sim?.close());

/** A signed fetch as a MEXC client sends it: everything in the query string. */
async function signedFetch(
  running: RunningSimulator,
  method: string,
  path: string,
  params: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const signed = signRequest({ secret: running.secretKey, query: params, timestamp: Date.now() });
  const response = await fetch(`${running.rest}${path}?${signed.query}`, {
    method,
    headers: { "X-MEXC-APIKEY": running.apiKey, "Content-Type": "application/json" },
  });
  return { status: response.status, body: await response.json() };
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

describe("startSimulator", () => {
  it("serves REST and WebSocket on one port of 127.0.0.1 and stops listening on close", async () => {
    sim = await startSimulator({ seed: 3, demoTrader: false, market: QUIET_MARKET });
    expect(sim.rest).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.ws).toBe(`ws://127.0.0.1:${sim.port}/ws`);
    expect(sim.apiKey).toMatch(/^mx0v[0-9A-Za-z]{14}$/);
    expect(sim.secretKey).toMatch(/^[0-9a-f]{32}$/);

    expect(await (await fetch(`${sim.rest}/api/v3/ping`)).json()).toEqual({});
    const account = await signedFetch(sim, "GET", "/api/v3/account");
    expect(account.status).toBe(200);
    expect((account.body as { balances: { asset: string }[] }).balances.map((balance) => balance.asset)).toContain(
      "USDT",
    );

    const socket = await openSocket(sim.ws);
    const pong = new Promise<string>((resolve) => socket.once("message", (data) => resolve(String(data))));
    socket.send(JSON.stringify({ method: "PING" }));
    expect(JSON.parse(await pong)).toEqual({ id: 0, code: 0, msg: "PONG" });

    const closed = new Promise((resolve) => socket.once("close", resolve));
    await sim.close();
    await closed;
    await expect(fetch(`${sim.rest}/api/v3/ping`)).rejects.toThrow();
  });

  it("gives the same demo credentials for the same seed, and lists extra accounts", async () => {
    sim = await startSimulator({
      seed: 11,
      demoTrader: false,
      market: QUIET_MARKET,
      extraAccounts: [{ account: "second", balances: { USDT: "500" } }],
    });
    const again = await startSimulator({ seed: 11, demoTrader: false, market: QUIET_MARKET });
    try {
      expect([again.apiKey, again.secretKey]).toEqual([sim.apiKey, sim.secretKey]);
    } finally {
      await again.close();
    }
    expect(sim.accounts.map((credentials) => credentials.account)).toEqual(["demo", "second"]);
    expect(sim.exchange.balances("second")).toContainEqual({ asset: "USDT", free: "500", locked: "0" });
  });

  it("pushes a REST order on the listen-key socket, and DELETE of the key closes that socket", async () => {
    sim = await startSimulator({ seed: 5, demoTrader: false, market: QUIET_MARKET });
    const { listenKey } = (await signedFetch(sim, "POST", "/api/v3/userDataStream")).body as { listenKey: string };
    const socket = await openSocket(`${sim.ws}?listenKey=${listenKey}`);
    const frames: Buffer[] = [];
    socket.on("message", (data, isBinary) => {
      if (isBinary) frames.push(data as Buffer);
    });
    const acked = new Promise((resolve) => socket.once("message", resolve));
    socket.send(JSON.stringify({ method: "SUBSCRIPTION", params: ["spot@private.orders.v3.api.pb"] }));
    await acked;

    const placed = await signedFetch(sim, "POST", "/api/v3/order", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "50000",
      quantity: "0.001",
    });
    expect(placed.status).toBe(200);
    const orderId = (placed.body as { orderId: string }).orderId;
    if (frames.length === 0) await new Promise((resolve) => socket.once("message", resolve));
    expect(frames.length).toBeGreaterThan(0);
    expect(JSON.stringify(decodePush(frames[0]!))).toContain(orderId);

    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    const deleted = await signedFetch(sim, "DELETE", "/api/v3/userDataStream", { listenKey });
    expect(deleted.body).toEqual({ listenKey });
    expect(await closed).toBeGreaterThanOrEqual(1000);
  });

  it("refuses to start on an unknown symbol, naming it", async () => {
    await expect(startSimulator({ symbols: ["BTCUSDT", "NOPE"] })).rejects.toThrow('unknown symbol "NOPE"');
  });
});
