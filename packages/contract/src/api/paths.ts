/**
 * The API's routes that are neither a read of the table nor an export (api/reads.ts): the login
 * and the writes (the alert rules' on the path of their read, READS.alertRules).
 * A `:name` segment is a value the caller fills in (the dashboard's client: apiPath of web
 * api/http.ts). With READS and EXPORTS, every path of the API is here, and no other file of the
 * dashboard writes one.
 */
export const API_PATHS = {
  login: "/api/login",
  logout: "/api/logout",
  /** POST a file MEXC's website exported, or the ECB's rates (`?name=FILE`): ImportAnswer (history.ts). */
  import: "/api/import",
  /** PUT `{"costPrice": "123.45"}` (null forgets it): what an asset held before the history cost. */
  openingCost: "/api/opening-positions/:asset",
  /** POST a rule `{on, to, conditions?}` (its list: the read alertRules, the same path). */
  addAlertRule: "/api/alerts/rules",
  alertRule: "/api/alerts/rules/:id",
  alertTest: "/api/alerts/rules/:id/test",
} as const;

export type ApiPathName = keyof typeof API_PATHS;
