/**
 * `mexc-live start` keeps its stop promise whatever the gateway is doing: it runs the gateway in a
 * child it supervises (cli/supervisor.ts). A gateway that cannot run its signal handler (here
 * stopped with SIGSTOP, as stuck as a blocked event loop: neither runs a line of JavaScript) is
 * killed HARD_STOP_MS (8 s) after SIGTERM, and the command exits 1 with one line saying so; a
 * gateway that can stop exits 0 as before; a gateway whose supervisor is gone stops by itself.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HARD_STOP_MS } from "../../src/cli/supervisor.js";
import { BIN, GatewayProcess, getJson, tempDir, waitFor } from "../e2eKit.js";

/** The gateway process under `mexc-live start` (its only child). */
function gatewayPid(supervisor: GatewayProcess): number {
  const pid = supervisor.child.pid as number;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/);
  expect(children).toHaveLength(1);
  return Number(children[0]);
}

/** Alive and not a zombie (an orphan's parent may be an init that does not reap it at once). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("stopping within a deadline", () => {
  const data = tempDir("stop-deadline");
  const started: GatewayProcess[] = [];
  const stopped: number[] = [];
  afterAll(async () => {
    for (const pid of stopped.filter(alive)) process.kill(pid, "SIGKILL");
    await Promise.all(started.map((gateway) => gateway.stop("SIGKILL")));
    data.remove();
  });

  it("kills a gateway that cannot stop HARD_STOP_MS after SIGTERM, and says so", async () => {
    expect(HARD_STOP_MS).toBe(8_000);
    const supervisor = GatewayProcess.spawn(["--port", "0", "--data", join(data.path, "stuck")], {});
    started.push(supervisor);
    const url = await supervisor.url(30_000);
    expect((await getJson<{ mode: string }>(`${url}api/health`)).mode).toBe("demo");
    const gateway = gatewayPid(supervisor);
    stopped.push(gateway);
    process.kill(gateway, "SIGSTOP");
    const sent = Date.now();
    const code = await supervisor.stop("SIGTERM", HARD_STOP_MS + 10_000);
    const tookMs = Date.now() - sent;
    expect(code).toBe(1);
    expect(tookMs).toBeGreaterThanOrEqual(HARD_STOP_MS - 100);
    expect(tookMs).toBeLessThan(HARD_STOP_MS + 3_000);
    expect(alive(gateway)).toBe(false);
    expect(supervisor.stderr.join("\n")).toContain("the gateway did not stop within 8 s of SIGTERM; killed it");
  }, 60_000);

  it("exits 0 on SIGTERM when the gateway can stop, and the data folder is free again", async () => {
    const folder = join(data.path, "normal");
    const first = GatewayProcess.spawn(["--port", "0", "--data", folder], {});
    started.push(first);
    await first.url(30_000);
    const gateway = gatewayPid(first);
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(alive(gateway)).toBe(false);
    const second = GatewayProcess.spawn(["--port", "0", "--data", folder], {});
    started.push(second);
    await second.url(30_000);
    expect(await second.stop("SIGINT")).toBe(0);
  }, 90_000);

  it("stops the gateway when its supervisor is killed (no orphan holds the data folder)", async () => {
    const supervisor = GatewayProcess.spawn(["--port", "0", "--data", join(data.path, "orphan")], {});
    started.push(supervisor);
    await supervisor.url(30_000);
    const gateway = gatewayPid(supervisor);
    stopped.push(gateway);
    // The supervisor alone (GatewayProcess's SIGKILL takes its children too).
    process.kill(supervisor.child.pid!, "SIGKILL");
    await supervisor.exited();
    // It stops gracefully, well within the hard stop.
    await waitFor("the gateway gone", () => (alive(gateway) ? undefined : true), HARD_STOP_MS - 1_000);
  }, 60_000);

  it("kills a gateway too stuck to stop HARD_STOP_MS after its supervisor is killed, and says so", async () => {
    // The gateway's main thread spins for ever from the moment its supervisor goes: as stuck as a
    // blocked event loop, it runs none of its own stop (issue 54 item 5: such a gateway lived on as
    // an orphan). Only the gateway, not the supervisor, has MEXC_LIVE_SUPERVISED set.
    const blocker = join(data.path, "stuck-on-disconnect.mjs");
    writeFileSync(
      blocker,
      'if (process.env.MEXC_LIVE_SUPERVISED) process.once("disconnect", () => { for (;;) {} });\n',
    );
    const child = spawn(
      process.execPath,
      ["--import", blocker, BIN, "start", "--port", "0", "--data", join(data.path, "stuck-orphan")],
      {
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await waitFor("the dashboard URL", () => (stdout.includes("dashboard at") ? true : undefined), 30_000);
    const gateway = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim());
    stopped.push(gateway);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(child.pid!, "SIGKILL");
    await exited;
    const killedAt = Date.now();
    await waitFor("the stuck gateway gone", () => (running(gateway) ? undefined : true), HARD_STOP_MS + 5_000);
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(HARD_STOP_MS - 100);
    await waitFor(
      "its line",
      () =>
        stderr.includes("the supervisor is gone and the gateway did not stop within 8 s; killed it") ? true : undefined,
      2_000,
    );
  }, 60_000);
});
