import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_JSON, testSimulator } from "../../test/restKit.js";
import { type RunningSimulator, type SimulatorParts, startSimulator } from "../simulator.js";

let parts: SimulatorParts | undefined;
let running: RunningSimulator | undefined;
afterEach(async () => {
  await parts?.close();
  await running?.close();
  parts = running = undefined;
});

const usdtFree = (sim: SimulatorParts) =>
  sim.exchange.ledger("docs").balances.find((balance) => balance.asset === "USDT")!.free;

/** A raw HTTP/1.1 request with the Host and headers a browser (or a rebinding page) would send. */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = "",
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: "127.0.0.1", port, method, path, headers, setHost: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

describe("the admin routes refuse what another web page could send (issue 37 item 5)", () => {
  it("refuses a cross-site text/plain or form POST to /_sim/withdraw with 415 and moves no money", async () => {
    parts = testSimulator();
    const before = usdtFree(parts);
    const body = JSON.stringify({ account: "docs", asset: "USDT", amount: "1000" });
    for (const contentType of ["text/plain;charset=UTF-8", "application/x-www-form-urlencoded", undefined]) {
      const answer = await parts.app.inject({
        method: "POST",
        url: "/_sim/withdraw",
        headers: contentType === undefined ? {} : { "content-type": contentType },
        payload: body,
      });
      expect([answer.statusCode, answer.json().msg]).toEqual([
        415,
        "the admin routes take a JSON body: the Content-Type header must be application/json",
      ]);
    }
    expect(usdtFree(parts)).toBe(before);
    const json = await parts.app.inject({ method: "POST", url: "/_sim/withdraw", headers: ADMIN_JSON, payload: body });
    expect(json.statusCode).toBe(200);
    expect(usdtFree(parts)).not.toBe(before);
  });

  it("refuses a text/plain POST to /_sim/keys: the key stays active", async () => {
    parts = testSimulator();
    const answer = await parts.app.inject({
      method: "POST",
      url: "/_sim/keys",
      headers: { "content-type": "text/plain" },
      payload: JSON.stringify({ account: "docs", action: "revoke" }),
    });
    expect(answer.statusCode).toBe(415);
    expect(parts.keyStates.list().find((key) => key.account === "docs")?.state).toBe("active");
  });

  it("refuses a foreign Origin (403), and `Origin: null`; its own origin and no Origin pass", async () => {
    parts = testSimulator();
    const post = (origin: string | undefined) =>
      parts!.app.inject({
        method: "POST",
        url: "/_sim/trader",
        headers: { ...ADMIN_JSON, host: "127.0.0.1:80", ...(origin === undefined ? {} : { origin }) },
        payload: JSON.stringify({ running: false }),
      });
    for (const origin of ["https://evil.example", "http://127.0.0.1:3000", "null"]) {
      const refused = await post(origin);
      expect([refused.statusCode, refused.json().msg]).toEqual([
        403,
        "the admin routes refuse requests from another site's page (Origin)",
      ]);
    }
    expect((await post("http://127.0.0.1:80")).statusCode).toBe(200);
    expect((await post(undefined)).statusCode).toBe(200);
  });

  it("answers a DNS-rebinding page (Host: evil.example) 421 without the keys, over a real socket", async () => {
    running = await startSimulator({ port: 0, seed: 5, admin: true, demoTrader: false });
    const { port } = running;
    const rebound = await send(port, "GET", "/_sim/keys", { host: `evil.example:${port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain(running.apiKey);
    // Another port on the same loopback name is another origin, not this simulator.
    expect((await send(port, "GET", "/_sim/keys", { host: "127.0.0.1:1" })).status).toBe(421);
    expect((await send(port, "GET", "/_sim/keys", { host: "127.0.0.1" })).status).toBe(421);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const own = await send(port, "GET", "/_sim/keys", { host });
      expect([host, own.status]).toEqual([host, 200]);
      expect(own.body).toContain(running.apiKey);
    }
    // MEXC's own routes are not admin routes and keep answering any Host (clients behind proxies).
    expect((await send(port, "GET", "/api/v3/ping", { host: "evil.example" })).status).toBe(200);
  });

  it("answers a configured extra host name (adminHosts)", async () => {
    running = await startSimulator({ port: 0, seed: 5, admin: true, demoTrader: false, adminHosts: ["Sim.Local"] });
    const { port } = running;
    expect((await send(port, "GET", "/_sim/traffic", { host: `sim.local:${port}` })).status).toBe(200);
    expect((await send(port, "GET", "/_sim/traffic", { host: `other.local:${port}` })).status).toBe(421);
  });

  it("does not exist without `admin: true`: 404 for every route", async () => {
    parts = testSimulator({ admin: false });
    expect((await parts.app.inject({ method: "GET", url: "/_sim/keys" })).statusCode).toBe(404);
    const withdraw = await parts.app.inject({
      method: "POST",
      url: "/_sim/withdraw",
      headers: ADMIN_JSON,
      payload: JSON.stringify({ asset: "USDT", amount: "1" }),
    });
    expect(withdraw.statusCode).toBe(404);
  });
});
