import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginCookie } from "../../test/streamTestKit.js";
import { loadSettings } from "../config/settings.js";
import { createLogger } from "../logging.js";
import { type RunningGateway, startGateway } from "../service.js";
import { tokenRule } from "./tokenRule.js";

const TOKEN = "Zq8v0m_loopback-token_8d1c";

describe("tokenRule", () => {
  const rule = (host: string, token?: string, trustProxy: string[] = []) => tokenRule({ host, token, trustProxy });

  it("requires a token the user set, on loopback too", () => {
    for (const host of ["127.0.0.1", "::1", "localhost", "0.0.0.0"]) {
      expect(rule(host, TOKEN)).toEqual({ required: true, reason: "token set" });
    }
  });

  it("without one, requires a generated token off loopback or behind a trusted proxy, and none otherwise", () => {
    expect(rule("0.0.0.0")).toEqual({ required: true, reason: "non-loopback host" });
    expect(rule("127.0.0.2")).toEqual({ required: true, reason: "non-loopback host" });
    expect(rule("127.0.0.1", undefined, ["127.0.0.1"])).toEqual({ required: true, reason: "trusted proxy" });
    for (const host of ["127.0.0.1", "::1", "[::1]", "LOCALHOST"]) expect(rule(host).required).toBe(false);
  });

  it("requires one when browsers reach it at a public origin on another machine", () => {
    const at = (publicOrigin: string) =>
      tokenRule({ host: "127.0.0.1", token: undefined, trustProxy: [], publicOrigin });
    expect(at("https://desk.example")).toEqual({ required: true, reason: "public origin" });
    expect(at("http://localhost:8080").required).toBe(false);
  });
});

describe("a token set by the user, gateway bound to 127.0.0.1", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "mexc-live-token-rule-"));
  const logLines: string[] = [];
  let gateway: RunningGateway;

  beforeAll(async () => {
    const loaded = loadSettings({
      argv: ["--port", "0", "--host", "127.0.0.1", "--data", dataDir],
      env: { MEXC_LIVE_TOKEN: TOKEN },
      readFile: () => "{}",
    });
    if (loaded.help) throw new Error("help");
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    gateway = await startGateway(loaded.settings, { logger: createLogger({ level: "info", destination }) });
  });

  afterAll(async () => {
    await gateway?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The status a /stream upgrade with these headers is answered with (101: upgraded). */
  function upgrade(headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(`${gateway.url}stream`, {
        headers: {
          connection: "Upgrade",
          upgrade: "websocket",
          "sec-websocket-version": "13",
          "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
          ...headers,
        },
      });
      req.on("response", (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
      });
      req.on("upgrade", (_response, socket) => {
        socket.destroy();
        resolve(101);
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("answers the API 401 without it and 200 with it", async () => {
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const without = await fetch(`${gateway.url}api/balances`);
    expect(without.status).toBe(401);
    await without.body?.cancel();
    const withToken = await fetch(`${gateway.url}api/balances`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(200);
    await withToken.body?.cancel();
    expect(gateway.tokenFile).toBeUndefined();
  });

  it("refuses the WebSocket upgrade without it and upgrades with it", async () => {
    expect(await upgrade({})).toBe(401);
    expect(await upgrade({ cookie: await loginCookie(gateway.url, TOKEN) })).toBe(101);
  });

  it("says so at start-up, without the token", () => {
    const log = logLines.join("");
    expect(log).toContain('"tokenRequired":true');
    expect(log).toContain("browsers need it on loopback too");
    expect(log).not.toContain(TOKEN);
  });
});
