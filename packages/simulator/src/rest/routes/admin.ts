/**
 * Admin routes under /_sim/ (issue 3 item 9). UNSIGNED and unauthenticated: for local test
 * use only. They exist only when the simulator runs with `admin: true` (the CLI's default,
 * off with --no-admin), and the simulator binds 127.0.0.1 only. Bodies are JSON objects; a
 * missing or mistyped field is a 400 naming it, an unknown account a 404, and the engine's own
 * refusals (10101 balance short, 33333 naming a malformed field) are answered as they are.
 *
 * - GET  /_sim/ledger?account=demo  every balance, order, trade, deposit, withdrawal and transfer
 *                                   of the account (demo, sub1, ...) since start (its past, historyDays):
 *                                   {balances, orders, trades, deposits, withdrawals, transfers,
 *                                   internalTransfers, conversions};
 *                                   deposits {id (= txId), asset, amount, network, address, txId,
 *                                   status, time}, withdrawals {id, asset, amount (fee included, as
 *                                   MEXC's history shows it), fee, network, address, txId, status,
 *                                   time}, transfers {id, asset, amount, direction "in"|"out", time};
 *                                   times are the engine's ms (rest/walletFormat.ts)
 * - GET  /_sim/faults               the active fault spec and the counts injected so far
 * - GET  /_sim/traffic              what was asked of it: {rest: {"GET /api/v3/exchangeInfo": n, ...},
 *                                   webSockets: {marketOpened, marketOpen, userOpened, userOpen}}
 *                                   (traffic.ts; public market sockets apart from `?listenKey=` ones)
 * - POST /_sim/faults {"spec":"drop=0.05,..."}   replace the faults ("" clears them)
 * - POST /_sim/trader {"running":true|false}     start or stop the demo trader (on every funded account)
 * - POST /_sim/deposit {"asset","amount","network"?,"account"?}
 *                                   a deposit, credited now (DEPOSIT push); answers the record as
 *                                   GET /api/v3/capital/deposit/hisrec shows it
 * - POST /_sim/withdraw {"asset","amount","fee"?,"network"?,"address"?,"withdrawOrderId"?,"account"?}
 *                                   a withdrawal of `amount`, the fee included (default: the
 *                                   asset's, walletNetworks.ts); answers the record as
 *                                   GET /api/v3/capital/withdraw/history shows it
 * - POST /_sim/transfer {"asset","amount","direction":"in"|"out","account"?}
 *                                   a transfer from ("in") or to ("out") the account's futures
 *                                   wallet; answers the row as GET /api/v3/capital/transfer shows it
 * - POST /_sim/tradeGroup {"accounts":["demo","sub1",...]}
 *                                   a main account's strategy group of these accounts (2 to
 *                                   MAX_ACCOUNTS): self-trade prevention then acts between their
 *                                   API orders sent with `stpMode` (engine/selfTradePrevention.ts);
 *                                   answers {tradeGroupId, accounts}
 * - POST /_sim/keyPermissions {"account","permissions":["SPOT_ACCOUNT_READ","SPOT_DEAL_WRITE",...]}
 *                                   the account's key's permissions, MEXC's names (at most 32):
 *                                   what GET /api/v3/sub-account/apiKey answers its main account
 *                                   (keyPermissions.ts); answers {account, permissions}
 * - POST /_sim/stopOrder {"symbol","side","quantity","price","triggerPrice","account"?}
 *                                                  a stop-limit order, as MEXC's web places it
 * - POST /_sim/ocoOrder {"symbol","side","quantity","price","triggerPrice","stopLimitPrice","account"?}
 *                                                  an OCO pair (limit leg + stop-limit leg)
 * `account` defaults to the demo account; amounts are decimal strings. The routes that make MEXC's
 * real-life events happen (keys, maintenance, internal transfers, dust conversions, delistings,
 * web edits) are in adminEvents.ts. MEXC's Spot V3 API cannot
 * place stop-limit or OCO orders (docs/mexc/enums.md#in-rest); traders place them in the web and app, and their pushes
 * reach the API's user stream (docs/mexc/undocumented.md#orders item 11.8). These two routes stand in for the web
 * (engine/stopOrders.ts); the behaviour `stopOrders` off removes them.
 */
import { clientIdProblem } from "@mexc-live/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { MAX_ACCOUNTS } from "../../constants.js";
import { adminErrors } from "../../errors.js";
import type { RestDeps } from "../context.js";
import { ledgerOrderJson, ledgerTradeJson, restTimeFor } from "../format.js";
import { JsonBody } from "../jsonBody.js";
import {
  depositJson,
  ledgerConversionJson,
  ledgerDepositJson,
  ledgerInternalTransferJson,
  ledgerTransferJson,
  ledgerWithdrawalJson,
  transferRowJson,
  withdrawalJson,
} from "../walletFormat.js";
import { adminAccount, adminRequest, assetAndAmount, registerAdminEventRoutes } from "./adminEvents.js";

/** A withdrawal's own id (MEXC's `withdrawOrderId`): 1-64 printable characters, no spaces. */
function withdrawOrderIdOf(body: JsonBody): string | undefined {
  const id = body.optional("withdrawOrderId", "string");
  if (id !== undefined && clientIdProblem(id) !== undefined) {
    throw adminErrors.badRequest(`"withdrawOrderId" is ${clientIdProblem(id)}`);
  }
  return id;
}

export function registerAdminRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange, faults, market } = deps;
  app.get("/_sim/ledger", async (request) => {
    const ledger = exchange.ledger(adminAccount(deps, request.mexc.params.optional("account")));
    return {
      balances: ledger.balances.map(({ asset, free, locked }) => ({ asset, free, locked })),
      orders: ledger.orders.map(ledgerOrderJson),
      trades: ledger.trades.map(ledgerTradeJson),
      deposits: ledger.deposits.map(ledgerDepositJson),
      withdrawals: ledger.withdrawals.map(ledgerWithdrawalJson),
      transfers: ledger.transfers.map(ledgerTransferJson),
      internalTransfers: ledger.internalTransfers.map(ledgerInternalTransferJson),
      conversions: ledger.conversions.map(ledgerConversionJson),
    };
  });
  registerAdminEventRoutes(app, deps);

  const faultState = () => ({ spec: faults.spec(), injected: faults.injected() });

  app.get("/_sim/faults", async () => faultState());
  app.get("/_sim/traffic", async () => deps.traffic.counts());

  app.post("/_sim/faults", async (request) => {
    const spec = JsonBody.of(request).required("spec", "string");
    try {
      faults.set(spec);
    } catch (error) {
      throw adminErrors.badRequest((error as Error).message);
    }
    return faultState();
  });

  app.post("/_sim/trader", async (request) => {
    market.setDemoTraderRunning(JsonBody.of(request).required("running", "boolean"));
    return { running: market.demoTraderRunning() };
  });

  registerAdminWalletRoutes(app, deps);

  app.post("/_sim/tradeGroup", async (request) => {
    const accounts = JsonBody.of(request).strings("accounts");
    if (accounts.length < 2 || accounts.length > MAX_ACCOUNTS) {
      throw adminErrors.badRequest(`"accounts" must list 2 to ${MAX_ACCOUNTS} accounts`);
    }
    for (const account of accounts) if (!exchange.hasAccount(account)) throw adminErrors.unknownAccount(account);
    return { tradeGroupId: exchange.createTradeGroup(accounts), accounts };
  });

  app.post("/_sim/keyPermissions", async (request) => {
    const { body, account } = adminRequest(deps, request);
    try {
      return { account, permissions: deps.keyPermissions.set(account, body.strings("permissions")) };
    } catch (error) {
      if (error instanceof RangeError) throw adminErrors.badRequest(error.message);
      throw error;
    }
  });

  if (deps.behaviours.stopOrders) registerWebOrderRoutes(app, deps);
}

/** A deposit, withdrawal or futures transfer, answered as MEXC's history shows it. */
function registerAdminWalletRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange } = deps;
  const restTime = restTimeFor(deps.behaviours);
  app.post("/_sim/deposit", async (request) => {
    const { body, account } = adminRequest(deps, request);
    const deposit = exchange.deposit(account, {
      ...assetAndAmount(body),
      network: body.optional("network", "string"),
    });
    return depositJson(deposit, restTime);
  });

  app.post("/_sim/withdraw", async (request) => {
    const { body, account } = adminRequest(deps, request);
    const withdrawal = exchange.withdraw(account, {
      ...assetAndAmount(body),
      fee: body.optional("fee", "string"),
      network: body.optional("network", "string"),
      address: body.optional("address", "string"),
      withdrawOrderId: withdrawOrderIdOf(body),
    });
    return withdrawalJson(withdrawal, restTime);
  });

  app.post("/_sim/transfer", async (request) => {
    const { body, account } = adminRequest(deps, request);
    const direction = body.oneOf("direction", ["in", "out"] as const);
    const transfer = exchange.transfer(account, {
      ...assetAndAmount(body),
      ...(direction === "in" ? ({ from: "FUTURES", to: "SPOT" } as const) : ({ from: "SPOT", to: "FUTURES" } as const)),
    });
    return transferRowJson(transfer, restTime);
  });
}

/** The stop-limit and OCO orders MEXC's web places (the behaviour `stopOrders`). */
function registerWebOrderRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange } = deps;
  const web = (request: FastifyRequest) => {
    const { body, account } = adminRequest(deps, request);
    return {
      account,
      symbol: body.required("symbol", "string"),
      side: body.oneOf("side", ["BUY", "SELL"] as const),
      quantity: body.required("quantity", "string"),
      price: body.required("price", "string"),
      triggerPrice: body.required("triggerPrice", "string"),
    };
  };

  app.post("/_sim/stopOrder", async (request) => ledgerOrderJson(exchange.placeStopOrder(web(request))));

  app.post("/_sim/ocoOrder", async (request) =>
    exchange
      .placeOcoOrder({ ...web(request), stopLimitPrice: JsonBody.of(request).required("stopLimitPrice", "string") })
      .map(ledgerOrderJson),
  );
}
