import { afterEach, describe, expect, it } from "vitest";
import { transferEvent } from "../../test/storeEvents.js";
import { SCAN_CHUNK } from "./fills.js";
import { type GatewayStore, openStore } from "./store.js";

let store: GatewayStore;
afterEach(() => store?.close());

const T = 1_740_000_000_000;

describe("the transfers as an export reads them", () => {
  it("walks the completed ones oldest first across chunks, each once, none stored after the mark", () => {
    store = openStore({ path: ":memory:" });
    // More than a chunk at one ms: the walk goes on by id past the chunk's end.
    for (let n = 0; n < SCAN_CHUNK + 7; n++) store.upsertTransfer(transferEvent({ id: `d${n}`, time: T }));
    store.upsertTransfer(transferEvent({ id: "earlier", time: T - 1 }));
    store.upsertTransfer(transferEvent({ id: "pending", time: T + 1, state: "pending", status: "4" }));
    const upToRow = store.transfersMark();
    store.upsertTransfer(transferEvent({ id: "later", time: T + 2 }));
    const ids = [...store.exportTransfers({ upToRow })].map((transfer) => transfer.id);
    expect(ids).toHaveLength(SCAN_CHUNK + 8);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe("earlier");
    expect(ids).not.toContain("pending");
    expect(ids).not.toContain("later");
    expect([...store.exportTransfers({ upToRow, from: T + 2 })]).toEqual([]);
  });

  it("finds a conversion's legs by their shared id, or by their time when they have none", () => {
    store = openStore({ path: ":memory:" });
    const leg = (id: string, txId: string, time: number, direction: "in" | "out" = "out") =>
      transferEvent({ type: "conversion", id, txId, time, direction, status: "SUCCESS", network: "" });
    store.upsertTransfer(leg("1", "MX:1", T));
    store.upsertTransfer(leg("2", "MX:1", T + 3));
    store.upsertTransfer(leg("MX:1", "MX:1", T + 5, "in"));
    store.upsertTransfer(leg("a", "", T + 9));
    store.upsertTransfer(leg("b", "", T + 9, "in"));
    store.upsertTransfer(leg("c", "", T + 10));
    const [first] = store.exportTransfers({ upToRow: store.transfersMark() });
    expect(store.conversionLegs(first as NonNullable<typeof first>).map((l) => l.id)).toEqual(["1", "2", "MX:1"]);
    const untagged = [...store.exportTransfers({ upToRow: store.transfersMark(), from: T + 9, to: T + 9 })];
    expect(store.conversionLegs(untagged[0] as NonNullable<(typeof untagged)[0]>).map((l) => l.id)).toEqual(["a", "b"]);
  });
});
