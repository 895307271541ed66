/**
 * Every error the dashboard raises itself, in one place. The gateway's HTTP errors arrive as
 * `{"error": CODE, "message": "..."}` (gateway errors.ts) and become an ApiError with that
 * status and message; the message names what was wrong and never holds the token.
 */

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
