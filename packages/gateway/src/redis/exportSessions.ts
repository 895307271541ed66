/**
 * The collector's open exports for web instances (redisHistoryWire.ts: the tax export's taxRows /
 * taxNext / taxDone, the files for other tools' toolExport / toolNext / toolDone): one walk per
 * session, read a chunk at a time only when the web instance asks for it, so what a session holds
 * is its walk and at most one chunk (`maxWeight` of rows or text), whatever the history's length.
 * The walk is read in slices of the event loop (figures/sliceBudget.ts), for TAX_CHUNK_MAX_MS a
 * chunk at most. A session is dropped (its walk closed) after its last chunk, on its done, when no
 * next came for TAX_SESSION_IDLE_MS, or when the collector closes. Only the instance that opened a
 * session may read or end it.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { HttpError } from "../errors.js";
import { nextTurn, SLICE_MS } from "../figures/sliceBudget.js";
import { type SessionChunk, TAX_CHUNK_MAX_MS, TAX_SESSION_IDLE_MS } from "./redisHistoryWire.js";

/** Too many sessions open on the collector: the web instance answers 409 EXPORT_RUNNING. */
export class ExportSessionsBusyError extends Error {}

/** A walk: a step per row read, the row or null when it gives none. */
export type Steps<T> = Iterator<T | null> | AsyncIterator<T | null>;

interface Session<T> {
  readonly replyTo: string;
  /**
   * The walk, once the queries gave it: they may first wait for the figures by asset to be built
   * (a million fills: tens of seconds), longer than a web instance waits for an answer, so a chunk
   * sends what its time made, no row at all while the walk is not there yet.
   */
  steps: Steps<T> | undefined;
  readonly walk: Promise<Steps<T>>;
  /** A chunk is being read: a second ask for one meanwhile is refused. */
  busy: boolean;
  timer: NodeJS.Timeout | undefined;
}

export interface ExportSessions<T> {
  /** Opens a session on the walk `start` gives (not called when too many are open), and reads its first chunk. */
  open(start: () => Steps<T> | Promise<Steps<T>>, replyTo: string): Promise<SessionChunk<T>>;
  next(session: string, replyTo: string): Promise<SessionChunk<T>>;
  done(session: string, replyTo: string): void;
  /**
   * Sessions open; the weight of the rows read from their walks and not yet handed on, now and at
   * most so far (a chunk per session at most).
   */
  stats(): { readonly sessions: number; readonly held: number; readonly peakHeld: number };
  close(): void;
}

export interface ExportSessionLimits<T> {
  /** What is exported, as the messages name it ("tax export"). */
  readonly what: string;
  /** A row's weight (1 a tax row, a line's characters) and a chunk's most, after which it is sent. */
  readonly weight: (row: T) => number;
  readonly maxWeight: number;
  /** Sessions open at once at most. */
  readonly maxSessions: number;
}

export interface ExportSessionTimes {
  /** Default TAX_SESSION_IDLE_MS. */
  readonly idleMs?: number;
  /** Default TAX_CHUNK_MAX_MS. */
  readonly chunkMs?: number;
}

/** A session on the walk `start` gives, its steps kept once they are there. */
function newSession<T>(start: () => Steps<T> | Promise<Steps<T>>, replyTo: string): Session<T> {
  const walk = Promise.resolve()
    .then(start)
    .then((steps) => {
      session.steps = steps;
      return steps;
    });
  const session: Session<T> = { replyTo, steps: undefined, walk, busy: false, timer: undefined };
  // Its refusal (a bad year, a closed store) reaches the chunk waiting for it; none left unheard.
  walk.catch(() => {});
  return session;
}

/** The session's walk if the queries give it within `ms` (their refusal is thrown); undefined meanwhile. */
async function walkWithin<T>(session: Session<T>, ms: number): Promise<Steps<T> | undefined> {
  return Promise.race([session.walk, sleep(ms, undefined, { ref: false })]);
}

export function exportSessions<T>(limits: ExportSessionLimits<T>, times: ExportSessionTimes = {}): ExportSessions<T> {
  const { what, weight, maxWeight, maxSessions } = limits;
  const { idleMs = TAX_SESSION_IDLE_MS, chunkMs = TAX_CHUNK_MAX_MS } = times;
  const sessions = new Map<string, Session<T>>();
  let held = 0;
  let peakHeld = 0;

  const drop = (id: string) => {
    const session = sessions.get(id);
    if (session === undefined) return;
    sessions.delete(id);
    clearTimeout(session.timer);
    // A walk still being made is closed once it is there.
    session.walk.then((steps) => steps.return?.()).catch(() => {});
  };

  const owned = (id: string, replyTo: string): Session<T> => {
    const session = sessions.get(id);
    if (session === undefined || session.replyTo !== replyTo) {
      throw new HttpError("BAD_REQUEST", `session: no such ${what} (ended, or idle too long)`);
    }
    return session;
  };

  /** The session's next chunk; the session is dropped after its last one, kept (idle timer set) otherwise. */
  const chunk = async (id: string, session: Session<T>): Promise<SessionChunk<T>> => {
    if (session.busy) throw new HttpError("BAD_REQUEST", "session: its previous chunk is still being read");
    session.busy = true;
    clearTimeout(session.timer);
    const read: ChunkRead<T> = { rows: [], weight: 0, more: true };
    try {
      const steps = session.steps ?? (await walkWithin(session, chunkMs));
      if (steps !== undefined) {
        await readChunk(steps, read, { weight, maxWeight, chunkMs }, (rowWeight) => {
          held += rowWeight;
          peakHeld = Math.max(peakHeld, held);
        });
      }
      if (!sessions.has(id)) throw new HttpError("BAD_REQUEST", `session: the ${what} was ended`);
      if (!read.more) drop(id);
      else session.timer = setTimeout(() => drop(id), idleMs);
      return { session: id, rows: read.rows, more: read.more };
    } catch (error) {
      drop(id);
      throw error;
    } finally {
      session.busy = false;
      held -= read.weight;
    }
  };

  return {
    async open(start, replyTo) {
      if (sessions.size >= maxSessions) {
        throw new ExportSessionsBusyError(`${what}: ${maxSessions} already running on the collector`);
      }
      const id = randomUUID();
      const session = newSession(start, replyTo);
      sessions.set(id, session);
      return chunk(id, session);
    },
    next: (id, replyTo) => chunk(id, owned(id, replyTo)),
    done(id, replyTo) {
      owned(id, replyTo);
      drop(id);
    },
    stats: () => ({ sessions: sessions.size, held, peakHeld }),
    close() {
      for (const id of [...sessions.keys()]) drop(id);
    },
  };
}

/** A chunk being read: its rows, their weight, and whether the walk has more. */
interface ChunkRead<T> {
  readonly rows: T[];
  weight: number;
  more: boolean;
}

/**
 * Reads the walk into `read` until its weight reaches `maxWeight`, `chunkMs` has passed, or the
 * walk ends (`more` false), in slices of the event loop; `took` is told each row's weight.
 */
async function readChunk<T>(
  steps: Steps<T>,
  read: ChunkRead<T>,
  limits: { readonly weight: (row: T) => number; readonly maxWeight: number; readonly chunkMs: number },
  took: (rowWeight: number) => void,
): Promise<void> {
  const chunkStart = performance.now();
  let sliceStart = chunkStart;
  while (read.weight < limits.maxWeight) {
    const step = steps.next();
    const result = step instanceof Promise ? await step : step;
    if (result.done === true) {
      read.more = false;
      return;
    }
    if (result.value !== null) {
      read.rows.push(result.value);
      const rowWeight = limits.weight(result.value);
      read.weight += rowWeight;
      took(rowWeight);
    }
    const now = performance.now();
    if (now - chunkStart >= limits.chunkMs) return;
    if (now - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/** The walk of rows read lazily (an iterable, sync or async), as steps. */
export function stepsOf<T>(rows: Iterable<T | null> | AsyncIterable<T | null>): Steps<T> {
  return Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
}
