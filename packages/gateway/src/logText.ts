/**
 * Log lines for a person at a terminal: pino's JSON line (already scrubbed of secrets by the
 * logger, logging.ts) turned into one short line,
 *   14:02:31 INFO  user stream live  account=main
 *   14:02:33 WARN  MEXC is under maintenance  account=main retryInS=30
 * time (local, to the second), the level as a word, the message, then at most MAX_FIELDS of the
 * line's own fields as key=value (strings with spaces quoted, objects as compact JSON cut at
 * MAX_VALUE_CHARS, an error as its message). pino's bookkeeping (pid, hostname, name) is left out.
 * Written by hand: a pretty-printer is not among the project's dependencies, and this is all a
 * terminal needs. `mexc-live start` uses it on a TTY (or with --log-format text); JSON otherwise.
 */
import { parseJsonObject } from "@mexc-live/protocol";
import type { DestinationStream } from "pino";

/** pino's numeric levels and the word shown for each. */
const LEVEL_WORDS: Readonly<Record<number, string>> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};
/** Fields every pino line carries, or that the line's head already shows. */
const HIDDEN_FIELDS = new Set(["level", "time", "pid", "hostname", "name", "msg", "v"]);
/** A line shows this many fields at most; the rest are in the JSON format (--log-format json). */
const MAX_FIELDS = 5;
const MAX_VALUE_CHARS = 80;

/** One pino JSON line as a human line (with its newline); a line that is not JSON passes as it is. */
export function formatLogLine(line: string): string {
  const entry = parseJsonObject(line);
  if (entry === undefined) return ensureNewline(line);
  const time = typeof entry.time === "number" ? clock(entry.time) : "--:--:--";
  const level = typeof entry.level === "number" ? (LEVEL_WORDS[entry.level] ?? `L${entry.level}`) : "INFO";
  const message = typeof entry.msg === "string" ? entry.msg : "";
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HIDDEN_FIELDS.has(key) && value !== undefined)
    .slice(0, MAX_FIELDS)
    .map(([key, value]) => `${key}=${fieldText(value)}`);
  const head = `${time} ${level.padEnd(5)} ${oneLine(message)}`;
  return `${fields.length === 0 ? head : `${head}  ${fields.join(" ")}`}\n`;
}

/** A pino destination that writes human lines to `out` (a terminal). */
export function textDestination(out: { write(text: string): unknown }): DestinationStream {
  return { write: (line: string) => void out.write(formatLogLine(line)) };
}

function clock(ms: number): string {
  const at = new Date(ms);
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((part) => String(part).padStart(2, "0")).join(":");
}

function fieldText(value: unknown): string {
  if (typeof value === "string") return /[\s"=]/.test(value) || value === "" ? JSON.stringify(cut(value)) : cut(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (isErrorLike(value)) return JSON.stringify(cut(oneLine(value.message)));
  return cut(JSON.stringify(value) ?? String(value));
}

function isErrorLike(value: unknown): value is { message: string } {
  return typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string";
}

function cut(text: string): string {
  return text.length <= MAX_VALUE_CHARS ? text : `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

/** A message with a line break (a stack, a library's text) stays one line: the rest is in the JSON format. */
function oneLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text : `${text.slice(0, end)} …`;
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
