import { describe, expect, it } from "vitest";
import {
  isFinalStatus,
  isKnownAccountChangeType,
  isOpenStatus,
  type OrderStatus,
  orderMovesForward,
  orderStatusFromRest,
  orderTypeFromRest,
} from "./enums.js";

describe("order status rules, one home for client, gateway and dashboard", () => {
  it("reads REST strings, and a string it does not know as UNKNOWN", () => {
    expect(orderStatusFromRest("PARTIALLY_FILLED")).toBe("PARTIALLY_FILLED");
    expect(orderStatusFromRest("TRIGGERED")).toBe("UNKNOWN");
    expect(orderTypeFromRest("LIMIT_MAKER")).toBe("LIMIT_MAKER");
    expect(orderTypeFromRest("STOP_LOSS_LIMIT")).toBe("UNKNOWN");
  });

  it("never takes UNKNOWN for final: the order stays open until a known status says otherwise", () => {
    expect(isOpenStatus("UNKNOWN")).toBe(true);
    expect(isFinalStatus("UNKNOWN")).toBe(false);
    for (const status of ["FILLED", "CANCELED", "PARTIALLY_CANCELED"] as const)
      expect(isOpenStatus(status)).toBe(false);
  });

  it.each<[OrderStatus, OrderStatus, number, boolean]>([
    ["NEW", "PARTIALLY_FILLED", 1, true],
    ["PARTIALLY_FILLED", "FILLED", 1, true],
    ["PARTIALLY_FILLED", "CANCELED", 0, true],
    ["FILLED", "NEW", 0, false], // a stale REST snapshot
    ["FILLED", "FILLED", 0, false], // a replay
    ["PARTIALLY_FILLED", "PARTIALLY_FILLED", -1, false],
    ["NEW", "UNKNOWN", 0, true], // its raw value may say more
    ["UNKNOWN", "NEW", 0, false],
    ["PARTIALLY_FILLED", "UNKNOWN", 1, true], // more traded, whatever the name
    ["PARTIALLY_FILLED", "UNKNOWN", 0, false],
    ["UNKNOWN", "FILLED", 0, true],
    ["FILLED", "UNKNOWN", 1, false],
  ])("%s -> %s (executed %i) moves forward: %s", (held, next, executed, forward) => {
    expect(orderMovesForward({ status: held }, { status: next }, executed)).toBe(forward);
  });

  it("a stop-limit order's trigger leaving UNTRIGGERED is news at the same status; REST's silence about it is not", () => {
    const waiting = { status: "NEW", triggerState: "UNTRIGGERED" } as const;
    expect(orderMovesForward(waiting, { status: "NEW", triggerState: "TRIGGERED" }, 0)).toBe(true);
    expect(orderMovesForward({ status: "NEW", triggerState: "TRIGGERED" }, waiting, 0)).toBe(false);
    expect(orderMovesForward({ status: "NEW", triggerState: "TRIGGERED" }, { status: "NEW" }, 0)).toBe(false);
    expect(orderMovesForward(waiting, waiting, 0)).toBe(false);
  });

  it("a cancel reason newly said at the same status and quantity is news; its absence after is not", () => {
    const canceled = { status: "CANCELED" } as const;
    const stp = { status: "CANCELED", cancelReason: "stp_cancel" } as const;
    expect(orderMovesForward(canceled, stp, 0)).toBe(true);
    expect(orderMovesForward(stp, canceled, 0)).toBe(false);
    expect(orderMovesForward(stp, stp, 0)).toBe(false);
    // Never back from a final status, with or without a reason.
    expect(orderMovesForward(canceled, { status: "NEW", cancelReason: "stp_cancel" }, 0)).toBe(false);
    expect(orderMovesForward({ status: "FILLED" }, stp, 0)).toBe(false);
  });

  it("knows the docs/mexc/enums.md#account-change-types account change types and nothing else", () => {
    expect(isKnownAccountChangeType("ENTRUST_PLACE")).toBe(true);
    expect(isKnownAccountChangeType("CONTRACT_TRANSFER")).toBe(true);
    // The simulator's name for a dust conversion [UNCONFIRMED]: known, so our own simulator is never "unknown".
    expect(isKnownAccountChangeType("SMALL_COIN_CONVERT")).toBe(true);
    expect(isKnownAccountChangeType("UNDOCUMENTED_CHANGE")).toBe(false);
  });
});
