/**
 * Every start-up failure ends `mexc-live start` with one line and a non-zero exit code, at once,
 * never quoting a secret: an unreachable Redis (it used to retry forever), an address that accepts
 * connections and never answers (it used to wait silently for ever), a Redis that refuses
 * the password, a --data nothing can be written under (under /proc it used to spin at 100 % CPU),
 * a second gateway on the same data folder (in demo mode it used to wipe the running one's), and a
 * malformed config file holding a secret (V8's JSON error quoted it).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer, type Socket } from "node:net";
import { join } from "node:path";
import type { Health } from "@mexc-live/contract";
import { afterAll, describe, expect, it } from "vitest";
import { SQLITE_SIDE_FILES } from "../../src/store/privateFiles.js";
import { GatewayProcess, getJson, tempDir, waitFor } from "../e2eKit.js";
import { freePort, redisServerPath, startRedis, TEST_BUS_SECRET, warnRedisMissing } from "../redisTestServer.js";

const SECRET = "s3cr3tVALUEqwertyZXCV0987abcdef";

/** The plain-text lines (not JSON log lines) a failed start printed, once it has exited. */
async function failure(gateway: GatewayProcess, timeoutMs = 20_000): Promise<{ code: number | null; lines: string[] }> {
  const code = await Promise.race([
    gateway.exited(),
    new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), timeoutMs).unref()),
  ]);
  if (code === "timeout") {
    await gateway.stop("SIGKILL");
    throw new Error(`still running after ${timeoutMs} ms: ${gateway.stderr.join("\n")}`);
  }
  await waitFor(
    "its last line",
    () => (gateway.stderr.some((line) => !line.startsWith("{")) ? true : undefined),
    2_000,
  );
  return { code, lines: gateway.stderr.filter((line) => !line.startsWith("{")) };
}

/** The one child of `pid` (the gateway under `mexc-live start`'s supervisor), from Linux's /proc. */
function onlyChild(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).map(Number);
  expect(children).toHaveLength(1);
  return children[0]!;
}

/**
 * Whether every thread of `pid` has stopped. SIGSTOP is delivered on the process's way out of the
 * kernel: a write under way ends first (a WAL 536 bytes longer than the size read just after the
 * signal, local CI #106, 2026-11-29).
 */
function allStopped(pid: number): true | undefined {
  const states = readdirSync(`/proc/${pid}/task`).map((task) => {
    const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8");
    return stat.charAt(stat.lastIndexOf(")") + 2);
  });
  return states.every((state) => state === "T" || state === "t") ? true : undefined;
}

function inodeAndSize(file: string): { inode: number; size: number } {
  const stat = statSync(file);
  return { inode: stat.ino, size: stat.size };
}

describe("start-up failures", () => {
  const data = tempDir("startup-failures");
  const running: GatewayProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((gateway) => gateway.stop("SIGKILL")));
    data.remove();
  });

  it("a Redis address that accepts connections and never answers: exit 1 with one line saying so", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const gateway = GatewayProcess.spawn(
        ["--port", "0", "--data", join(data.path, "redis-silent"), "--redis", `redis://127.0.0.1:${port}`],
        { MEXC_LIVE_BUS_SECRET: TEST_BUS_SECRET },
      );
      const { code, lines } = await failure(gateway);
      expect(code).toBe(1);
      expect(lines).toEqual([
        `mexc-live start: could not start: --redis: Redis at 127.0.0.1:${port} did not answer within 5 s (it accepts connections but says nothing: is it Redis?)`,
      ]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 30_000);

  it("an unreachable Redis: exit 1 with one line naming it", async () => {
    const port = await freePort();
    const gateway = GatewayProcess.spawn(
      ["--port", "0", "--data", join(data.path, "redis-down"), "--redis", `redis://127.0.0.1:${port}`],
      { MEXC_LIVE_BUS_SECRET: TEST_BUS_SECRET },
    );
    const { code, lines } = await failure(gateway);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `mexc-live start: could not start: --redis: cannot use Redis at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
    ]);
  }, 30_000);

  it("a Redis that refuses the password: exit 1, the password never printed", async (context) => {
    const binary = redisServerPath();
    if (binary === undefined) {
      warnRedisMissing("the wrong-password start");
      context.skip();
      return;
    }
    const redis = await startRedis(binary, { password: "the-right-redis-password-1234" });
    try {
      const gateway = GatewayProcess.spawn(
        ["--port", "0", "--data", join(data.path, "redis-auth"), "--role", "web", "--redis", redis.url],
        { MEXC_LIVE_BUS_SECRET: TEST_BUS_SECRET, MEXC_LIVE_REDIS_PASSWORD: "a-wrong-redis-password-5678" },
      );
      const { code, lines } = await failure(gateway);
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^mexc-live start: could not start: --redis: cannot use Redis at 127\.0\.0\.1:\d+: WRONGPASS/,
      );
      const output = gateway.stderr.join("\n") + gateway.stdout.join("\n");
      expect(output).not.toContain("a-wrong-redis-password");
      expect(output).not.toContain(TEST_BUS_SECRET);
    } finally {
      redis.stop();
    }
  }, 30_000);

  it("the port taken: exit 1 with one line, before anything started (no simulator, no database)", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    const dir = join(data.path, "port-taken");
    try {
      const gateway = GatewayProcess.spawn(["--port", String(port), "--data", dir, "--log-level", "info"], {});
      const { code, lines } = await failure(gateway);
      expect(code).toBe(1);
      expect(lines).toEqual([`mexc-live start: could not start: port ${port} on 127.0.0.1 is in use (try --port)`]);
      // Nothing ran first: no demo (its line is the first the gateway logs), no data folder.
      expect(gateway.stderr.filter((line) => line.includes("DEMO MODE"))).toEqual([]);
      expect(existsSync(dir)).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("a --data under /proc: exit 1 at once, one line", async () => {
    const gateway = GatewayProcess.spawn(["--port", "0", "--data", "/proc/mexc-live-data"], {});
    const started = Date.now();
    const { code, lines } = await failure(gateway, 15_000);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mexc-live start: could not start: .*\/proc\/mexc-live-data/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it("a second gateway on the same data folder: refused, and the running one's files untouched", async () => {
    const dir = join(data.path, "shared");
    const first = GatewayProcess.spawn(["--port", "0", "--data", dir], {});
    running.push(first);
    const url = await first.url(30_000);
    await waitFor("upstream live", async () =>
      (await getJson<Health>(`${url}api/health`)).upstream.state === "live" ? true : undefined,
    );
    // The demo's candles stored: demo-market.db and its WAL are what a second start used to wipe
    // before its lock refused it (issue 54 item 4).
    const files = ["demo.db", "demo-market.db"].flatMap((name) =>
      SQLITE_SIDE_FILES.map((end) => join(dir, name + end)),
    );
    await waitFor("the first gateway's six files", () => (files.every((file) => existsSync(file)) ? true : undefined));
    // Held still while the second starts, so any change to its files is the second one's doing.
    const worker = onlyChild(first.child.pid!);
    process.kill(worker, "SIGSTOP");
    try {
      await waitFor("the first gateway stopped", () => allStopped(worker));
      const before = files.map((file) => ({ file, ...inodeAndSize(file) }));
      const second = GatewayProcess.spawn(["--port", "0", "--data", dir], {});
      const { code, lines } = await failure(second);
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^mexc-live start: could not start: .*demo\.db is in use by another mexc-live \(pid \d+\)/,
      );
      expect(files.map((file) => ({ file, ...inodeAndSize(file) }))).toEqual(before);
    } finally {
      process.kill(worker, "SIGCONT");
    }
    expect((await getJson<Health>(`${url}api/health`)).upstream.state).toBe("live");
    const balances = await getJson<{ items: unknown[] }>(`${url}api/balances`);
    expect(balances.items.length).toBeGreaterThan(0);
  }, 60_000);

  it("a FIFO as --config: exit 2 at once with one line (it used to hang start-up for ever)", async () => {
    const fifo = join(data.path, "config-fifo.json");
    execFileSync("mkfifo", [fifo]);
    const gateway = GatewayProcess.spawn(["--config", fifo, "--port", "0", "--data", join(data.path, "fifo")], {});
    const { code, lines } = await failure(gateway, 10_000);
    expect(code).toBe(2);
    expect(lines).toEqual([`mexc-live start: --config ${fifo} cannot be read (not a regular file)`]);
  });

  it("a malformed config file holding a secret: exit 2, line and column, the secret never quoted", async () => {
    const file = join(data.path, "config.json");
    writeFileSync(file, `{\n  "apiKey": "mx0vglAbCdEfGh123456",\n  "apiSecret": ${SECRET}\n}\n`);
    chmodSync(file, 0o600);
    const gateway = GatewayProcess.spawn(["--config", file], {});
    const { code, lines } = await failure(gateway);
    expect(code).toBe(2);
    expect(lines).toEqual([
      `mexc-live start: --config ${file} is not valid JSON: line 3, column 16: unexpected character`,
    ]);
    expect(gateway.stderr.join("\n")).not.toContain(SECRET.slice(0, 8));
  }, 30_000);

  it("a config file with secrets that others can read: exit 2, one line saying how to fix it", async () => {
    const file = join(data.path, "readable.json");
    writeFileSync(
      file,
      JSON.stringify({ accounts: [{ name: "main", apiKey: "mx0vglAbCdEfGh123456", apiSecret: SECRET }] }),
    );
    chmodSync(file, 0o644);
    // Were it not refused, it would stay on this machine.
    const gateway = GatewayProcess.spawn(["--config", file], {
      MEXC_REST_URL: "http://127.0.0.1:9",
      MEXC_WS_URL: "ws://127.0.0.1:9",
    });
    const { code, lines } = await failure(gateway);
    expect(code).toBe(2);
    expect(lines).toEqual([
      `mexc-live start: --config ${file} holds secrets and other users of this machine can read it (mode 644): run chmod 600 ${file}`,
    ]);
    expect(gateway.stderr.join("\n")).not.toContain(SECRET.slice(0, 8));
  }, 30_000);
});
