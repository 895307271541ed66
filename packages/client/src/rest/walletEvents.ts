/**
 * MEXC's wallet history answers (deposits, withdrawals, spot <-> futures transfers, transfers to
 * and from other MEXC users, dust conversions to MX) as protocol's WalletTransfer, one shape for
 * every kind. Amounts are checked decimals within protocol's bounds, assets are names (a
 * malformed one is a ProtocolError naming the field, quoting at most 32 characters, never guessed at); statuses are read as numbers or numeric
 * strings (the docs send numbers, ccxt's printed answers strings); a status MEXC adds later is
 * pending, never taken for done.
 */
import {
  Decimal as Big,
  checkAsset,
  checkClientId,
  checkDecimal,
  checkLink,
  exact,
  MINUTE_MS,
  normalize,
} from "@mexc-live/protocol";
import type {
  RestDeposit,
  RestDustLogEntry,
  RestInternalTransferRow,
  RestTransferRow,
  RestWithdrawal,
} from "@mexc-live/protocol/rest";
import {
  assetOfCoin,
  depositState,
  INSIDE_TRANSFER,
  transferState,
  type WalletTransfer,
  withdrawalState,
} from "@mexc-live/protocol/wallet";
import { restTime } from "./toEvents.js";

/** A deposit has no id in MEXC's answer: its transaction id names it, else its coin, time and amount. */
function depositId(row: Pick<RestDeposit, "txId" | "transHash" | "coin" | "insertTime" | "amount">): string {
  const tx = text(row.txId) || text(row.transHash);
  return tx !== "" ? tx : `${row.coin}|${String(row.insertTime)}|${row.amount}`;
}

export function depositFromRest(row: RestDeposit): WalletTransfer {
  const time = restTime(row.insertTime, "deposit.insertTime");
  return {
    type: "deposit",
    id: depositId(row),
    direction: "in",
    asset: assetOf(row.coin, "coin"),
    amount: amountOf(row.amount, "deposit.amount"),
    fee: "0",
    network: text(row.network) || text(row.netWork),
    state: depositState(row.status),
    status: String(row.status),
    ...onChain(row, "deposit", time),
  };
}

/** What a deposit's and a withdrawal's rows tell alike: the chain transaction, the address, the last update. */
function onChain(
  row: RestDeposit | RestWithdrawal,
  kind: "deposit" | "withdrawal",
  time: number,
): Pick<WalletTransfer, "txId" | "address" | "time" | "updateTime"> {
  return {
    txId: text(row.transHash) || text(row.txId),
    address: text(row.address),
    time,
    updateTime: optionalTime(row.updateTime, `${kind}.updateTime`) ?? time,
  };
}

/** The withdrawal history marks a transfer to another MEXC user with `transferType` 1 [OFF]. */
export function isInsideTransfer(row: Pick<RestWithdrawal, "transferType">): boolean {
  return Number(row.transferType) === INSIDE_TRANSFER;
}

/**
 * MEXC's `amount` includes the fee: here `amount` is what reached the chain, `fee` the rest. A
 * withdrawal to another MEXC user (`transferType` 1) is an internal transfer out, under its own
 * id, so the internal-transfer history's copy of it (internalTransferFromRest) is the same row.
 */
export function withdrawalFromRest(row: RestWithdrawal): WalletTransfer {
  const time = restTime(row.applyTime, "withdrawal.applyTime");
  const gross = new Big(amountOf(row.amount, "withdrawal.amount"));
  const fee = new Big(amountOf(text(row.transactionFee) || "0", "withdrawal.transactionFee"));
  const inside = isInsideTransfer(row);
  return {
    type: inside ? "internal_transfer" : "withdrawal",
    id: String(row.id),
    direction: "out",
    asset: assetOf(row.coin, "coin"),
    amount: exact(gross.gte(fee) ? gross.minus(fee) : gross),
    fee: exact(fee),
    network: inside ? MEXC_NETWORK : text(row.network) || text(row.netWork),
    state: withdrawalState(row.status),
    status: String(row.status),
    ...onChain(row, "withdrawal", time),
    ...withdrawalLinks(row),
  };
}

/**
 * What MEXC's withdrawal history says since 2026 (JKorf/Mexc.Net da7270a and 8915b00): the
 * transaction's page on a block explorer (`explorerUrl`) and the id it was asked with
 * (`withdrawOrderId`, the docs: not returned when there is none). Empty or null is none; a value
 * outside its bounds (protocol's linkProblem, clientIdProblem) is a ProtocolError naming the field,
 * as every other value of the row: a link is never made of a `javascript:` address.
 */
function withdrawalLinks(row: RestWithdrawal): { explorerUrl?: string; withdrawOrderId?: string } {
  const explorerUrl = text(row.explorerUrl);
  const withdrawOrderId = text(row.withdrawOrderId);
  if (explorerUrl !== "") checkLink("withdrawal.explorerUrl", explorerUrl);
  if (withdrawOrderId !== "") checkClientId("withdrawal.withdrawOrderId", withdrawOrderId);
  return {
    ...(explorerUrl !== "" ? { explorerUrl } : {}),
    ...(withdrawOrderId !== "" ? { withdrawOrderId } : {}),
  };
}

/** A transfer between the account's own wallets: in when it ends in SPOT. */
export function transferFromRest(row: RestTransferRow): WalletTransfer {
  const time = restTime(row.timestamp, "transfer.timestamp");
  const into = row.toAccountType === "SPOT";
  return {
    type: "transfer",
    id: String(row.tranId),
    direction: into ? "in" : "out",
    asset: assetOf(row.asset, "transfer.asset"),
    amount: amountOf(row.amount, "transfer.amount"),
    fee: "0",
    network: into ? row.fromAccountType : row.toAccountType,
    state: transferState(String(row.status)),
    status: String(row.status),
    txId: "",
    address: "",
    time,
    updateTime: time,
  };
}

/** The `network` of a transfer inside MEXC. */
const MEXC_NETWORK = "MEXC";
/** How far apart a withdrawal and its internal-transfer record may be dated and still be one (ours). */
const SAME_TRANSFER_WITHIN_MS = MINUTE_MS;

/**
 * A row of the internal-transfer history. It carries no direction (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17): a transfer the
 * account sent is also in its withdrawal history with `transferType` 1 [OFF], so a row is "out"
 * when `sentWithdrawals` (those withdrawals, as withdrawalFromRest made them) holds it, by id, or
 * by asset, amount and a time within a minute (that both records share an id is not documented
 * [UNCONFIRMED]); it then takes the withdrawal's id, so both copies are one row. Any other row was
 * received ("in") [UNCONFIRMED: whether MEXC also lists received ones in the deposit history is
 * not reported]. `address` is the other account as MEXC names it.
 */
export function internalTransferFromRest(
  row: RestInternalTransferRow,
  sentWithdrawals: readonly WalletTransfer[],
): WalletTransfer {
  const time = restTime(row.timestamp, "internalTransfer.timestamp");
  const amount = amountOf(row.amount, "internalTransfer.amount");
  const asset = assetOf(row.asset, "internalTransfer.asset");
  const id = text(row.tranId);
  const sent =
    (id === "" ? undefined : sentWithdrawals.find((withdrawal) => withdrawal.id === id)) ??
    sentWithdrawals.find(
      (withdrawal) =>
        withdrawal.asset === asset &&
        new Big(withdrawal.amount).plus(withdrawal.fee).eq(amount) &&
        Math.abs(withdrawal.time - time) <= SAME_TRANSFER_WITHIN_MS,
    );
  const status = String(row.status);
  return {
    type: "internal_transfer",
    id: sent?.id ?? (id || `${asset}|${time}|${amount}`),
    direction: sent === undefined ? "in" : "out",
    asset,
    amount: sent?.amount ?? amount,
    fee: sent?.fee ?? "0",
    network: MEXC_NETWORK,
    state: transferState(status),
    status,
    txId: "",
    address: sent === undefined ? text(row.fromAccount) : text(row.toAccount),
    time,
    updateTime: time,
  };
}

/** The MX asset small balances are converted to (MEXC's dust conversion, docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17). */
export const DUST_TARGET_ASSET = "MX";

/**
 * One conversion of the dust log as rows: one "out" per asset converted (its whole `amount`, id the
 * detail's id) and one "in" of MX (`totalConvert`, what was credited after the fee; `fee` the MX
 * MEXC kept, `totalFee`; id `MX:` + the first detail id in id order, so a conversion read twice is
 * one row). The ledger matches each to its balance change by asset, time and amount.
 */
export function conversionFromRest(entry: RestDustLogEntry): WalletTransfer[] {
  const time = restTime(entry.convertTime, "dustLog.convertTime");
  if (entry.convertDetails.length === 0) return [];
  // Every row of one conversion carries the same txId, so its legs stay together downstream.
  const link = `${DUST_TARGET_ASSET}:${entry.convertDetails.map((detail) => String(detail.id)).sort()[0]}`;
  const rows: WalletTransfer[] = entry.convertDetails.map((detail, index) => {
    const status = "SUCCESS";
    const at = optionalTime(detail.time, `dustLog.convertDetails[${index}].time`) ?? time;
    return {
      type: "conversion",
      id: String(detail.id),
      direction: "out",
      asset: assetOf(detail.asset, `dustLog.convertDetails[${index}].asset`),
      amount: amountOf(detail.amount, `dustLog.convertDetails[${index}].amount`),
      fee: "0",
      network: DUST_TARGET_ASSET,
      state: transferState(status),
      status,
      txId: link,
      address: "",
      time: at,
      updateTime: at,
    };
  });
  rows.push({
    type: "conversion",
    id: link,
    direction: "in",
    asset: DUST_TARGET_ASSET,
    amount: amountOf(entry.totalConvert, "dustLog.totalConvert"),
    fee: amountOf(entry.totalFee, "dustLog.totalFee"),
    network: "",
    state: "completed",
    status: "SUCCESS",
    txId: link,
    address: "",
    time,
    updateTime: time,
  });
  return rows;
}

/** A non-negative decimal of at most MAX_DECIMAL_DIGITS digits (protocol's valueBounds.ts), else a ProtocolError naming `field`. */
function amountOf(value: unknown, field: string): string {
  checkDecimal(field, value, "nonNegative");
  return normalize(value as string, field);
}

/** The asset of a coin ("USDT-TRC20" -> "USDT"), an asset's name (protocol's assetProblem) or a ProtocolError naming `field`. */
function assetOf(coin: unknown, field: string): string {
  const asset = assetOfCoin(String(coin));
  checkAsset(field, asset);
  return asset;
}

function optionalTime(value: unknown, field: string): number | undefined {
  return value === undefined || value === null || value === "" ? undefined : restTime(value, field);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}
