/**
 * A key MEXC expired or revoked (docs/mexc/undocumented.md#api-keys items 11.11, 11.14): 700002 on every signed call, its listen keys
 * gone, public calls untouched; restored, it works again. /_sim/keys lists and changes keys.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ADMIN_JSON, DOCS_ACCOUNT, sendRaw, sendSigned, testSimulator } from "../test/restKit.js";
import type { SimulatorOptions, SimulatorParts } from "./simulator.js";

let sim: SimulatorParts | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await sim?.close();
  sim = undefined;
});

function start(options: SimulatorOptions = {}): SimulatorParts {
  sim = testSimulator(options);
  return sim;
}

const admin = async (parts: SimulatorParts, method: "GET" | "POST", url: string, body?: unknown) =>
  (
    await parts.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { headers: ADMIN_JSON, payload: JSON.stringify(body) }),
    })
  ).json();

describe("a revoked or expired API key (docs/mexc/undocumented.md#api-keys item 11.14)", () => {
  it("answers 700002 on every signed call while revoked, drops its listen keys, and works again once restored", async () => {
    const parts = start();
    const key = (await sendSigned(parts, DOCS_ACCOUNT, "POST", "/api/v3/userDataStream")).json().listenKey as string;
    expect(parts.listenKeys.list("docs")).toEqual([key]);

    expect(await admin(parts, "POST", "/_sim/keys", { account: "docs", action: "revoke" })).toMatchObject({
      account: "docs",
      apiKey: DOCS_ACCOUNT.apiKey,
      state: "revoked",
    });
    expect(parts.listenKeys.list("docs")).toEqual([]);
    for (const [method, path] of [
      ["GET", "/api/v3/account"],
      ["POST", "/api/v3/userDataStream"],
      ["GET", "/api/v3/capital/deposit/hisrec"],
    ] as const) {
      const refused = await sendSigned(parts, DOCS_ACCOUNT, method, path);
      expect([refused.statusCode, refused.json()]).toEqual([
        400,
        { code: 700002, msg: "Signature for this request is not valid." },
      ]);
    }
    // Public endpoints do not care about keys.
    expect((await sendRaw(parts, "GET", "/api/v3/time", {})).statusCode).toBe(200);

    expect(await admin(parts, "POST", "/_sim/keys", { account: "docs", action: "restore" })).toMatchObject({
      state: "active",
    });
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/account")).statusCode).toBe(200);
  });

  it("expires a key 90 simulated days after it was made, with MEXC's 700002", async () => {
    const parts = start();
    const before = (await admin(parts, "GET", "/_sim/keys")) as { account: string; expiresAt: number }[];
    const docs = before.find((entry) => entry.account === "docs")!;
    expect(docs.expiresAt - Date.now()).toBeGreaterThan(89 * 24 * 3_600_000);
    expect(await admin(parts, "POST", "/_sim/keys", { account: "docs", action: "expire" })).toMatchObject({
      state: "expired",
    });
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/account")).json()).toMatchObject({ code: 700002 });
  });

  it("never expires a key with the key-expiry behaviour off (revoking still works)", async () => {
    const parts = start({ behaviours: { keyExpiry: false } });
    expect(await admin(parts, "POST", "/_sim/keys", { account: "docs", action: "expire" })).toMatchObject({
      state: "active",
      expiresAt: null,
    });
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/account")).statusCode).toBe(200);
    await admin(parts, "POST", "/_sim/keys", { account: "docs", action: "revoke" });
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/account")).json()).toMatchObject({ code: 700002 });
  });

  it("renews a key from 5 days before it expires, adding 90 days; earlier, the renewal is refused (item 11.30)", async () => {
    // 90 simulated days pass in 3 real seconds: the 5-day window is the last 167 ms. The clock
    // alone is faked, and moved to each moment.
    vi.useFakeTimers({ toFake: ["Date"] });
    const parts = start({ speed: (90 * 86_400) / 3 });
    const early = await parts.app.inject({
      method: "POST",
      url: "/_sim/keys",
      headers: ADMIN_JSON,
      payload: JSON.stringify({ account: "docs", action: "renew" }),
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().msg).toMatch(/can be renewed from/);
    const keys = (await admin(parts, "GET", "/_sim/keys")) as {
      account: string;
      expiresAt: number;
      renewableFrom: number;
    }[];
    const docs = keys.find((entry) => entry.account === "docs")!;
    expect(docs.expiresAt - docs.renewableFrom).toBeCloseTo(3000 / 18, 0);
    vi.setSystemTime(Math.max(Date.now(), docs.renewableFrom) + 10);
    const renewed = await admin(parts, "POST", "/_sim/keys", { account: "docs", action: "renew" });
    expect(renewed).toMatchObject({ state: "active" });
    expect(renewed.expiresAt - docs.expiresAt).toBeCloseTo(3000, 0);
    vi.setSystemTime(Math.max(Date.now(), docs.expiresAt) + 50);
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/account")).statusCode).toBe(200);
  });

  it("ages a key into its renewal window (near-expiry): still accepted, renewable at once for 90 more days", async () => {
    const parts = start();
    const aged = await admin(parts, "POST", "/_sim/keys", { account: "docs", action: "near-expiry" });
    expect(aged.state).toBe("active");
    expect(Date.now()).toBeGreaterThanOrEqual(aged.renewableFrom);
    expect(aged.expiresAt - Date.now()).toBeCloseTo(2.5 * 86_400_000, -4);
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/account")).statusCode).toBe(200);
    const renewed = await admin(parts, "POST", "/_sim/keys", { account: "docs", action: "renew" });
    expect(renewed.expiresAt - aged.expiresAt).toBe(90 * 86_400_000);
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/account")).statusCode).toBe(200);
  });

  it("names a bad request to /_sim/keys", async () => {
    const parts = start();
    const unknown = await parts.app.inject({
      method: "POST",
      url: "/_sim/keys",
      headers: ADMIN_JSON,
      payload: JSON.stringify({ account: "nobody", action: "revoke" }),
    });
    expect(unknown.statusCode).toBe(404);
    const badAction = await parts.app.inject({
      method: "POST",
      url: "/_sim/keys",
      headers: ADMIN_JSON,
      payload: JSON.stringify({ account: "docs", action: "delete" }),
    });
    expect([badAction.statusCode, badAction.json().msg]).toEqual([
      400,
      '"action" must be "revoke" or "restore" or "expire" or "renew" or "near-expiry"',
    ]);
  });
});
