/**
 * MEXC's answers of 2026 carry fields no capture of ours has yet (issue 41 item 3; JKorf/Mexc.Net's
 * commits name them): exchangeInfo's `firstOpenTime`, `bizType`, `conceptPlates` and
 * `conceptPlateIds`, the withdraw history's `explorerUrl`, `withdrawOrderId` and `netWork`, the
 * coin list's `depositPreConfirms` and tradeFee's `rpiMakerCommission`; and MEXC adds more without
 * notice. The captured answers of the conformance corpus, with every one of them and a field
 * nobody knows added, go through the client's REST reading (a local server on 127.0.0.1) into the
 * gateway's readers: the pairs and the price book from exchangeInfo, the wallet history into the
 * store. Nothing is refused, nothing said unknown or warned about, and what a user sees of them
 * (a withdrawal's explorer link and own id) is stored.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  fetchWalletHistory,
  noteRefusals,
  PairDirectory,
  RestClient,
  RestEndpoints,
  UnknownValues,
} from "@mexc-live/client/internals";
import type { RestCoin, RestTradeFee } from "@mexc-live/protocol/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRestCorpus } from "../../../protocol/conformance/corpus.js";
import { PriceBook } from "../figures/priceBook.js";
import { type GatewayStore, openStore } from "../store/store.js";

const NOW = Date.now();
/** A field MEXC might add tomorrow. */
const UNKNOWN_FIELD = { someFieldMexcAddsLater: { nested: [1, "two"] } };

const captured = (endpoint: string) => {
  const sample = loadRestCorpus()
    .find((file) => file.endpoint === endpoint)
    ?.samples.find((candidate) => candidate.kind !== "error");
  if (sample === undefined) throw new Error(`no sample of ${endpoint}`);
  return structuredClone(sample.body) as Record<string, unknown> & unknown[];
};

type CapturedSymbol = { symbol: string; baseAsset: string; quoteAsset: string } & Record<string, unknown>;
const exchangeInfo = (() => {
  const body = captured("GET /api/v3/exchangeInfo") as unknown as { symbols: CapturedSymbol[] };
  return {
    ...body,
    ...UNKNOWN_FIELD,
    symbols: body.symbols.map((symbol, index) => ({
      ...symbol,
      firstOpenTime: 1_700_000_000_000 + index,
      bizType: "SPOT",
      conceptPlates: ["mc-trade-zone-metals"],
      conceptPlateIds: [17],
      contractAddress: "",
      st: false,
      ...UNKNOWN_FIELD,
    })),
  };
})();
const EXPLORER_URL = "https://etherscan.io/tx/0x0ced593b8b5adc9f600334d0d7335456a7ed772ea5547beda7ffc4f33a065c";
const withdrawals = (captured("GET /api/v3/capital/withdraw/history") as unknown as Record<string, unknown>[]).map(
  (row) => ({
    ...row,
    status: 7,
    applyTime: NOW - 3_600_000,
    updateTime: NOW - 3_000_000,
    withdrawOrderId: "client-withdraw-123",
    netWork: "EOS",
    explorerUrl: EXPLORER_URL,
    ...UNKNOWN_FIELD,
  }),
);
const deposits = (captured("GET /api/v3/capital/deposit/hisrec") as unknown as Record<string, unknown>[]).map(
  (row) => ({ ...row, insertTime: NOW - 7_200_000, updateTime: NOW - 7_000_000, ...UNKNOWN_FIELD }),
);
const tradeFee: RestTradeFee & typeof UNKNOWN_FIELD = {
  makerCommission: 0,
  takerCommission: 0.0005,
  rpiMakerCommission: 0,
  ...UNKNOWN_FIELD,
};
const coins: (RestCoin & typeof UNKNOWN_FIELD)[] = [
  {
    coin: "USDT",
    name: "TetherUS",
    networkList: [{ coin: "USDT", network: "Tron(TRC20)", netWork: "TRX", minConfirm: 20, depositPreConfirms: 5 }],
    ...UNKNOWN_FIELD,
  },
];

const ANSWERS: Readonly<Record<string, unknown>> = {
  "/api/v3/exchangeInfo": exchangeInfo,
  "/api/v3/symbol/offline": { data: [], code: 0, msg: "success", timestamp: NOW },
  "/api/v3/capital/withdraw/history": withdrawals,
  "/api/v3/capital/deposit/hisrec": deposits,
  "/api/v3/tradeFee": { data: tradeFee, code: 0, msg: "success", timestamp: NOW },
  "/api/v3/capital/config/getall": coins,
};

let server: Server;
let rest: RestClient;
let endpoints: RestEndpoints;
let store: GatewayStore | undefined;
const said: string[] = [];
const logger = {
  debug: () => {},
  info: () => {},
  warn: (_fields: unknown, message?: string) => void said.push(`warn: ${message ?? String(_fields)}`),
  error: (_fields: unknown, message?: string) => void said.push(`error: ${message ?? String(_fields)}`),
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const answer = path === "/api/v3/time" ? { serverTime: Date.now() } : ANSWERS[path];
    if (answer === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  rest = new RestClient({
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey: "mx0fields2026key",
    apiSecret: "fields-2026-secret",
    retry: { maxAttempts: 1 },
    logger,
  });
  endpoints = new RestEndpoints(rest);
});

afterAll(async () => {
  store?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("MEXC's 2026 response fields, and one nobody knows yet", () => {
  it("exchangeInfo: every pair listed by the client's pairs and the gateway's price book, precisions read", async () => {
    const info = await endpoints.exchangeInfo();
    expect(info.symbols[0]).toMatchObject({ conceptPlates: ["mc-trade-zone-metals"], bizType: "SPOT" });
    const pairs = await new PairDirectory({ endpoints, logger, now: Date.now }).all();
    expect(pairs.map((pair) => pair.symbol)).toEqual(exchangeInfo.symbols.map((symbol) => symbol.symbol));
    const book = new PriceBook({ quote: "USDT" });
    book.setMarkets(info.symbols);
    const first = exchangeInfo.symbols[0] as CapturedSymbol;
    expect(book.marketOf(first.symbol)).toMatchObject({ baseAsset: first.baseAsset, quoteAsset: first.quoteAsset });
    expect(Object.keys(book.precisions().symbols)).toContain(first.symbol);
  });

  it("the wallet history: a withdrawal's explorer link and own id stored, nothing refused", async () => {
    const unknown = new UnknownValues({ logger });
    const refused = noteRefusals(unknown);
    const range = { from: NOW - 86_400_000, to: NOW, now: NOW };
    const sent = await fetchWalletHistory(endpoints, "withdrawal", range, refused);
    const received = await fetchWalletHistory(endpoints, "deposit", range, refused);
    expect(sent).toHaveLength(1);
    expect(received).toHaveLength(1);
    expect(unknown.stats()).toEqual({});
    store = openStore({ path: ":memory:" });
    for (const transfer of [...sent, ...received]) expect(store.upsertTransfer(transfer)).toBe(true);
    expect(store.transfers({ type: "withdrawal" }).items[0]).toMatchObject({
      explorerUrl: EXPLORER_URL,
      withdrawOrderId: "client-withdraw-123",
      network: "EOS",
    });
  });

  it("the answers mexc-live does not ask for (tradeFee, the coin list) read through the client's REST as sent", async () => {
    const read = <T>(path: string, params: Record<string, string> = {}) =>
      rest.request<T>({ method: "GET", path, params, signed: true, weight: { ip: 10 }, idempotent: true });
    const fee = await read<{ data: RestTradeFee }>("/api/v3/tradeFee", { symbol: "BTCUSDT" });
    expect(fee.data.rpiMakerCommission).toBe(0);
    const list = await read<RestCoin[]>("/api/v3/capital/config/getall");
    expect(list[0]?.networkList[0]?.depositPreConfirms).toBe(5);
  });

  it("said nothing: no warning, no error, no value called unknown", () => {
    expect(said).toEqual([]);
  });
});
