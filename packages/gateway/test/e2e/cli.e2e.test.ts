/**
 * `mexc-live start` as a user runs it: with no keys it says DEMO MODE and serves the dashboard;
 * a bad setting is one line naming it, exit 2; SIGTERM shuts down cleanly (exit 0) and deletes
 * the listen key it created; under npm (npm start, npx) Ctrl-C stops it as cleanly and npm says 130.
 */

import { readFileSync } from "node:fs";
import { constants } from "node:os";
import type { Health } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { GatewayProcess, getJson, simulatorEnv, startBusySimulator, tempDir, waitFor } from "../e2eKit.js";
import { ECB_ZIP_FIXTURE } from "../ecbRates.js";
import { tradeExport } from "../tradeExport.js";

describe("mexc-live start", () => {
  const data = tempDir("cli");
  const started: GatewayProcess[] = [];
  let sim: RunningSimulator | undefined;

  afterAll(async () => {
    await Promise.all(started.map((gateway) => gateway.stop("SIGKILL")));
    await sim?.close();
    data.remove();
  });

  it("starts in demo mode without keys and says so", async () => {
    const gateway = GatewayProcess.spawn(["--port", "0", "--data", data.path], {});
    started.push(gateway);
    const url = await gateway.url(30_000);
    // Not a terminal: the line is JSON, like the log.
    expect(JSON.parse(gateway.stdout[0]!)).toMatchObject({
      msg: expect.stringMatching(
        /^dashboard at http:\/\/127\.0\.0\.1:\d+\/ \(DEMO MODE: simulator, no API keys set\)$/,
      ) as unknown,
      url,
    });
    expect(gateway.stderr.join("\n")).toContain("DEMO MODE");
    expect((await getJson<Health>(`${url}api/health`)).mode).toBe("demo");
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    // An import into the demo database is taken, with the warning that it is wiped at the next start.
    const imported = await fetch(`${url}api/import?name=trades.csv&account=main`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: tradeExport({ rows: 2 }),
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({
      rows: 2,
      added: 2,
      warning: expect.stringMatching(/wiped at the next start/),
    });
    // The ECB's zip, as it serves it: to the rates every account shares.
    const rates = await fetch(`${url}api/import?name=eurofxref-hist.zip&account=main`, {
      method: "POST",
      headers: { "content-type": "application/zip" },
      body: readFileSync(ECB_ZIP_FIXTURE),
    });
    expect(rates.status).toBe(200);
    expect(await rates.json()).toMatchObject({
      format: "ecbRates",
      rows: 13,
      added: 13,
      from: "1999-01-04",
      to: "2026-04-13",
      warning: expect.stringMatching(/wiped at the next start/),
    });
    expect(await gateway.stop("SIGINT")).toBe(0);
  }, 40_000);

  it("started as an installed user starts it (npx mexc-live start), serves the built dashboard", async () => {
    const gateway = GatewayProcess.npx(["--port", "0", "--data", data.path], {});
    started.push(gateway);
    const url = await gateway.url(60_000);
    const page = await (await fetch(url)).text();
    expect(page).not.toContain("not built");
    expect(page).toContain('<div id="root"></div>');
    const script = /<script type="module"[^>]* src="([^"]+)"/.exec(page)?.[1];
    expect(script).toMatch(/^\/assets\/.+\.js$/);
    const asset = await fetch(new URL(script!, url));
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    // npm itself dies of the signal; the gateway's own clean exit is the next test's subject.
    await gateway.stop("SIGTERM");
  }, 90_000);

  it("Ctrl-C on npm start or npx: the gateway stops gracefully, npm reports 130, as troubleshooting.md says", async () => {
    const doc = readFileSync(new URL("../../../../docs/troubleshooting.md", import.meta.url), "utf8");
    for (const [how, start] of [
      ["`npm start`", GatewayProcess.npmStart],
      ["`npx mexc-live start`", GatewayProcess.npx],
    ] as const) {
      const gateway = start(["--port", "0", "--data", `${data.path}/ctrl-c`], {});
      started.push(gateway);
      await gateway.url(60_000);
      // A terminal's Ctrl-C: SIGINT to the foreground process group (npm, the supervisor).
      const code = await gateway.stop("SIGINT");
      await waitFor(`${how}: the gateway's last line`, () =>
        gateway.stderr.some((line) => line.includes('"msg":"stopped"')) ? true : undefined,
      );
      // What the shell shows in $?: npm's own code, or 128 + the signal npm ended on.
      const signal = gateway.child.signalCode;
      expect(code ?? 128 + (signal === null ? 0 : constants.signals[signal]), how).toBe(130);
      const row = doc.split("\n").find((line) => line.startsWith(`| ${how}`));
      expect(row, how).toMatch(/\| 130 after Ctrl-C/);
    }
    expect(doc).toMatch(/^\| `mexc-live start`.*\| 0 +\|$/m);
  }, 120_000);

  it("reports a bad setting in one line naming it, exit 2", async () => {
    const gateway = GatewayProcess.spawn(["--port", "abc"], {});
    expect(await gateway.exited()).toBe(2);
    await waitFor("stderr", () => (gateway.stderr.length > 0 ? true : undefined), 2_000);
    expect(gateway.stderr).toEqual(['mexc-live start: --port must be an integer 0-65535 (got "abc")']);
    const half = GatewayProcess.spawn(["--port", "0"], { MEXC_API_KEY: "mx0vglAbCdEfGh123456" });
    expect(await half.exited()).toBe(2);
    await waitFor("stderr", () => (half.stderr.length > 0 ? true : undefined), 2_000);
    expect(half.stderr).toEqual([
      "mexc-live start: MEXC_API_SECRET is not set but MEXC_API_KEY is: set both for live mode, or neither for demo mode",
    ]);
  });

  it("shuts down on SIGTERM: exit 0, listen key deleted", async () => {
    sim = await startBusySimulator({ seed: 41 });
    const gateway = GatewayProcess.spawn(["--port", "0", "--data", `${data.path}/live`], simulatorEnv(sim));
    started.push(gateway);
    const url = await gateway.url(30_000);
    expect(gateway.stdout[0]).toContain(`(LIVE: ${sim.rest})`);
    await waitFor("the user stream's listen key", () => (sim!.listenKeys.list("demo").length === 1 ? true : undefined));
    await waitFor("upstream live", async () =>
      (await getJson<Health>(`${url}api/health`)).upstream.state === "live" ? true : undefined,
    );
    expect(await gateway.stop("SIGTERM")).toBe(0);
    expect(sim.listenKeys.list("demo")).toEqual([]);
  }, 40_000);
});
