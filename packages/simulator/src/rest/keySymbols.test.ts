import { afterEach, describe, expect, it } from "vitest";
import { DOCS_ACCOUNT, type HttpMethod, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";

/**
 * A key that may trade only some pairs (docs/mexc/undocumented.md#fills-and-keys item 11.27):
 * MEXC answers 10007 "symbol not support api" for an order on another pair, and
 * GET /api/v3/selfSymbols lists the key's pairs.
 */
let sim: SimulatorParts | undefined;
afterEach(() => sim?.close());

const call = async (method: HttpMethod, path: string, params: Record<string, string> = {}) => {
  const response = await sendSigned(sim!, DOCS_ACCOUNT, method, path, params);
  return { status: response.statusCode, body: response.json() };
};
const RESTING_BUY = { side: "BUY", type: "LIMIT", price: "50000", quantity: "0.01" };

describe("a key restricted to some pairs", () => {
  it("is answered 10007 for an order on another pair, places nothing there, and still trades its own", async () => {
    sim = testSimulator({ keySymbols: { [DOCS_ACCOUNT.account]: ["ETHUSDT"] } });
    for (const path of ["/api/v3/order", "/api/v3/order/test"]) {
      const refused = await call("POST", path, { symbol: "BTCUSDT", ...RESTING_BUY });
      expect([refused.status, refused.body]).toEqual([400, { code: 10007, msg: "symbol not support api" }]);
    }
    const own = await call("POST", "/api/v3/order", {
      symbol: "ETHUSDT",
      ...RESTING_BUY,
      price: "1000",
      quantity: "0.1",
    });
    expect(own.status).toBe(200);
    // Reads of the other pair are not refused (no public report shows they are).
    expect((await call("GET", "/api/v3/myTrades", { symbol: "BTCUSDT" })).status).toBe(200);
    expect((await call("GET", "/api/v3/openOrders", { symbol: "BTCUSDT" })).body).toEqual([]);
    expect((await call("GET", "/api/v3/selfSymbols")).body).toEqual({ code: 200, data: ["ETHUSDT"], msg: null });
  });

  it("lists every pair open to API trading for a key without a list, and refuses a list naming an unlisted symbol", async () => {
    sim = testSimulator();
    const { body } = await call("GET", "/api/v3/selfSymbols");
    expect(body.data).toContain("BTCUSDT");
    expect(body.data).not.toContain("FROPUSDT");
    expect(() => testSimulator({ keySymbols: { docs: ["BTCUSDX"] } })).toThrow(
      "keySymbols.docs: BTCUSDX is not a listed symbol",
    );
  });
});
