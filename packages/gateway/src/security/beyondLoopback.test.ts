/**
 * Listening beyond this machine, as in a container whose port is published (docs/security.md,
 * "Listening beyond this machine"). The gateway binds 127.0.0.2, which is not "this machine" by
 * name (tokenRule.ts), the way it binds 0.0.0.0 in a container, without leaving the machine.
 * Without MEXC_LIVE_TOKEN, the token is made once into `access-token` in the data folder and the
 * log names the file, never the token. Every client needs it, a client connecting from
 * 127.0.0.1 too: behind a published port the peer's address proves nothing (Podman's pasta
 * hands published connections to the container from its loopback).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSettings, type Settings } from "../config/settings.js";
import { createLogger } from "../logging.js";
import { type RunningGateway, startGateway } from "../service.js";

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request to the gateway, from `localAddress` (the client's own address), Host as given. */
function call(
  gateway: RunningGateway,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, gateway.url),
      { method: options.method ?? "GET", headers: options.headers, localAddress: options.localAddress ?? "127.0.0.1" },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

function settingsFor(dataDir: string, host: string, env: Record<string, string> = {}): Settings {
  const loaded = loadSettings({ argv: ["--port", "0", "--host", host, "--data", dataDir], env, readFile: () => "{}" });
  if (loaded.help) throw new Error("help");
  return loaded.settings;
}

async function start(dataDir: string, host: string, logLines: string[]): Promise<RunningGateway> {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  return startGateway(settingsFor(dataDir, host), { logger: createLogger({ level: "info", destination }) });
}

describe("listening beyond this machine without MEXC_LIVE_TOKEN", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "mexc-live-beyond-"));
  const tokenPath = join(dataDir, "access-token");
  const logLines: string[] = [];
  let gateway: RunningGateway;
  let token: string;

  beforeAll(async () => {
    gateway = await start(dataDir, "127.0.0.2", logLines);
    token = readFileSync(tokenPath, "utf8").trim();
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("makes the token into access-token in the data folder, 0600, and logs the file, never the token", () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(tokenPath).mode & 0o777).toBe(0o600);
    expect(gateway.tokenFile).toBe(tokenPath);
    const log = logLines.join("");
    expect(log).toContain(`the token is in ${tokenPath} (made now, kept for later starts)`);
    expect(log).not.toContain(token);
  });

  it("answers no account data without the token, from 127.0.0.1 too: 401 with words", async () => {
    for (const localAddress of ["127.0.0.1", "127.0.0.3"]) {
      for (const path of ["/api/balances", "/api/fills", "/api/health", "/metrics"]) {
        const answer = await call(gateway, path, { localAddress });
        expect(answer.status, `${path} from ${localAddress}`).toBe(401);
        expect(JSON.parse(answer.body)).toEqual({
          error: "UNAUTHORIZED",
          message: expect.stringContaining("token: missing or wrong; send Authorization: Bearer <token> or log in"),
        });
        expect(answer.body).not.toContain(token);
      }
    }
  });

  it("answers with the token, and /api/health says in words who may reach it", async () => {
    const authorization = `Bearer ${token}`;
    const balances = await call(gateway, "/api/balances", { headers: { authorization } });
    expect(balances.status).toBe(200);
    expect(Array.isArray(JSON.parse(balances.body).items)).toBe(true);
    const health = await call(gateway, "/api/health", { headers: { authorization } });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({
      mode: "demo",
      access: `listening on 127.0.0.2:${gateway.port}, beyond this machine; every client needs the token`,
    });
  });

  it("serves a published host name, and takes a login only from that page's own origin", async () => {
    // `docker run -p 8080:8787` on a machine called nas.example: the browser's Host and Origin.
    const host = "nas.example:8080";
    const login = (origin: string) =>
      call(gateway, "/api/login", {
        method: "POST",
        headers: { host, origin, "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
    const own = await login("http://nas.example:8080");
    expect(own.status).toBe(200);
    const cookie = String(own.headers["set-cookie"]).split(";")[0] as string;
    expect(cookie).toMatch(/^mexc_live_session=/);
    expect(cookie).not.toContain(token);
    const fills = await call(gateway, "/api/fills", { headers: { host, cookie } });
    expect(fills.status).toBe(200);
    expect((await login("http://evil.example")).status).toBe(403);
    expect((await login("http://nas.example:9090")).status).toBe(403);
    // The published name without the token: still nothing.
    expect((await call(gateway, "/api/fills", { headers: { host } })).status).toBe(401);
  });

  it("keeps the same token across a restart on the same data folder", async () => {
    await gateway.close();
    const again: string[] = [];
    gateway = await start(dataDir, "127.0.0.2", again);
    expect(readFileSync(tokenPath, "utf8").trim()).toBe(token);
    expect(again.join("")).toContain(`the token is in ${tokenPath};`);
    const health = await call(gateway, "/api/health", { headers: { authorization: `Bearer ${token}` } });
    expect(health.status).toBe(200);
  }, 30_000);
});

describe("the access-token file, elsewhere", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "mexc-live-beyond-file-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("is not made on loopback, where no token is needed", async () => {
    const gateway = await start(join(dataDir, "loopback"), "127.0.0.1", []);
    try {
      expect(gateway.tokenFile).toBeUndefined();
      expect(existsSync(join(dataDir, "loopback", "access-token"))).toBe(false);
      const health = await call(gateway, "/api/health");
      expect(JSON.parse(health.body).access).toBe(
        `listening on 127.0.0.1:${gateway.port}; only this machine can reach it, and it needs no token`,
      );
    } finally {
      await gateway.close();
    }
  }, 30_000);

  it("holding no token, stops the start with one line naming the file, never quoting it", async () => {
    const folder = join(dataDir, "bad");
    const logLines: string[] = [];
    await start(folder, "127.0.0.1", logLines).then((gateway) => gateway.close());
    writeFileSync(join(folder, "access-token"), "hunter2\n", { mode: 0o600 });
    const error = await start(folder, "127.0.0.2", logLines).then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error?.message).toBe(
      `${join(folder, "access-token")} does not hold an access token (16 to 1024 printable characters without spaces): ` +
        "delete it and a new one is made at the next start",
    );
    expect(logLines.join("")).not.toContain("hunter2");
  }, 30_000);
});
