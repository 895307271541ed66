import { describe, expect, it } from "vitest";
import { accountState, type GatewayLink, gatewayLink } from "./accountState.js";

const OPEN: GatewayLink = { socket: "open", lostAt: null };
const LOST: GatewayLink = { socket: "lost", lostAt: 1_000 };
const CONNECTING: GatewayLink = { socket: "connecting", lostAt: null };

describe("accountState", () => {
  it("is the account's MEXC state while the page's socket is open: live, reconnecting (connecting, maintenance) or down (stale, refused)", () => {
    const tones = (["live", "connecting", "reconnecting", "maintenance", "stale", "down", "refused"] as const).map(
      (upstream) => [upstream, accountState(OPEN, upstream).tone],
    );
    expect(tones).toEqual([
      ["live", "live"],
      ["connecting", "reconnecting"],
      ["reconnecting", "reconnecting"],
      ["maintenance", "reconnecting"],
      ["stale", "down"],
      ["down", "down"],
      ["refused", "down"],
    ]);
    expect(accountState(OPEN, "refused").label).toBe("API key refused");
    expect(accountState(OPEN, "refused", "blocked").label).toBe("blocked by MEXC's edge");
  });

  it("is 'gateway lost' for every account, whatever the gateway last said, once the socket is lost", () => {
    for (const upstream of ["live", "refused", "stale", undefined] as const) {
      const state = accountState(LOST, upstream);
      expect(state).toMatchObject({ name: "gateway lost", tone: "down", label: "gateway lost" });
      expect(state.sentence).toBe("Connection to the gateway lost; reconnecting. Figures shown are stale.");
    }
  });

  it("is 'connecting' before the socket first opened or before the gateway said anything of the account", () => {
    expect(accountState(CONNECTING, "live").name).toBe("connecting");
    expect(accountState(OPEN, undefined)).toMatchObject({ name: "connecting", sentence: "Connecting to the gateway." });
  });

  it("reads the socket from the store: open, never opened, or lost since the moment it closed", () => {
    expect(gatewayLink({ connection: "open", disconnectedAt: null })).toEqual(OPEN);
    expect(gatewayLink({ connection: "connecting", disconnectedAt: null })).toEqual(CONNECTING);
    expect(gatewayLink({ connection: "reconnecting", disconnectedAt: 1_000 })).toEqual(LOST);
    expect(gatewayLink({ connection: "connecting", disconnectedAt: 1_000 })).toEqual(LOST);
  });
});
