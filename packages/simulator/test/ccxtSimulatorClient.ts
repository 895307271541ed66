/**
 * ccxt's own MEXC classes pointed at a running simulator by their base URLs only, with every
 * request and socket they open recorded and refused unless it goes to 127.0.0.1.
 */
import ccxt, { type Exchange } from "ccxt";
import { ccxtUrls } from "../examples/ccxt.js";
import type { RunningSimulator } from "../src/simulator.js";

/** The only host a conformance run may reach. */
const LOCAL_HOST = "127.0.0.1";

/** Method and path (no query: it carries signatures) of every request, and every socket URL. */
export interface OutboundLog {
  readonly requests: string[];
  readonly sockets: string[];
  /** URLs that were refused because their host was not 127.0.0.1. */
  readonly refused: string[];
}

export interface CcxtClientOptions {
  /** Sign with the demo account's keys. */
  readonly credentials?: boolean;
  /** ccxt.pro's class (WebSocket) instead of the REST one. */
  readonly pro?: boolean;
}

export function createOutboundLog(): OutboundLog {
  return { requests: [], sockets: [], refused: [] };
}

/**
 * A ccxt mexc whose only change is its base URLs. `enableRateLimit: false` only skips ccxt's
 * client-side throttle (contract/detail costs it 100 x 50 ms, so the next request would wait
 * 5 s); it changes nothing on the wire.
 */
export function createCcxtMexc(sim: RunningSimulator, log: OutboundLog, options: CcxtClientOptions = {}): Exchange {
  const config = {
    // The recipe the simulator's README documents (examples/ccxt.ts): this suite proves it.
    urls: ccxtUrls(sim),
    enableRateLimit: false,
    ...(options.credentials ? { apiKey: sim.apiKey, secret: sim.secretKey } : {}),
  };
  const exchange: Exchange = options.pro ? new ccxt.pro.mexc(config) : new ccxt.mexc(config);
  return guardOutbound(exchange, log);
}

/** Wraps ccxt's two exits to the network: `fetch` (every REST call) and `client` (every socket). */
export function guardOutbound(exchange: Exchange, log: OutboundLog): Exchange {
  const fetchOriginal = exchange.fetch.bind(exchange);
  const clientOriginal = exchange.client.bind(exchange);
  exchange.fetch = async (url: string, method?: string, headers?: unknown, body?: unknown) => {
    refuseUnlessLocal(url, log);
    log.requests.push(`${method ?? "GET"} ${new URL(url).pathname}`);
    return fetchOriginal(url, method, headers, body);
  };
  exchange.client = (url) => {
    refuseUnlessLocal(String(url), log);
    const path = new URL(String(url)).pathname;
    if (!log.sockets.includes(path)) log.sockets.push(path);
    return clientOriginal(url);
  };
  return exchange;
}

function refuseUnlessLocal(url: string, log: OutboundLog): void {
  if (new URL(url).hostname === LOCAL_HOST) return;
  log.refused.push(new URL(url).origin);
  throw new Error(`ccxt tried to reach ${new URL(url).origin}; only ${LOCAL_HOST} is allowed`);
}

/** Every string leaf of ccxt's `urls.api` tree: the bases it builds request URLs from. */
export function apiBaseUrls(exchange: Exchange): string[] {
  const leaves: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === "string") leaves.push(node);
    else if (node && typeof node === "object") for (const child of Object.values(node)) walk(child);
  };
  walk(exchange.urls.api);
  return leaves;
}
