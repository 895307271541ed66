/**
 * The API's routes that are neither a read of the table nor an export (api/reads.ts): the
 * gateway's own (health, accounts), the login, the alerts' rules and deliveries, and the writes.
 * A `:name` segment is a value the caller fills in (the dashboard's client: apiPath of web
 * api/http.ts). With READS and EXPORTS, every path of the API is here, and no other file of the
 * dashboard writes one.
 */
export const API_PATHS = {
  health: "/api/health",
  accounts: "/api/accounts",
  login: "/api/login",
  logout: "/api/logout",
  /** POST a file MEXC's website exported, or the ECB's rates (`?name=FILE`): ImportAnswer (history.ts). */
  import: "/api/import",
  /** PUT `{"costPrice": "123.45"}` (null forgets it): what an asset held before the history cost. */
  openingCost: "/api/opening-positions/:asset",
  alertRules: "/api/alerts/rules",
  alertRule: "/api/alerts/rules/:id",
  alertTest: "/api/alerts/rules/:id/test",
  alertDeliveries: "/api/alerts/deliveries",
} as const;

export type ApiPathName = keyof typeof API_PATHS;
