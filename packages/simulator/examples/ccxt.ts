// ccxt's own MEXC classes against the simulator: only their base URLs change. Start the simulator
// (`npx mexc-sim --port 0 --json`), then pass the JSON line it prints first:
//   npx tsx examples/ccxt.ts '{"rest":"http://127.0.0.1:PORT","ws":"ws://127.0.0.1:PORT/ws",...}'
// ccxt decodes MEXC's protobuf pushes with `protobufjs` 7: install it beside ccxt
// (`npm install ccxt protobufjs@7`). Checked with ccxt 4.5.84 and protobufjs 7.6.6.
import { pathToFileURL } from "node:url";
import ccxt, { type Exchange } from "ccxt";

/** The first line of `mexc-sim --json` (the demo account's key and secret). */
export interface MexcSimLine {
  readonly rest: string;
  readonly ws: string;
  readonly apiKey: string;
  readonly secretKey: string;
}

/**
 * Every base URL of ccxt's mexc (`urls.api`) and pro.mexc (`urls.api.ws`) on the simulator, each
 * with the path MEXC has under it. The simulator serves spot and an empty futures contract list;
 * the other bases point at it too, so nothing ccxt sends can leave 127.0.0.1.
 */
export function ccxtUrls(sim: Pick<MexcSimLine, "rest" | "ws">) {
  return {
    api: {
      spot: { public: sim.rest, private: sim.rest },
      spot2: { public: `${sim.rest}/open/api/v2`, private: `${sim.rest}/open/api/v2` },
      contract: { public: `${sim.rest}/api/v1/contract`, private: `${sim.rest}/api/v1/private` },
      broker: { private: `${sim.rest}/api/v3/broker` },
      ws: { spot: sim.ws, swap: sim.ws },
    },
  };
}

/** ccxt.pro's mexc (REST and WebSocket) trading the simulator's demo account. */
export function simulatedMexc(sim: MexcSimLine): Exchange {
  return new ccxt.pro.mexc({ apiKey: sim.apiKey, secret: sim.secretKey, urls: ccxtUrls(sim) });
}

/** What the tour below saw. */
export interface TourResult {
  readonly usdt: number;
  readonly bestBid: number;
  readonly bestAsk: number;
  readonly order: { readonly id: string; readonly status: string; readonly filled: number };
  readonly fill: { readonly symbol: string; readonly side: string; readonly amount: number; readonly price: number };
}

/**
 * A balance, a market buy, the live order book and a fill of the account as it streams: the
 * private stream is subscribed before the buy, so the buy's own fill is streamed (the simulator's
 * demo trader fills about once an hour, at its history's pace).
 */
export async function tour(exchange: Exchange, symbol = "BTC/USDT"): Promise<TourResult> {
  // ccxt opens a plain ws:// URL (real MEXC is wss://) only after this.
  await exchange.loadHttpProxyAgent();
  const balance = await exchange.fetchBalance();
  const fills = exchange.watchMyTrades(symbol);
  const book = await exchange.watchOrderBook(symbol);
  const { id } = await exchange.createOrder(symbol, "market", "buy", 0.001);
  if (id === undefined) throw new Error("createOrder answered without an order id");
  const done = await fetchOrderPastLag(exchange, id, symbol);
  const [fill] = await fills;
  return {
    usdt: Number(balance.USDT?.free ?? 0),
    bestBid: book.bids[0]?.[0] ?? Number.NaN,
    bestAsk: book.asks[0]?.[0] ?? Number.NaN,
    order: { id, status: done.status ?? "", filled: done.filled ?? 0 },
    fill: { symbol: fill?.symbol ?? "", side: fill?.side ?? "", amount: fill?.amount ?? 0, price: fill?.price ?? 0 },
  };
}

/**
 * MEXC answers GET /api/v3/order for an order it has just accepted with -2013 "Order does not
 * exist." for a while (ccxt/ccxt#21614; the simulator models it, docs/mexc/undocumented.md#orders
 * item 11.13), and ccxt raises that as a plain ExchangeError: ask again, a bounded number of times.
 */
export async function fetchOrderPastLag(exchange: Exchange, id: string, symbol: string, tries = 20, waitMs = 500) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await exchange.fetchOrder(id, symbol);
    } catch (error) {
      const notYet = error instanceof Error && error.message.includes('"code":-2013');
      if (!notYet || attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const line = process.argv[2];
  if (line === undefined) {
    console.error("pass the first line of `npx mexc-sim --port 0 --json` as the argument");
    process.exit(2);
  }
  const exchange = simulatedMexc(JSON.parse(line) as MexcSimLine);
  try {
    console.log(JSON.stringify(await tour(exchange), null, 2));
  } finally {
    await exchange.close();
  }
  // close() leaves ccxt's timer for the listen key's next keepalive (js/src/pro/mexc.js,
  // `listenKeyRefreshRate`, 20 min) running, which would hold the process that long.
  process.exit(0);
}
