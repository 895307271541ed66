/**
 * Issue 54 item 1, Redis: a Redis that accepts the connection and stays silent ends each command
 * on the command timeout, and the connection's failure is logged with the host and its cause
 * (ioredis had no command timeout: a command waited forever). CI runs this on Node 20, 22 and 24.
 */

import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../packages/gateway/src/logging.js";
import { closeRedis, connect } from "../../packages/gateway/src/redis/redisLink.js";
import { collectGarbage, type SilentServer, settled, startSilentServer } from "./silentServer.js";

/** A command ends within this many times its timeout (the timeout, a GC and a loaded 2-core machine). */
const SLACK = 3;

let server: SilentServer | undefined;
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
  await server?.close();
  server = undefined;
});

interface Line {
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/** A logger keeping its warnings, and a promise of the first one `matches` takes. */
function warnings() {
  const lines: Line[] = [];
  let waiting: { matches: (line: Line) => boolean; resolve: (line: Line) => void } | undefined;
  const record = (fields: Record<string, unknown>, message: string) => {
    const line = { fields, message };
    lines.push(line);
    if (waiting?.matches(line)) waiting.resolve(line);
  };
  const ignore = () => {};
  const logger = { warn: record, info: ignore, debug: ignore, error: record } as unknown as Logger;
  const first = (matches: (line: Line) => boolean) =>
    new Promise<Line>((resolve) => {
      const found = lines.find(matches);
      if (found) resolve(found);
      else waiting = { matches, resolve };
    });
  return { logger, lines, first };
}

describe("a Redis that accepts and stays silent", () => {
  it("a command rejects within the command timeout, and the silent connection is logged with its host", async () => {
    server = await startSilentServer();
    const timeoutMs = 400;
    const { logger, lines, first } = warnings();
    const redis = connect(
      { url: `redis://${server.host}`, password: "not-logged-secret" },
      logger,
      "redis reader",
      timeoutMs,
    );
    closing.push(() => closeRedis(redis));
    const startedAt = performance.now();
    const command = redis.get("mexc-live:figures");
    await server.connected();
    collectGarbage();
    const { value: error, ms } = await settled(command, startedAt);
    expect((error as Error).message).toBe("Command timed out");
    expect(ms).toBeLessThan(SLACK * timeoutMs);
    // The ready check wrote and heard nothing: the failure is said with the host, in ioredis's
    // words (the check's own time limit, or the silent socket's).
    const host = server.host;
    const line = await first((one) => one.message === `redis reader: connection error at ${host}`);
    const silence = new RegExp(
      `^(Command timed out|Socket timeout. Expecting data, but didn't receive any in ${timeoutMs}ms.)$`,
    );
    expect(line.fields).toEqual({ host, err: expect.stringMatching(silence) });
    expect(JSON.stringify(lines)).not.toContain("not-logged-secret");
  });
});
