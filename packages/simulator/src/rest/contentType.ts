/**
 * Since 2024-02-22 MEXC refuses a write whose `Content-Type` is not application/json with
 * `{"code":700013,"msg":"Invalid content Type."}` (mexc-protocol.md §11.1): MEXC's announcement
 * (mexc.com/support/articles/17827791513387, quoted in hummingbot/hummingbot#6871), reports in
 * mexcdevelop/mexc-api-sdk#68 and ccxt/ccxt#21345 (a bodiless PUT keepalive refused; fixed in
 * ccxt#21367 by sending the header on PUT), and the official TS SDK, which always sends it.
 *
 * Modelled: POST, PUT and DELETE under /api/v3 must carry the media type application/json
 * (case-insensitive, parameters such as `; charset=utf-8` allowed), whether or not they have a
 * body; GET is not checked (no report of a GET refused). The HTTP status of these answers was not
 * captured: the error table's (400) [UNCONFIRMED]. Behaviour switch: `contentType`.
 */
import { errorCodeInfo, REST_CONTENT_TYPE } from "@mexc-live/protocol";
import type { FastifyRequest } from "fastify";
import { SimError } from "../types.js";

const CHECKED_METHODS = new Set(["POST", "PUT", "DELETE"]);
const INVALID_CONTENT_TYPE = 700013;

/** Throws MEXC's 700013 for a write not labelled application/json. */
export function checkContentType(request: FastifyRequest): void {
  if (!CHECKED_METHODS.has(request.method)) return;
  const header = request.headers["content-type"] ?? "";
  const mediaType = header.split(";")[0]!.trim().toLowerCase();
  if (mediaType === REST_CONTENT_TYPE) return;
  const info = errorCodeInfo(INVALID_CONTENT_TYPE)!;
  throw new SimError(info.code, info.message, info.httpStatus);
}
