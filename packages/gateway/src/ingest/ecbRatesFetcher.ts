/**
 * The ECB's history of euro reference rates, fetched once a day in live mode when the user turns
 * it on (`--fetch-ecb-rates`, docs/configuration.md), and imported into the rates every account
 * shares (imports/importRates.ts): the tax report's currencies keep up without a hand import.
 * Never on in demo mode or in tests (they start a stand-in server on 127.0.0.1 and name it with
 * `ecbRatesUrl`).
 *
 * One GET of ECB_RATES_URL (config/defaults.ts; the zip, or a CSV a mirror serves), on a
 * connection of its own closed after it, with:
 *   - a deadline over the whole exchange (connect, answer, body): ECB_FETCH_DEADLINE_MS, a timer
 *     this code holds and clears (AbortSignal.timeout's can be collected before it fires, Node 20);
 *   - an answer of at most ECB_FETCH_MAX_BYTES, refused beyond (by its Content-Length, or as it
 *     arrives);
 *   - a failure named with the host and its cause in our words, in the log and in health
 *     (`rates.fetch.failure`), then another try ECB_FETCH_RETRY_MS later.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { ExchangeRatesHealth } from "@mexc-live/contract";
import { DAY_MS, HOUR_MS, SECOND_MS } from "@mexc-live/protocol";
import { ImportError, ImportStopped } from "../errors.js";
import type { Logger } from "../logging.js";
import type { ExchangeRateStore } from "../store/exchangeRates.js";
import { MAX_RATES_FILE_BYTES } from "./imports/ecbRatesFile.js";
import { importRates, importText } from "./imports/importRates.js";

/** Between two fetches: the ECB publishes once a working day, around 16:00 CET. */
const ECB_FETCH_EVERY_MS = DAY_MS;
/** After a failed fetch, the next try. */
const ECB_FETCH_RETRY_MS = HOUR_MS;
/** The whole exchange, at most: the zip is 630 KB (2026-04); a minute is ample on a slow line. */
const ECB_FETCH_DEADLINE_MS = 60 * SECOND_MS;
/** The answer's bytes, at most: the file's own bound (the zip is a third of the CSV). */
const ECB_FETCH_MAX_BYTES = MAX_RATES_FILE_BYTES;

export interface EcbRatesFetcherOptions {
  readonly url: string;
  readonly rates: ExchangeRateStore;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Tests shorten these. */
  readonly everyMs?: number;
  readonly retryMs?: number;
  readonly deadlineMs?: number;
  readonly maxBytes?: number;
}

export interface EcbRatesFetcher {
  /** The fetch's state for health. */
  health(): NonNullable<ExchangeRatesHealth["fetch"]>;
  /** Fetches now (the first fetch starts at once); resolves when it has ended, however it ended. */
  fetchNow(): Promise<void>;
  stop(): Promise<void>;
}

/** A failure in our words: never a remote body or an exception's text. */
class FetchFailure extends Error {}

export function startEcbRatesFetcher(options: EcbRatesFetcherOptions): EcbRatesFetcher {
  const { url, rates, logger } = options;
  const now = options.now ?? Date.now;
  const host = new URL(url).host;
  const stopping = new AbortController();
  let lastOkAt: number | null = null;
  let failure: { host: string; cause: string; at: number } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => void fetchNow(), ms);
    timer.unref();
  };

  const once = async (): Promise<void> => {
    const started = now();
    try {
      const body = await download(url, {
        deadlineMs: options.deadlineMs ?? ECB_FETCH_DEADLINE_MS,
        maxBytes: options.maxBytes ?? ECB_FETCH_MAX_BYTES,
        signal: stopping.signal,
      });
      const result = await importRates(rates, await importText(body), { signal: stopping.signal });
      lastOkAt = now();
      failure = null;
      logger.info({ host, ...result, ms: lastOkAt - started }, "ECB reference rates fetched");
      schedule(options.everyMs ?? ECB_FETCH_EVERY_MS);
    } catch (error) {
      if (stopping.signal.aborted || error instanceof ImportStopped) return;
      const cause =
        error instanceof FetchFailure
          ? error.message
          : error instanceof ImportError
            ? `the file cannot be read: ${error.message}`
            : "no connection";
      failure = { host, cause, at: now() };
      logger.warn({ host, cause }, "ECB reference rates not fetched; trying again later");
      schedule(options.retryMs ?? ECB_FETCH_RETRY_MS);
    }
  };

  const fetchNow = (): Promise<void> => {
    running ??= once().finally(() => {
      running = undefined;
    });
    return running;
  };

  void fetchNow();
  return {
    health: () => ({ lastOkAt, failure }),
    fetchNow,
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}

/** The answer's body: a 200 of at most maxBytes within deadlineMs, else a FetchFailure saying why. */
function download(
  url: string,
  options: { readonly deadlineMs: number; readonly maxBytes: number; readonly signal: AbortSignal },
): Promise<Buffer> {
  const parsed = new URL(url);
  const send = parsed.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((done, fail) => {
    let settled = false;
    const finish = (error: Error | undefined, body?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      options.signal.removeEventListener("abort", onAbort);
      outgoing.destroy();
      if (error === undefined) done(body as Buffer);
      else fail(error);
    };
    const deadline = setTimeout(
      () => finish(new FetchFailure(`no answer within ${options.deadlineMs / SECOND_MS} s`)),
      options.deadlineMs,
    );
    const onAbort = () => finish(new FetchFailure("stopped"));
    options.signal.addEventListener("abort", onAbort);
    // One connection, closed after the answer: nothing idle outlives the fetch.
    const outgoing = send(parsed, { method: "GET", agent: false }, (answer) => {
      if (answer.statusCode !== 200) {
        finish(new FetchFailure(`HTTP ${answer.statusCode ?? 0}`));
        return;
      }
      const declared = Number(answer.headers["content-length"] ?? Number.NaN);
      if (declared > options.maxBytes) {
        finish(new FetchFailure(`the answer is ${declared} bytes, more than the ${options.maxBytes} read`));
        return;
      }
      readBody(answer, options.maxBytes).then(
        (body) => finish(undefined, body),
        (error: Error) => finish(error),
      );
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => finish(new FetchFailure(connectionCause(error))));
    outgoing.end();
  });
}

function readBody(answer: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    answer.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        answer.destroy();
        fail(new FetchFailure(`the answer is more than the ${maxBytes} bytes read`));
        return;
      }
      chunks.push(chunk);
    });
    answer.on("end", () => done(Buffer.concat(chunks)));
    answer.on("error", () => fail(new FetchFailure("the connection broke during the answer")));
  });
}

/** A connection error in words. */
function connectionCause(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ECONNRESET":
      return "connection reset";
    case "ETIMEDOUT":
      return "connection timed out";
    default:
      return error.code === undefined ? "no connection" : `no connection (${error.code})`;
  }
}
