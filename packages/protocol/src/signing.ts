/**
 * SIGNED REST requests (docs/mexc/rest.md#requests, docs/mexc/rest.md#signed-endpoints-hmac-sha256, docs/mexc/rest.md#the-docs-worked-examples-checked): the client builds and signs the exact
 * strings it sends; the simulator verifies what it received. HMAC-SHA256 over the query string
 * followed directly by the body (no `&` between them), lower-case hex. Pure; Node and browser.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { parseJsonObject } from "./jsonText.js";

export type ParamValue = string | number | boolean | bigint;
/**
 * Request parameters. A record keeps insertion order (except that JS puts integer-like keys
 * first) and skips undefined/null values; an array of pairs is sent exactly in its order.
 */
export type Params =
  | Readonly<Record<string, ParamValue | undefined | null>>
  | ReadonlyArray<readonly [string, ParamValue]>;

/** Parameter names `signRequest` appends itself; passing them in query or body is a mistake. */
const SIGNING_PARAMS = new Set(["timestamp", "recvWindow", "signature"]);
const SIGNATURE_HEX = /^[0-9a-f]{64}$/;

/**
 * `encodeURIComponent` plus `( ) ! ' *`, which it leaves raw and MEXC rejects with 700002
 * (`BEP20(BSC)` must go out as `BEP20%28BSC%29`). Upper-case hex everywhere, space as `%20`
 * (docs/mexc/rest.md#signed-endpoints-hmac-sha256 "Practical client rule"). Numbers must print without an exponent: pass decimals as strings.
 */
export function encodeParamValue(value: ParamValue): string {
  if (typeof value === "number") {
    const text = String(value);
    if (!Number.isFinite(value) || text.includes("e")) {
      throw new RangeError(`parameter value ${text} cannot be sent as a plain decimal; pass it as a string`);
    }
    return text;
  }
  return encodeURIComponent(String(value)).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `key=value&...` with keys and values encoded by `encodeParamValue`; no leading `?`. */
export function toQueryString(params: Params): string {
  return paramPairs(params)
    .map(([key, value]) => `${encodeParamValue(key)}=${encodeParamValue(value)}`)
    .join("&");
}

/** HMAC-SHA256 of the UTF-8 bytes of `message` under the UTF-8 bytes of `secret`, lower-case hex. */
export function hmacSha256Hex(secret: string, message: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(message)));
}

export interface SignRequestInput {
  secret: string;
  query?: Params;
  body?: Params;
  /** ms since epoch when the request is created. */
  timestamp: number;
  /** ms; MEXC's default is 5000 and its maximum 60000 (docs/mexc/rest.md#signed-endpoints-hmac-sha256). Not range-checked here. */
  recvWindow?: number;
}

export interface SignedRequest {
  /** The query string to send, without `?`; empty when everything is in the body. */
  query: string;
  /** The form-encoded body to send (`application/x-www-form-urlencoded`); empty when there is none. */
  body: string;
  signature: string;
}

/**
 * Builds the exact strings to send. Without body params everything goes in the query string and
 * the body is empty (what MEXC's TS SDK and ccxt do, docs/mexc/rest.md#requests): `...&recvWindow=R&timestamp=T&signature=S`.
 * With body params, `recvWindow`, `timestamp` and `signature` go at the end of the body instead,
 * and the signature covers query + body joined with no separator (docs/mexc/rest.md#signed-endpoints-hmac-sha256, docs/mexc/rest.md#the-docs-worked-examples-checked example 3).
 */
export function signRequest(input: SignRequestInput): SignedRequest {
  const query = toQueryString(checkNoSigningParams(input.query ?? [], "query"));
  const body = toQueryString(checkNoSigningParams(input.body ?? [], "body"));
  const timing = toQueryString([
    ...(input.recvWindow === undefined ? [] : [["recvWindow", checkMs(input.recvWindow, "recvWindow")] as const]),
    ["timestamp", checkMs(input.timestamp, "timestamp")],
  ]);
  if (body === "") {
    const signedQuery = joinPairs(query, timing);
    const signature = hmacSha256Hex(input.secret, signedQuery);
    return { query: `${signedQuery}&signature=${signature}`, body: "", signature };
  }
  const signedBody = joinPairs(body, timing);
  const signature = hmacSha256Hex(input.secret, query + signedBody);
  return { query, body: `${signedBody}&signature=${signature}`, signature };
}

export type SignatureCheck =
  | { ok: true; params: Map<string, string> }
  | { ok: false; reason: "missing" | "invalid" | "malformed" };

/**
 * The simulator side (docs/mexc/rest.md#signed-endpoints-hmac-sha256 "Simulator rule"): removes the one `signature=<hex>` pair wherever it
 * is in the query or a form body (MEXC's Python demo sends it before `timestamp`) and checks
 * HMAC(secret, queryWithoutIt + bodyWithoutIt) over the raw received text, in constant time.
 * Only lower-case hex signatures pass. A body starting with `{` is JSON: it is signed as raw
 * text and its signature must be in the query string.
 *
 * - "missing": no signature pair, or an empty one (MEXC answers 700004).
 * - "invalid": wrong, non-lower-case-hex or repeated signature (700002).
 * - "malformed": correctly signed but not decodable (bad %-escape, JSON that is not an object).
 *
 * On success, `params` holds the decoded parameters of body and query without `signature`; a
 * name in both takes the query-string value (docs/mexc/rest.md#requests); within one part the later pair wins.
 */
export function verifySignature(input: { secret: string; rawQuery: string; rawBody: string }): SignatureCheck {
  const query = splitOffSignature(input.rawQuery.startsWith("?") ? input.rawQuery.slice(1) : input.rawQuery);
  const isJsonBody = input.rawBody.trimStart().startsWith("{");
  const body = isJsonBody ? { rest: input.rawBody, signatures: [] } : splitOffSignature(input.rawBody);
  const signatures = [...query.signatures, ...body.signatures];
  const [received] = signatures;
  if (received === undefined || (signatures.length === 1 && received === "")) {
    return { ok: false, reason: "missing" };
  }
  if (signatures.length > 1 || !SIGNATURE_HEX.test(received)) return { ok: false, reason: "invalid" };
  const expected = hmacSha256Hex(input.secret, query.rest + body.rest);
  if (!constantTimeEqual(received, expected)) return { ok: false, reason: "invalid" };

  const params = isJsonBody ? decodeJsonBody(input.rawBody) : decodeForm(body.rest);
  const queryParams = decodeForm(query.rest);
  if (params === undefined || queryParams === undefined) return { ok: false, reason: "malformed" };
  for (const [key, value] of queryParams) params.set(key, value);
  params.delete("signature");
  return { ok: true, params };
}

function paramPairs(params: Params): Array<readonly [string, ParamValue]> {
  if (isPairList(params)) return [...params];
  const pairs: Array<readonly [string, ParamValue]> = [];
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) pairs.push([key, value]);
  }
  return pairs;
}

function isPairList(params: Params): params is ReadonlyArray<readonly [string, ParamValue]> {
  return Array.isArray(params);
}

function checkNoSigningParams(params: Params, part: "query" | "body"): Params {
  for (const [key] of paramPairs(params)) {
    if (SIGNING_PARAMS.has(key)) throw new RangeError(`${part} parameter "${key}" is added by signRequest itself`);
  }
  return params;
}

function checkMs(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of ms`);
  return value;
}

function joinPairs(first: string, second: string): string {
  return first === "" ? second : `${first}&${second}`;
}

/** Splits `a=1&signature=x&b=2` into the text without signature pairs and the signature values. */
function splitOffSignature(raw: string): { rest: string; signatures: string[] } {
  if (raw === "") return { rest: "", signatures: [] };
  const kept: string[] = [];
  const signatures: string[] = [];
  for (const segment of raw.split("&")) {
    if (segment === "signature" || segment.startsWith("signature=")) {
      signatures.push(segment.slice("signature=".length));
    } else {
      kept.push(segment);
    }
  }
  return { rest: kept.join("&"), signatures };
}

/** application/x-www-form-urlencoded: `+` is a space. Undefined on a bad %-escape. */
function decodeForm(raw: string): Map<string, string> | undefined {
  const params = new Map<string, string>();
  for (const segment of raw.split("&")) {
    if (segment === "") continue;
    const equals = segment.indexOf("=");
    const key = equals === -1 ? segment : segment.slice(0, equals);
    const value = equals === -1 ? "" : segment.slice(equals + 1);
    try {
      params.set(decodeURIComponent(key.replace(/\+/g, " ")), decodeURIComponent(value.replace(/\+/g, " ")));
    } catch {
      return undefined;
    }
  }
  return params;
}

/** A JSON object body: strings as they are, other values as JSON text, null skipped. */
function decodeJsonBody(raw: string): Map<string, string> | undefined {
  const parsed = parseJsonObject(raw);
  if (parsed === undefined) return undefined;
  const params = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null) continue;
    params.set(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return params;
}

/** Equal-length strings compared without an early exit, so timing does not leak the prefix. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
