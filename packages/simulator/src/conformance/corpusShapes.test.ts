/**
 * Issue 10 item 12: the simulator answers like the real MEXC answers of the conformance corpus
 * (packages/protocol/conformance). For every endpoint and channel in it, the simulator's answer
 * has the same envelope (object or bare array), the keys MEXC sends (none missing, none
 * invented), the same JSON type per key (string vs number vs null), and times in the same unit
 * (whole seconds vs ms). Captured answers decide over documentation examples; samples whose
 * recorder quoted every number say nothing about number vs string.
 */
import { decodePush } from "@mexc-live/protocol";
import { type Params, signRequest } from "@mexc-live/protocol/rest";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  isRecord,
  jsonType,
  loadRestCorpus,
  loadWsCorpus,
  type RestSample,
  type TimeResolution,
  type WsSample,
} from "../../../protocol/conformance/corpus.js";
import { DOCS_ACCOUNT, sendRaw, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";
import { type RunningSimulator, startSimulator } from "../simulator.js";

const SYMBOL = "BTCUSDT";

/** The simulator's answer per endpoint: the success answer, and per error code the error answer. */
interface SimAnswer {
  readonly status: number;
  readonly body: unknown;
}
const answers = new Map<string, SimAnswer>();
const errorAnswers = new Map<string, SimAnswer>();

let parts: SimulatorParts;

beforeAll(async () => {
  // GET order right after placing: the answer's shape, not MEXC's lag (realMexcBehaviours.test.ts).
  parts = testSimulator({ behaviours: { orderReadLag: false } });
  const call = async (method: "GET" | "POST" | "PUT" | "DELETE", path: string, params = {}) => {
    const response = await sendSigned(parts, DOCS_ACCOUNT, method, path, params);
    return { status: response.statusCode, body: response.json() as unknown };
  };
  const publicGet = async (path: string) => {
    const response = await sendRaw(parts, "GET", path, {});
    return { status: response.statusCode, body: response.json() as unknown };
  };
  answers.set("GET /api/v3/time", await publicGet("/api/v3/time"));
  answers.set("GET /api/v3/exchangeInfo", await publicGet(`/api/v3/exchangeInfo?symbol=${SYMBOL}`));
  answers.set("GET /api/v3/depth", await publicGet(`/api/v3/depth?symbol=${SYMBOL}&limit=5`));
  answers.set("GET /api/v3/klines", await publicGet(`/api/v3/klines?symbol=${SYMBOL}&interval=60m&limit=2`));
  answers.set("GET /api/v3/account", await call("GET", "/api/v3/account"));

  const resting = await call("POST", "/api/v3/order", {
    symbol: SYMBOL,
    side: "BUY",
    type: "LIMIT",
    quantity: "0.001",
    price: "1000",
  });
  answers.set("POST /api/v3/order", resting);
  const orderId = (resting.body as { orderId: string }).orderId;
  answers.set("GET /api/v3/openOrders", await call("GET", "/api/v3/openOrders", { symbol: SYMBOL }));
  await call("POST", "/api/v3/order", { symbol: SYMBOL, side: "BUY", type: "MARKET", quantity: "0.001" });
  answers.set("GET /api/v3/myTrades", await call("GET", "/api/v3/myTrades", { symbol: SYMBOL }));
  answers.set("GET /api/v3/order", await call("GET", "/api/v3/order", { symbol: SYMBOL, orderId }));
  answers.set("DELETE /api/v3/order", await call("DELETE", "/api/v3/order", { symbol: SYMBOL, orderId }));
  answers.set("GET /api/v3/allOrders", await call("GET", "/api/v3/allOrders", { symbol: SYMBOL }));

  // The wallet history, with one record of each kind.
  parts.exchange.deposit(DOCS_ACCOUNT.account, { asset: "USDT", amount: "250" });
  parts.exchange.withdraw(DOCS_ACCOUNT.account, { asset: "USDT", amount: "40" });
  parts.exchange.transfer(DOCS_ACCOUNT.account, { asset: "USDT", amount: "15", from: "FUTURES", to: "SPOT" });
  answers.set("GET /api/v3/capital/deposit/hisrec", await call("GET", "/api/v3/capital/deposit/hisrec"));
  answers.set("GET /api/v3/capital/withdraw/history", await call("GET", "/api/v3/capital/withdraw/history"));
  answers.set(
    "GET /api/v3/capital/transfer",
    await call("GET", "/api/v3/capital/transfer", { fromAccountType: "FUTURES", toAccountType: "SPOT" }),
  );
  parts.exchange.internalTransfer(DOCS_ACCOUNT.account, { asset: "USDT", amount: "5", direction: "in" });
  answers.set("GET /api/v3/capital/transfer/internal", await call("GET", "/api/v3/capital/transfer/internal"));
  parts.exchange.convertDust(DOCS_ACCOUNT.account, ["BTC"]);
  answers.set("GET /api/v3/capital/convert", await call("GET", "/api/v3/capital/convert"));
  errorAnswers.set(
    "GET /api/v3/capital/deposit/hisrec 400",
    await call("GET", "/api/v3/capital/deposit/hisrec", {
      startTime: String(Date.now() - 91 * 86_400_000),
      endTime: String(Date.now() - 90 * 86_400_000),
    }),
  );

  const created = await call("POST", "/api/v3/userDataStream");
  answers.set("POST /api/v3/userDataStream", created);
  const listenKey = (created.body as { listenKey: string }).listenKey;
  answers.set("PUT /api/v3/userDataStream", await call("PUT", "/api/v3/userDataStream", { listenKey }));
  answers.set("GET /api/v3/userDataStream", await call("GET", "/api/v3/userDataStream"));
  answers.set("DELETE /api/v3/userDataStream", await call("DELETE", "/api/v3/userDataStream", { listenKey }));

  // The errors the corpus holds, provoked the way the reports describe them.
  const withoutContentType = async (
    method: "GET" | "POST" | "PUT" | "DELETE",
    path: string,
    contentType: string | null,
  ) => {
    const response = await sendRaw(parts, method, path, { apiKey: DOCS_ACCOUNT.apiKey, contentType, query: "" });
    return { status: response.statusCode, body: response.json() as unknown };
  };
  errorAnswers.set(
    "GET /api/v3/account 700013",
    await withoutContentType("GET", "/api/v3/account", "application/x-www-form-urlencoded"),
  );
  errorAnswers.set("POST /api/v3/order 700013", await withoutContentType("POST", "/api/v3/order", null));
  errorAnswers.set("DELETE /api/v3/order 700013", await withoutContentType("DELETE", "/api/v3/order", null));
  errorAnswers.set(
    "PUT /api/v3/userDataStream 700013",
    await withoutContentType("PUT", "/api/v3/userDataStream", null),
  );
  errorAnswers.set(
    "PUT /api/v3/userDataStream 730708",
    await call("PUT", "/api/v3/userDataStream", { listenKey: "0".repeat(64) }),
  );
  // A key MEXC revoked or expired (700002), and a maintenance window in its `message` form.
  parts.keyStates.apply(DOCS_ACCOUNT.account, "revoke");
  errorAnswers.set("GET /api/v3/account 700002", await call("GET", "/api/v3/account"));
  parts.keyStates.apply(DOCS_ACCOUNT.account, "restore");
  parts.maintenance.open(60_000, "message");
  errorAnswers.set("GET /api/v3/account 500", await call("GET", "/api/v3/account"));
  parts.maintenance.open(0);
  errorAnswers.set(
    "GET /api/v3/order -2013",
    await call("GET", "/api/v3/order", { symbol: SYMBOL, orderId: "C02__1" }),
  );
});

afterAll(() => parts?.close());

describe("conformance corpus: the simulator answers REST like real MEXC", () => {
  it("was asked the wallet history with a record in each answer", () => {
    const records = (endpoint: string) => {
      const body = answers.get(endpoint)?.body;
      return Array.isArray(body) ? body.length : ((body as { rows?: unknown[] } | undefined)?.rows?.length ?? 0);
    };
    expect(records("GET /api/v3/capital/deposit/hisrec")).toBe(1);
    expect(records("GET /api/v3/capital/withdraw/history")).toBe(1);
    expect(records("GET /api/v3/capital/transfer")).toBe(1);
  });

  for (const file of loadRestCorpus()) {
    it(`${file.endpoint} (${file.file})`, () => {
      const answer = answers.get(file.endpoint);
      expect(answer, `the simulator was not asked ${file.endpoint}`).toBeDefined();
      if (!answer) return;
      const successes = file.samples.filter((sample) => sample.kind !== "error");
      const problems: string[] = [];
      expect(answer.status).toBe(200);
      if (successes.length > 0) {
        problems.push(...shapeProblems(answer.body, successes, "body", file.alsoSends));
        problems.push(...timeProblems(answer.body, file.times));
      }
      for (const sample of file.samples.filter((candidate) => candidate.kind === "error")) {
        const code = Number((sample.body as { code: unknown }).code);
        const error = errorAnswers.get(`${file.endpoint} ${code}`);
        if (!error) {
          problems.push(`error ${code}: the simulator was not asked for it`);
          continue;
        }
        if (error.status !== sample.httpStatus)
          problems.push(`error ${code}: HTTP ${error.status}, MEXC ${sample.httpStatus}`);
        const body = error.body as Record<string, unknown>;
        if (Number(body.code) !== code)
          problems.push(`error ${code}: the simulator answered code ${String(body.code)}`);
        problems.push(...shapeProblems(error.body, [sample], `error ${code}`));
      }
      expect(problems).toEqual([]);
    });
  }
});

/**
 * Where `actual` (the simulator's JSON) differs from MEXC's samples: keys missing or invented,
 * and types MEXC does not send. Recurses into objects and the first element of arrays.
 */
function shapeProblems(
  actual: unknown,
  samples: readonly Pick<RestSample, "kind" | "numbersQuoted" | "superseded" | "body">[],
  path: string,
  alsoSends: Readonly<Record<string, readonly string[]>> = {},
): string[] {
  const allowed = allowedTypes(samples);
  const type = jsonType(actual);
  if (allowed.size > 0 && !allowed.has(type)) return [`${path}: ${type}, MEXC sends ${[...allowed].join(" or ")}`];
  if (type === "array") {
    const first = (actual as unknown[])[0];
    const inner = samples.flatMap((sample) =>
      Array.isArray(sample.body) && sample.body.length > 0 ? [{ ...sample, body: sample.body[0] }] : [],
    );
    return first === undefined || inner.length === 0 ? [] : shapeProblems(first, inner, `${path}[0]`, alsoSends);
  }
  if (type !== "object") return [];
  const record = actual as Record<string, unknown>;
  const objects = samples.filter((sample) => isRecord(sample.body));
  const problems: string[] = [];
  const known = new Set([
    ...objects.flatMap((sample) => Object.keys(sample.body as object)),
    ...(alsoSends[path] ?? []),
  ]);
  for (const key of Object.keys(record))
    if (!known.has(key)) problems.push(`${path}.${key}: invented (no MEXC sample has it)`);
  for (const sample of objects) {
    if (sample.kind !== "capture" || sample.superseded) continue;
    for (const key of Object.keys(sample.body as object)) {
      if (!(key in record)) problems.push(`${path}.${key}: missing (MEXC sends it)`);
    }
  }
  for (const key of Object.keys(record)) {
    const withKey = objects
      .filter((sample) => key in (sample.body as object))
      .map((sample) => ({ ...sample, body: (sample.body as Record<string, unknown>)[key] }));
    if (withKey.length > 0) problems.push(...shapeProblems(record[key], withKey, `${path}.${key}`, alsoSends));
  }
  return problems;
}

/**
 * The JSON types MEXC sends at one place: those of captures when a capture has it, else of
 * documentation examples. A recorder that quoted numbers makes its numeric strings "number or string".
 * A documentation example's null shows only that the field may be null, not what it holds
 * otherwise (the withdraw history's example is of a withdrawal still waiting, status 3, with txId
 * null; a done one has its hash, as in ccxt PR #15177's printed answer): when documentation
 * examples are all there is and all show null, any type is allowed.
 */
function allowedTypes(samples: readonly Pick<RestSample, "kind" | "numbersQuoted" | "body">[]): Set<string> {
  const captures = samples.filter((sample) => sample.kind === "capture" || sample.kind === "error");
  const chosen = captures.length > 0 ? captures : samples;
  if (captures.length === 0 && chosen.every((sample) => sample.body === null)) return new Set();
  const types = new Set<string>();
  for (const sample of chosen) {
    const type = jsonType(sample.body);
    types.add(type);
    if (sample.numbersQuoted && type === "string" && /^-?\d+(\.\d+)?$/.test(sample.body as string)) types.add("number");
  }
  return types;
}

/** Time fields of the body (or of its array items) in the unit MEXC writes them. */
function timeProblems(body: unknown, times: Readonly<Record<string, TimeResolution>>): string[] {
  const items = Array.isArray(body) ? body : [body];
  const problems: string[] = [];
  for (const [field, resolution] of Object.entries(times)) {
    for (const [index, item] of items.entries()) {
      const value = isRecord(item) ? item[field] : undefined;
      if (value === undefined || value === null) continue;
      if (!isTimeIn(value, resolution))
        problems.push(
          `[${index}].${field} = ${String(value)}: MEXC writes ${resolution === "s" ? "whole seconds" : "milliseconds"}`,
        );
    }
  }
  return problems;
}

function isTimeIn(value: unknown, resolution: TimeResolution | "seconds-epoch"): boolean {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) return false;
  if (resolution === "seconds-epoch") return String(number).length === 10;
  return String(number).length === 13 && (resolution === "ms" || number % 1000 === 0);
}

describe("conformance corpus: the simulator pushes like real MEXC", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 3, admin: true, market: { makerRequoteMs: 50 } });
  });
  afterAll(() => sim?.close());

  for (const file of loadWsCorpus()) {
    it(`${file.channel} (${file.file})`, async () => {
      const push = await firstPush(sim, file.channel);
      const problems: string[] = [];
      for (const sample of file.samples.filter((candidate) => candidate.wrapper && candidate.kind === "capture")) {
        problems.push(...missingKeys(push, sample));
      }
      for (const [field, resolution] of Object.entries(file.times)) {
        const value = valueAt(push, field);
        if (value === undefined) continue;
        if (!isTimeIn(value, resolution === "s" ? "seconds-epoch" : "ms"))
          problems.push(`${field} = ${String(value)}: MEXC writes ${resolution}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

/** Keys a live capture has (wrapper and body) that the simulator's push lacks. */
function missingKeys(push: PushWrapper, sample: WsSample): string[] {
  const problems: string[] = [];
  const check = (actual: unknown, expected: unknown, path: string) => {
    if (!isRecord(expected) || !isRecord(actual)) return;
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actual) || actual[key] === undefined) problems.push(`${path}${key}: missing (MEXC sends it)`);
      else if (isRecord(value)) check(actual[key], value, `${path}${key}.`);
    }
  };
  check(push, sample.wrapper, "");
  return problems;
}

function valueAt(wrapper: PushWrapper, path: string): unknown {
  let value: unknown = wrapper;
  for (const part of path.split(".")) value = isRecord(value) ? value[part] : undefined;
  return value;
}

/** A signed REST call to a running simulator with its demo keys, as a client sends it. */
async function signedFetch(
  sim: RunningSimulator,
  method: "POST" | "GET",
  path: string,
  params: Params = {},
): Promise<unknown> {
  const signed = signRequest({ secret: sim.secretKey, query: params, timestamp: Date.now() });
  const response = await fetch(`${sim.rest}${path}?${signed.query}`, {
    method,
    headers: { "x-mexc-apikey": sim.apiKey, "content-type": "application/json" },
  });
  return response.json();
}

/**
 * Subscribes to `channel` and decodes its first push; a private channel gets a listen key, and
 * a market buy once the subscription is acknowledged, so that it has something to push.
 */
async function firstPush(sim: RunningSimulator, channel: string): Promise<PushWrapper> {
  const isPrivate = channel.startsWith("spot@private.");
  let url = sim.ws;
  if (isPrivate) {
    const { listenKey } = (await signedFetch(sim, "POST", "/api/v3/userDataStream")) as { listenKey: string };
    url = `${sim.ws}?listenKey=${listenKey}`;
  }
  const socket = new WebSocket(url);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return await new Promise<PushWrapper>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no push on ${channel} within 5 s`)), 5_000);
      socket.on("message", (data, isBinary) => {
        if (!isBinary) {
          // The acknowledgement: now the account can act.
          if (isPrivate) {
            signedFetch(sim, "POST", "/api/v3/order", {
              symbol: SYMBOL,
              side: "BUY",
              type: "MARKET",
              quantity: "0.001",
            }).catch(reject);
          }
          return;
        }
        clearTimeout(timer);
        resolve(decodePush(new Uint8Array(data as Buffer)));
      });
      socket.send(JSON.stringify({ method: "SUBSCRIPTION", params: [channel] }));
    });
  } finally {
    socket.close();
  }
}
