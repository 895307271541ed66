/**
 * MEXC's wallet history answers (deposits, withdrawals, spot <-> futures transfers) as protocol's
 * WalletTransfer, one shape for every kind. Amounts are checked decimals (a malformed one is a
 * ProtocolError naming the field, never guessed at); statuses are read as numbers or numeric
 * strings (the docs send numbers, ccxt's printed answers strings); a status MEXC adds later is
 * pending, never taken for done.
 */
import {
  assetOfCoin,
  Decimal as Big,
  depositState,
  exact,
  isUnsignedDecimal,
  normalize,
  ProtocolError,
  type RestDeposit,
  type RestTransferRow,
  type RestWithdrawal,
  transferState,
  type WalletTransfer,
  withdrawalState,
} from "@mexc-live/protocol";
import { restTime } from "./toEvents.js";

/** A deposit has no id in MEXC's answer: its transaction id names it, else its coin, time and amount. */
export function depositId(row: Pick<RestDeposit, "txId" | "transHash" | "coin" | "insertTime" | "amount">): string {
  const tx = text(row.txId) || text(row.transHash);
  return tx !== "" ? tx : `${row.coin}|${String(row.insertTime)}|${row.amount}`;
}

export function depositFromRest(row: RestDeposit): WalletTransfer {
  const time = restTime(row.insertTime, "deposit.insertTime");
  return {
    type: "deposit",
    id: depositId(row),
    direction: "in",
    asset: assetOfCoin(row.coin),
    amount: amountOf(row.amount, "deposit.amount"),
    fee: "0",
    network: text(row.network) || text(row.netWork),
    state: depositState(row.status),
    status: String(row.status),
    txId: text(row.transHash) || text(row.txId),
    address: text(row.address),
    time,
    updateTime: optionalTime(row.updateTime, "deposit.updateTime") ?? time,
  };
}

/** MEXC's `amount` includes the fee: here `amount` is what reached the chain, `fee` the rest. */
export function withdrawalFromRest(row: RestWithdrawal): WalletTransfer {
  const time = restTime(row.applyTime, "withdrawal.applyTime");
  const gross = new Big(amountOf(row.amount, "withdrawal.amount"));
  const fee = new Big(amountOf(text(row.transactionFee) || "0", "withdrawal.transactionFee"));
  return {
    type: "withdrawal",
    id: String(row.id),
    direction: "out",
    asset: assetOfCoin(row.coin),
    amount: exact(gross.gte(fee) ? gross.minus(fee) : gross),
    fee: exact(fee),
    network: text(row.network) || text(row.netWork),
    state: withdrawalState(row.status),
    status: String(row.status),
    txId: text(row.transHash) || text(row.txId),
    address: text(row.address),
    time,
    updateTime: optionalTime(row.updateTime, "withdrawal.updateTime") ?? time,
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
    asset: row.asset,
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

function amountOf(value: unknown, field: string): string {
  if (typeof value === "string" && isUnsignedDecimal(value)) return normalize(value, field);
  throw new ProtocolError("BAD_DECIMAL", `REST ${field} is not a decimal: ${JSON.stringify(value)}`, {
    field,
    value: String(value),
  });
}

function optionalTime(value: unknown, field: string): number | undefined {
  return value === undefined || value === null || value === "" ? undefined : restTime(value, field);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}
