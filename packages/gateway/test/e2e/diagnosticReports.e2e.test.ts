/**
 * Node's diagnostic reports hold the environment (issue 37 item 6): `mexc-live start` with
 * NODE_OPTIONS asking for reports on a signal, an uncaught exception and a fatal error writes none,
 * says so, keeps running through the report signal and still shuts down cleanly.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { GatewayProcess, simulatorEnv, startBusySimulator, tempDir, waitFor } from "../e2eKit.js";

const TOKEN = "diagnostic-report-token-0123456789";

describe("Node's diagnostic reports", () => {
  const folder = tempDir("reports");
  let sim: RunningSimulator | undefined;
  let gateway: GatewayProcess | undefined;

  afterAll(async () => {
    await gateway?.stop("SIGKILL");
    await sim?.close();
    folder.remove();
  });

  it("writes no report holding the API key, secret or token when NODE_OPTIONS asks for them", async () => {
    sim = await startBusySimulator();
    gateway = GatewayProcess.spawn(["--port", "0", "--data", join(folder.path, "data")], {
      ...simulatorEnv(sim),
      MEXC_LIVE_TOKEN: TOKEN,
      NODE_OPTIONS: `--report-on-signal --report-uncaught-exception --report-on-fatalerror --report-directory=${folder.path}`,
    });
    await gateway.url(30_000);
    expect(gateway.stderr.join("\n")).toContain(
      "node diagnostic reports are off in mexc-live: they would hold the API key, secret and token (--report-on-signal, --report-on-fatalerror, --report-uncaught-exception ignored)",
    );
    gateway.child.kill("SIGUSR2");
    await waitFor(
      "the report signal answered",
      () => (gateway!.stderr.some((line) => line.includes("SIGUSR2: no report written")) ? true : undefined),
      10_000,
    );
    expect(gateway.child.exitCode).toBeNull();
    expect(await gateway.stop("SIGTERM")).toBe(0);

    // Whatever was written outside the database folder: no report, and no secret in any file.
    const written = readdirSync(folder.path, { recursive: true, encoding: "utf8" })
      .filter((name) => !name.startsWith("data"))
      .map((name) => join(folder.path, name))
      .filter((path) => statSync(path).isFile());
    expect(written.filter((path) => /report\..*\.json$/.test(path))).toEqual([]);
    for (const path of written) {
      const text = readFileSync(path, "utf8");
      for (const secret of [sim.apiKey, sim.secretKey, TOKEN]) expect(text.includes(secret), path).toBe(false);
      expect(statSync(path).mode & 0o077, path).toBe(0);
    }
  }, 60_000);
});
