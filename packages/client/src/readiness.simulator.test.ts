/**
 * `await user.live()` and `await book.synced()`: what a program waits on before it trusts the
 * account or the book, against the simulator on 127.0.0.1 through the client's facade.
 */
import { isMexcApiError } from "@mexc-live/protocol";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createMexcClient, type MexcClient } from "./client.js";
import { isClientError } from "./errors.js";
import type { UserStreamNotice } from "./user/userStreamTypes.js";

let sim: RunningSimulator | undefined;
let client: MexcClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = undefined;
  sim = undefined;
});

async function start(seed: number): Promise<{ sim: RunningSimulator; client: MexcClient }> {
  sim = await startSimulator({ port: 0, seed, admin: true, demoTrader: false });
  client = createMexcClient({ apiKey: sim.apiKey, apiSecret: sim.secretKey, restUrl: sim.rest, wsUrl: sim.ws });
  return { sim, client };
}

async function admin(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${sim!.rest}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

describe("await user.live()", () => {
  it("resolves once the stream is connected and reconciled, and at once after that", async () => {
    const { client } = await start(71);
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    const states: string[] = [];
    user.on("state", (notice: UserStreamNotice) => states.push(notice.state));
    await user.live();
    expect(states).toContain("live");
    expect(states.at(-1)).toBe("reconciled");
    const before = states.length;
    await user.live();
    expect(states.length).toBe(before);
  });

  it("rejects with STREAM_REFUSED, MEXC's refusal as its cause, when MEXC refuses the key", async () => {
    const { client } = await start(72);
    await admin("/_sim/keys", { account: "demo", action: "revoke" });
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    const error = await user.live().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isClientError(error) && { code: error.code, class: error.class }).toEqual({
      code: "STREAM_REFUSED",
      class: "fatal",
    });
    const cause = (error as Error).cause;
    expect(isMexcApiError(cause) && cause.mexcCode).toBe(700002);
    expect(String((error as Error).message)).toContain("MEXC refuses the API key");
    expect(String((error as Error).message)).not.toContain(sim!.apiKey);
  });

  it("rejects with CLOSED when the stream is closed first", async () => {
    const { client } = await start(73);
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    const waiting = user.live().catch((caught: unknown) => caught);
    await user.close();
    const error = await waiting;
    expect(isClientError(error) && error.code).toBe("CLOSED");
    await expect(user.live()).rejects.toMatchObject({ code: "CLOSED" });
  });
});

describe("await book.synced()", () => {
  it("resolves when the local book holds a snapshot and the pushes after it", async () => {
    const { client } = await start(74);
    const book = client.orderBook("BTCUSDT");
    expect(book.sync.state).toBe("syncing");
    await book.synced();
    expect(book.sync.state).toBe("synced");
    expect(book.sync.bestBid()).toBeDefined();
    expect(book.sync.bestAsk()).toBeDefined();
    await book.synced();
  });

  it("rejects with CLOSED when the book is closed before it synced", async () => {
    const { client } = await start(75);
    const book = client.orderBook("BTCUSDT");
    const waiting = book.synced().catch((caught: unknown) => caught);
    await book.close();
    expect(isClientError(await waiting) && ((await waiting) as { code: string }).code).toBe("CLOSED");
    await expect(book.synced()).rejects.toMatchObject({ code: "CLOSED" });
  });
});
