import { describe, expect, it } from "vitest";
import { AckMatcher } from "./ackMatcher.js";

describe("AckMatcher", () => {
  it("completes a request when one reply names all its channels in another order", () => {
    const acks = new AckMatcher();
    acks.sent(acks.request(["a", "b", "c"]), 0);
    expect(acks.onReply(["c", "a", "b"], [])).toEqual({ accepted: ["a", "b", "c"], rejected: [] });
    expect(acks.settled).toBe(true);
  });

  it("does not complete a request on an ack that leaves a channel out; the missing one expires", () => {
    const acks = new AckMatcher();
    acks.sent(acks.request(["a", "b"]), 1_000);
    expect(acks.onReply(["a"], [])).toEqual({ accepted: ["a"], rejected: [] });
    expect(acks.settled).toBe(false);
    expect(acks.expire(1_500, 1_000)).toEqual([]);
    expect(acks.expire(2_000, 1_000)).toEqual(["b"]);
    expect(acks.settled).toBe(true);
  });

  it("counts rejected channels as answered", () => {
    const acks = new AckMatcher();
    acks.request(["ok", "bad"]);
    expect(acks.onReply(["ok"], ["bad"])).toEqual({ accepted: ["ok"], rejected: ["bad"] });
    expect(acks.settled).toBe(true);
  });

  it("never expires a request that has not left the outbound queue", () => {
    const acks = new AckMatcher();
    acks.request(["a"]);
    expect(acks.expire(1e12, 1)).toEqual([]);
  });

  it("ignores replies naming channels nobody asked for", () => {
    const acks = new AckMatcher();
    acks.request(["a"]);
    expect(acks.onReply(["x"], ["y"])).toEqual({ accepted: [], rejected: [] });
    expect(acks.settled).toBe(false);
  });
});
