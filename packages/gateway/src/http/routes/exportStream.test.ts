import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { csvStream, EXPORT_BUFFER_BYTES, EXPORT_ROWS_PER_SLICE, EXPORT_SLICE_BYTES } from "./exportStream.js";

const LINE = `${"x".repeat(98)}\r\n`;

/** `count` steps, counting how many were read; every `silentEvery`th gives no line (a tax step). */
function source(count: number, silentEvery = 0) {
  const seen = { read: 0, closed: false };
  function* steps(): Generator<string | null> {
    try {
      for (let n = 0; n < count; n++) {
        seen.read++;
        yield silentEvery > 0 && n % silentEvery === 0 ? null : LINE;
      }
    } finally {
      seen.closed = true;
    }
  }
  return { seen, steps: steps() };
}

/**
 * Until `count()` has stayed the same over 20 turns of the event loop: the reader has stopped
 * (its slices take a turn each, and the socket's writes complete within one).
 */
async function untilStill(count: () => number): Promise<void> {
  for (let still = 0, turns = 0; still < 20; turns++) {
    if (turns > 1_000_000) throw new Error("still reading after a million turns of the loop");
    const before = count();
    await new Promise((resolve) => setImmediate(resolve));
    still = count() === before ? still + 1 : 0;
  }
}

describe("csvStream: an export's lines, in slices, as the client reads", () => {
  it("makes every line in slices of at most EXPORT_ROWS_PER_SLICE rows, letting the loop turn between them", async () => {
    const { seen, steps } = source(EXPORT_ROWS_PER_SLICE * 8 + 3, 3);
    const slices: number[] = [];
    let turns = 0;
    let turning = true;
    const tick = () => {
      turns++;
      if (turning) setImmediate(tick);
    };
    setImmediate(tick);
    let bytes = 0;
    for await (const chunk of csvStream("h\r\n", steps, (rows) => slices.push(rows))) bytes += chunk.length;
    turning = false;
    expect(seen.read).toBe(EXPORT_ROWS_PER_SLICE * 8 + 3);
    expect(Math.max(...slices)).toBeLessThanOrEqual(EXPORT_ROWS_PER_SLICE);
    expect(slices.reduce((a, b) => a + b, 0)).toBe(EXPORT_ROWS_PER_SLICE * 8 + 3);
    expect(slices.length).toBeGreaterThanOrEqual(9);
    expect(turns).toBeGreaterThanOrEqual(slices.length - 1);
    const silent = Math.ceil((EXPORT_ROWS_PER_SLICE * 8 + 3) / 3);
    expect(bytes).toBe(3 + (EXPORT_ROWS_PER_SLICE * 8 + 3 - silent) * LINE.length);
  });

  it("holds a bounded number of rows for a client that stops reading, whatever the export's length", async () => {
    const { seen, steps } = source(1_000_000);
    const stuck = new Writable({ highWaterMark: 1, write: () => {} });
    csvStream("h\r\n", steps).pipe(stuck);
    await untilStill(() => seen.read);
    // The reply's buffer, one slice on top of it, and the one chunk the stuck writer took.
    const bound = (EXPORT_BUFFER_BYTES + 2 * EXPORT_SLICE_BYTES) / LINE.length + EXPORT_ROWS_PER_SLICE;
    expect(seen.read).toBeGreaterThan(0);
    expect(seen.read).toBeLessThanOrEqual(bound);
  });

  it("closes the rows' reader when the reply is destroyed midway", async () => {
    const { seen, steps } = source(1_000_000);
    const stream = csvStream("h\r\n", steps);
    stream.once("data", () => stream.destroy());
    await new Promise((resolve) => stream.once("close", resolve));
    expect(seen.closed).toBe(true);
    expect(seen.read).toBeLessThan(1_000_000);
  });
});
