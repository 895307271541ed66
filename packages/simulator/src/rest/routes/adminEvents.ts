/**
 * Admin routes that make MEXC's real-life events happen (issue 28; behaviours.ts), UNSIGNED and for
 * local test use only, like every /_sim/* route (admin.ts):
 *
 * - GET  /_sim/keys                 every API key: {account, apiKey, state "active"|"revoked"|"expired", createdAt, expiresAt}
 * - POST /_sim/keys {"account","action":"revoke"|"restore"|"expire"|"renew"|"near-expiry"}
 *                                   MEXC refuses a revoked or expired key with 700002 on every signed
 *                                   call and its listen keys die; "restore" makes it anew; "renew" adds
 *                                   90 days from 5 days before expiry (400 earlier); "near-expiry" ages
 *                                   it into that window (keyStates.ts)
 * - POST /_sim/announcements {"title"}  an announcement posted now (GET /api/v3/announcements, announcements.ts)
 * - GET  /_sim/maintenance          {active, until, refused}
 * - POST /_sim/maintenance {"seconds", "form"?: "code"|"message"}
 *                                   every REST call answered as under maintenance for that long (real
 *                                   seconds; 0 ends it), alternating 11444 and the `message` form (maintenance.ts)
 * - POST /_sim/internalTransfer {"asset","amount","direction":"in"|"out","counterparty"?,"account"?}
 *                                   a transfer to ("out") or from ("in") another MEXC user
 * - POST /_sim/convert {"assets":["FROP",...],"account"?}
 *                                   the whole free balance of each converted to MX (dust log)
 * - POST /_sim/delist {"symbol"}    the pair goes offline (GET /api/v3/symbol/offline)
 * - POST /_sim/editOrder {"symbol","orderId","price"?,"quantity"?,"account"?}
 *                                   an edit as MEXC's web does it: the order canceled, then a new
 *                                   one with a new id (docs/mexc/undocumented.md#orders item 11.19, ccxt/ccxt#23231)
 *                                   for what was left of it (origQty - executedQty) unless a quantity
 *                                   is given; checked first, so a refused edit leaves the order as it
 *                                   was (engine/orderFlow.ts `edit`); answers [canceled, new]
 *
 * `account` defaults to the demo account; an unknown one is a 404.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { DEMO_ACCOUNT } from "../../accounts.js";
import { adminErrors } from "../../errors.js";
import { KEY_ACTIONS, KeyRenewalRefused } from "../../keyStates.js";
import { MAINTENANCE_FORMS } from "../../maintenance.js";
import type { RestDeps } from "../context.js";
import { ledgerOrderJson, restTimeFor } from "../format.js";
import { JsonBody } from "../jsonBody.js";
import { conversionJson, internalTransferJson } from "../walletFormat.js";

/** The account an admin request names (default: the demo account); 404 when there is no such account. */
export function adminAccount(deps: Pick<RestDeps, "exchange">, named: string | undefined): string {
  const account = named ?? DEMO_ACCOUNT;
  if (!deps.exchange.hasAccount(account)) throw adminErrors.unknownAccount(account);
  return account;
}

/** An admin request's JSON body and the account it names (`account`, see adminAccount). */
export function adminRequest(deps: Pick<RestDeps, "exchange">, request: FastifyRequest): AdminRequest {
  const body = JsonBody.of(request);
  return { body, account: adminAccount(deps, body.optional("account", "string")) };
}

interface AdminRequest {
  readonly body: JsonBody;
  readonly account: string;
}

/** The asset and amount of a wallet move an admin route makes (deposit, withdrawal, transfers). */
export function assetAndAmount(body: JsonBody): { asset: string; amount: string } {
  return { asset: body.required("asset", "string"), amount: body.required("amount", "string") };
}

/** An announcement's title, as the admin route takes it: MEXC's are one line. */
const ANNOUNCEMENT_TITLE_MAX_CHARS = 300;

export function registerAdminEventRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange, keyStates, maintenance } = deps;
  const restTime = restTimeFor(deps.behaviours);
  app.get("/_sim/keys", async () => keyStates.list());

  app.post("/_sim/keys", async (request) => {
    const body = JsonBody.of(request);
    const account = body.required("account", "string");
    const action = body.oneOf("action", KEY_ACTIONS);
    try {
      return keyStates.apply(account, action);
    } catch (error) {
      if (error instanceof KeyRenewalRefused) throw adminErrors.badRequest(error.message);
      throw adminErrors.unknownAccount(account);
    }
  });

  app.get("/_sim/maintenance", async () => maintenance.view());

  /** One announcement posted now (GET /api/v3/announcements shows it first). */
  app.post("/_sim/announcements", async (request) => {
    const title = JsonBody.of(request).required("title", "string");
    if (title.length === 0 || title.length > ANNOUNCEMENT_TITLE_MAX_CHARS) {
      throw adminErrors.badRequest(`"title" must be 1 to ${ANNOUNCEMENT_TITLE_MAX_CHARS} characters`);
    }
    return deps.announcements.add(title);
  });

  app.post("/_sim/maintenance", async (request) => {
    const body = JsonBody.of(request);
    const seconds = body.required("seconds", "number");
    if (!(seconds >= 0 && seconds <= 24 * 3600)) throw adminErrors.badRequest('"seconds" must be from 0 to 86400');
    const form = body.fields.form === undefined ? undefined : body.oneOf("form", MAINTENANCE_FORMS);
    if (!deps.behaviours.maintenance) throw adminErrors.badRequest("the maintenance behaviour is off");
    return maintenance.open(seconds * 1000, form);
  });

  app.post("/_sim/internalTransfer", async (request) => {
    const { body, account } = adminRequest(deps, request);
    const transfer = exchange.internalTransfer(account, {
      ...assetAndAmount(body),
      direction: body.oneOf("direction", ["in", "out"] as const),
      counterparty: body.optional("counterparty", "string"),
    });
    return internalTransferJson(transfer, restTime);
  });

  app.post("/_sim/convert", async (request) => {
    const { body, account } = adminRequest(deps, request);
    return conversionJson(exchange.convertDust(account, body.strings("assets")), restTime);
  });

  app.post("/_sim/delist", async (request) => {
    const symbol = JsonBody.of(request).required("symbol", "string");
    if (!exchange.symbols.has(symbol)) throw adminErrors.badRequest(`unknown symbol "${symbol}"`);
    return { symbol, offlineTime: exchange.delist(symbol) };
  });

  if (!deps.behaviours.webEdits) return;
  app.post("/_sim/editOrder", async (request) => {
    const { body, account } = adminRequest(deps, request);
    const price = body.optional("price", "string");
    const quantity = body.optional("quantity", "string");
    const edited = exchange.editOrder(
      account,
      body.required("symbol", "string"),
      { orderId: body.required("orderId", "string") },
      { ...(price === undefined ? {} : { price }), ...(quantity === undefined ? {} : { quantity }) },
    );
    return edited.map(ledgerOrderJson);
  });
}
