/** The logging the client accepts: any pino-compatible object (pino itself is not a dependency). */
export interface Logger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}
