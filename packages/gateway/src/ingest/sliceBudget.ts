/**
 * How long one slice of history work (a figures rebuild, a portfolio recompute, the estimated
 * equity history, an import) may hold the event loop before it yields (setImmediate).
 *
 * The gateway promises no stall over 50 ms while such work runs (issue 31). A turn of the event
 * loop can hold more than one slice: a REST answer stored (a backfill window: ~10 ms for 400
 * fills), a slice of the rebuild and a slice of the import in the same turn, and a young-generation
 * collection on top (10-20 ms measured during an import into a million fills, bench:store). At
 * 20-25 ms a slice, those added up to 45-70 ms; at 10 ms they stay under 40 ms, and the turns
 * given back cost little (a setImmediate is microseconds; bench:store's wall times did not move).
 */
export const SLICE_MS = 10;
