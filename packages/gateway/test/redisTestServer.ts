/**
 * Tests' own Redis: a real `redis-server` (Debian package) on a free port of 127.0.0.1, no
 * persistence. `redisServerPath()` is undefined when it is not installed (tests then skip, loudly).
 */

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

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

function freePort(): Promise<number> {
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
  readonly url: string;
  readonly process: ChildProcess;
  stop(): void;
}

export async function startRedis(binary: string): Promise<TestRedis> {
  const port = await freePort();
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
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
  return { url: `redis://127.0.0.1:${port}`, process: child, stop: () => child.kill("SIGKILL") };
}
