/**
 * Off localhost the token is enforced. Only 127.0.0.1, ::1 and localhost count as "this machine",
 * so binding 127.0.0.2 (still loopback: the test never leaves the machine) requires a token: on
 * every API route and at the WebSocket upgrade, from the Authorization header or the cookie,
 * never from the URL. Without MEXC_LIVE_TOKEN one is made into `access-token` in the data folder
 * (0600), and `start` says where it is, never what it is.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient, GatewayProcess, tempDir } from "../e2eKit.js";
import { loginCookie } from "../streamTestKit.js";

const HOST = "127.0.0.2";
const CHOSEN_TOKEN = "e2e-chosen-token-0123456789abcdef";

describe("token off localhost", () => {
  const data = tempDir("token");
  let generated: GatewayProcess;
  let chosen: GatewayProcess;
  let generatedUrl: string;
  let chosenUrl: string;

  beforeAll(async () => {
    generated = GatewayProcess.spawn(["--port", "0", "--host", HOST, "--data", `${data.path}/a`], {});
    chosen = GatewayProcess.spawn(["--port", "0", "--host", HOST, "--data", `${data.path}/b`], {
      MEXC_LIVE_TOKEN: CHOSEN_TOKEN,
    });
    [generatedUrl, chosenUrl] = await Promise.all([generated.url(30_000), chosen.url(30_000)]);
  }, 40_000);

  afterAll(async () => {
    await Promise.all([generated?.stop(), chosen?.stop()]);
    data.remove();
  });

  /** Not on a terminal, `start` names the token's file in a JSON line of its own, as `tokenFile`. */
  const tokenFileOf = (gateway: GatewayProcess) => {
    const line = gateway.stdout.find((text) => text.includes("access token in"));
    return line === undefined ? undefined : (JSON.parse(line) as { tokenFile: string }).tokenFile;
  };
  const tokenOf = (gateway: GatewayProcess) => {
    const file = tokenFileOf(gateway);
    return file === undefined ? undefined : readFileSync(file, "utf8").trim();
  };

  it("makes a token into the data folder, says where it is and never prints it", () => {
    expect(generatedUrl).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
    expect(tokenFileOf(generated)).toMatch(/\/a\/access-token$/);
    expect(statSync(tokenFileOf(generated)!).mode & 0o777).toBe(0o600);
    const token = tokenOf(generated);
    expect(token).toMatch(/^\S{32,}$/);
    expect(generated.stdout.join("\n")).not.toContain(token!);
    expect(generated.stderr.join("\n")).not.toContain(token!);
    expect(tokenFileOf(chosen)).toBeUndefined();
  });

  it("refuses API routes without the token, and a token in the URL", async () => {
    const token = tokenOf(generated)!;
    for (const path of ["api/health", "api/balances", "api/fills", "metrics", "events?topics=fills"]) {
      const response = await fetch(`${generatedUrl}${path}`);
      expect(response.status, path).toBe(401);
      await response.body?.cancel();
    }
    expect((await fetch(`${generatedUrl}api/health?token=${token}`)).status).toBe(401);
    expect(
      (await fetch(`${generatedUrl}api/health`, { headers: { authorization: "Bearer wrong-token-000000000000" } }))
        .status,
    ).toBe(401);
  });

  it("accepts the token from the Authorization header, or a login's session cookie", async () => {
    const token = tokenOf(generated)!;
    const byHeader = await fetch(`${generatedUrl}api/health`, { headers: { authorization: `Bearer ${token}` } });
    expect(byHeader.status).toBe(200);
    expect(((await byHeader.json()) as { mode: string }).mode).toBe("demo");
    const cookie = await loginCookie(generatedUrl, token);
    expect(cookie).not.toContain(token);
    const byCookie = await fetch(`${generatedUrl}api/balances`, { headers: { cookie } });
    expect(byCookie.status).toBe(200);
    const withChosen = await fetch(`${chosenUrl}api/health`, { headers: { authorization: `Bearer ${CHOSEN_TOKEN}` } });
    expect(withChosen.status).toBe(200);
  });

  it("checks the token at the WebSocket upgrade", async () => {
    await expect(BrowserClient.open(generatedUrl)).rejects.toThrow(/401/);
    const browser = await BrowserClient.open(generatedUrl, { authorization: `Bearer ${tokenOf(generated)}` });
    browser.subscribe(["health"]);
    await expect.poll(() => browser.snapshot("health"), { timeout: 5_000 }).toMatchObject({ mode: "demo" });
    await browser.close();
  });

  it("a data folder whose access-token holds no token: one line naming the file, exit 1, the content never quoted", async () => {
    const folder = `${data.path}/bad`;
    mkdirSync(folder, { mode: 0o700 });
    writeFileSync(`${folder}/access-token`, "hunter2-too-short\u0001\n", { mode: 0o600 });
    const refused = GatewayProcess.spawn(["--port", "0", "--host", HOST, "--data", folder], {});
    expect(await refused.exited()).toBe(1);
    const lines = refused.stderr.filter((line) => line.startsWith("mexc-live start:"));
    expect(lines).toEqual([
      `mexc-live start: could not start: ${folder}/access-token does not hold an access token ` +
        "(16 to 1024 printable characters without spaces): delete it and a new one is made at the next start",
    ]);
    expect([...refused.stdout, ...refused.stderr].join("\n")).not.toContain("hunter2");
  }, 30_000);
});
