/** Shared by the paged routes: a cursor the store did not issue is the caller's mistake (400). */
import { HttpError, InvalidCursorError } from "../../errors.js";

export async function pageOrBadCursor<T>(query: () => T | Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new HttpError("BAD_REQUEST", "cursor: must be the nextCursor of a previous page");
    }
    throw error;
  }
}
