/**
 * The log the alerts write to: pino's call shape (the fields, then the message), so the gateway
 * hands over its own logger, and its scrubber, unchanged.
 */
export interface AlertLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
