/**
 * How every export (fills, tax, ledger, transfers, the files for other tools) leaves the gateway
 * (issue 37 item 2): its lines are made in slices of the event loop and written to the reply as a
 * stream with back-pressure, so neither the loop nor the memory grows with the number of rows.
 *
 * A slice makes at most EXPORT_ROWS_PER_SLICE steps, EXPORT_SLICE_BYTES of text or SLICE_MS of
 * time (the first bound reached), then yields with nextTurn (figures/sliceBudget.ts, the project's
 * one way to share the loop). A step is one row read from the store; it may write a line or none
 * (the tax report walks every fill before the year to know the cost of what the year sold, and
 * writes only the year's sells). The reply's buffer holds at most EXPORT_BUFFER_BYTES: when the
 * client reads slower than the gateway makes lines, making stops until it has read them (the
 * socket's `drain`, through the stream's `read`). So a client that stops reading holds at most
 * EXPORT_BUFFER_BYTES + EXPORT_SLICE_BYTES (+ the socket's own buffer) in the gateway.
 */
import { Readable } from "node:stream";
import { type CsvColumn, csvLine } from "@mexc-live/contract";
import type { FastifyReply } from "fastify";
import { CSV_TYPE } from "../../exports/exportFormat.js";
import { nextTurn, SLICE_MS } from "../../figures/sliceBudget.js";

/**
 * Steps (rows read) per slice at most. A fills row read and written is ~3 µs, a tax step ~10 µs:
 * 500 keeps a slice near SLICE_MS on a loaded machine; the time bound stops it earlier.
 */
export const EXPORT_ROWS_PER_SLICE = 500;

/** Text made per slice at most (64 KiB: ~300 fills lines), so one slice never outgrows the buffer. */
export const EXPORT_SLICE_BYTES = 64 * 1024;

/**
 * The reply's buffer (the stream's highWaterMark): lines wait here for the socket. 64 KiB,
 * about what one socket write takes; more would only hold memory for a slow client.
 */
export const EXPORT_BUFFER_BYTES = 64 * 1024;

/** A source of lines: each step gives a line, or null when it read a row that writes none. */
export type CsvSteps = Iterator<string | null> | AsyncIterator<string | null>;

/** The stream of an export: `header`, then the lines of `steps`, made in slices as the client reads. */
export function csvStream(header: string, steps: CsvSteps, onSlice?: (steps: number) => void): Readable {
  /** Whether lines are being made (a slice runs, or waits for its turn). */
  let making = false;
  let done = false;
  let pending = header;
  const stream = new Readable({
    highWaterMark: EXPORT_BUFFER_BYTES,
    read() {
      if (making || done) return;
      making = true;
      makeLines().catch((error: unknown) => {
        making = false;
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    },
    destroy(error, callback) {
      // Ends the store's scan (its generator's finally) when the client went away midway.
      void Promise.resolve(steps.return?.())
        .catch(() => {})
        .finally(() => callback(error));
    },
  });

  /**
   * Makes slices until the buffer is full or the lines end. `making` is cleared in the same
   * turn as the push that filled the buffer, so the stream's next read() starts it again.
   */
  async function makeLines(): Promise<void> {
    // The header goes at once, before the first row is read: the reply's status and headers are
    // sent with it, so a source that fails later (a collector gone between pages) breaks the
    // download off instead of turning it into an error answer with no file.
    if (pending !== "") {
      const room = stream.push(pending);
      pending = "";
      if (!room) {
        making = false;
        return;
      }
    }
    for (;;) {
      const started = performance.now();
      let count = 0;
      let text = pending;
      pending = "";
      while (count < EXPORT_ROWS_PER_SLICE && text.length < EXPORT_SLICE_BYTES) {
        const step = steps.next();
        const result = step instanceof Promise ? await step : step;
        if (stream.destroyed) return;
        if (result.done === true) {
          done = true;
          break;
        }
        count++;
        if (result.value !== null) text += result.value;
        if ((count & 63) === 0 && performance.now() - started >= SLICE_MS) break;
      }
      onSlice?.(count);
      const room = text === "" || stream.push(text);
      if (done) {
        making = false;
        stream.push(null);
        return;
      }
      if (!room) {
        making = false;
        return;
      }
      await nextTurn();
      if (stream.destroyed) return;
    }
  }
  return stream;
}

/** Sends `stream` as the CSV download `filename`. */
export function sendCsv(reply: FastifyReply, filename: string, stream: Readable): FastifyReply {
  return sendDownload(reply, filename, CSV_TYPE, stream);
}

/** Sends `stream` as the download `filename` of `contentType` (a CSV, Ghostfolio's JSON). */
export function sendDownload(
  reply: FastifyReply,
  filename: string,
  contentType: string,
  stream: Readable,
): FastifyReply {
  reply
    .type(contentType)
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", "no-store");
  return reply.send(stream);
}

/** The lines of `rows` under `columns`, a step per row (the rows' reader closed with it). */
export function csvLines<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T> | AsyncIterable<T>): CsvSteps {
  return Symbol.asyncIterator in rows ? asyncLines(columns, rows) : syncLines(columns, rows);
}

function* syncLines<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): Generator<string> {
  for (const row of rows) yield csvLine(columns, row);
}

async function* asyncLines<T>(columns: readonly CsvColumn<T>[], rows: AsyncIterable<T>): AsyncGenerator<string> {
  for await (const row of rows) yield csvLine(columns, row);
}
