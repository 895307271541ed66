/**
 * Where an alert channel may send. Self-hosted channels are a use case (an ntfy server or a
 * webhook on the home network, on this machine, over a VPN), so private and loopback addresses
 * stay allowed. What is refused is what no alert is for and what turns the gateway into a way
 * into its own host: link-local addresses, where the clouds' metadata services answer (and hand
 * out credentials), the metadata services' other addresses and names, and addresses that are not
 * one host. Every spelling is the same address: a URL's host is read by the WHATWG URL parser
 * (`http://2852039166/`, `http://0xa9fea9fe/` and `http://0251.0376.0251.0376/` are all
 * 169.254.169.254), and an IPv6 address that carries an IPv4 one (IPv4-mapped `::ffff:a.b.c.d`,
 * IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:AABB:CCDD::`) is judged by
 * the IPv4 address it carries. A host name is judged by every address it resolves to, when the
 * message is sent, by the lookup the connection itself uses (no second lookup to race).
 *
 * Sources: link-local 169.254.0.0/16 (RFC 3927) and fe80::/10 (RFC 4291 §2.5.6); the metadata
 * services of AWS, Google Cloud, Azure, DigitalOcean and Oracle at 169.254.169.254 and AWS ECS's
 * task metadata at 169.254.170.2 (cujanovic/SSRF-Testing cloud-metadata.txt, from each cloud's
 * docs); AWS's IPv6 metadata endpoint fd00:ec2::254 (AWS EC2 user guide, "instance metadata
 * service IPv6 endpoint"); Alibaba Cloud's 100.100.100.200 (Alibaba Cloud ECS docs, "instance
 * metadata"); Google's names metadata.google.internal and metadata (cloud-metadata.txt above);
 * NAT64 64:ff9b::/96 (RFC 6052) and 64:ff9b:1::/48 (RFC 8215); 6to4 2002::/16 (RFC 3056).
 */
import { lookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";

/** Resolves a host name to every address it has (a test stands in a fixed table). */
export type HostResolver = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

export const systemResolver: HostResolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** Host names of metadata services, refused as written (they resolve to link-local addresses too). */
const METADATA_NAMES = new Set(["metadata.google.internal", "metadata"]);

/** [first address, prefix length, why]; checked in order. */
const REFUSED_V4: readonly [string, number, string][] = [
  ["0.0.0.0", 8, "not an address of one host"],
  ["169.254.0.0", 16, "link-local, where cloud metadata services answer"],
  ["100.100.100.200", 32, "a cloud metadata service (Alibaba Cloud)"],
  ["224.0.0.0", 4, "not an address of one host"],
  ["240.0.0.0", 4, "not an address of one host"],
];

/** fd00:ec2::254, AWS's metadata service over IPv6, as its eight words. */
const AWS_METADATA_V6 = [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254];

import { RefusedAddressError } from "../errors.js";

/**
 * Why `address` (an IPv4 or IPv6 address, brackets allowed) is refused; undefined when alerts
 * may go there.
 */
export function refusedAddressReason(address: string): string | undefined {
  const text = address.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (isIP(text) === 4) return refusedV4(ipv4Number(text));
  if (isIP(text) !== 6) return undefined;
  const words = ipv6Words(text);
  if (words === undefined) return "not an address this version reads";
  if (words.every((word) => word === 0)) return "not an address of one host";
  if ((words[0]! & 0xffc0) === 0xfe80) return "link-local, where cloud metadata services answer";
  if ((words[0]! & 0xff00) === 0xff00) return "not an address of one host";
  if (words.every((word, at) => word === AWS_METADATA_V6[at])) return "a cloud metadata service (AWS)";
  const carried = carriedIpv4(words);
  return carried === undefined ? undefined : refusedV4(carried);
}

/**
 * Why a channel URL's host (as written: a name, an IPv4 address in any spelling, a bracketed
 * IPv6 address) is refused; undefined when it is allowed or only known once resolved.
 */
export function refusedHostReason(host: string): string | undefined {
  let hostname: string;
  try {
    hostname = new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
  const name = hostname.replace(/\.$/, "");
  if (METADATA_NAMES.has(name)) return "a cloud metadata service (Google Cloud)";
  return refusedAddressReason(name);
}

/**
 * The connection's lookup (http.request's `lookup` option): resolves with `resolve`, and fails
 * with RefusedAddressError when any address the name has is refused, so a name cannot pass
 * with one address and connect to another.
 */
export function guardedLookup(resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = found.filter((entry) => family === 0 || entry.family === family);
        for (const entry of addresses) {
          const reason = refusedAddressReason(entry.address);
          if (reason !== undefined) {
            (callback as (error: Error) => void)(new RefusedAddressError(`the host's address is ${reason}`));
            return;
          }
        }
        const first = addresses[0];
        if (first === undefined) {
          const error: NodeJS.ErrnoException = new Error("no address");
          error.code = "ENOTFOUND";
          (callback as (error: Error) => void)(error);
          return;
        }
        if (options.all === true) (callback as (error: null, all: typeof addresses) => void)(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: Error) => (callback as (error: Error) => void)(error),
    );
  };
}

function refusedV4(value: number): string | undefined {
  for (const [first, prefix, why] of REFUSED_V4) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((value & mask) >>> 0 === ipv4Number(first)) return why;
  }
  return undefined;
}

function ipv4Number(text: string): number {
  return text.split(".").reduce((sum, part) => sum * 256 + Number(part), 0);
}

/** An IPv6 address's eight 16-bit words (a trailing dotted IPv4 part read as two), or undefined. */
function ipv6Words(text: string): number[] | undefined {
  let rest = text.replace(/%.*$/, "");
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(rest);
  if (dotted) {
    const v4 = ipv4Number(dotted[1]!);
    tail.push(v4 >>> 16, v4 & 0xffff);
    rest = rest.slice(0, -dotted[1]!.length);
    if (rest.endsWith(":") && !rest.endsWith("::")) rest = rest.slice(0, -1);
  }
  const [head = "", after, ...extra] = rest.split("::");
  if (extra.length > 0) return undefined;
  const words = (part: string) => (part === "" ? [] : part.split(":").map((word) => Number.parseInt(word, 16)));
  const front = words(head);
  const back = [...(after === undefined ? [] : words(after)), ...tail];
  const fill = 8 - front.length - back.length;
  if (fill < 0 || (after === undefined && fill !== 0)) return undefined;
  const all = [...front, ...new Array<number>(fill).fill(0), ...back];
  return all.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffff) ? all : undefined;
}

/** The IPv4 address an IPv6 one carries (mapped, compatible, SIIT, NAT64, 6to4), or undefined. */
function carriedIpv4(words: readonly number[]): number | undefined {
  const v4 = (high: number, low: number) => ((high << 16) >>> 0) + low;
  const zeros = (from: number, to: number) => words.slice(from, to).every((word) => word === 0);
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (SIIT, RFC 2765)
  if (zeros(0, 5) && words[5] === 0xffff) return v4(words[6]!, words[7]!);
  if (zeros(0, 4) && words[4] === 0xffff && words[5] === 0) return v4(words[6]!, words[7]!);
  // ::a.b.c.d (IPv4-compatible, deprecated); ::1 is loopback and :: was judged before
  if (zeros(0, 6) && !(words[6] === 0 && words[7]! <= 1)) return v4(words[6]!, words[7]!);
  // 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64)
  if (words[0] === 0x64 && words[1] === 0xff9b && (zeros(2, 6) || words[2] === 1)) return v4(words[6]!, words[7]!);
  // 2002:AABB:CCDD::/48 (6to4)
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!);
  return undefined;
}
