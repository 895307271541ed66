/**
 * Tests' own Redis: a real `redis-server` (Debian package) on a free port of 127.0.0.1, no
 * persistence, optionally with a password (`requirepass`). `redisServerPath()` is undefined when
 * it is not installed (tests then skip, loudly).
 *
 * And what the instances share besides Redis: a bus secret generated per test run
 * (TEST_BUS_SECRET), another one for forgeries, and a RedisLink for each of a test's instances.
 */

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import type { Registry } from "prom-client";
import { createLogger, type Logger } from "../src/logging.js";
import { createRedisLink, type RedisLink } from "../src/redis/redisLink.js";

/** Longest wait for "Ready to accept connections". */
const START_TIMEOUT_MS = 10_000;

export function redisServerPath(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function warnRedisMissing(what: string): void {
  console.warn(`\n!!! SKIPPED: ${what} needs \`redis-server\` on PATH (Debian: apt-get install -y redis-server) !!!\n`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  /** Without the password. */
  readonly url: string;
  readonly password: string | undefined;
  readonly process: ChildProcess;
  /** A plain connection of the test's own (a spy, a forger), with the password. */
  client(): Redis;
  stop(): void;
}

export async function startRedis(binary: string, options: { password?: string } = {}): Promise<TestRedis> {
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  if (options.password !== undefined) args.push("--requirepass", options.password);
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!output.includes("Ready to accept connections")) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("redis-server did not start");
    }
    await sleep(50);
  }
  const url = `redis://127.0.0.1:${port}`;
  const { password } = options;
  return {
    url,
    password,
    process: child,
    client: () => new Redis(url, password === undefined ? {} : { password }),
    stop: () => child.kill("SIGKILL"),
  };
}

/** The bus secret every instance of a test run shares (generated, as a user's should be). */
export const TEST_BUS_SECRET = randomBytes(32).toString("hex");
/** A secret of the right form that is not the instances' one: what a forger would sign with. */
export const OTHER_BUS_SECRET = randomBytes(32).toString("hex");

export interface TestLinkOptions {
  readonly secret?: string;
  readonly logger?: Logger;
  readonly registry?: Registry;
  readonly now?: () => number;
}

/** One instance's link to the test Redis (each instance of a test gets its own, as separate processes would). */
export function testLink(redis: TestRedis, options: TestLinkOptions = {}): RedisLink {
  return createRedisLink(
    { redisUrl: redis.url, redisPassword: redis.password, busSecret: options.secret ?? TEST_BUS_SECRET },
    {
      logger: options.logger ?? createLogger({ level: "silent" }).logger,
      registry: options.registry,
      now: options.now,
    },
  );
}

/** The environment an instance of `mexc-live` needs for this Redis: the bus secret and the password. */
export function redisEnv(redis: TestRedis): Record<string, string> {
  return {
    MEXC_LIVE_BUS_SECRET: TEST_BUS_SECRET,
    ...(redis.password === undefined ? {} : { MEXC_LIVE_REDIS_PASSWORD: redis.password }),
  };
}
