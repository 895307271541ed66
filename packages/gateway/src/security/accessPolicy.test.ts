import { describe, expect, it } from "vitest";
import { AccessPolicy, isLoopbackHost } from "./accessPolicy.js";
import { generateToken, readCookie, tokenFromHeaders, tokensMatch } from "./token.js";

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

  it("reads the header first, then the cookie, and nothing else", () => {
    expect(tokenFromHeaders({ authorization: "Bearer t1", cookie: "mexc_live_token=t2" })).toBe("t1");
    expect(tokenFromHeaders({ cookie: "a=1; mexc_live_token=t%202" })).toBe("t 2");
    expect(tokenFromHeaders({ authorization: "Basic dTpw" })).toBeUndefined();
    expect(tokenFromHeaders({})).toBeUndefined();
    expect(readCookie("x_mexc_live_token=no", "mexc_live_token")).toBeUndefined();
  });
});

describe("AccessPolicy.originAllowed", () => {
  const policy = new AccessPolicy({ requireToken: true, token: "t", allowedOrigins: ["https://desk.example"] });

  it("allows no Origin, the page's own host, and configured origins", () => {
    expect(policy.originAllowed({ host: "10.0.0.5:8787" })).toBe(true);
    expect(policy.originAllowed({ host: "10.0.0.5:8787", origin: "http://10.0.0.5:8787" })).toBe(true);
    expect(policy.originAllowed({ host: "10.0.0.5:8787", origin: "https://desk.example" })).toBe(true);
  });

  it("refuses other sites, other ports and the opaque origin", () => {
    expect(policy.originAllowed({ host: "10.0.0.5:8787", origin: "http://evil.example" })).toBe(false);
    expect(policy.originAllowed({ host: "10.0.0.5:8787", origin: "http://10.0.0.5:9999" })).toBe(false);
    expect(policy.originAllowed({ host: "10.0.0.5:8787", origin: "null" })).toBe(false);
  });

  it("refuses a configured origin that is not an origin", () => {
    expect(() => new AccessPolicy({ requireToken: false, allowedOrigins: ["desk"] })).toThrow(/^allowedOrigins: /);
  });
});
