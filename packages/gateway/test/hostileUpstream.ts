/**
 * A hostile upstream for tests: MEXC's REST and WebSocket on 127.0.0.1, in front of the simulator,
 * passing everything through and adding, beside the real values, every bad value issue 37 lists:
 * a 10^6-digit price, a 200,000-digit balance, negative prices and fees, a zero quantity, times
 * of -1 and 2^53-1, a symbol that is no pair (of no pair's shape, and of the right shape that no
 * list names: NOPAIRUSDT in a fill push and an open order), assets named `__proto__` and shaped
 * like a formula, candle rows closing at "NaN" or opening at 0, and one 10 MiB frame on the user
 * stream.
 *
 * REST answers of /api/v3/account, /api/v3/myTrades, /api/v3/openOrders and /api/v3/klines get the
 * bad items appended (the simulator's own items stay, first); the user stream (a connection with a listenKey) gets
 * the bad pushes after its first real frame, and its first connection the 10 MiB frame last.
 * Every injected trade id starts with HOSTILE_ID_PREFIX, every injected asset is in HOSTILE_ASSETS,
 * so a test can prove none of it was stored.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encodePush } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import WebSocket, { WebSocketServer } from "ws";

export const HOSTILE_ID_PREFIX = "HOSTILE";
export const HOSTILE_ASSETS = ["__proto__", "=cmd|' /C calc'!A0", "+SUM(A1:A9)", "HUGEBAL", "NEGBAL"] as const;
const MILLION_DIGITS = "1".repeat(1_000_000);
const TEN_MIB = 10 * 1024 * 1024;

export interface HostileUpstream {
  /** MEXC_REST_URL and MEXC_WS_URL for the gateway. */
  readonly rest: string;
  readonly ws: string;
  /** What was sent: bad items per answer or push kind. */
  readonly sent: {
    account: number;
    myTrades: number;
    openOrders: number;
    klines: number;
    pushes: number;
    bigFrames: number;
  };
  close(): Promise<void>;
}

/** The bad balances added to GET /api/v3/account. */
function badBalances(): object[] {
  return [
    { asset: "__proto__", free: "1", locked: "0" },
    { asset: "=cmd|' /C calc'!A0", free: "1", locked: "0" },
    { asset: "+SUM(A1:A9)", free: "2", locked: "0" },
    { asset: "HUGEBAL", free: "9".repeat(200_000), locked: "0" },
    { asset: "NEGBAL", free: "-5", locked: "0" },
  ];
}

/** The bad trades added to GET /api/v3/myTrades?symbol=SYMBOL. */
function badTrades(symbol: string): object[] {
  const now = Date.now();
  const trade = (n: number, patch: object) => ({
    symbol,
    id: `${HOSTILE_ID_PREFIX}-${n}`,
    orderId: `${HOSTILE_ID_PREFIX}-order-${n}`,
    price: "100",
    qty: "1",
    quoteQty: "100",
    commission: "0.1",
    commissionAsset: "USDT",
    time: now - 1_000,
    isBuyer: true,
    isMaker: false,
    clientOrderId: null,
    ...patch,
  });
  return [
    trade(1, { price: MILLION_DIGITS }),
    trade(2, { price: "-100" }),
    trade(3, { commission: "-0.1" }),
    trade(4, { qty: "0" }),
    trade(5, { time: -1 }),
    trade(6, { time: 2 ** 53 - 1 }),
    trade(7, { symbol: "NOPAIR" }),
    trade(8, { commissionAsset: "__proto__" }),
  ];
}

/** A well-shaped symbol that neither exchangeInfo nor the offline pairs list. */
export const UNLISTED_SYMBOL = "NOPAIRUSDT";

/** The open order of no pair added to GET /api/v3/openOrders: every value but its symbol is good. */
function unlistedOpenOrder(): object {
  const now = Date.now();
  return {
    symbol: UNLISTED_SYMBOL,
    orderId: `${HOSTILE_ID_PREFIX}-open-1`,
    orderListId: -1,
    clientOrderId: null,
    price: "100",
    origQty: "1",
    executedQty: "0",
    cummulativeQuoteQty: "0",
    status: "NEW",
    timeInForce: null,
    type: "LIMIT",
    side: "BUY",
    stopPrice: null,
    icebergQty: null,
    time: now - 1_000,
    updateTime: null,
    isWorking: true,
    origQuoteOrderQty: "100",
  };
}

/** The bad candle rows added to GET /api/v3/klines. */
function badKlines(rows: unknown[]): unknown[] {
  const first = rows[0] as [number, ...unknown[]] | undefined;
  const openTime = first?.[0] ?? Date.now() - 60_000;
  return [
    [openTime, "1", "1", "1", "NaN", "1", openTime + 59_999, "1"],
    [0, "1", "1", "1", "5", "1", 59_999, "1"],
  ];
}

/** The bad private pushes (protobuf), each one frame. */
function badPushes(): Uint8Array[] {
  const now = Date.now();
  const deal = (n: number, patch: object, wrapper: object = {}): PushWrapper =>
    ({
      channel: "spot@private.deals.v3.api.pb",
      symbol: "BTCUSDT",
      sendTime: now,
      privateDeals: {
        price: "100",
        quantity: "1",
        amount: "100",
        tradeType: 1,
        tradeId: `${HOSTILE_ID_PREFIX}-ws-${n}`,
        orderId: `${HOSTILE_ID_PREFIX}-ws-order-${n}`,
        feeAmount: "0.1",
        feeCurrency: "USDT",
        time: now,
        ...patch,
      },
      ...wrapper,
    }) as unknown as PushWrapper;
  const account = (asset: string, free: string): PushWrapper =>
    ({
      channel: "spot@private.account.v3.api.pb",
      sendTime: now,
      privateAccount: {
        vcoinName: asset,
        coinId: "x",
        balanceAmount: free,
        balanceAmountChange: "1",
        frozenAmount: "0",
        frozenAmountChange: "0",
        type: "ENTRUST",
        time: now,
      },
    }) as unknown as PushWrapper;
  return [
    deal(1, { price: MILLION_DIGITS }),
    deal(2, { price: "-100" }),
    deal(3, { feeAmount: "-0.1" }),
    deal(4, { quantity: "0" }),
    deal(5, { time: -1 }),
    deal(6, { time: 2 ** 53 - 1 }),
    deal(7, {}, { symbol: "__proto__" }),
    deal(9, {}, { symbol: UNLISTED_SYMBOL }),
    account("__proto__", "1"),
    account("=cmd|' /C calc'!A0", "1"),
    account("HUGEBAL", "9".repeat(200_000)),
  ].map((wrapper) => encodePush(wrapper));
}

export async function startHostileUpstream(sim: { rest: string; ws: string }): Promise<HostileUpstream> {
  const sent = { account: 0, myTrades: 0, openOrders: 0, klines: 0, pushes: 0, bigFrames: 0 };
  const upstream = new URL(sim.rest);
  const server: Server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", "http://hostile.invalid");
    const headers = { ...incoming.headers, "accept-encoding": "identity" };
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers },
      (answer) => {
        void readAll(answer).then((body) => {
          const text = rewrite(url, answer.statusCode ?? 0, body, sent);
          const out = { ...answer.headers, "content-length": String(Buffer.byteLength(text)) };
          delete out["transfer-encoding"];
          outgoing.writeHead(answer.statusCode ?? 502, out);
          outgoing.end(text);
        });
      },
    );
    forward.on("error", () => outgoing.destroy());
    incoming.pipe(forward);
  });
  const sockets = new WebSocketServer({ server, maxPayload: 2 * TEN_MIB });
  let userConnections = 0;
  sockets.on("connection", (client, request) => {
    const target = new WebSocket(new URL(request.url ?? "/", sim.ws).toString().replace(/^http/, "ws"));
    const isUser = (request.url ?? "").includes("listenKey");
    const connection = isUser ? ++userConnections : 0;
    const pending: { data: WebSocket.RawData; binary: boolean }[] = [];
    let injected = false;
    client.on("message", (data, binary) => {
      if (target.readyState === WebSocket.OPEN) target.send(data, { binary });
      else pending.push({ data, binary });
    });
    target.on("open", () => {
      for (const item of pending.splice(0)) target.send(item.data, { binary: item.binary });
    });
    target.on("message", (data, binary) => {
      if (client.readyState !== WebSocket.OPEN) return;
      client.send(data, { binary });
      if (!isUser || !binary || injected) return;
      injected = true;
      for (const push of badPushes()) {
        client.send(push, { binary: true });
        sent.pushes++;
      }
      if (connection === 1) {
        client.send(Buffer.alloc(TEN_MIB, 0x41), { binary: true });
        sent.bigFrames++;
      }
    });
    const end = () => {
      client.terminate();
      target.terminate();
    };
    client.on("close", end);
    target.on("close", end);
    client.on("error", end);
    target.on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const wsPath = new URL(sim.ws).pathname;
  return {
    rest: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}${wsPath}`,
    sent,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets.clients) socket.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readAll(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", reject);
  });
}

/** The answer with the bad items appended, for the four answers that get them. */
function rewrite(url: URL, status: number, body: string, sent: HostileUpstream["sent"]): string {
  if (status !== 200) return body;
  try {
    if (url.pathname === "/api/v3/account") {
      const answer = JSON.parse(body) as { balances: object[] };
      answer.balances.push(...badBalances());
      sent.account++;
      return JSON.stringify(answer);
    }
    if (url.pathname === "/api/v3/myTrades") {
      const answer = JSON.parse(body) as object[];
      answer.push(...badTrades(url.searchParams.get("symbol") ?? "BTCUSDT"));
      sent.myTrades++;
      return JSON.stringify(answer);
    }
    if (url.pathname === "/api/v3/openOrders") {
      const answer = JSON.parse(body) as object[];
      answer.push(unlistedOpenOrder());
      sent.openOrders++;
      return JSON.stringify(answer);
    }
    if (url.pathname === "/api/v3/klines") {
      const answer = JSON.parse(body) as unknown[];
      answer.push(...badKlines(answer));
      sent.klines++;
      return JSON.stringify(answer);
    }
  } catch {
    return body;
  }
  return body;
}
