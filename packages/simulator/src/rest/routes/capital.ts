/**
 * Signed wallet endpoints under /api/v3/capital (registered in the signed scope, app.ts): the
 * coin list ccxt loads, and the history of deposits, withdrawals and spot <-> futures transfers
 * (engine/wallet.ts keeps the records; rest/walletFormat.ts spells them). Source of each: the
 * official docs, mexcdevelop/apidocs spot_v3_en source/index.html.md at c0de8ff (2025-08-08, the
 * same text as mexc.com/api-docs/spot-v3/wallet-endpoints), and the captures named below.
 */
import {
  DUST_LOG_LIMIT_DEFAULT,
  DUST_LOG_LIMIT_MAX,
  INTERNAL_TRANSFER_LIMIT_DEFAULT,
  TRANSFER_HISTORY_MAX_AGE_MS,
  TRANSFER_HISTORY_SIZE_MAX,
  WALLET_HISTORY_LIMIT_MAX,
  WALLET_HISTORY_MAX_AGE_MS,
  WALLET_HISTORY_MAX_SPAN_MS,
} from "@mexc-live/protocol/limits";
import {
  REST_PATHS,
  type RestCoin,
  type RestDustLogPage,
  type RestInternalTransferPage,
  type RestTransferPage,
} from "@mexc-live/protocol/rest";
import { assetOfCoin, DEPOSIT_STATUSES, TRANSFER_ACCOUNT_TYPES, WITHDRAW_STATUSES } from "@mexc-live/protocol/wallet";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { restErrors } from "../../errors.js";
import { type RestDeps, signedAccount, weightOf } from "../context.js";
import { restTimeFor } from "../format.js";
import type { RequestParams } from "../params.js";
import { type TimeWindow, timeWindow, type WindowRules } from "../query.js";
import { conversionJson, depositJson, internalTransferJson, transferRowJson, withdrawalJson } from "../walletFormat.js";

/**
 * Deposit and withdraw history (docs, notes under both tables): the last 7 days by default,
 * startTime to endTime at most 7 days, 90 days back at most. Beyond these MEXC's answer is not
 * documented [UNCONFIRMED: we refuse, so a client that asks for more is caught].
 */
const WALLET_WINDOW: WindowRules = {
  defaultSpanMs: WALLET_HISTORY_MAX_SPAN_MS,
  maxSpanMs: WALLET_HISTORY_MAX_SPAN_MS,
  maxAgeMs: WALLET_HISTORY_MAX_AGE_MS,
  startAloneRunsToNow: true,
};
/**
 * Transfer history (docs): the last 7 days when no times are sent, six months back at most, no
 * largest span documented. A startTime older is refused [UNCONFIRMED: we refuse, so a client that
 * asks for more is caught].
 */
const TRANSFER_WINDOW: WindowRules = {
  defaultSpanMs: WALLET_HISTORY_MAX_SPAN_MS,
  maxAgeMs: TRANSFER_HISTORY_MAX_AGE_MS,
  startAloneRunsToNow: true,
};
/**
 * Internal transfers and the dust log: the last 7 days when no times are sent (internal transfers:
 * docs; the dust log: not documented [UNCONFIRMED]), 90 days back at most [UNCONFIRMED: no limit
 * documented; the wallet's], no largest span documented.
 */
const INTERNAL_WINDOW: WindowRules = {
  defaultSpanMs: WALLET_HISTORY_MAX_SPAN_MS,
  maxAgeMs: WALLET_HISTORY_MAX_AGE_MS,
  startAloneRunsToNow: true,
};
/** The most internal transfers one page holds (none documented; ours). */
const INTERNAL_TRANSFER_LIMIT_MAX = 1000;
/** GET /api/v3/capital/transfer `size` when none is sent, and `page` (docs: "default 10", "default 1"). */
const TRANSFER_SIZE_DEFAULT = 10;
const FIRST_PAGE = 1;

export function registerCapitalRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange } = deps;
  const restTime = restTimeFor(deps.behaviours);
  /**
   * Coin and network configuration (GET /api/v3/capital/config/getall, weight 10); ccxt asks for
   * it before exchangeInfo whenever API keys are set. Every listed asset, with no networks listed
   * (the wallet's networks, walletNetworks.ts, are not offered here).
   */
  app.get(REST_PATHS.coins, weightOf("GET /api/v3/capital/config/getall"), async () => {
    const assets = new Set<string>();
    for (const config of exchange.symbols.values()) {
      assets.add(config.baseAsset);
      assets.add(config.quoteAsset);
    }
    return [...assets].sort().map((coin) => ({ coin, name: coin, networkList: [] }) satisfies RestCoin);
  });

  /**
   * Deposit history (GET /api/v3/capital/deposit/hisrec, weight 1, docs "Deposit History
   * (supporting network)"): `coin` (the asset; a network suffix such as "USDT-TRX" is dropped),
   * `status` (1-12), startTime, endTime, `limit` (default and max 1000; more is refused with
   * 33333 [UNCONFIRMED]). A bare array, newest first [UNCONFIRMED: the docs show one record],
   * filtered on insertTime.
   */
  app.get(REST_PATHS.deposits, weightOf("GET /api/v3/capital/deposit/hisrec"), async (request) =>
    walletHistory(
      deps,
      request,
      DEPOSIT_STATUSES,
      exchange.deposits(signedAccount(request)),
      (deposit) => deposit.insertTime,
    ).map((deposit) => depositJson(deposit, restTime)),
  );

  /**
   * Withdraw history (GET /api/v3/capital/withdraw/history, weight 1, docs "Withdraw History
   * (supporting network)"): the same parameters with `status` 1-10; filtered on applyTime, newest
   * first [UNCONFIRMED]. Each `amount` includes its `transactionFee`.
   */
  app.get(REST_PATHS.withdrawals, weightOf("GET /api/v3/capital/withdraw/history"), async (request) =>
    walletHistory(
      deps,
      request,
      WITHDRAW_STATUSES,
      exchange.withdrawals(signedAccount(request)),
      (withdrawal) => withdrawal.applyTime,
    ).map((withdrawal) => withdrawalJson(withdrawal, restTime)),
  );
  registerTransferRoutes(app, deps);
}

/** The transfers: between spot and futures, to and from other MEXC users, and the dust converted. */
function registerTransferRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange, clock } = deps;
  const restTime = restTimeFor(deps.behaviours);
  /**
   * Transfer history (GET /api/v3/capital/transfer, weight 1, docs "Query User Universal Transfer
   * History"): fromAccountType and toAccountType both required (44444 naming the one missing),
   * each SPOT or FUTURES; startTime, endTime; `page` (default 1), `size` (default 10, max 100;
   * more refused with 33333 [UNCONFIRMED]). The answer is the object {rows, total} of ccxt's
   * 2025-10-01 capture (the docs' example wraps it in an array): rows newest first [UNCONFIRMED],
   * `total` every matching transfer.
   */
  app.get(REST_PATHS.transfers, weightOf("GET /api/v3/capital/transfer"), async (request) => {
    const { params } = request.mexc;
    // Both missing: 44444 names fromAccountType; then each must be SPOT or FUTURES (33333).
    params.required("fromAccountType");
    params.required("toAccountType");
    const from = params.requiredOneOf("fromAccountType", TRANSFER_ACCOUNT_TYPES);
    const to = params.requiredOneOf("toAccountType", TRANSFER_ACCOUNT_TYPES);
    const window = timeWindow(params, clock.now(), TRANSFER_WINDOW);
    const page = params.optionalInteger("page", { min: FIRST_PAGE, max: Number.MAX_SAFE_INTEGER }) ?? FIRST_PAGE;
    const size = params.optionalInteger("size", { min: 1, max: TRANSFER_HISTORY_SIZE_MAX }) ?? TRANSFER_SIZE_DEFAULT;
    const matching = exchange
      .transfers(signedAccount(request))
      .filter(
        (transfer) =>
          transfer.fromAccountType === from &&
          transfer.toAccountType === to &&
          window.includes(restTime(transfer.timestamp)),
      )
      .sort((a, b) => b.timestamp - a.timestamp);
    return {
      rows: matching.slice((page - 1) * size, page * size).map((transfer) => transferRowJson(transfer, restTime)),
      total: matching.length,
    } satisfies RestTransferPage;
  });

  registerUserTransferRoutes(app, deps);
}

/** Transfers to and from other MEXC users, and the dust converted to MX. */
function registerUserTransferRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange } = deps;
  const restTime = restTimeFor(deps.behaviours);
  /**
   * Transfers to and from other MEXC users (GET /api/v3/capital/transfer/internal, weight 1, docs
   * "Query Internal Transfer history"): startTime, endTime, `page` (default 1), `limit` (default 10),
   * `tranId`. The docs' envelope {page, totalRecords, totalPageNum, data}; rows newest first
   * [UNCONFIRMED], the account's sent and received ones alike.
   */
  app.get(REST_PATHS.internalTransfers, weightOf("GET /api/v3/capital/transfer/internal"), async (request) => {
    const { params } = request.mexc;
    const within = windowOf(deps, params, INTERNAL_WINDOW);
    const tranId = params.optional("tranId");
    const { page, limit } = paging(params, INTERNAL_TRANSFER_LIMIT_DEFAULT, INTERNAL_TRANSFER_LIMIT_MAX);
    const matching = exchange
      .internalTransfers(signedAccount(request))
      .filter((transfer) => within.includes(restTime(transfer.timestamp)))
      .filter((transfer) => tranId === undefined || transfer.tranId === tranId)
      .sort((a, b) => b.timestamp - a.timestamp);
    return {
      page,
      totalRecords: matching.length,
      totalPageNum: Math.ceil(matching.length / limit),
      data: matching
        .slice((page - 1) * limit, page * limit)
        .map((transfer) => internalTransferJson(transfer, restTime)),
    } satisfies RestInternalTransferPage;
  });

  /**
   * The dust log (GET /api/v3/capital/convert, weight 1, docs "DustLog"): startTime, endTime,
   * `page` (default 1), `limit` (default 1, max 1000). The docs' envelope {data, totalRecords,
   * page, totalPageNum}; conversions newest first [UNCONFIRMED].
   */
  app.get(REST_PATHS.dustLog, weightOf("GET /api/v3/capital/convert"), async (request) => {
    const { params } = request.mexc;
    const within = windowOf(deps, params, INTERNAL_WINDOW);
    const { page, limit } = paging(params, DUST_LOG_LIMIT_DEFAULT, DUST_LOG_LIMIT_MAX);
    const matching = exchange
      .conversions(signedAccount(request))
      .filter((conversion) => within.includes(restTime(conversion.convertTime)))
      .sort((a, b) => b.convertTime - a.convertTime);
    return {
      data: matching.slice((page - 1) * limit, page * limit).map((conversion) => conversionJson(conversion, restTime)),
      totalRecords: matching.length,
      page,
      totalPageNum: Math.ceil(matching.length / limit),
    } satisfies RestDustLogPage;
  });
}

/**
 * docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16: a startTime more than 90 days back is answered `{"msg":"The start time cannot be
 * earlier than 90 days","code":400}` (behaviour `walletWindowError`; off: 33333 naming startTime).
 */
function windowOf(deps: RestDeps, params: RequestParams, rules: WindowRules): TimeWindow {
  const { behaviours, clock } = deps;
  const start = params.optionalTime("startTime");
  if (behaviours.walletWindowError && start !== undefined && start < clock.now() - WALLET_HISTORY_MAX_AGE_MS) {
    throw restErrors.walletWindow();
  }
  return timeWindow(params, clock.now(), rules);
}

/** The deposits or withdrawals a history request asks for (walletQuery), newest first by `timeOf`. */
function walletHistory<T extends { readonly asset: string; readonly status: number }>(
  deps: RestDeps,
  request: FastifyRequest,
  statuses: Readonly<Record<string, unknown>>,
  records: readonly T[],
  timeOf: (record: T) => number,
): T[] {
  const { params } = request.mexc;
  const restTime = restTimeFor(deps.behaviours);
  const query = walletQuery(params, windowOf(deps, params, WALLET_WINDOW), Object.keys(statuses));
  return records
    .filter((record) => query.matches(record.asset, record.status, restTime(timeOf(record))))
    .sort((a, b) => timeOf(b) - timeOf(a))
    .slice(0, query.limit);
}

/** `page` (from 1) and `limit` (1 to `max`, default `fallback`). */
function paging(params: RequestParams, fallback: number, max: number): { page: number; limit: number } {
  const page = params.optionalInteger("page", { min: FIRST_PAGE, max: Number.MAX_SAFE_INTEGER }) ?? FIRST_PAGE;
  const limit = params.optionalInteger("limit", { min: 1, max }) ?? fallback;
  return { page, limit };
}

interface WalletQuery {
  readonly limit: number;
  matches(asset: string, status: number, restTime: number): boolean;
}

/** coin, status, the window and limit of the deposit and withdraw history. */
function walletQuery(params: RequestParams, window: TimeWindow, statuses: readonly string[]): WalletQuery {
  const coin = params.optional("coin");
  const asset = coin === undefined ? undefined : assetOfCoin(coin.toUpperCase());
  const status = params.optional("status");
  if (status !== undefined && !statuses.includes(status)) {
    throw restErrors.badParameter("status", `must be one of ${statuses.join(", ")}`);
  }
  const limit = params.optionalInteger("limit", { min: 1, max: WALLET_HISTORY_LIMIT_MAX }) ?? WALLET_HISTORY_LIMIT_MAX;
  return {
    limit,
    matches: (recordAsset, recordStatus, time) =>
      (asset === undefined || recordAsset === asset) &&
      (status === undefined || String(recordStatus) === status) &&
      window.includes(time),
  };
}
