/**
 * Which peers are reverse proxies whose X-Forwarded-For is believed (the `trustProxy` setting),
 * and the client address a request is counted under. The rule, the one Fastify applies through
 * @fastify/proxy-addr when given this trust function (http/app.ts), written out once here for the
 * WebSocket upgrade (fanout/wsServer.ts):
 *
 *   hops = [socket peer, then X-Forwarded-For entries from right to left]
 *   the client is the first hop that is not a trusted proxy, or the last hop when all the others are.
 *
 * A client can only write entries to the left of the one its proxy appends, so it cannot choose the
 * address it is counted under. With no trusted proxy the header is ignored: the socket peer is the
 * client. Entries are addresses or CIDRs (`127.0.0.1`, `10.0.0.0/8`, `fd00::/8`); an IPv4 entry also
 * covers its IPv4-mapped IPv6 form (`::ffff:127.0.0.1`), as node:net BlockList does.
 */
import type { IncomingHttpHeaders } from "node:http";
import { BlockList, isIP } from "node:net";

export type ProxyEntry = { readonly address: string; readonly prefix: number; readonly family: "ipv4" | "ipv6" };

/** `127.0.0.1`, `::1`, `10.0.0.0/8`, `fd00::/8`; undefined when not one (a prefix of 0 would trust everyone). */
export function parseProxyEntry(text: string): ProxyEntry | undefined {
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(max) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix < 1 || prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

export class TrustedProxies {
  /** No proxy is trusted: X-Forwarded-For is ignored. */
  readonly none: boolean;
  private readonly list = new BlockList();

  /** Throws naming `trustProxy` on an entry that is not an address or CIDR. */
  constructor(entries: readonly string[] = []) {
    for (const text of entries) {
      const entry = parseProxyEntry(text.trim());
      if (entry === undefined) {
        throw new Error(`trustProxy: "${text}" is not an IP address or CIDR such as 10.0.0.0/8`);
      }
      this.list.addSubnet(entry.address, entry.prefix, entry.family);
    }
    this.none = entries.length === 0;
  }

  /** Whether `address` (a socket peer or an X-Forwarded-For entry) is a trusted proxy. */
  trusts(address: string | undefined): boolean {
    if (address === undefined) return false;
    const version = isIP(address);
    if (version === 0) return false;
    return this.list.check(address, version === 4 ? "ipv4" : "ipv6");
  }

  /** The client behind the trusted proxies (see the rule above); "" when the socket is already gone. */
  clientAddress(socketAddress: string | undefined, headers: IncomingHttpHeaders): string {
    const hops = [socketAddress ?? "", ...forwardedFor(headers)];
    let hop = 0;
    while (hop < hops.length - 1 && this.trusts(hops[hop])) hop++;
    return hops[hop] as string;
  }
}

/** X-Forwarded-For entries from right (the nearest hop) to left, as @fastify/forwarded reads them. */
function forwardedFor(headers: IncomingHttpHeaders): string[] {
  const header = headers["x-forwarded-for"];
  if (typeof header !== "string") return [];
  return header
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .reverse();
}
