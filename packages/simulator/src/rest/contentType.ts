/**
 * Since 2024-02-22 08:00 UTC MEXC refuses a request whose `Content-Type` is not
 * application/json with HTTP 400 `{"code":700013,"msg":"Invalid content Type."}` (docs/mexc/undocumented.md#requests-and-answers item 11.1):
 * MEXC's announcement (support article 17827791513387, quoted in hummingbot/hummingbot#6871);
 * a PUT keepalive and a DELETE without the header refused (ccxt/ccxt#21345 + PR #21367, #21505 +
 * PR #21511); a GET labelled application/x-www-form-urlencoded refused with HTTP 400
 * (hummingbot/hummingbot#6875, fixed by #6868); the official TS SDK labels every request
 * application/json; the official Java demo sends `application/json; charset=utf-8` (OkHttp) with
 * a form-style body, which MEXC accepts.
 *
 * Modelled: POST, PUT and DELETE must carry the media type application/json (case-insensitive,
 * parameters such as `; charset=utf-8` allowed), with or without a body; a GET may carry no
 * Content-Type (ccxt sends none and no refusal was reported) but one that is present must be
 * application/json. Behaviour switch: `contentType`.
 */
import { REST_CONTENT_TYPE } from "@mexc-live/protocol/limits";
import type { FastifyRequest } from "fastify";
import { restErrors } from "../errors.js";

const WRITES = new Set(["POST", "PUT", "DELETE"]);

/** Throws MEXC's 700013 for a request not labelled the way MEXC accepts. */
export function checkContentType(request: FastifyRequest): void {
  const header = request.headers["content-type"];
  if (header === undefined && !WRITES.has(request.method)) return;
  const mediaType = (header ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType === REST_CONTENT_TYPE) return;
  throw restErrors.invalidContentType();
}
