/**
 * Accounts share what is the same (issue 31): a demo gateway watching three accounts opens one
 * market-data WebSocket and reads exchangeInfo, the server's time and MEXC's announcements once, however many accounts it
 * has; each account still has its own user stream. Counted by the simulator itself (GET /_sim/traffic,
 * mounted by demo mode itself: no `admin: true` here, issue 37 item 5).
 */
import type { AccountItem } from "@mexc-live/contract";
import type { TrafficCounts } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { getJson, settingsFor, tempDir, waitFor } from "../e2eKit.js";

describe("three demo accounts share one market connection", () => {
  let gateway: RunningGateway;
  const data = tempDir("shared-market");

  beforeAll(async () => {
    gateway = await startGateway(settingsFor(["--port", "0", "--data", data.path]), {
      logger: createLogger({ level: "silent" }),
      simulator: { accounts: 3, seed: 31 },
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    data.remove();
  });

  it("the simulator sees one market-data socket, one exchangeInfo round and one time call for three live accounts", async () => {
    const accounts = await waitFor(
      "three live, reconciled accounts",
      async () => {
        const { items } = await getJson<{ items: AccountItem[] }>(`${gateway.url}api/accounts`);
        const live = items.filter(
          (item) => item.health.upstream.state === "live" && item.health.upstream.reconciliations > 0,
        );
        return live.length === 3 ? items : undefined;
      },
      45_000,
    );
    expect(accounts.map((item) => item.name)).toEqual(["main", "sub1", "sub2"]);
    const traffic = await getJson<TrafficCounts>(`${gateway.simulator!.rest}/_sim/traffic`);
    expect(traffic.webSockets).toMatchObject({ marketOpened: 1, marketOpen: 1, userOpen: 3 });
    // Two: unsigned, and signed for the pairs MEXC lists to signed requests only (docs/mexc/undocumented.md#fills-and-keys item 11.29).
    expect(traffic.rest["GET /api/v3/exchangeInfo"]).toBe(2);
    // MEXC's clock against this machine's is measured once for the three accounts' signed calls.
    expect(traffic.rest["GET /api/v3/time"]).toBe(1);
    // MEXC's announcements (maintenance notices) are public: one read at start for the three.
    expect(traffic.rest["GET /api/v3/announcements"]).toBe(1);
  }, 60_000);
});
