/**
 * Optional recording of the user stream's frames (protobuf bytes as received, before decoding,
 * malformed ones included), to look at later: `mexc-live frames` prints them and
 * `mexc-live decode --hex` decodes them. Retention deletes them after a week by default.
 */

import { StoreError } from "../errors.js";
import { type Db, openDatabaseReadOnly } from "./database.js";
import { MIGRATIONS } from "./migrations.js";
import { queryTime, timeField } from "./validate.js";

/** The first schema version whose raw_frames holds frames (migration 2); before, it held JSON events. */
const FRAMES_SCHEMA_VERSION = 2;

export interface RawFrame {
  readonly receivedAt: number;
  /** The channel the frame names, or null when it does not say (e.g. a malformed frame). */
  readonly channel: string | null;
  readonly bytes: Uint8Array;
}

export interface RawFramesQuery {
  /** ms, inclusive */
  readonly from?: number;
  /** ms, inclusive */
  readonly to?: number;
}

/** Frames read per statement while iterating. */
const FRAME_CHUNK = 500;

export class RawFrames {
  private readonly put;
  private readonly read;

  constructor(db: Db) {
    this.put = db.prepare("INSERT INTO raw_frames (received_at, channel, bytes) VALUES (?, ?, ?)");
    this.read = db.prepare<
      { afterTime: number; afterId: number; to: number; limit: number },
      { id: number; received_at: number; channel: string | null; bytes: Buffer }
    >(`
      SELECT id, received_at, channel, bytes FROM raw_frames
      WHERE (received_at, id) > (@afterTime, @afterId) AND received_at <= @to
      ORDER BY received_at, id LIMIT @limit`);
  }

  record(bytes: Uint8Array, receivedAt: number, channel: string | null = null): void {
    this.put.run(
      timeField(receivedAt, "receivedAt"),
      channel,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
  }

  /** In the order received, read in chunks; the query is checked now. */
  scan(query: RawFramesQuery = {}): Generator<RawFrame> {
    const from = queryTime(query.from, "from") ?? 0;
    const to = queryTime(query.to, "to") ?? Number.MAX_SAFE_INTEGER;
    return this.chunks(from, to);
  }

  private *chunks(from: number, to: number): Generator<RawFrame> {
    // (received_at, id) > (from - 1, max): every frame received at or after `from`.
    let afterTime = from - 1;
    let afterId = Number.MAX_SAFE_INTEGER;
    for (;;) {
      const rows = this.read.all({ afterTime, afterId, to, limit: FRAME_CHUNK });
      for (const row of rows)
        yield { receivedAt: row.received_at, channel: row.channel, bytes: new Uint8Array(row.bytes) };
      const last = rows[rows.length - 1];
      if (rows.length < FRAME_CHUNK || !last) return;
      afterTime = last.received_at;
      afterId = last.id;
    }
  }
}

/** Recorded frames read from a file opened read-only. */
export interface RawFramesReader {
  /** In the order received, read in chunks; the query is checked now (StoreError BAD_QUERY). */
  scan(query?: RawFramesQuery): Generator<RawFrame>;
  close(): void;
}

/**
 * Opens a database file only to read its frames (`mexc-live frames`): read-only, never migrated,
 * so the file stays as it was, and a read-only copy reads too. Throws StoreError SCHEMA_TOO_OLD
 * for a file no gateway of this version has opened yet, SCHEMA_TOO_NEW for one a newer gateway
 * wrote; SQLite's error for a file that is no database.
 */
export function openRawFramesReader(path: string): RawFramesReader {
  const { db, version } = openDatabaseReadOnly(path);
  const wrongSchema = schemaProblem(path, version);
  if (wrongSchema !== undefined) {
    db.close();
    throw wrongSchema;
  }
  const frames = new RawFrames(db);
  return {
    scan: (query) => frames.scan(query),
    close: () => db.close(),
  };
}

function schemaProblem(path: string, version: number): StoreError | undefined {
  if (version === 0) return new StoreError("SCHEMA_TOO_OLD", `${path} holds no mexc-live data (schema version 0)`);
  if (version < FRAMES_SCHEMA_VERSION) {
    return new StoreError(
      "SCHEMA_TOO_OLD",
      `${path} was written by an older mexc-live (schema ${version}, frames need ${FRAMES_SCHEMA_VERSION}); start the gateway once to upgrade it`,
    );
  }
  if (version > MIGRATIONS.length) {
    return new StoreError(
      "SCHEMA_TOO_NEW",
      `${path} was written by a newer mexc-live (schema ${version}, this one reads up to ${MIGRATIONS.length})`,
    );
  }
  return undefined;
}
