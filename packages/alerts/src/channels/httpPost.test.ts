import { describe, expect, it } from "vitest";
import {
  errorText,
  MAX_ERROR_LENGTH,
  MAX_RETRY_AFTER_MS,
  outcomeOf,
  retryAfterHeaderMs,
  secondsToMs,
} from "./httpPost.js";

describe("Retry-After", () => {
  const now = Date.parse("2026-11-23T07:00:00Z");

  it("reads delay-seconds, fractions included, and HTTP-dates, in ms", () => {
    expect(retryAfterHeaderMs("7", now)).toBe(7000);
    expect(retryAfterHeaderMs("0.5", now)).toBe(500);
    expect(retryAfterHeaderMs("Mon, 23 Nov 2026 07:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterHeaderMs("Mon, 23 Nov 2026 06:00:00 GMT", now)).toBe(0);
  });

  it("ignores what is not one, and caps what is absurd", () => {
    expect(retryAfterHeaderMs(null, now)).toBeUndefined();
    expect(retryAfterHeaderMs("soon", now)).toBeUndefined();
    expect(retryAfterHeaderMs("-3", now)).toBeUndefined();
    expect(secondsToMs("5")).toBeUndefined();
    expect(secondsToMs(-1)).toBeUndefined();
    expect(secondsToMs(1e12)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe("outcomes", () => {
  const post = { service: "telegram", secrets: ["123456:SECRET-token-value"] };

  it("sorts statuses into sent, try again and failed for good", () => {
    expect(outcomeOf(200, post)).toEqual({ ok: true });
    expect(outcomeOf(204, post)).toEqual({ ok: true });
    for (const status of [408, 425, 429, 500, 502, 503])
      expect(outcomeOf(status, post)).toMatchObject({ permanent: false });
    for (const status of [301, 400, 401, 403, 404, 413])
      expect(outcomeOf(status, post)).toMatchObject({ permanent: true });
  });

  it("takes secrets and control characters out of an error and keeps it short", () => {
    const error = errorText(post, ` 400: bad /bot123456:SECRET-token-value/x\r\nmore ${"z".repeat(400)}`);
    expect(error).not.toContain("SECRET");
    expect(error).not.toMatch(/[\r\n]/);
    expect(error.length).toBeLessThanOrEqual(MAX_ERROR_LENGTH);
    expect(error.startsWith("telegram 400: bad /bot…/x more")).toBe(true);
  });
});
