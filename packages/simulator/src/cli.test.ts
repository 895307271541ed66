import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { signRequest } from "@mexc-live/protocol/rest";
import { describe, expect, it } from "vitest";
import { runSimulatorCli } from "./cli.js";
import { SIMULATOR_OPTION_NAMES } from "./cliArguments.js";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The two compiled commands that run the simulator (`npm test` builds them first). */
const COMMANDS = [
  ["mexc-live simulator", ["packages/gateway/bin/mexc-live.js", "simulator"]],
  ["mexc-sim", ["packages/simulator/bin/mexc-sim.js"]],
] as const;

/** Runs the CLI in-process with captured output; `stop` ends a started simulator. */
function capture() {
  let stdout = "";
  let stderr = "";
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const written = new Set<() => void>();
  /** Resolves once stdout holds `text` (looked at on each write); fails after `timeoutMs`. */
  const printed = (text: string, timeoutMs = 5_000) =>
    new Promise<void>((resolve, reject) => {
      const look = () => {
        if (!stdout.includes(text)) return;
        written.delete(look);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        written.delete(look);
        reject(new Error(`stdout has no ${JSON.stringify(text)} after ${timeoutMs} ms: ${stdout}`));
      }, timeoutMs);
      written.add(look);
      look();
    });
  return {
    io: {
      stdout: {
        write: (text: string) => {
          stdout += text;
          for (const look of [...written]) look();
        },
      },
      stderr: {
        write: (text: string) => {
          stderr += text;
        },
      },
      untilStopped: () => stopped,
    },
    out: () => stdout,
    err: () => stderr,
    printed,
    stop: () => stop(),
  };
}

describe("mexc-live simulator flags", () => {
  it.each([
    [["--bogus"], 'unknown option "--bogus"'],
    [["--port", "http"], '--port needs a whole number from 0 to 65535 (got "http")'],
    [["--port", "70000"], "--port needs a whole number from 0 to 65535"],
    [["--speed", "0"], '--speed needs a positive number (got "0")'],
    [["--seed"], "--seed needs a value"],
    [["--faults", "drop,explode"], 'unknown fault "explode"'],
    [["--faults", "drop=7"], 'bad rate "7" for fault "drop"'],
    [["--symbols", "BTCUSDT,NOPE"], 'unknown symbol "NOPE"'],
    [["--json=yes"], "--json takes no value"],
    [["--firehose", "-5"], '--firehose needs a positive number (got "-5")'],
    [["--behaviours-off", "content-type,teleport"], 'unknown behaviour "teleport"'],
    [["--history-days", "-3"], '--history-days needs a whole number from 0 to 365 (got "-3")'],
    [["--history-days=1.5"], '--history-days needs a whole number from 0 to 365 (got "1.5")'],
    [["--history-days", "400"], "--history-days needs a whole number from 0 to 365"],
    [["--demo-fills-per-day", "0"], '--demo-fills-per-day needs a positive number (got "0")'],
    [["--demo-fills-per-day", "200000"], '--demo-fills-per-day must be from 1 to 100000 (got "200000")'],
    [["--demo-fills-per-day", "0.5"], '--demo-fills-per-day must be from 1 to 100000 (got "0.5")'],
    [["--accounts", "0"], '--accounts needs a whole number from 1 to 200 (got "0")'],
    [["--accounts", "201"], '--accounts needs a whole number from 1 to 200 (got "201")'],
    [["--accounts", "x"], '--accounts needs a whole number from 1 to 200 (got "x")'],
    [["--accounts"], "--accounts needs a value"],
    [["--port", "--json"], "--port needs a value"],
    [["--bogus=1"], 'unknown option "--bogus"'],
    [["-x"], 'unknown option "-x"'],
    [["8080"], 'unexpected argument "8080"'],
    [["--no-admin=false"], "--no-admin takes no value"],
  ])("refuses %j with one readable line on stderr and exit code 2", async (argv, message) => {
    const run = capture();
    expect(await runSimulatorCli(argv, run.io)).toBe(2);
    expect(run.err()).toContain(message);
    expect(run.err().trimEnd().split("\n")).toHaveLength(1);
    expect(run.out()).toBe("");
  });

  it("prints the usage with --help and exits 0", async () => {
    const run = capture();
    expect(await runSimulatorCli(["--help"], run.io)).toBe(0);
    expect(run.out()).toContain("usage: mexc-live simulator");
    expect(run.out()).toContain("--no-demo-trader");
    expect(run.out()).toContain("--history-days N");
    expect(run.out()).toContain("--accounts N");
  });

  it("--help lists every option the parser accepts, and the parser accepts every option listed", async () => {
    const run = capture();
    await runSimulatorCli(["--help"], run.io, "mexc-sim");
    const help = run.out();
    expect(help.split("\n")[0]).toBe("usage: mexc-sim [options]");
    const listed = [...help.matchAll(/^ {2}(?:-\w, )?--([a-z-]+)/gm)].map((match) => match[1]);
    expect(listed).toEqual(SIMULATOR_OPTION_NAMES);
    expect(SIMULATOR_OPTION_NAMES).toEqual(
      expect.arrayContaining(["port", "json", "faults", "behaviours-off", "admin"]),
    );
    for (const name of SIMULATOR_OPTION_NAMES) {
      const probe = capture();
      await runSimulatorCli([`--${name}`, "--help"], probe.io);
      expect(probe.err(), name).not.toContain("unknown option");
    }
  });

  it("says which command was wrong in its first word", async () => {
    const run = capture();
    expect(await runSimulatorCli(["--bogus"], run.io, "mexc-sim")).toBe(2);
    expect(run.err()).toBe('mexc-sim: unknown option "--bogus" (see --help)\n');
  });

  it("--accounts N --json prints every funded account in the JSON line, each with working credentials", async () => {
    const run = capture();
    const exit = runSimulatorCli(
      ["--port=0", "--seed", "21", "--no-demo-trader", "--accounts", "3", "--json", "--admin"],
      run.io,
    );
    await run.printed("\n");
    const line = JSON.parse(run.out().split("\n")[0]!);
    expect(Object.keys(line)).toEqual(["rest", "ws", "apiKey", "secretKey", "accounts"]);
    expect(line.accounts.map((account: { name: string }) => account.name)).toEqual(["demo", "sub1", "sub2"]);
    for (const account of line.accounts) expect(Object.keys(account)).toEqual(["name", "apiKey", "secretKey"]);
    expect(line.accounts[0]).toEqual({ name: "demo", apiKey: line.apiKey, secretKey: line.secretKey });
    expect(new Set(line.accounts.map((account: { apiKey: string }) => account.apiKey)).size).toBe(3);

    const sub2 = line.accounts[2];
    const signed = signRequest({ secret: sub2.secretKey, query: {}, timestamp: Date.now() });
    const response = await fetch(`${line.rest}/api/v3/account?${signed.query}`, {
      headers: { "X-MEXC-APIKEY": sub2.apiKey, "Content-Type": "application/json" },
    });
    expect(response.status).toBe(200);
    const ledger = (await (await fetch(`${line.rest}/_sim/ledger?account=sub2`)).json()) as { balances: unknown[] };
    expect(ledger.balances.length).toBeGreaterThan(3);
    run.stop();
    expect(await exit).toBe(0);
  });

  it("mounts no admin routes unless --admin is given: /_sim/keys is 404 and the banner says off", async () => {
    const run = capture();
    const exit = runSimulatorCli(["--port=0", "--no-demo-trader", "--json"], run.io);
    await run.printed("\n");
    const { rest } = JSON.parse(run.out().split("\n")[0]!) as { rest: string };
    expect((await fetch(`${rest}/_sim/keys`)).status).toBe(404);
    const withdraw = await fetch(`${rest}/_sim/withdraw`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ asset: "USDT", amount: "100" }),
    });
    expect(withdraw.status).toBe(404);
    run.stop();
    expect(await exit).toBe(0);
    const banner = capture();
    const shown = runSimulatorCli(["--port=0", "--no-demo-trader"], banner.io);
    await banner.printed("Ctrl+C");
    expect(banner.out()).toContain("admin routes  off (--admin mounts them)");
    banner.stop();
    expect(await shown).toBe(0);
  });

  it("lists the sub-accounts' keys and secrets in the banner", async () => {
    const run = capture();
    const exit = runSimulatorCli(["--port=0", "--no-demo-trader", "--accounts", "2"], run.io);
    await run.printed("Ctrl+C");
    expect(run.out()).toMatch(/\n {2}sub1 {10}key mx0v\w{14}, secret [0-9a-f]{32}\n/);
    run.stop();
    expect(await exit).toBe(0);
  });

  it("--history-days N starts the funded accounts with N days of past and says so", async () => {
    const run = capture();
    const exit = runSimulatorCli(["--port=0", "--no-demo-trader", "--history-days", "3", "--admin"], run.io);
    await run.printed("Ctrl+C");
    expect(run.out()).toContain("history       3 days of past activity on each funded account");
    const rest = /REST {10}(\S+) /.exec(run.out())![1];
    const ledger = (await (await fetch(`${rest}/_sim/ledger?account=demo`)).json()) as { trades: unknown[] };
    expect(ledger.trades.length).toBeGreaterThan(10);
    run.stop();
    expect(await exit).toBe(0);
  });

  it("prints a banner with the URLs, the demo credentials, admin routes and faults, and closes when stopped", async () => {
    const run = capture();
    const exit = runSimulatorCli(
      ["--port=0", "--seed", "9", "--faults", "http429=0.5", "--no-demo-trader", "--admin"],
      run.io,
    );
    await run.printed("Ctrl+C");
    const banner = run.out();
    // The base URL, as restUrl takes it: pasted with /api/v3 it went to /api/v3/api/v3/... (issue 38 item 4).
    expect(banner).toMatch(/REST {10}http:\/\/127\.0\.0\.1:\d+ {2}\(restUrl; endpoints under \/api\/v3\)\n/);
    expect(banner).toMatch(/WebSocket {5}ws:\/\/127\.0\.0\.1:\d+\/ws/);
    expect(banner).toMatch(/demo API key {2}mx0v\w{14}/);
    expect(banner).toMatch(/demo secret {3}[0-9a-f]{32}/);
    expect(banner).toContain("admin routes  on");
    expect(banner).toContain("faults        http429=0.5");
    expect(banner).toContain("demo trader off");
    expect(banner).toContain("behaviours    real MEXC (every undocumented behaviour on)");
    run.stop();
    expect(await exit).toBe(0);
  });

  it("--behaviours-off turns the named real-MEXC behaviours off and says so", async () => {
    const run = capture();
    const exit = runSimulatorCli(
      ["--port=0", "--no-demo-trader", "--behaviours-off", "content-type,whole-second-times"],
      run.io,
    );
    await run.printed("Ctrl+C");
    expect(run.out()).toContain("behaviours    off: content-type, whole-second-times");
    const rest = /REST {10}(\S+) /.exec(run.out())![1];
    // Without the content-type behaviour an unlabelled write reaches the signature check (700004).
    const response = await fetch(`${rest}/api/v3/userDataStream`, {
      method: "POST",
      headers: { "X-MEXC-APIKEY": "mx0vglsomething00000" },
    });
    expect(((await response.json()) as { code: number }).code).not.toBe(700013);
    run.stop();
    expect(await exit).toBe(0);
  });

  it("--demo-fills-per-day N makes the demo trader fill at that pace, not its history's, and says so", async () => {
    const run = capture();
    const exit = runSimulatorCli(["--port=0", "--demo-fills-per-day", "50000", "--admin"], run.io);
    await run.printed("Ctrl+C");
    expect(run.out()).toContain("demo trader on, 50000 fills a simulated day");
    const rest = /REST {10}(\S+) /.exec(run.out())![1];
    // At its history's pace (about 25 a day) the demo makes one fill in its first 25 s and then one
    // an hour; at 50,000 a day, one every 1.7 s: several within 20 s.
    const fills = async () =>
      ((await (await fetch(`${rest}/_sim/ledger?account=demo`)).json()) as { trades: unknown[] }).trades.length;
    await expect.poll(fills, { timeout: 20_000, interval: 200 }).toBeGreaterThanOrEqual(3);
    run.stop();
    expect(await exit).toBe(0);
  }, 30_000);

  it("--firehose N prints N public trades per second on top of the market", async () => {
    const run = capture();
    const exit = runSimulatorCli(["--port=0", "--firehose", "3000", "--no-demo-trader"], run.io);
    await run.printed("Ctrl+C");
    expect(run.out()).toContain("firehose      3000 public trades/s");
    const rest = /REST {10}(\S+) /.exec(run.out())![1];
    // The market alone prints about one BTCUSDT trade a second; the firehose adds ~330/s per symbol.
    const trades = async () =>
      ((await (await fetch(`${rest}/api/v3/trades?symbol=BTCUSDT&limit=1000`)).json()) as unknown[]).length;
    await expect.poll(trades, { timeout: 5_000 }).toBeGreaterThan(30);
    run.stop();
    expect(await exit).toBe(0);
  });
});

describe("the real commands", () => {
  it.each(COMMANDS)(
    "`%s --json` prints the connection line first, serves REST, and exits 0 on SIGTERM",
    async (_name, command) => {
      const child: ChildProcess = spawn(process.execPath, [...command, "--json", "--port", "0", "--speed", "10"], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      });
      try {
        let stdout = "";
        child.stdout!.setEncoding("utf8");
        const firstLine = await new Promise<string>((resolve, reject) => {
          child.stdout!.on("data", (chunk: string) => {
            stdout += chunk;
            const newline = stdout.indexOf("\n");
            if (newline !== -1) resolve(stdout.slice(0, newline));
          });
          child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
        });
        const line = JSON.parse(firstLine);
        expect(Object.keys(line)).toEqual(["rest", "ws", "apiKey", "secretKey", "accounts"]);
        expect(line.accounts).toEqual([{ name: "demo", apiKey: line.apiKey, secretKey: line.secretKey }]);
        expect(line.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(line.ws).toBe(`${line.rest.replace("http:", "ws:")}/ws`);
        expect(await (await fetch(`${line.rest}/api/v3/ping`)).json()).toEqual({});

        const exited = once(child, "exit");
        child.kill("SIGTERM");
        const [code] = await exited;
        expect(code).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
  );

  it("`mexc-sim` refuses a bad option with one line on stderr and exit code 2", async () => {
    const child = spawn(process.execPath, [COMMANDS[1][1][0], "--port", "http"], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(stderr).toBe('mexc-sim: --port needs a whole number from 0 to 65535 (got "http") (see --help)\n');
  });
});
