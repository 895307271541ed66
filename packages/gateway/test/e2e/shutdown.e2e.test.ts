/**
 * Stopping is bounded by design: `mexc-live start` stops on SIGTERM with a clean exit (0) however
 * what it talks to behaves. A call MEXC never answers (a backfill window in flight) is abandoned,
 * not waited for (a stop used to wait for its 10 s timeout and retries, past the 10 s shutdown
 * limit: exit 1 under load); a Redis that is gone holds no instance (they used to linger until
 * SIGKILL, a web instance > 30 s, a collector > 45 s). The exit code is what a supervisor reads:
 * 0 is a clean stop, 1 the forced one after SHUTDOWN_TIMEOUT_MS, and a stop() that has to kill
 * the process (15 s) returns null.
 */
import { join } from "node:path";
import type { Health } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { GatewayProcess, getJson, simulatorEnv, startBusySimulator, tempDir, waitFor } from "../e2eKit.js";
import { type RecordingProxy, startRecordingProxy } from "../recordingProxy.js";
import { redisEnv, redisServerPath, startRedis, warnRedisMissing } from "../redisTestServer.js";

const REDIS_SERVER = redisServerPath();
if (REDIS_SERVER === undefined) warnRedisMissing("the stop-without-Redis test");

/** Wallet history, the backfill's first windows: MEXC "never answers" them here. */
const WALLET_HISTORY = /^\/api\/v3\/capital\//;

describe("stopping", () => {
  const data = tempDir("shutdown");
  const running: GatewayProcess[] = [];
  let sim: RunningSimulator | undefined;
  let proxy: RecordingProxy | undefined;
  afterAll(async () => {
    await Promise.all(running.map((gateway) => gateway.stop("SIGKILL")));
    await proxy?.close();
    await sim?.close();
    data.remove();
  });

  it("abandons a REST call MEXC never answers: exit 0, listen key deleted", async () => {
    sim = await startBusySimulator({ seed: 43 });
    proxy = await startRecordingProxy(sim.rest, { hold: (_method, path) => WALLET_HISTORY.test(path) });
    const env = { ...simulatorEnv(sim), MEXC_REST_URL: proxy.url };
    const gateway = GatewayProcess.spawn(["--port", "0", "--data", join(data.path, "hung-rest")], env);
    running.push(gateway);
    const url = await gateway.url(30_000);
    await waitFor("upstream live", async () =>
      (await getJson<Health>(`${url}api/health`)).upstream.state === "live" ? true : undefined,
    );
    await waitFor("a wallet history call in flight", () => (proxy!.held.length > 0 ? true : undefined), 20_000);
    expect(await gateway.stop("SIGTERM")).toBe(0);
    expect(gateway.stderr.join("\n")).not.toContain("shutdown took longer");
    expect(sim.listenKeys.list("demo")).toEqual([]);
  }, 60_000);

  it.skipIf(REDIS_SERVER === undefined)(
    "with Redis gone: a collector and a web instance both exit 0 on SIGTERM",
    async () => {
      const redis = await startRedis(REDIS_SERVER!);
      sim ??= await startBusySimulator({ seed: 43 });
      const env = { ...redisEnv(redis) };
      const collector = GatewayProcess.spawn(
        ["--port", "0", "--data", join(data.path, "collector"), "--role", "collector", "--redis", redis.url],
        { ...simulatorEnv(sim), ...env },
      );
      running.push(collector);
      const web = GatewayProcess.spawn(["--port", "0", "--role", "web", "--redis", redis.url], env);
      running.push(web);
      const webUrl = await web.url(30_000);
      await collector.url(30_000);
      await waitFor("the collector's health on the web instance", async () =>
        (await getJson<Health>(`${webUrl}api/health`)).upstream.state === "live" ? true : undefined,
      );
      redis.stop();
      await new Promise((resolve) => redis.process.once("exit", resolve));
      const [webCode, collectorCode] = await Promise.all([web.stop("SIGTERM"), collector.stop("SIGTERM")]);
      expect({ webCode, collectorCode }).toEqual({ webCode: 0, collectorCode: 0 });
    },
    90_000,
  );
});
