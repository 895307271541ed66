/**
 * What `mexc-live start` prints, as a person at a terminal and as a supervisor reading a pipe
 * see it (demo mode). On a terminal (here forced with --log-format text, which is what a TTY
 * gets by default): short human lines, and the dashboard's URL last, alone, after the start-up
 * lines, never with the token in it (the lines name the token's file). Not on a terminal: every line on stdout and stderr is JSON.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Health } from "@mexc-live/contract";
import { afterAll, describe, expect, it } from "vitest";
import { GatewayProcess, getJson, REPO_DIR, tempDir, waitFor } from "../e2eKit.js";

const HUMAN_LINE = /^\d\d:\d\d:\d\d (TRACE|DEBUG|INFO |WARN |ERROR|FATAL) \S/;

describe("mexc-live start's terminal", () => {
  const data = tempDir("terminal");
  const started: GatewayProcess[] = [];
  afterAll(async () => {
    await Promise.all(started.map((gateway) => gateway.stop("SIGKILL")));
    data.remove();
  });

  it("on a terminal: human lines, then a blank line and the URL alone, last, without the token", async () => {
    // 127.0.0.2 is not loopback by name, so a token is made into the data folder, and its file named.
    const gateway = GatewayProcess.merged(
      ["--port", "0", "--host", "127.0.0.2", "--data", `${data.path}/text`, "--log-format", "text"],
      {},
    );
    started.push(gateway);
    const url = await gateway.url(40_000);
    const lines = [...gateway.stdout];
    const dashboard = lines.indexOf(`  Dashboard: ${url}`);
    expect(dashboard).toBeGreaterThan(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);

    // The lines before it: the log as human lines, the start-up burst over (the default account
    // reconciled and its history planned), then a blank line, the mode and the token's file.
    const log = lines.slice(0, dashboard).filter((line) => line !== "" && !line.startsWith("  "));
    expect(log.length).toBeGreaterThan(3);
    expect(log.filter((line) => !HUMAN_LINE.test(line))).toEqual([]);
    expect(log.some((line) => /INFO {2}history: backfill planned {2}account=main/.test(line))).toBe(true);
    const block = lines.slice(lines.lastIndexOf("", dashboard), dashboard + 1);
    expect(block[0]).toBe("");
    expect(block[1]).toBe("  mexc-live: DEMO MODE: simulator, no API keys set");
    expect(block[2]).toBe(
      `  Access token: in ${data.path}/text/access-token (the dashboard asks for it once; MEXC_LIVE_TOKEN sets your own)`,
    );
    const token = readFileSync(`${data.path}/text/access-token`, "utf8").trim();
    expect(token).toMatch(/^\S{32,}$/);
    expect(block).toHaveLength(4);
    expect(lines.filter((line) => line.includes(token))).toEqual([]);
    // Fastify's own "Server listening at" said what the "gateway listening" line says.
    expect(lines.filter((line) => line.includes("Server listening"))).toEqual([]);
    expect(lines.some((line) => /INFO {2}gateway listening {2}url=/.test(line))).toBe(true);
    // Demo mode in words a new user reads (issue 57 item 10): MEXC's pairs named without field
    // jargon, and nothing to check on MEXC's pages for a key that is the simulator's.
    expect(log.filter((line) => /apiTradingDisabled=|signedOnly=/.test(line))).toEqual([]);
    expect(log).toContainEqual(
      expect.stringMatching(
        /INFO {2}MEXC's pairs read: \d+; 1 with API trading off at MEXC \(shown, but MEXC refuses API orders on it\); 1 listed to signed requests only \(MEXC's Assessment Zone\)/,
      ),
    );
    expect(lines.filter((line) => line.includes("API management page"))).toEqual([]);
    expect(lines).toContainEqual(expect.stringContaining(`account "main": the demo's simulated main account`));
    // Every file the demo writes in its data folder is one docs/configuration.md names.
    const configuration = readFileSync(join(REPO_DIR, "docs", "configuration.md"), "utf8");
    const files = readdirSync(`${data.path}/text`).filter((name) => name.endsWith(".db"));
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files.filter((name) => !configuration.includes(`data/${name}`))).toEqual([]);
    // The routine figures passes of a live account came every few seconds at info, after the URL.
    await waitFor(
      "the first windows of the history backfill",
      async () => {
        const counts = (await getJson<Health>(`${url}api/health`, { authorization: `Bearer ${token}` })).history
          ?.counts;
        return counts !== undefined && counts.deposits + counts.withdrawals + counts.transfers > 0 ? true : undefined;
      },
      30_000,
      200,
    );
    expect(gateway.stdout.filter((line) => line.includes("figures by pair brought up to date"))).toEqual([]);
    expect(await gateway.stop("SIGTERM")).toBe(0);
  }, 60_000);

  it("not on a terminal: every line on stdout and stderr is JSON, and the history's steps are not among them", async () => {
    const gateway = GatewayProcess.spawn(["--port", "0", "--data", `${data.path}/json`], {});
    started.push(gateway);
    const url = await gateway.url(40_000);
    // Some windows of the backfill done: each was a line at info before.
    await waitFor(
      "the first windows of the history backfill",
      async () => {
        const counts = (await getJson<Health>(`${url}api/health`)).history?.counts;
        return counts !== undefined && counts.deposits + counts.withdrawals + counts.transfers > 0 ? true : undefined;
      },
      30_000,
      200,
    );
    expect(await gateway.stop("SIGTERM")).toBe(0);
    const notJson = [...gateway.stdout, ...gateway.stderr].filter((line) => {
      try {
        return typeof JSON.parse(line) !== "object";
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    expect(gateway.stdout.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      expect.stringMatching(/^dashboard at http:\/\/127\.0\.0\.1:\d+\/ \(DEMO MODE/),
    ]);
    // One line per backfill window is debug: dozens of them in the first minute buried the URL.
    const messages = gateway.stderr.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.filter((msg) => msg.startsWith("history: wallet"))).toEqual([]);
    expect(messages).toContain("history: backfill planned");
  }, 60_000);
});
