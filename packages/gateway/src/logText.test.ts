/**
 * The terminal's log lines (logText.ts): time, level word, message and a few fields from pino's
 * JSON line, one line each, with what a person does not need left out.
 */
import { REDACTED } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logging.js";
import { formatLogLine, textDestination } from "./logText.js";

const AT = new Date(2026, 10, 24, 9, 5, 7).getTime(); // local time: the terminal's clock

describe("formatLogLine", () => {
  it("shows the local time, the level as a word, the message and the line's own fields", () => {
    const line = JSON.stringify({
      level: 30,
      time: AT,
      pid: 1,
      hostname: "h",
      name: "mexc-live",
      msg: "user stream live",
      account: "main",
      fills: 3,
    });
    expect(formatLogLine(line)).toBe("09:05:07 INFO  user stream live  account=main fills=3\n");
  });

  it("words every level, quotes values with spaces, and shows an error by its message", () => {
    const warn = { level: 40, time: AT, msg: "MEXC is under maintenance", reason: "Under maintenance", retry: true };
    expect(formatLogLine(JSON.stringify(warn))).toBe(
      '09:05:07 WARN  MEXC is under maintenance  reason="Under maintenance" retry=true\n',
    );
    const error = {
      level: 50,
      time: AT,
      msg: "request failed",
      err: { type: "Error", message: "boom\nat x", stack: "Error: boom\n    at y" },
    };
    expect(formatLogLine(JSON.stringify(error))).toBe('09:05:07 ERROR request failed  err="boom …"\n');
    expect(formatLogLine(JSON.stringify({ level: 20, time: AT, msg: "x" }))).toBe("09:05:07 DEBUG x\n");
    expect(formatLogLine(JSON.stringify({ level: 60, time: AT, msg: "x" }))).toBe("09:05:07 FATAL x\n");
  });

  it("keeps a line short: at most five fields, long values cut, objects as compact JSON", () => {
    const many = { level: 30, time: AT, msg: "m", a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, counts: { fills: 1 } };
    expect(formatLogLine(JSON.stringify(many))).toBe("09:05:07 INFO  m  a=1 b=2 c=3 d=4 e=5\n");
    const long = formatLogLine(JSON.stringify({ level: 30, time: AT, msg: "m", counts: { list: "x".repeat(200) } }));
    expect(long.length).toBeLessThan(120);
    expect(long).toMatch(/^09:05:07 INFO {2}m {2}counts=\{"list":"x+…\n$/);
  });

  it("passes a line that is not JSON through as it is", () => {
    expect(formatLogLine("not json")).toBe("not json\n");
  });
});

describe("the gateway's logger writing human lines", () => {
  it("writes one human line per log call, with the secrets already masked", () => {
    let out = "";
    const { logger } = createLogger({
      level: "info",
      secrets: ["s3cr3t-value-123456"],
      destination: textDestination({ write: (text: string) => (out += text) }),
    });
    logger.info({ apiKey: "mx0vglAbCdEf", note: "has s3cr3t-value-123456 in it" }, "started");
    logger.debug("hidden at info");
    expect(out.split("\n")).toHaveLength(2);
    expect(out).toMatch(/^\d\d:\d\d:\d\d INFO {2}started {2}apiKey=\S+ note="has \S+ in it"\n$/);
    expect(out).toContain(`apiKey=${REDACTED}`);
    expect(out).not.toContain("s3cr3t-value-123456");
    expect(out).not.toContain("mx0vglAbCdEf");
  });
});
