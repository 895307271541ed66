/**
 * Off localhost the token is enforced. Only 127.0.0.1, ::1 and localhost count as "this machine",
 * so binding 127.0.0.2 (still loopback: the test never leaves the machine) requires a token: on
 * every API route and at the WebSocket upgrade, from the Authorization header or the cookie,
 * never from the URL. Without MEXC_LIVE_TOKEN one is generated and printed once, on stdout only.
 */
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

  /** Not on a terminal, `start` says the token in a JSON line of its own, as `token`. */
  const tokenOf = (gateway: GatewayProcess) => {
    const line = gateway.stdout.find((text) => text.includes("access token"));
    return line === undefined ? undefined : (JSON.parse(line) as { token: string }).token;
  };

  it("generates a token, prints it once on stdout and never logs it", () => {
    expect(generatedUrl).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
    const token = tokenOf(generated);
    expect(token).toMatch(/^\S{32,}$/);
    expect(generated.stdout.filter((line) => line.includes(token!))).toHaveLength(1);
    expect(generated.stderr.join("\n")).not.toContain(token!);
    expect(tokenOf(chosen)).toBeUndefined();
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
    const deadline = Date.now() + 5_000;
    while (browser.snapshot("health") === undefined && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(browser.snapshot("health")).toMatchObject({ mode: "demo" });
    await browser.close();
  });
});
