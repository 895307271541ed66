/**
 * The files other tools import (docs/exports.md; exports/exportFile.ts), one route each (contract
 * EXPORTS): rotki's trades and events, Koinly's universal CSV, CoinTracking's CSV, Ghostfolio's
 * activities JSON, of the account's whole history oldest first (`from`/`to` narrow it). Served as
 * every export is: one export per account at a time (exportSlots.ts), taken once the query is
 * checked; the text made in slices as the client reads (exportStream.ts); ids masked under
 * --mask. A file is one account's (a tool imports it into one wallet or exchange): the named
 * one, or the default account's when none is named; with several accounts the file's name says
 * whose. The pairs whose fills the file cannot hold (not in MEXC's symbol list: their assets are
 * unknown) are named in UNKNOWN_SYMBOLS_HEADER before the first row.
 */
import { ACCOUNT_PARAM } from "@mexc-live/contract";
import type { ExportQuery } from "@mexc-live/contract/api";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ExportFormatName } from "../../exports/exportFile.js";
import type { AppDeps } from "../deps.js";
import type { GatewayQueries } from "../queries/gatewayQueries.js";
import { takeExportSlot } from "./exportSlots.js";
import { csvStream, sendDownload } from "./exportStream.js";

/** Response header naming the pairs whose fills are not in the file (comma-separated). */
export const UNKNOWN_SYMBOLS_HEADER = "X-MexcLive-Unknown-Symbols";

/**
 * Pairs the header names at most, then "+N more": MEXC lists about 2,500 pairs, and a header
 * over a few KB is cut or refused by proxies (nginx's proxy_buffer_size, 4-8 KB by default);
 * 20 symbols of up to ~20 characters stay under 500 bytes.
 */
export const MAX_UNKNOWN_SYMBOLS_NAMED = 20;

export async function sendToolExport(
  name: ExportFormatName,
  query: ExportQuery<ExportFormatName>,
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  queries: GatewayQueries,
): Promise<FastifyReply> {
  takeExportSlot(deps, request, reply);
  const file = await queries.toolExport(name, query);
  const unknown = file.unknownSymbols;
  if (unknown.length > 0) reply.header(UNKNOWN_SYMBOLS_HEADER, symbolsNamed(unknown));
  const account = accountOfFile(deps, request);
  const filename = account === undefined ? file.filename : file.filename.replace("mexc-live-", `mexc-live-${account}-`);
  return sendDownload(reply, filename, file.contentType, csvStream(file.head, file.steps));
}

/** "AUSDT,BUSDT", the first MAX_UNKNOWN_SYMBOLS_NAMED, then "+N more"; each as a URL encodes it. */
function symbolsNamed(symbols: readonly string[]): string {
  const named = symbols.slice(0, MAX_UNKNOWN_SYMBOLS_NAMED).map(encodeURIComponent);
  const more = symbols.length - named.length;
  return more > 0 ? `${named.join(",")},+${more} more` : named.join(",");
}

/** Whose file it is, for its name, where the gateway has several accounts (its ?account=, already checked). */
function accountOfFile(deps: AppDeps, request: FastifyRequest): string | undefined {
  const { accounts } = deps;
  if (accounts === undefined || accounts.all().length < 2) return undefined;
  const given = (request.query as Record<string, unknown> | undefined)?.[ACCOUNT_PARAM];
  return accounts.pick(typeof given === "string" ? given : undefined).name;
}
