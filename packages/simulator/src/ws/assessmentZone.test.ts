/**
 * An Assessment Zone pair's streams need a listen-key connection, and miniTickers leaves it out
 * (docs/mexc/undocumented.md#fills-and-keys item 11.29, hummingbot/hummingbot#7626).
 */
import { describe, expect, it } from "vitest";
import { startWsHarness, TestClient } from "../../test/wsTestKit.js";

const HIDDEN_DEPTH = "spot@public.aggre.depth.v3.api.pb@100ms@DOGEUSDT";

describe("Assessment Zone streams (docs/mexc/undocumented.md#fills-and-keys item 11.29)", () => {
  it("are refused on a public connection and served on a listen-key one", async () => {
    const sim = await startWsHarness();
    const open = await TestClient.connect(sim.url);
    const keyed = await TestClient.connect(`${sim.url}?listenKey=${sim.account("zoe").listenKey}`);
    try {
      open.subscribe([HIDDEN_DEPTH]);
      expect(await open.text(0)).toContain("Not Subscribed successfully!");
      keyed.subscribe([HIDDEN_DEPTH]);
      expect(await keyed.text(0)).not.toContain("Not Subscribed");
    } finally {
      open.close();
      keyed.close();
      await sim.close();
    }
  });

  it("are served on a public connection with the behaviour off", async () => {
    const sim = await startWsHarness({ behaviours: { assessmentZone: false } });
    const open = await TestClient.connect(sim.url);
    try {
      open.subscribe([HIDDEN_DEPTH]);
      expect(await open.text(0)).not.toContain("Not Subscribed");
    } finally {
      open.close();
      await sim.close();
    }
  });
});
