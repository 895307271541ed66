import { afterEach, describe, expect, it, vi } from "vitest";
import { createClock } from "../clock.js";
import { SimError } from "../errors.js";
import { createRandom } from "../random.js";
import type { ListenKeyInvalidation, ListenKeyStore } from "../types.js";
import { createListenKeyStore } from "./listenKeys.js";

describe("listen keys", () => {
  let store: ListenKeyStore | undefined;
  const open = (speed = 1, extra: { ttlMs?: number; maxPerAccount?: number } = {}) => {
    store = createListenKeyStore({ clock: createClock(speed), random: createRandom(1), ...extra });
    return store;
  };
  afterEach(() => {
    store?.stop();
    vi.useRealTimers();
  });

  it("are 64 lower-case hex characters, listed and resolved for their account only", () => {
    const keys = open();
    const a = keys.create("alice");
    const b = keys.create("alice");
    const c = keys.create("bob");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(keys.list("alice").sort()).toEqual([a, b].sort());
    expect(keys.resolve(c)).toBe("bob");
    expect(keys.resolve("f".repeat(64))).toBeUndefined();
  });

  it("expire after 60 simulated minutes (3.6 s at speed 1000)", async () => {
    vi.useFakeTimers();
    const keys = open(1000);
    const key = keys.create("alice");
    const events: ListenKeyInvalidation[] = [];
    keys.onInvalidated((_key, _account, why) => events.push(why));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(keys.resolve(key)).toBe("alice");
    await vi.advanceTimersByTimeAsync(900);
    expect(keys.resolve(key)).toBeUndefined();
    expect(events).toEqual(["expired"]);
  });

  it("live 60 minutes from the last extend", async () => {
    vi.useFakeTimers();
    const keys = open(1, { ttlMs: 1_000 });
    const key = keys.create("alice");
    await vi.advanceTimersByTimeAsync(500);
    keys.extend("alice", key);
    await vi.advanceTimersByTimeAsync(700);
    expect(keys.resolve(key)).toBe("alice");
    await vi.advanceTimersByTimeAsync(500);
    expect(keys.resolve(key)).toBeUndefined();
  });

  it("answer 730708 to extend or delete of an unknown key, an expired key or another account's key", () => {
    const keys = open();
    const key = keys.create("alice");
    const code = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(SimError);
        return [(error as SimError).mexcCode, (error as SimError).message];
      }
      return undefined;
    };
    expect(code(() => keys.extend("alice", "0".repeat(64)))).toEqual([730708, "listen key information error"]);
    expect(code(() => keys.delete("bob", key))).toEqual([730708, "listen key information error"]);
    keys.expireNow(key);
    expect(code(() => keys.extend("alice", key))).toEqual([730708, "listen key information error"]);
  });

  it("announce deletion and early expiry to listeners", () => {
    const keys = open();
    const seen: [string, string, ListenKeyInvalidation][] = [];
    keys.onInvalidated((key, account, why) => seen.push([key, account, why]));
    const a = keys.create("alice");
    const b = keys.create("alice");
    keys.delete("alice", a);
    keys.expireNow(b);
    expect(seen).toEqual([
      [a, "alice", "deleted"],
      [b, "alice", "expired"],
    ]);
    expect(keys.list("alice")).toEqual([]);
  });

  it("are capped at 60 valid keys per account; an invalidated key frees a slot", () => {
    const keys = open();
    const made = Array.from({ length: 60 }, () => keys.create("alice"));
    expect(() => keys.create("alice")).toThrow(SimError);
    expect(() => keys.create("alice")).toThrow(/at most 60 valid listen keys/);
    expect(keys.create("bob")).toMatch(/^[0-9a-f]{64}$/);
    keys.delete("alice", made[0]!);
    expect(keys.create("alice")).toMatch(/^[0-9a-f]{64}$/);
  });
});
