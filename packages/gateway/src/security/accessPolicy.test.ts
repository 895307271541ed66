import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { AccessPolicy, isLoopbackHost } from "./accessPolicy.js";
import { Sessions } from "./sessions.js";
import { credentialOf, generateToken, readCookie, tokensMatch } from "./token.js";

/** A request with these headers from `peer`. */
const from = (headers: IncomingHttpHeaders, peer = "192.0.2.1") => ({ headers, socket: { remoteAddress: peer } });

describe("isLoopbackHost", () => {
  it("knows the names and addresses only this machine reaches", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST", "app.localhost"]) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", "localhost.example.com"]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});

describe("tokens", () => {
  it("generates long random tokens", () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
  });

  it("matches only the same token, whatever the lengths", () => {
    expect(tokensMatch("abc", "abc")).toBe(true);
    expect(tokensMatch("abc", "abd")).toBe(false);
    expect(tokensMatch("abc", "abcd")).toBe(false);
    expect(tokensMatch("", "abc")).toBe(false);
  });

  it("reads the token from the header first, then a session from the cookie, and nothing else", () => {
    expect(credentialOf({ authorization: "Bearer t1", cookie: "mexc_live_session=s2" })).toEqual({
      kind: "token",
      value: "t1",
    });
    expect(credentialOf({ cookie: "a=1; mexc_live_session=s%202" })).toEqual({ kind: "session", value: "s 2" });
    expect(credentialOf({ cookie: "mexc_live_token=t1" })).toBeUndefined();
    expect(credentialOf({ authorization: "Basic dTpw" })).toBeUndefined();
    expect(credentialOf({})).toBeUndefined();
    expect(readCookie("x_mexc_live_session=no", "mexc_live_session")).toBeUndefined();
  });
});

describe("AccessPolicy.originAllowed", () => {
  const policy = new AccessPolicy({ requireToken: true, token: "t", allowedOrigins: ["https://desk.example"] });

  it("allows no Origin, the page's own host, and configured origins", () => {
    expect(policy.originAllowed(from({ host: "10.0.0.5:8787" }))).toBe(true);
    expect(policy.originAllowed(from({ host: "10.0.0.5:8787", origin: "http://10.0.0.5:8787" }))).toBe(true);
    expect(policy.originAllowed(from({ host: "10.0.0.5:8787", origin: "https://desk.example" }))).toBe(true);
  });

  it("refuses other sites, other ports and the opaque origin", () => {
    expect(policy.originAllowed(from({ host: "10.0.0.5:8787", origin: "http://evil.example" }))).toBe(false);
    expect(policy.originAllowed(from({ host: "10.0.0.5:8787", origin: "http://10.0.0.5:9999" }))).toBe(false);
    expect(policy.originAllowed(from({ host: "10.0.0.5:8787", origin: "null" }))).toBe(false);
  });

  it("refuses a configured origin that is not an origin", () => {
    expect(() => new AccessPolicy({ requireToken: false, allowedOrigins: ["desk"] })).toThrow(/^allowedOrigins: /);
  });
});

describe("behind a reverse proxy that rewrites Host", () => {
  const PROXY = "127.0.0.1";
  const behind = new AccessPolicy({ requireToken: true, token: "t", trustProxy: [PROXY] });
  const forwarded = { host: "127.0.0.1:8787", "x-forwarded-host": "desk.example", "x-forwarded-proto": "https" };

  it("takes the page's origin from X-Forwarded-Host and -Proto sent by the trusted proxy", () => {
    expect(behind.originAllowed(from({ ...forwarded, origin: "https://desk.example" }, PROXY))).toBe(true);
    expect(behind.originAllowed(from({ ...forwarded, origin: "http://desk.example" }, PROXY))).toBe(false);
    expect(behind.originAllowed(from({ ...forwarded, origin: "https://evil.example" }, PROXY))).toBe(false);
    expect(behind.secureFor(from(forwarded, PROXY))).toBe(true);
    expect(behind.streamOrigin(from(forwarded, PROXY))).toBe("wss://desk.example");
  });

  it("ignores those headers from anyone else", () => {
    expect(behind.originAllowed(from({ ...forwarded, origin: "https://desk.example" }, "203.0.113.9"))).toBe(false);
    expect(behind.secureFor(from(forwarded, "203.0.113.9"))).toBe(false);
    expect(behind.streamOrigin(from(forwarded, "203.0.113.9"))).toBe("ws://127.0.0.1:8787");
  });
});

describe("a public origin", () => {
  const policy = new AccessPolicy({ requireToken: true, token: "t", publicOrigin: "https://desk.example:8443" });

  it("is allowed, makes the cookie Secure and names the stream's origin", () => {
    const request = from({ host: "127.0.0.1:8787", origin: "https://desk.example:8443" });
    expect(policy.originAllowed(request)).toBe(true);
    expect(policy.secureFor(request)).toBe(true);
    expect(policy.streamOrigin(request)).toBe("wss://desk.example:8443");
  });

  it("refuses a public origin that is not an http(s) origin", () => {
    expect(() => new AccessPolicy({ requireToken: false, publicOrigin: "ftp://x" })).toThrow(/^publicOrigin: /);
  });
});

describe("login sessions", () => {
  it("lets a live session in, and not once it is closed, expired or unknown", () => {
    let clock = 0;
    const sessions = new Sessions({ maxAgeSeconds: 60, now: () => clock });
    const policy = new AccessPolicy({ requireToken: true, token: "t" }, { sessions });
    const cookie = (id: string) => ({ cookie: `mexc_live_session=${id}` });
    const a = sessions.open();
    const b = sessions.open();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(policy.checkRequest(cookie(a), "u")).toEqual({ ok: true, session: Sessions.keyOf(a) });
    sessions.close(a);
    expect(policy.checkRequest(cookie(a), "u")).toEqual({ ok: false, reason: "wrong" });
    expect(policy.checkRequest(cookie("t"), "u")).toEqual({ ok: false, reason: "wrong" });
    clock = 60_001;
    expect(policy.checkRequest(cookie(b), "u")).toEqual({ ok: false, reason: "wrong" });
  });

  it("keeps at most `max` sessions, ending the oldest, and tells listeners", () => {
    const sessions = new Sessions({ max: 2 });
    const ended: string[] = [];
    sessions.onEnded((key) => ended.push(key));
    const [a, b, c] = [sessions.open(), sessions.open(), sessions.open()];
    expect([a, b, c].map((id) => sessions.has(id))).toEqual([false, true, true]);
    expect(ended).toEqual([Sessions.keyOf(a)]);
  });
});
