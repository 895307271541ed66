/**
 * Issue 10 item 12: the client reads every answer and push of the conformance corpus
 * (packages/protocol/conformance: real MEXC answers from public sources). REST samples are
 * served as-is, status and body, by a local HTTP server on 127.0.0.1 and read through the
 * client's own endpoint helpers, then turned into the events downstream stores; pushes are
 * decoded from their wire bytes (or encoded from the decoded capture first) and turned into events.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Decimal as Big, decodePush, encodePush, isMexcApiError, type MexcEvent, toEvent } from "@mexc-live/protocol";
import type { AccountInfo, ListenKeyList, RestOrder, RestTrade } from "@mexc-live/protocol/rest";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isRecord,
  loadRestCorpus,
  loadWsCorpus,
  type RestCorpusFile,
  type RestSample,
} from "../../protocol/conformance/corpus.js";
import { DepthBook } from "./market/depthBook.js";
import { RestEndpoints } from "./rest/endpoints.js";
import { RestClient } from "./rest/restClient.js";
import { fillFromRest, orderFromRest } from "./rest/toEvents.js";
import {
  conversionFromRest,
  depositFromRest,
  internalTransferFromRest,
  transferFromRest,
  withdrawalFromRest,
} from "./rest/walletEvents.js";
import { slotsLeft } from "./user/listenKeyKeeper.js";

const SYMBOL = "BTCUSDT";
const LISTEN_KEY = "k".repeat(64);

/** The one sample the local server answers with, per "METHOD /path". */
const serving = new Map<string, RestSample>();
let server: Server;
let endpoints: RestEndpoints;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const sample = serving.get(`${request.method} ${path}`);
    if (path === "/api/v3/time" && sample === undefined) {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ serverTime: Date.now() }));
      return;
    }
    if (sample === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(sample.httpStatus, { "content-type": "application/json" }).end(JSON.stringify(sample.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  endpoints = new RestEndpoints(
    new RestClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: "mx0conformancekey",
      apiSecret: "conformance-secret",
      retry: { maxAttempts: 1 },
    }),
  );
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** What the client does with an endpoint's answer, and what a user would check in the result. */
type Reader = (body: unknown) => Promise<void>;

const asArray = (body: unknown): Record<string, unknown>[] => body as Record<string, unknown>[];
const ms = (value: unknown): number => Number(value);

const READERS: Record<string, Reader> = {
  "GET /api/v3/time": async (body) => {
    const answer = await endpoints.time();
    expect(answer.serverTime).toBe((body as { serverTime: number }).serverTime);
  },
  "GET /api/v3/exchangeInfo": async (body) => {
    const info = await endpoints.exchangeInfo();
    const sent = (body as { symbols: { symbol: string; baseAsset: string }[] }).symbols;
    expect(info.symbols.map((symbol) => [symbol.symbol, symbol.baseAsset])).toEqual(
      sent.map((symbol) => [symbol.symbol, symbol.baseAsset]),
    );
  },
  "GET /api/v3/depth": async (body) => {
    const snapshot = await endpoints.depth(SYMBOL);
    const book = new DepthBook(SYMBOL);
    book.load({ version: String(snapshot.lastUpdateId), bids: snapshot.bids, asks: snapshot.asks });
    const sent = body as { lastUpdateId: number | string; bids: string[][]; asks: string[][] };
    expect(book.version).toBe(String(sent.lastUpdateId));
    expect(new Big(book.bestBid()?.price ?? "0").eq(sent.bids[0]?.[0] ?? "-1")).toBe(true);
    expect(new Big(book.bestAsk()?.price ?? "0").eq(sent.asks[0]?.[0] ?? "-1")).toBe(true);
  },
  "GET /api/v3/account": async (body) => {
    const account: AccountInfo = await endpoints.account();
    const sent = (body as { balances: { asset: string; free: string; locked: string }[] }).balances;
    expect(account.balances.map(({ asset, free, locked }) => ({ asset, free, locked }))).toEqual(
      sent.map(({ asset, free, locked }) => ({ asset, free, locked })),
    );
  },
  "GET /api/v3/openOrders": async (body) => expectOrders(await endpoints.openOrders(SYMBOL), asArray(body)),
  "GET /api/v3/allOrders": async (body) => expectOrders(await endpoints.allOrders(SYMBOL), asArray(body)),
  "GET /api/v3/order": async (body) =>
    expectOrders([await endpoints.getOrder({ symbol: SYMBOL, orderId: "1" })], [body as Record<string, unknown>]),
  "GET /api/v3/myTrades": async (body) => {
    const trades: RestTrade[] = await endpoints.myTrades(SYMBOL);
    const sent = asArray(body);
    const fills = trades.map((trade) => fillFromRest(trade, 0));
    expect(
      fills.map((fill) => [fill.tradeId, fill.orderId, fill.side, fill.price, fill.quantity, fill.fee, fill.timestamp]),
    ).toEqual(
      sent.map((trade) => [
        String(trade.id),
        String(trade.orderId),
        trade.isBuyer ? "BUY" : "SELL",
        trade.price,
        trade.qty,
        trade.commission,
        ms(trade.time),
      ]),
    );
  },
  "GET /api/v3/capital/deposit/hisrec": async (body) => {
    const deposits = (await endpoints.deposits()).map(depositFromRest);
    expect(deposits.map((d) => [d.type, d.asset, d.amount, d.state, d.network, d.txId, d.time])).toEqual(
      asArray(body).map((row) => [
        "deposit",
        String(row.coin).split("-")[0],
        row.amount,
        Number(row.status) === 5 ? "completed" : expect.any(String),
        row.network,
        row.transHash ?? row.txId,
        ms(row.insertTime),
      ]),
    );
  },
  "GET /api/v3/capital/withdraw/history": async (body) => {
    const withdrawals = (await endpoints.withdrawals()).map(withdrawalFromRest);
    expect(withdrawals.map((w) => [w.id, w.asset, w.amount, w.fee, w.time])).toEqual(
      asArray(body).map((row) => [
        String(row.id),
        String(row.coin).split("-")[0],
        new Big(String(row.amount)).minus(String(row.transactionFee ?? "0")).toFixed(),
        new Big(String(row.transactionFee ?? "0")).toFixed(),
        ms(row.applyTime),
      ]),
    );
    // Status 3 (WAIT) of the docs' example is not done.
    expect(withdrawals.every((w) => w.state === (w.status === "7" ? "completed" : "pending"))).toBe(true);
  },
  "GET /api/v3/capital/transfer": async (body) => {
    const page = await endpoints.transfers({ from: "FUTURES", to: "SPOT" });
    const transfers = page.rows.map(transferFromRest);
    const sent = (body as { rows: Record<string, unknown>[]; total: number }).rows;
    expect(transfers.map((t) => [t.id, t.asset, t.amount, t.direction, t.state, t.time])).toEqual(
      sent.map((row) => [
        String(row.tranId),
        row.asset,
        row.amount,
        row.toAccountType === "SPOT" ? "in" : "out",
        row.status === "SUCCESS" ? "completed" : expect.any(String),
        ms(row.timestamp),
      ]),
    );
  },
  "GET /api/v3/capital/transfer/internal": async (body) => {
    const page = await endpoints.internalTransfers();
    // Without a withdrawal (transferType 1) of the account to match, every row reads as received.
    const rows = page.data.map((row) => internalTransferFromRest(row, []));
    const sent = (body as { data: Record<string, unknown>[] }).data;
    expect(rows.map((t) => [t.type, t.asset, t.amount, t.direction, t.state, t.address, t.time])).toEqual(
      sent.map((row) => [
        "internal_transfer",
        row.asset,
        row.amount,
        "in",
        "completed",
        row.fromAccount,
        ms(row.timestamp),
      ]),
    );
    // The row without a tranId still gets an id of its own.
    expect(new Set(rows.map((t) => t.id)).size).toBe(rows.length);
  },
  "GET /api/v3/capital/convert": async (body) => {
    const page = await endpoints.dustLog();
    const rows = page.data.flatMap(conversionFromRest);
    const entries = (body as { data: { totalConvert: string; convertDetails: { asset: string; amount: string }[] }[] })
      .data;
    expect(rows.filter((t) => t.direction === "out").map((t) => [t.asset, t.amount])).toEqual(
      entries.flatMap((entry) => entry.convertDetails.map((detail) => [detail.asset, detail.amount])),
    );
    expect(rows.filter((t) => t.direction === "in").map((t) => [t.asset, t.amount])).toEqual(
      entries.map((entry) => ["MX", entry.totalConvert]),
    );
  },
  "POST /api/v3/order": async (body) => {
    const placed = await endpoints.placeOrder({
      symbol: SYMBOL,
      side: "BUY",
      type: "LIMIT",
      quantity: "1",
      price: "1",
    });
    const sent = body as { orderId: string; transactTime: number | string };
    expect(placed.resolvedBy).toBe("reply");
    expect(String(placed.orderId)).toBe(String(sent.orderId));
    expect(Number(placed.transactTime)).toBe(ms(sent.transactTime));
  },
  "DELETE /api/v3/order": async (body) => {
    const canceled = await endpoints.cancelOrder({ symbol: SYMBOL, orderId: "1" });
    expect(canceled.resolvedBy).toBe("reply");
    expect(String(canceled.orderId)).toBe(String((body as { orderId: unknown }).orderId));
  },
  "POST /api/v3/userDataStream": async (body) => {
    expect((await endpoints.createListenKey()).listenKey).toBe((body as { listenKey: string }).listenKey);
  },
  "PUT /api/v3/userDataStream": async (body) => {
    expect((await endpoints.keepAliveListenKey(LISTEN_KEY)).listenKey).toBe((body as { listenKey: string }).listenKey);
  },
  "DELETE /api/v3/userDataStream": async (body) => {
    expect((await endpoints.deleteListenKey(LISTEN_KEY)).listenKey).toBe((body as { listenKey: string }).listenKey);
  },
  "GET /api/v3/userDataStream": async (body) => {
    const list: ListenKeyList = await endpoints.listListenKeys();
    const sent = body as { listenKey: string[]; available: number };
    expect(list.listenKey).toEqual(sent.listenKey);
    expect(slotsLeft(list)).toBe(Number(sent.available));
  },
};

/** Endpoints in the corpus the client never calls (the simulator's answers are still checked against them). */
const NOT_CALLED_BY_CLIENT = new Set(["GET /api/v3/klines"]);

/** Each order as the orders stream would report it, with the figures a trader reads off the order table. */
function expectOrders(orders: RestOrder[], sent: Record<string, unknown>[]): void {
  const events = orders.map((order) => orderFromRest(order, 0));
  expect(
    events.map((event) => [
      event.orderId,
      event.status,
      event.side,
      event.cumulativeQuantity,
      event.createTime,
      event.timestamp,
    ]),
  ).toEqual(
    sent.map((order) => [
      String(order.orderId),
      order.status,
      order.side,
      new Big(order.executedQty as string).toFixed(),
      ms(order.time),
      ms(order.updateTime ?? order.time),
    ]),
  );
  for (const event of events) {
    expect(Number.isSafeInteger(event.timestamp)).toBe(true);
    expect(new Big(event.remainQuantity).gte(0)).toBe(true);
  }
}

const restCorpus: RestCorpusFile[] = loadRestCorpus();

describe("conformance corpus: the client reads every REST answer", () => {
  it("has a reader for every endpoint in the corpus", () => {
    const missing = restCorpus
      .map((file) => file.endpoint)
      .filter((endpoint) => READERS[endpoint] === undefined && !NOT_CALLED_BY_CLIENT.has(endpoint));
    expect(missing).toEqual([]);
  });

  for (const file of restCorpus) {
    const read = READERS[file.endpoint];
    if (read === undefined) continue;
    for (const [index, sample] of file.samples.entries()) {
      it(`${file.endpoint} #${index} (${sample.kind}): ${sample.source.slice(0, 90)}`, async () => {
        serving.clear();
        const [method, path] = file.endpoint.split(" ") as [string, string];
        serving.set(`${method} ${path}`, sample);
        if (sample.kind !== "error") {
          await read(sample.body);
          return;
        }
        // An error is a MexcApiError with MEXC's code, whatever the HTTP status (docs/mexc/undocumented.md#requests-and-answers item 11.2).
        const error = await read(sample.body).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(isMexcApiError(error)).toBe(true);
        if (!isMexcApiError(error)) return;
        expect(error.mexcCode).toBe(Number((sample.body as { code: unknown }).code));
        expect(error.status).toBe(sample.httpStatus);
      });
    }
  }
});

describe("conformance corpus: the client decodes every push", () => {
  for (const file of loadWsCorpus()) {
    for (const [index, sample] of file.samples.entries()) {
      it(`${file.channel} #${index} (${sample.kind}): ${sample.source.slice(0, 90)}`, () => {
        const bytes = sample.hex
          ? Buffer.from(sample.hex, "hex")
          : encodePush(sample.wrapper as unknown as PushWrapper);
        const wrapper = decodePush(bytes);
        expect(wrapper.channel).toBe(file.channel);
        const event: MexcEvent = toEvent(wrapper, 0);
        expect(event.channel).toBe(file.channel);
        if (sample.wrapper) expectEventMatches(event, sample.wrapper);
        for (const [field, resolution] of Object.entries(file.times)) {
          const value = Number(valueAt(wrapper, field));
          expect(Number.isSafeInteger(value), field).toBe(true);
          // ms since 2001 are 13 digits, seconds 10.
          expect(String(value).length, `${field} in ${resolution}`).toBe(resolution === "ms" ? 13 : 10);
        }
      });
    }
  }
});

/** The event carries the capture's figures: the decimals as sent, the times as ms. */
function expectEventMatches(event: MexcEvent, wrapper: Readonly<Record<string, unknown>>): void {
  const body = Object.entries(wrapper).find(([key, value]) => key !== "channel" && isRecord(value))?.[1] as Record<
    string,
    unknown
  >;
  switch (event.type) {
    case "fill":
      expect([event.tradeId, event.orderId, event.price, event.quantity, event.fee, event.timestamp]).toEqual([
        body.tradeId,
        body.orderId,
        body.price,
        body.quantity,
        body.feeAmount,
        ms(body.time),
      ]);
      return;
    case "order":
      expect([event.orderId, event.price, event.cumulativeQuantity, event.createTime]).toEqual([
        body.id,
        body.price,
        body.cumulativeQuantity,
        ms(body.createTime),
      ]);
      return;
    case "balance":
      expect([event.asset, event.free, event.locked, event.changeType]).toEqual([
        body.vcoinName,
        body.balanceAmount,
        body.frozenAmount,
        body.type,
      ]);
      return;
    case "kline":
      expect([event.open, event.close, event.openTime]).toEqual([
        body.openingPrice,
        body.closingPrice,
        ms(body.windowStart) * 1000,
      ]);
      return;
    case "depthDiff":
      expect([event.fromVersion, event.toVersion]).toEqual([String(body.fromVersion), String(body.toVersion)]);
      expect(event.bids.map((level) => level.price)).toEqual(
        (body.bids as { price: string }[]).map((level) => level.price),
      );
      return;
    default:
      throw new Error(`no check written for a ${event.type} event`);
  }
}

function valueAt(wrapper: PushWrapper, path: string): unknown {
  let value: unknown = wrapper;
  for (const part of path.split(".")) value = isRecord(value) ? value[part] : undefined;
  return value;
}
