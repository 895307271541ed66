/**
 * REST shapes of the wallet's records: the wallet history endpoints (rest/routes/capital.ts), the
 * admin routes that make a record and GET /_sim/ledger. Keys in the order of MEXC's answers, with
 * the JSON types of the conformance corpus (packages/protocol/conformance/rest/GET_api_v3_capital_*):
 * amounts strings, statuses numbers (the docs' examples; DFXswiss/api compares them as numbers in
 * production), confirmations numeric strings, times ms.
 *
 * Times go through the `wholeSecondTimes` behaviour like those of trades and orders (format.ts):
 * every wallet time documented or captured ends in 000 (the docs' insertTime 1659513342000 and
 * applyTime 1665300874000, ccxt's captured insertTime "1664805021000", applyTime '1665418347000'
 * and transfer timestamp 1759328309000).
 */
import type {
  RestDeposit,
  RestDustLogEntry,
  RestInternalTransferRow,
  RestTransferRow,
  RestWithdrawal,
} from "@mexc-live/protocol/rest";
import { INSIDE_TRANSFER } from "@mexc-live/protocol/wallet";
import { coinIdOf, vcoinIdOf } from "../coinIds.js";
import { networkNamed } from "../walletNetworks.js";
import type { SimConversion, SimDeposit, SimInternalTransfer, SimTransfer, SimWithdrawal } from "../walletTypes.js";
import type { RestTime } from "./format.js";

/** MEXC's `transferType` of a withdrawal to an outside address (1: to another MEXC user) [OFF]. */
const OUTSIDE_TRANSFER = 0;

/**
 * GET /api/v3/capital/deposit/hisrec: the docs' fields plus transHash and updateTime as in the
 * deposit ccxt quotes from a live answer (fetch_deposits comment). `coin` is the bare asset
 * (MEXC sometimes appends the network, "USDC-TRX"; we do not). ccxt's capture also has `netWork`,
 * a second spelling of `network`, which we do not send.
 */
export function depositJson(deposit: SimDeposit, restTime: RestTime) {
  return {
    amount: deposit.amount,
    coin: deposit.asset,
    network: deposit.network,
    status: deposit.status,
    address: deposit.address,
    txId: deposit.txId,
    insertTime: restTime(deposit.insertTime),
    unlockConfirm: String(deposit.unlockConfirm),
    confirmTimes: String(deposit.confirmTimes),
    memo: deposit.memo,
    transHash: deposit.transHash,
    updateTime: restTime(deposit.updateTime),
  } satisfies RestDeposit;
}

/**
 * GET /api/v3/capital/withdraw/history: the docs' example fields. `amount` includes
 * `transactionFee`; `confirmNo` null as in every answer seen (ccxt PR #15177's done withdrawal
 * too); an empty memo is "" as `remark` is in the docs.
 */
export function withdrawalJson(withdrawal: SimWithdrawal, restTime: RestTime) {
  return {
    id: withdrawal.id,
    txId: withdrawal.txId,
    coin: withdrawal.asset,
    network: withdrawal.network,
    address: withdrawal.address,
    amount: withdrawal.amount,
    transferType: withdrawal.transferType ?? OUTSIDE_TRANSFER,
    status: withdrawal.status,
    transactionFee: withdrawal.fee,
    confirmNo: null,
    applyTime: restTime(withdrawal.applyTime),
    remark: "",
    memo: withdrawal.memo,
    transHash: withdrawal.transHash,
    updateTime: restTime(withdrawal.updateTime),
    coinId: coinIdOf(withdrawal.asset),
    vcoinId: vcoinIdOf(withdrawal.asset),
    // Since 2026 (JKorf/Mexc.Net da7270a, 8915b00; the docs: withdrawOrderId "not returned when
    // there is none"): the chain's short code, the explorer's page of the transaction, and the id
    // it was asked with. An internal transfer (transferType 1) has no chain [UNCONFIRMED: no sample].
    ...(withdrawal.transferType === INSIDE_TRANSFER
      ? {}
      : {
          netWork: networkNamed(withdrawal.network).code,
          explorerUrl: networkNamed(withdrawal.network).explorer(withdrawal.transHash),
        }),
    ...(withdrawal.withdrawOrderId !== undefined ? { withdrawOrderId: withdrawal.withdrawOrderId } : {}),
  } satisfies RestWithdrawal;
}

/** One row of GET /api/v3/capital/transfer, as ccxt's 2025-10-01 capture (symbol and clientTranId null). */
export function transferRowJson(transfer: SimTransfer, restTime: RestTime) {
  return {
    tranId: transfer.tranId,
    clientTranId: null,
    asset: transfer.asset,
    amount: transfer.amount,
    fromAccountType: transfer.fromAccountType,
    toAccountType: transfer.toAccountType,
    symbol: null,
    status: transfer.status,
    timestamp: restTime(transfer.timestamp),
  } satisfies RestTransferRow;
}

/** GET /_sim/ledger deposit entry: `id` is the txId (MEXC's deposit has no id of its own); `time` when credited (engine ms). */
export function ledgerDepositJson(deposit: SimDeposit) {
  return {
    id: deposit.txId,
    asset: deposit.asset,
    amount: deposit.amount,
    network: deposit.network,
    address: deposit.address,
    txId: deposit.txId,
    status: deposit.status,
    time: deposit.updateTime,
  };
}

/** GET /_sim/ledger withdrawal entry: `amount` includes `fee`, as in MEXC's history; `time` when applied. */
export function ledgerWithdrawalJson(withdrawal: SimWithdrawal) {
  return {
    id: withdrawal.id,
    asset: withdrawal.asset,
    amount: withdrawal.amount,
    fee: withdrawal.fee,
    network: withdrawal.network,
    address: withdrawal.address,
    txId: withdrawal.txId,
    status: withdrawal.status,
    time: withdrawal.applyTime,
  };
}

/** GET /_sim/ledger transfer entry: "in" from futures to spot, "out" from spot to futures. */
export function ledgerTransferJson(transfer: SimTransfer) {
  return {
    id: transfer.tranId,
    asset: transfer.asset,
    amount: transfer.amount,
    direction: transfer.toAccountType === "SPOT" ? "in" : "out",
    time: transfer.timestamp,
  };
}

/**
 * One row of GET /api/v3/capital/transfer/internal: the docs' example fields, in its order. No
 * direction: the sender's login in `fromAccount`, the receiver as the sender named it in `toAccount`.
 */
export function internalTransferJson(transfer: SimInternalTransfer, restTime: RestTime) {
  return {
    tranId: transfer.tranId,
    asset: transfer.asset,
    amount: transfer.amount,
    toAccountType: transfer.toAccountType,
    toAccount: transfer.toAccount,
    fromAccount: transfer.fromAccount,
    status: transfer.status,
    timestamp: restTime(transfer.timestamp),
  } satisfies RestInternalTransferRow;
}

/** One conversion of GET /api/v3/capital/convert (the dust log), as the docs' example spells it. */
export function conversionJson(conversion: SimConversion, restTime: RestTime) {
  return {
    totalConvert: conversion.totalConvert,
    totalFee: conversion.totalFee,
    convertTime: restTime(conversion.convertTime),
    convertDetails: conversion.details.map((detail) => ({
      id: detail.id,
      convert: detail.convert,
      fee: detail.fee,
      amount: detail.amount,
      time: restTime(detail.time),
      asset: detail.asset,
    })),
  } satisfies RestDustLogEntry;
}

/** GET /_sim/ledger internal transfer entry (engine ms). */
export function ledgerInternalTransferJson(transfer: SimInternalTransfer) {
  return {
    id: transfer.tranId,
    asset: transfer.asset,
    amount: transfer.amount,
    direction: transfer.direction,
    time: transfer.timestamp,
  };
}

/** GET /_sim/ledger conversion entry: what went (asset, amount) and the MX that came (engine ms). */
export function ledgerConversionJson(conversion: SimConversion) {
  return {
    time: conversion.convertTime,
    mx: conversion.totalConvert,
    fee: conversion.totalFee,
    converted: conversion.details.map((detail) => ({ id: detail.id, asset: detail.asset, amount: detail.amount })),
  };
}
