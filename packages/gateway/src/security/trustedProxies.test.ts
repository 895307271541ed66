import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { buildApp } from "../http/app.js";
import { MemoryQueries } from "../http/queries/memoryQueries.js";
import { createMetrics } from "../metrics.js";
import { AccessPolicy } from "./accessPolicy.js";
import { parseProxyEntry, TrustedProxies } from "./trustedProxies.js";

describe("parseProxyEntry", () => {
  it("reads addresses and CIDRs of both families", () => {
    expect(parseProxyEntry("127.0.0.1")).toEqual({ address: "127.0.0.1", prefix: 32, family: "ipv4" });
    expect(parseProxyEntry("10.0.0.0/8")).toEqual({ address: "10.0.0.0", prefix: 8, family: "ipv4" });
    expect(parseProxyEntry("::1")).toEqual({ address: "::1", prefix: 128, family: "ipv6" });
    expect(parseProxyEntry("fd00::/8")).toEqual({ address: "fd00::", prefix: 8, family: "ipv6" });
  });

  it("refuses names, ports, bad prefixes and a prefix that would trust everyone", () => {
    for (const text of ["localhost", "proxy.example", "127.0.0.1:80", "[::1]", "10.0.0.0/33", "::/129", "10.0.0.0/x"]) {
      expect(parseProxyEntry(text), text).toBeUndefined();
    }
    expect(parseProxyEntry("0.0.0.0/0")).toBeUndefined();
    expect(parseProxyEntry("::/0")).toBeUndefined();
  });
});

describe("TrustedProxies.clientAddress", () => {
  const proxies = new TrustedProxies(["127.0.0.1", "10.0.0.0/8"]);
  const client = (socket: string, forwardedFor?: string) =>
    proxies.clientAddress(socket, forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor });

  it("takes the address the nearest trusted proxy forwarded", () => {
    expect(client("127.0.0.1", "198.51.100.20")).toBe("198.51.100.20");
    expect(client("::ffff:127.0.0.1", "198.51.100.20")).toBe("198.51.100.20");
    expect(client("127.0.0.1", "198.51.100.20, 10.1.2.3")).toBe("198.51.100.20");
  });

  it("stops at the first untrusted hop, so entries a client wrote itself are not believed", () => {
    expect(client("127.0.0.1", "1.1.1.1, 203.0.113.7")).toBe("203.0.113.7");
    expect(client("203.0.113.7", "198.51.100.20")).toBe("203.0.113.7");
    expect(client("127.0.0.1", "not-an-address, 203.0.113.7")).toBe("203.0.113.7");
  });

  it("is the socket peer without a header, and the last hop when every other one is trusted", () => {
    expect(client("127.0.0.1")).toBe("127.0.0.1");
    expect(client("127.0.0.1", " , ")).toBe("127.0.0.1");
    expect(client("127.0.0.1", "10.0.0.9, 10.0.0.8")).toBe("10.0.0.9");
  });

  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(new TrustedProxies().clientAddress("203.0.113.7", { "x-forwarded-for": "198.51.100.20" })).toBe(
      "203.0.113.7",
    );
  });

  it("refuses an entry that is not an address or CIDR, naming the setting", () => {
    expect(() => new TrustedProxies(["127.0.0.1", "proxy.local"])).toThrow(/^trustProxy: "proxy\.local" /);
  });
});

describe("the client address over HTTP and at the WebSocket upgrade", () => {
  let app: FastifyInstance;
  afterEach(() => app?.close());

  it("is the same: Fastify's request.ip equals the policy's address for the upgrade", async () => {
    const settings = {
      requireToken: false,
      webDist: "/nonexistent",
      trustProxy: ["127.0.0.1", "10.0.0.0/8", "fd00::/8"],
    };
    const policy = new AccessPolicy(settings);
    app = buildApp({
      queries: new MemoryQueries(),
      hub: new TopicHub(),
      health: () => sampleHealth(),
      metrics: createMetrics({ defaultMetrics: false }),
      settings,
      policy,
    });
    app.get("/probe-ip", async (request) => ({ ip: request.ip }));
    const cases: [socket: string, forwardedFor: string | undefined][] = [
      ["127.0.0.1", undefined],
      ["127.0.0.1", "198.51.100.20"],
      ["::ffff:127.0.0.1", "198.51.100.20"],
      ["127.0.0.1", "1.1.1.1, 203.0.113.7"],
      ["127.0.0.1", "198.51.100.20, 10.1.2.3"],
      ["127.0.0.1", "10.0.0.9, 10.0.0.8"],
      ["127.0.0.1", "garbage, 10.0.0.8"],
      ["127.0.0.1", "2001:db8::1, fd00::5"],
      ["203.0.113.7", "198.51.100.20"],
      ["127.0.0.1", " , "],
    ];
    for (const [socket, forwardedFor] of cases) {
      const headers = forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
      const response = await app.inject({ method: "GET", url: "/probe-ip", headers, remoteAddress: socket });
      const upgrade = { socket: { remoteAddress: socket }, headers } as unknown as IncomingMessage;
      expect(response.json().ip, `${socket} ${forwardedFor}`).toBe(policy.clientAddress(upgrade));
    }
  });
});
