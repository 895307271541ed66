/** MEXC under maintenance (docs/mexc/undocumented.md#requests-and-answers item 11.15): both answers, every REST call, and back after the window. */
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_JSON, DOCS_ACCOUNT, sendRaw, sendSigned, testSimulator } from "../test/restKit.js";
import type { SimulatorOptions, SimulatorParts } from "./simulator.js";

let sim: SimulatorParts | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function start(options: SimulatorOptions = {}): SimulatorParts {
  sim = testSimulator(options);
  return sim;
}

const openWindow = (parts: SimulatorParts, body: unknown) =>
  parts.app.inject({ method: "POST", url: "/_sim/maintenance", headers: ADMIN_JSON, payload: JSON.stringify(body) });

describe("maintenance windows", () => {
  it("answers every REST call as MEXC does under maintenance, alternating its two forms, until the window ends", async () => {
    const parts = start();
    expect((await openWindow(parts, { seconds: 60 })).json()).toMatchObject({ active: true });
    const first = await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/account");
    const second = await sendRaw(parts, "GET", "/api/v3/exchangeInfo", {});
    const answers = [first, second].map((response) => [response.statusCode, response.json()]);
    expect(answers).toContainEqual([
      400,
      {
        code: 11444,
        msg: "This feature is temporarily unavailable. For details, please refer to our official announcement.",
      },
    ]);
    expect(answers).toContainEqual([
      503,
      {
        code: 500,
        message: "Under maintenance, please try again later",
        announcement: "https://www.mexc.com/support/articles/17827791510263",
      },
    ]);
    expect((await openWindow(parts, { seconds: 0 })).json()).toMatchObject({ active: false, refused: 2 });
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/account")).statusCode).toBe(200);
  });

  it("keeps one form when asked, and leaves the admin routes alone", async () => {
    const parts = start();
    await openWindow(parts, { seconds: 60, form: "message" });
    for (let i = 0; i < 3; i++) {
      const response = await sendRaw(parts, "GET", "/api/v3/time", {});
      expect(response.json()).toMatchObject({ code: 500, message: "Under maintenance, please try again later" });
    }
    expect((await parts.app.inject({ method: "GET", url: "/_sim/maintenance" })).json()).toMatchObject({
      active: true,
      refused: 3,
    });
  });

  it("opens no window with the maintenance behaviour off", async () => {
    const parts = start({ behaviours: { maintenance: false } });
    const refused = await openWindow(parts, { seconds: 60 });
    expect([refused.statusCode, refused.json().msg]).toEqual([400, "the maintenance behaviour is off"]);
    expect((await sendRaw(parts, "GET", "/api/v3/time", {})).statusCode).toBe(200);
  });

  it("opens windows by itself with the maintenance fault", async () => {
    const parts = start({ faults: "maintenance=1" });
    await expect.poll(() => parts.maintenance.view().active, { timeout: 5_000 }).toBe(true);
    expect(parts.faults.injected().maintenance).toBe(1);
    expect((await sendRaw(parts, "GET", "/api/v3/time", {})).json()).toHaveProperty("code");
  });
});
