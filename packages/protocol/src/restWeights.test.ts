import { describe, expect, it } from "vitest";
import { chargedWeight, REST_WEIGHTS } from "./restWeights.js";

describe("chargedWeight: where MEXC counts a request (docs/mexc/rest.md#limits-per-ip-or-per-account)", () => {
  it("charges a signed read to its account, whatever family its table row names", () => {
    expect(chargedWeight(REST_WEIGHTS["GET /api/v3/myTrades"], true)).toEqual({ uid: 10 });
    expect(chargedWeight(REST_WEIGHTS["POST /api/v3/userDataStream"], true)).toEqual({ uid: 1 });
  });

  it("charges a public call to the machine's IP alone", () => {
    expect(chargedWeight(REST_WEIGHTS["GET /api/v3/klines"], false)).toEqual({ ip: 1 });
    expect(chargedWeight(REST_WEIGHTS["GET /api/v3/exchangeInfo"], false)).toEqual({ ip: 10 });
  });

  it("charges both families where the table gives both (POST order)", () => {
    expect(chargedWeight(REST_WEIGHTS["POST /api/v3/order"], true)).toEqual({ ip: 1, uid: 1 });
  });
});
