/**
 * The wallet's records and requests (engine/wallet.ts), shared by the engine, REST and the market
 * like the rest of types.ts. A record holds what MEXC's wallet history shows of it (REST spells
 * it out in rest/walletFormat.ts); decimals are strings, times engine ms.
 */
import type { DepositStatus, TransferAccountType, TransferStatus, WithdrawStatus } from "@mexc-live/protocol/wallet";

/** A deposit credited to the spot account (GET /api/v3/capital/deposit/hisrec). */
export interface SimDeposit {
  readonly account: string;
  readonly asset: string;
  readonly amount: string;
  /** The chain, as MEXC names it ("Tron(TRC20)"). */
  readonly network: string;
  /** MEXC's deposit status: 5 SUCCESS (protocol's DEPOSIT_STATUSES). */
  readonly status: DepositStatus;
  /** The account's deposit address on that network, and its memo ("" when the network has none). */
  readonly address: string;
  readonly memo: string;
  /** The chain transaction (64 hex). */
  readonly transHash: string;
  /** `transHash` with its output index (":0"), as in ccxt's captured deposit. */
  readonly txId: string;
  /** Confirmations the network needs, and those seen when it was credited. */
  readonly unlockConfirm: number;
  readonly confirmTimes: number;
  /** When MEXC saw it (ms), and when it was credited: the balance changed at `updateTime`. */
  readonly insertTime: number;
  readonly updateTime: number;
}

/** A withdrawal from the spot account (GET /api/v3/capital/withdraw/history). */
export interface SimWithdrawal {
  readonly account: string;
  /** 32 hex. */
  readonly id: string;
  readonly asset: string;
  /** What left the account, the fee included (ccxt: "mexc withdrawal amount includes the fee"). */
  readonly amount: string;
  readonly fee: string;
  readonly network: string;
  readonly address: string;
  readonly memo: string;
  /** MEXC's withdrawal status: 7 SUCCESS (protocol's WITHDRAW_STATUSES). */
  readonly status: WithdrawStatus;
  readonly transHash: string;
  readonly txId: string;
  /** 0: to an outside address; 1: to another MEXC user (an internal transfer) [OFF]. */
  readonly transferType?: 0 | 1;
  /** When it was applied for: the balance changed then. */
  readonly applyTime: number;
  /** When it was done (at most the time it was recorded: never in the future). */
  readonly updateTime: number;
  /** The id it was asked with (`withdrawOrderId`, the asker's own); absent when none was given. */
  readonly withdrawOrderId?: string;
}

/** A transfer between the account's spot and futures wallets (GET /api/v3/capital/transfer). */
export interface SimTransfer {
  readonly account: string;
  /** 32 hex. */
  readonly tranId: string;
  readonly asset: string;
  readonly amount: string;
  readonly fromAccountType: TransferAccountType;
  readonly toAccountType: TransferAccountType;
  /** "SUCCESS" (protocol's TRANSFER_STATUSES). */
  readonly status: TransferStatus;
  readonly timestamp: number;
}

export interface DepositInput {
  readonly asset: string;
  /** A positive decimal string. */
  readonly amount: string;
  /** Default: the asset's network (walletNetworks.ts). */
  readonly network?: string;
  /** When it is credited (ms). Default: now. */
  readonly time?: number;
}

export interface WithdrawInput {
  readonly asset: string;
  /** What leaves the account, the fee included. */
  readonly amount: string;
  /** Default: the asset's withdrawal fee (walletNetworks.ts). */
  readonly fee?: string;
  readonly network?: string;
  /** Default: a seeded address of the network's shape. */
  readonly address?: string;
  /** The asker's own id for it (`withdrawOrderId` of MEXC's withdraw endpoint). */
  readonly withdrawOrderId?: string;
  readonly time?: number;
}

export interface TransferInput {
  readonly asset: string;
  readonly amount: string;
  readonly from: TransferAccountType;
  readonly to: TransferAccountType;
  readonly time?: number;
}

/**
 * A transfer to or from another MEXC user (GET /api/v3/capital/transfer/internal). One the
 * account sent is in its withdrawal history too (`transferType` 1), under the same id [UNCONFIRMED].
 */
export interface SimInternalTransfer {
  readonly account: string;
  /** 32 hex. */
  readonly tranId: string;
  readonly asset: string;
  readonly amount: string;
  readonly direction: "in" | "out";
  /** How the sender named the receiver: "UID", "EMAIL" or "MOBILE" [OFF]. */
  readonly toAccountType: string;
  /** The receiver as the sender named it, and the sender's own login (the docs' example). */
  readonly toAccount: string;
  readonly fromAccount: string;
  /** "SUCCESS" (protocol's TRANSFER_STATUSES). */
  readonly status: TransferStatus;
  readonly timestamp: number;
}

/** One asset of a dust conversion: all of `amount` of `asset` became `convert` MX after a `fee` MX. */
export interface SimDustDetail {
  /** 32 hex. */
  readonly id: string;
  readonly asset: string;
  readonly amount: string;
  readonly convert: string;
  readonly fee: string;
  readonly time: number;
}

/** A conversion of small balances to MX (GET /api/v3/capital/convert, the dust log). */
export interface SimConversion {
  readonly account: string;
  /** MX credited (the sum of the details' `convert`) and kept as fee. */
  readonly totalConvert: string;
  readonly totalFee: string;
  readonly convertTime: number;
  readonly details: readonly SimDustDetail[];
}

export interface InternalTransferInput {
  readonly asset: string;
  readonly amount: string;
  readonly direction: "in" | "out";
  /** The other MEXC account (default: a seeded UID). */
  readonly counterparty?: string;
  readonly time?: number;
}
