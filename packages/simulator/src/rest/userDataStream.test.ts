import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DOCS_ACCOUNT, type HttpMethod, sendRaw, sendSigned, testSimulator } from "../../test/restKit.js";
import type { AccountCredentials } from "../accounts.js";
import type { SimulatorParts } from "../simulator.js";

const PATH = "/api/v3/userDataStream";
let sim: SimulatorParts;
beforeEach(() => {
  sim = testSimulator();
});
afterEach(() => sim.close());

type Credentials = Pick<AccountCredentials, "apiKey" | "secretKey">;
const call = async (
  method: HttpMethod,
  params: Record<string, string> = {},
  credentials: Credentials = DOCS_ACCOUNT,
) => {
  const response = await sendSigned(sim, credentials, method, PATH, params);
  return { status: response.statusCode, body: response.json(), raw: response.body };
};

describe("listen keys over REST", () => {
  it("creates, lists, extends and deletes a key", async () => {
    const created = await call("POST");
    expect(created.status).toBe(200);
    expect(Object.keys(created.body)).toEqual(["listenKey"]);
    const { listenKey } = created.body;
    expect(listenKey).toMatch(/^[0-9a-f]{64}$/);
    expect(sim.listenKeys.resolve(listenKey)).toBe("docs");

    expect((await call("GET")).body).toEqual({ total: 60, listenKey: [listenKey], available: 59 });
    expect((await call("PUT", { listenKey })).body).toEqual({ listenKey });
    expect((await call("DELETE", { listenKey })).body).toEqual({ listenKey });
    expect(sim.listenKeys.resolve(listenKey)).toBeUndefined();
    expect((await call("GET")).body).toEqual({ total: 60, listenKey: [], available: 60 });
  });

  it("answers PUT and DELETE of an unknown key with HTTP 200 and 730708 as a string, as real MEXC does (docs/mexc/undocumented.md#requests-and-answers item 11.2)", async () => {
    const unknown = "f".repeat(64);
    for (const method of ["PUT", "DELETE"] as const) {
      const response = await call(method, { listenKey: unknown });
      expect(response.status).toBe(200);
      expect(response.raw).toBe('{"code":"730708","msg":"listen key information error"}');
    }
  });

  it("with the behaviour errorsInHttp200 off, answers the same error with HTTP 400", async () => {
    await sim.close();
    sim = testSimulator({ behaviours: { errorsInHttp200: false } });
    const response = await call("PUT", { listenKey: "f".repeat(64) });
    expect(response.status).toBe(400);
    expect(response.raw).toBe('{"code":"730708","msg":"listen key information error"}');
  });

  it("reports the cap it was started with as GET's total (newer docs: 200, docs/mexc/undocumented.md#listen-keys item 11.7)", async () => {
    await sim.close();
    sim = testSimulator({ listenKeyCap: 200 });
    await call("POST");
    expect((await call("GET")).body).toMatchObject({ total: 200, available: 199 });
  });

  it("does not let one account extend or delete another account's key", async () => {
    const { listenKey } = (await call("POST")).body;
    const demo = { apiKey: sim.apiKey, secretKey: sim.secretKey };
    expect((await call("PUT", { listenKey }, demo)).body).toMatchObject({ code: "730708" });
    expect((await call("DELETE", { listenKey }, demo)).body).toMatchObject({ code: "730708" });
    expect(sim.listenKeys.resolve(listenKey)).toBe("docs");
  });

  it("refuses a 61st key of one account (in a 200, like the other listen-key errors)", async () => {
    for (let i = 0; i < 60; i++) expect((await call("POST")).status).toBe(200);
    const refused = await call("POST");
    expect(refused.status).toBe(200);
    expect(typeof refused.body.code).toBe("number");
    expect((await call("GET")).body.available).toBe(0);
  });

  it("must be signed: an unsigned PUT gets 700004 for the missing signature", async () => {
    const response = await sendRaw(sim, "PUT", PATH, {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: `listenKey=${"a".repeat(64)}`,
    });
    expect(response.json()).toEqual({
      code: 700004,
      msg: "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.",
    });
  });

  it("asks for the listenKey parameter on PUT", async () => {
    expect((await call("PUT")).body).toEqual({ code: 44444, msg: "listenKey cannot be null" });
  });
});
