/**
 * Every error the dashboard raises itself, in one place. The gateway's HTTP errors arrive as
 * `{"error": CODE, "message": "..."}` (gateway errors.ts) and become an ApiError with that
 * status, code and message; the message names what was wrong and never holds the token. `body`
 * is the whole JSON answer, for errors that say more (an import's `problems`).
 */

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
    /** The gateway's error code ("BAD_REQUEST", "NOT_ON_WEB_INSTANCE"); undefined when the answer had none. */
    readonly code?: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}
