import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startLoopWatchdog } from "./loopWatchdog.js";

/** Keeps the main thread busy, as a stuck computation would. */
function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

describe("the event loop watchdog", () => {
  it("names a stall once, at warn, while the main thread is stuck, and nothing when it runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "watchdog-"));
    const path = join(dir, "log");
    const fd = openSync(path, "w");
    const watchdog = startLoopWatchdog({ fd, format: "json", stallWarnMs: 1_000, heartbeatMs: 50 });
    try {
      await watchdog.online;
      // Nothing while the loop runs (a stall is a beat older than stallWarnMs: none yet).
      expect(readFileSync(path, "utf8")).toBe("");
      blockFor(2_500);
      // The worker wrote while the main thread was stuck; its line is in the file once it lands.
      await expect.poll(() => readFileSync(path, "utf8"), { timeout: 5_000 }).not.toBe("");
      const lines = readFileSync(path, "utf8").trim().split("\n");
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0] as string) as { level: number; msg: string };
      expect(line.level).toBe(40);
      expect(line.msg).toMatch(/^event loop blocked for [12] s$/);
    } finally {
      await watchdog.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
