/**
 * Query parameters of the API, validated with zod. A bad one answers 400 with a message that
 * starts with the parameter's name (`limit: must be an integer from 1 to 1000`); a parameter the
 * route does not know is refused too, so a typo (`symbl=`) does not silently return everything.
 */

import { text } from "@mexc-live/contract/api";
import type { z } from "zod";
import { HttpError } from "../errors.js";

// Every read's and export's parameters are declared once with the API table (contract
// api/params.ts); the gateway's own routes' (the stream's topics, an opening cost's asset) here.
export { params } from "@mexc-live/contract/api";

/** A comma-separated list, such as `balances,fills,market.BTCUSDT.ticker`. */
export const listParam = text().transform((value) => value.split(",").filter((item) => item !== ""));

/** Parses a route's query or throws a BAD_REQUEST that names the parameter. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  // `account` (accountScope.ts) is every route's parameter, read apart.
  const { account: _account, ...own } = (query ?? {}) as Record<string, unknown>;
  const result = schema.safeParse(own);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new HttpError("BAD_REQUEST", "query: invalid");
  if (issue.code === "unrecognized_keys") {
    throw new HttpError("BAD_REQUEST", `${issue.keys[0]}: not a parameter of this route`);
  }
  const name = issue.path[0] === undefined ? "query" : String(issue.path[0]);
  throw new HttpError("BAD_REQUEST", `${name}: ${issue.message}`);
}
