/**
 * The collector's open tax exports (redisHistoryWire.ts, taxRows / taxNext / taxDone): one walk
 * per session, read a chunk at a time only when the web instance asks for it, so what a session
 * holds is its walk and at most TAX_ROWS_PER_MESSAGE rows, whatever the year's row count. The walk
 * is read in slices of the event loop (figures/sliceBudget.ts), for TAX_CHUNK_MAX_MS a chunk at most. A session is dropped (its walk
 * closed) after its last chunk, on taxDone, when no taxNext came for TAX_SESSION_IDLE_MS, or when
 * the collector closes. Only the instance that opened a session may read or end it.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { HttpError } from "../errors.js";
import type { TaxRow } from "../figures/index.js";
import { nextTurn, SLICE_MS } from "../figures/sliceBudget.js";
import type { GatewayQueries } from "../http/queries/gatewayQueries.js";
import {
  type HistoryQuery,
  MAX_TAX_SESSIONS,
  TAX_CHUNK_MAX_MS,
  TAX_ROWS_PER_MESSAGE,
  TAX_SESSION_IDLE_MS,
  type TaxChunk,
} from "./redisHistoryWire.js";

/** Too many tax sessions open on the collector: the web instance answers 409 EXPORT_RUNNING. */
export class TaxSessionsBusyError extends Error {}

type Steps = Iterator<TaxRow | null> | AsyncIterator<TaxRow | null>;

interface Session {
  readonly replyTo: string;
  /**
   * The walk, once the queries gave it: they may first wait for the figures by asset to be built
   * (a million fills: tens of seconds), longer than a web instance waits for an answer, so a chunk
   * sends what its time made, no row at all while the walk is not there yet.
   */
  steps: Steps | undefined;
  readonly walk: Promise<Steps>;
  /** A chunk is being read: a second taxNext meanwhile is refused. */
  busy: boolean;
  timer: NodeJS.Timeout | undefined;
}

export interface TaxSessions {
  open(query: HistoryQuery<"taxRows">, replyTo: string): Promise<TaxChunk>;
  next(session: string, replyTo: string): Promise<TaxChunk>;
  done(session: string, replyTo: string): void;
  /**
   * Sessions open; rows read from their walks and not yet handed on, now and at most so far (a
   * chunk per session at most).
   */
  stats(): { readonly sessions: number; readonly rowsHeld: number; readonly peakRowsHeld: number };
  close(): void;
}

export interface TaxSessionTimes {
  /** Default TAX_SESSION_IDLE_MS. */
  readonly idleMs?: number;
  /** Default TAX_CHUNK_MAX_MS. */
  readonly chunkMs?: number;
}

/** The session's walk if the queries give it within `ms` (their refusal is thrown); undefined meanwhile. */
async function walkWithin(session: Session, ms: number): Promise<Steps | undefined> {
  return Promise.race([session.walk, sleep(ms, undefined, { ref: false })]);
}

export function taxSessions(queries: GatewayQueries, times: TaxSessionTimes = {}): TaxSessions {
  const { idleMs = TAX_SESSION_IDLE_MS, chunkMs = TAX_CHUNK_MAX_MS } = times;
  const sessions = new Map<string, Session>();
  let rowsHeld = 0;
  let peakRowsHeld = 0;

  const drop = (id: string) => {
    const session = sessions.get(id);
    if (session === undefined) return;
    sessions.delete(id);
    clearTimeout(session.timer);
    // A walk still being made is closed once it is there.
    session.walk.then((steps) => steps.return?.()).catch(() => {});
  };

  const owned = (id: string, replyTo: string): Session => {
    const session = sessions.get(id);
    if (session === undefined || session.replyTo !== replyTo) {
      throw new HttpError("BAD_REQUEST", "session: no such tax export (ended, or idle too long)");
    }
    return session;
  };

  /** The session's next chunk; the session is dropped after its last one, kept (idle timer set) otherwise. */
  const chunk = async (id: string, session: Session): Promise<TaxChunk> => {
    if (session.busy) throw new HttpError("BAD_REQUEST", "session: its previous chunk is still being read");
    session.busy = true;
    clearTimeout(session.timer);
    const rows: TaxRow[] = [];
    try {
      const chunkStart = performance.now();
      let sliceStart = chunkStart;
      let more = true;
      const steps = session.steps ?? (await walkWithin(session, chunkMs));
      while (steps !== undefined && rows.length < TAX_ROWS_PER_MESSAGE) {
        const step = steps.next();
        const result = step instanceof Promise ? await step : step;
        if (result.done === true) {
          more = false;
          break;
        }
        if (result.value !== null) {
          rows.push(result.value);
          rowsHeld++;
          peakRowsHeld = Math.max(peakRowsHeld, rowsHeld);
        }
        const now = performance.now();
        if (now - chunkStart >= chunkMs) break;
        if (now - sliceStart >= SLICE_MS) {
          await nextTurn();
          sliceStart = performance.now();
        }
      }
      if (!sessions.has(id)) throw new HttpError("BAD_REQUEST", "session: the tax export was ended");
      if (!more) drop(id);
      else session.timer = setTimeout(() => drop(id), idleMs);
      return { session: id, rows, more };
    } catch (error) {
      drop(id);
      throw error;
    } finally {
      session.busy = false;
      rowsHeld -= rows.length;
    }
  };

  return {
    async open(query, replyTo) {
      if (sessions.size >= MAX_TAX_SESSIONS) {
        throw new TaxSessionsBusyError(`tax export: ${MAX_TAX_SESSIONS} already running on the collector`);
      }
      const id = randomUUID();
      const walk = Promise.resolve(queries.taxRows(query)).then((rows): Steps => {
        const steps = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
        session.steps = steps;
        return steps;
      });
      const session: Session = { replyTo, steps: undefined, walk, busy: false, timer: undefined };
      // Its refusal (a bad year, a closed store) reaches the chunk waiting for it; none left unheard.
      walk.catch(() => {});
      sessions.set(id, session);
      return chunk(id, session);
    },
    next: (id, replyTo) => chunk(id, owned(id, replyTo)),
    done(id, replyTo) {
      owned(id, replyTo);
      drop(id);
    },
    stats: () => ({ sessions: sessions.size, rowsHeld, peakRowsHeld }),
    close() {
      for (const id of [...sessions.keys()]) drop(id);
    },
  };
}
