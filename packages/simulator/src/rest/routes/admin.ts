/**
 * Admin routes under /_sim/ (issue 3 item 9). UNSIGNED and unauthenticated: for local test
 * use only. They exist only when the simulator runs with `admin: true` (the CLI's default,
 * off with --no-admin), and the simulator binds 127.0.0.1 only.
 *
 * - GET  /_sim/ledger?account=demo  every balance, order and trade of the account since start
 * - GET  /_sim/faults               the active fault spec and the counts injected so far
 * - POST /_sim/faults {"spec":"drop=0.05,..."}   replace the faults ("" clears them)
 * - POST /_sim/trader {"running":true|false}     start or stop the demo trader
 * - POST /_sim/stopOrder {"symbol","side","quantity","price","triggerPrice","account"?}
 *                                                  a stop-limit order, as MEXC's web places it
 * - POST /_sim/ocoOrder {"symbol","side","quantity","price","triggerPrice","stopLimitPrice","account"?}
 *                                                  an OCO pair (limit leg + stop-limit leg)
 * MEXC's Spot V3 API cannot place stop-limit or OCO orders (§4.1); traders place them in the web
 * and app, and their pushes reach the API's user stream (§11.8). These two routes stand in for the
 * web (engine/stopOrders.ts); the behaviour `stopOrders` off removes them.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { DEMO_ACCOUNT } from "../../accounts.js";
import { adminErrors } from "../../errors.js";
import type { RestDeps } from "../context.js";
import { ledgerOrderJson, ledgerTradeJson } from "../format.js";

export function registerAdminRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange, faults, market } = deps;

  app.get("/_sim/ledger", async (request) => {
    const account = request.mexc.params.optional("account") ?? DEMO_ACCOUNT;
    if (!exchange.hasAccount(account)) throw adminErrors.unknownAccount(account);
    const ledger = exchange.ledger(account);
    return {
      balances: ledger.balances.map(({ asset, free, locked }) => ({ asset, free, locked })),
      orders: ledger.orders.map(ledgerOrderJson),
      trades: ledger.trades.map(ledgerTradeJson),
    };
  });

  const faultState = () => ({ spec: faults.spec(), injected: faults.injected() });

  app.get("/_sim/faults", async () => faultState());

  app.post("/_sim/faults", async (request) => {
    const spec = jsonField(request, "spec", "string");
    try {
      faults.set(spec);
    } catch (error) {
      throw adminErrors.badRequest((error as Error).message);
    }
    return faultState();
  });

  app.post("/_sim/trader", async (request) => {
    market.setDemoTraderRunning(jsonField(request, "running", "boolean"));
    return { running: market.demoTraderRunning() };
  });

  if (!deps.behaviours.stopOrders) return;
  const web = (request: FastifyRequest) => {
    const account = optionalString(request, "account") ?? DEMO_ACCOUNT;
    if (!exchange.hasAccount(account)) throw adminErrors.unknownAccount(account);
    const side = jsonField(request, "side", "string");
    if (side !== "BUY" && side !== "SELL") throw adminErrors.badRequest('"side" must be "BUY" or "SELL"');
    return {
      account,
      symbol: jsonField(request, "symbol", "string"),
      side: side as "BUY" | "SELL",
      quantity: jsonField(request, "quantity", "string"),
      price: jsonField(request, "price", "string"),
      triggerPrice: jsonField(request, "triggerPrice", "string"),
    };
  };

  app.post("/_sim/stopOrder", async (request) => ledgerOrderJson(exchange.placeStopOrder(web(request))));

  app.post("/_sim/ocoOrder", async (request) =>
    exchange
      .placeOcoOrder({ ...web(request), stopLimitPrice: jsonField(request, "stopLimitPrice", "string") })
      .map(ledgerOrderJson),
  );
}

function optionalString(request: FastifyRequest, name: string): string | undefined {
  try {
    const body = JSON.parse(typeof request.body === "string" && request.body !== "" ? request.body : "{}");
    const value = typeof body === "object" && body !== null ? body[name] : undefined;
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A field of the JSON object body; 400 naming the field when it is missing or mistyped. */
function jsonField<T extends "string" | "boolean">(
  request: FastifyRequest,
  name: string,
  type: T,
): T extends "string" ? string : boolean {
  let body: unknown;
  try {
    body = JSON.parse(typeof request.body === "string" && request.body !== "" ? request.body : "{}");
  } catch {
    throw adminErrors.badRequest("the body must be a JSON object");
  }
  const value = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== type) throw adminErrors.badRequest(`"${name}" must be a ${type}`);
  return value as T extends "string" ? string : boolean;
}
