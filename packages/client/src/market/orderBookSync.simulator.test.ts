/**
 * Integration: the local order book against the real simulator over 127.0.0.1. The simulator
 * runs in this process, so at the moment the book applies a push whose toVersion equals the
 * simulator's current depth version, the two books must be equal level for level.
 */
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../test/wsTestServer.js";
import { type BookTop, canonicalDecimal } from "./depthBook.js";
import { type LocalOrderBook, type OrderBookSnapshot, openOrderBook } from "./orderBookSync.js";

const SYMBOL = "BTCUSDT";
const SPEED = 10;
const STREAM = { pingIntervalMs: 150, deadAfterMs: 600, reconnect: { initialMs: 20, maxMs: 200 } };
/** Everything the simulator holds (its makers quote 20 levels a side) fits in a 5000-level snapshot. */
const ALL_LEVELS = 5000;

let sim: RunningSimulator | undefined;
let book: LocalOrderBook | undefined;

afterEach(async () => {
  await book?.close();
  await sim?.close();
  book = undefined;
  sim = undefined;
});

function restDepth(rest: string) {
  return async (symbol: string, limit: number): Promise<OrderBookSnapshot> => {
    const response = await fetch(`${rest}/api/v3/depth?symbol=${symbol}&limit=${limit}`);
    if (!response.ok) throw new Error(`GET /api/v3/depth: HTTP ${response.status}`);
    return (await response.json()) as OrderBookSnapshot;
  };
}

async function admin(path: string, body: object): Promise<void> {
  const response = await fetch(`${sim!.rest}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.ok, `POST ${path}`).toBe(true);
}

/** The simulator's book right now, spelled like ours. */
function simulatorBook(): BookTop {
  const snapshot = sim!.exchange.depthSnapshot(SYMBOL, ALL_LEVELS);
  const side = (levels: [string, string][]) =>
    levels.map(([price, quantity]) => ({ price: canonicalDecimal(price), quantity: canonicalDecimal(quantity) }));
  return { bids: side(snapshot.bids), asks: side(snapshot.asks) };
}

/** Resolves with `count` comparisons made when our version equalled the simulator's. */
function compareAtMatchingVersions(
  local: LocalOrderBook,
  count: number,
): Promise<{ ours: BookTop; theirs: BookTop }[]> {
  return new Promise((resolve) => {
    const compared: { ours: BookTop; theirs: BookTop }[] = [];
    const onUpdate = ({ toVersion }: { toVersion: string }) => {
      if (BigInt(toVersion) !== BigInt(sim!.exchange.depthVersion(SYMBOL))) return;
      compared.push({ ours: local.sync.top(ALL_LEVELS), theirs: simulatorBook() });
      if (compared.length < count) return;
      local.sync.off("update", onUpdate);
      resolve(compared);
    };
    local.sync.on("update", onUpdate);
  });
}

/** How long the fault test waits for its random faults before it gives up. */
const FAULTS_DEADLINE_MS = 40_000;

describe("local order book against the simulator", () => {
  it(
    "equals the simulator's book after injected depth gaps, dropped and stalled sockets",
    async () => {
      sim = await startSimulator({
        port: 0,
        seed: 21,
        speed: SPEED,
        admin: true,
        faults: "depth-gap=0.05,drop=0.03,stall=0.02,malformed=0.01",
      });
      book = openOrderBook({
        symbol: SYMBOL,
        url: sim.ws,
        interval: "10ms",
        fetchSnapshot: restDepth(sim.rest),
        snapshotRetry: { initialMs: 20, maxMs: 200 },
        streamOptions: STREAM,
      });
      const gaps: string[] = [];
      book.stream.on("gap", (gap) => gaps.push(gap.reason));
      const injected = () => sim!.faults.injected();
      await waitFor(
        () => book!.sync.resyncCount >= 2 && injected()["depth-gap"] >= 1 && gaps.length >= 1,
        "resyncs after depth gaps and a reconnect gap",
        // Faults are rolled per push: on a loaded 2-core machine the pushes come slower, so give
        // the dice time; a passing run stops waiting as soon as they have come up.
        FAULTS_DEADLINE_MS,
      );
      expect(injected().drop + injected().stall).toBeGreaterThanOrEqual(1);

      // A quiet moment: faults off, demo trader off; the makers keep requoting, so compare at versions.
      await admin("/_sim/faults", { spec: "" });
      await admin("/_sim/trader", { running: false });
      await waitFor(() => book!.sync.state === "synced", "synced again", 5_000);
      const comparisons = await compareAtMatchingVersions(book, 5);
      for (const { ours, theirs } of comparisons) {
        expect(ours.bids.length).toBeGreaterThan(0);
        expect(ours.asks.length).toBeGreaterThan(0);
        expect(ours.bids.slice(0, 20)).toEqual(theirs.bids.slice(0, 20));
        expect(ours.asks.slice(0, 20)).toEqual(theirs.asks.slice(0, 20));
        expect(ours).toEqual(theirs);
      }
      expect(book.sync.resyncCount).toBeGreaterThan(0);
    },
    FAULTS_DEADLINE_MS + 20_000,
  );

  it("rotates its socket before the simulator's age limit without a gap, a hole or a duplicate", async () => {
    // The simulator closes sockets at 1.5 s real (15 s simulated); we rotate every 400 ms.
    sim = await startSimulator({ port: 0, seed: 22, speed: SPEED, ws: { maxConnectionAgeMs: 15_000 } });
    book = openOrderBook({
      symbol: SYMBOL,
      url: sim.ws,
      interval: "10ms",
      fetchSnapshot: restDepth(sim.rest),
      streamOptions: { ...STREAM, deadAfterMs: 2_000, rotateAfterMs: 400 },
    });
    const gaps: string[] = [];
    book.stream.on("gap", (gap) => gaps.push(gap.reason));
    await waitFor(() => book!.sync.state === "synced", "synced", 5_000);
    const versions: [bigint, bigint][] = [];
    book.stream.on("event", (event) => {
      if (event.type === "depthDiff") versions.push([BigInt(event.fromVersion), BigInt(event.toVersion)]);
    });
    const rotations = () => book!.stream.stats().shards[0]!.rotations;
    // Three rotations and more than 20 diffs across them (a loaded machine makes fewer a second).
    await waitFor(() => rotations() >= 3 && versions.length > 20, "three rotations and 20 diffs", 15_000);
    const holesOrRepeats = versions.slice(1).filter(([from], index) => from !== versions[index]![1] + 1n);
    expect(versions.length).toBeGreaterThan(20);
    expect(holesOrRepeats).toEqual([]);
    expect(gaps).toEqual([]);
    expect(book.sync.resyncCount).toBe(0);
    expect(book.stream.stats().shards[0]!.reconnects).toBe(0);
    const comparisons = await compareAtMatchingVersions(book, 1);
    expect(comparisons[0]!.ours).toEqual(comparisons[0]!.theirs);
  });
});
