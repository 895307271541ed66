/**
 * MEXC's wallet: deposits, withdrawals and transfers between the account's own spot and futures
 * wallets, their statuses, and what each account change (`PrivateAccountV3Api.type`) is. Sources
 * per fact: the official docs are mexcdevelop/apidocs spot_v3_en (2025-08-08, = mexc.com/api-docs
 * wallet endpoints), captures are named where they are used.
 */

/** What a deposit, withdrawal or transfer has come to, whatever MEXC's own status says. */
export type TransferState = "pending" | "completed" | "failed" | "canceled";

/**
 * deposit, withdrawal, transfer (between the account's own spot and futures wallets),
 * internal_transfer (to or from another MEXC user: GET /api/v3/capital/transfer/internal; an
 * outgoing one is also in the withdrawal history with `transferType` 1 [OFF]) and conversion
 * (small balances converted to MX: GET /api/v3/capital/convert, the dust log [OFF]; one "out" row
 * per asset converted, one "in" row of MX per conversion).
 */
export type TransferType = "deposit" | "withdrawal" | "transfer" | "internal_transfer" | "conversion";

export const TRANSFER_TYPES: readonly TransferType[] = [
  "deposit",
  "withdrawal",
  "transfer",
  "internal_transfer",
  "conversion",
];

/** The withdrawal history's `transferType`: 0 outside MEXC, 1 to another MEXC user [OFF] (withdraw history table). */
export const INSIDE_TRANSFER = 1;

/**
 * One movement into or out of the spot account that is not a trade. Amounts are decimal strings:
 * `amount` is what the spot balance gained (in) or lost (out) besides `fee`, which is in `asset`
 * too. A withdrawal's `amount` in MEXC's answer includes its fee (ccxt's comment in its
 * fetchWithdrawals: "mexc withdrawal amount includes the fee"; the web export's Settlement Amount
 * = Request Amount - Trading Fee), so here `amount` + `fee` is what left the account.
 */
export interface WalletTransfer {
  readonly type: TransferType;
  /**
   * Withdrawals and transfers: MEXC's id; deposits (no id in the answer): the transaction id, else
   * a digest; conversions: the converted asset's detail id, and `MX:` + the batch's first detail id
   * for the MX it brought.
   */
  readonly id: string;
  readonly direction: "in" | "out";
  /** The asset without a network suffix ("USDC" for MEXC's coin "USDC-TRX"). */
  readonly asset: string;
  readonly amount: string;
  readonly fee: string;
  /**
   * The chain ("TRX", "Ethereum(ERC20)"); for a transfer the other wallet ("FUTURES"); for an
   * internal transfer "MEXC"; for a conversion the asset on the other side ("MX", or "" for MX). "" when none.
   */
  readonly network: string;
  readonly state: TransferState;
  /** MEXC's status as sent ("5", "SUCCESS"). */
  readonly status: string;
  /** The chain transaction; "" when none yet. */
  readonly txId: string;
  /** The address; for an internal transfer the other MEXC account as MEXC names it (UID, e-mail, phone). */
  readonly address: string;
  /** ms: when it was made (deposit credited / withdrawal applied / transfer done). */
  readonly time: number;
  /** ms: its last change; `time` when MEXC does not say. */
  readonly updateTime: number;
  /**
   * A withdrawal's page on a block explorer, as MEXC links it (`explorerUrl`, 2026; an http(s)
   * address within protocol's linkProblem); absent when MEXC sends none.
   */
  readonly explorerUrl?: string;
  /** The id the withdrawal was asked with (`withdrawOrderId`, its maker's own); absent when none. */
  readonly withdrawOrderId?: string;
}

/**
 * Deposit `status` (numbers 1-12 [OFF]; statuses 8-12 added 2025-06-12). MEXC's English and
 * Chinese docs disagree on 12 (COMPLETED vs 已退回 "returned"): DFXswiss/api, a production
 * integration, counts 5 and 12 as done and 7 and 10 as failed; so do we.
 */
/** A deposit status the table knows (what the simulator may answer); the table below has each, no other. */
export type DepositStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;
const DEPOSIT_STATUS_TABLE = {
  1: { name: "SMALL", state: "failed" },
  2: { name: "TIME_DELAY", state: "pending" },
  3: { name: "LARGE_DELAY", state: "pending" },
  4: { name: "PENDING", state: "pending" },
  5: { name: "SUCCESS", state: "completed" },
  6: { name: "AUDITING", state: "pending" },
  7: { name: "REJECTED", state: "failed" },
  8: { name: "REFUND", state: "failed" },
  9: { name: "PRE_SUCCESS", state: "pending" },
  10: { name: "INVALID", state: "failed" },
  11: { name: "RESTRICTED", state: "pending" },
  12: { name: "COMPLETED", state: "completed" },
} as const satisfies Record<DepositStatus, { readonly name: string; readonly state: TransferState }>;
export const DEPOSIT_STATUSES: Readonly<Record<number, { readonly name: string; readonly state: TransferState }>> =
  DEPOSIT_STATUS_TABLE;

/** Withdrawal `status` (numbers 1-10 [OFF]; ccxt, Mexc.Net and DFX use the same table). */
/** A withdrawal status the table knows (what the simulator may answer); the table below has each, no other. */
export type WithdrawStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
const WITHDRAW_STATUS_TABLE = {
  1: { name: "APPLY", state: "pending" },
  2: { name: "AUDITING", state: "pending" },
  3: { name: "WAIT", state: "pending" },
  4: { name: "PROCESSING", state: "pending" },
  5: { name: "WAIT_PACKAGING", state: "pending" },
  6: { name: "WAIT_CONFIRM", state: "pending" },
  7: { name: "SUCCESS", state: "completed" },
  8: { name: "FAILED", state: "failed" },
  9: { name: "CANCEL", state: "canceled" },
  10: { name: "MANUAL", state: "pending" },
} as const satisfies Record<WithdrawStatus, { readonly name: string; readonly state: TransferState }>;
export const WITHDRAW_STATUSES: Readonly<Record<number, { readonly name: string; readonly state: TransferState }>> =
  WITHDRAW_STATUS_TABLE;

/** Transfer `status` (SUCCESS in the docs and a 2025-10 capture in ccxt; FAILED and WAIT per ccxt and Mexc.Net). */
/** A transfer status the table knows (what the simulator may answer); the table below has each, no other. */
export type TransferStatus = "SUCCESS" | "FAILED" | "WAIT";
const TRANSFER_STATUS_TABLE = {
  SUCCESS: "completed",
  FAILED: "failed",
  WAIT: "pending",
} as const satisfies Record<TransferStatus, TransferState>;
export const TRANSFER_STATUSES: Readonly<Record<string, TransferState>> = TRANSFER_STATUS_TABLE;

/** The account types of GET /api/v3/capital/transfer [OFF]: both are required in every request. */
export const TRANSFER_ACCOUNT_TYPES = ["SPOT", "FUTURES"] as const;
export type TransferAccountType = (typeof TRANSFER_ACCOUNT_TYPES)[number];

/**
 * A status as MEXC sends it (a number in the docs, "5" in ccxt's printed answers: read both) to
 * its state; an unknown status is pending, never taken for done.
 */
export function depositState(status: number | string): TransferState {
  return DEPOSIT_STATUSES[Number(status)]?.state ?? "pending";
}
export function withdrawalState(status: number | string): TransferState {
  return WITHDRAW_STATUSES[Number(status)]?.state ?? "pending";
}
export function transferState(status: string): TransferState {
  return TRANSFER_STATUSES[status.toUpperCase()] ?? "pending";
}

/**
 * The asset of a wallet answer's `coin`: MEXC appends the network to some ("USDC-TRX",
 * "USDT-ETH": ccxt's fetchDeposits comment and PR #26667); ccxt and DFX split on "-".
 */
export function assetOfCoin(coin: string): string {
  const dash = coin.indexOf("-");
  return dash < 0 ? coin : coin.slice(0, dash);
}

// ------------------------------------------------------------------------------ account changes

/** What a balance change was (the account ledger's kinds). */
export const LEDGER_KINDS = [
  "trade",
  "trade_fee",
  "deposit",
  "withdrawal",
  "withdrawal_fee",
  "transfer",
  "airdrop",
  "conversion",
  "internal_transfer",
  "order_freeze",
  "order_unfreeze",
  "balance_read",
  "unknown",
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * The account push's `type` (docs/mexc/enums.md#account-change-types [OFF]: the documented list of 11 plus CONTRACT_TRANSFER from
 * MEXC's own example) to a ledger kind. Only ENTRUST_PLACE has been seen in a live capture (ccxt
 * pro/mexc handleBalance comment, 2025-09); no capture shows the type of a dust conversion to
 * MX or of a transfer to another MEXC user (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17), so a type naming a conversion or an internal
 * transfer is taken for one [UNCONFIRMED]. Anything else is `unknown` and keeps its raw type; the
 * gateway's ledger still names a change by the wallet history row it matches.
 */
const KIND_OF_CHANGE: Readonly<Record<string, LedgerKind>> = {
  ENTRUST: "trade",
  ETF_INDEX: "trade",
  TRADE_FEE: "trade_fee",
  DEPOSIT: "deposit",
  // The fee of a deposit: part of what the deposit brought [DERIVED].
  DEPOSIT_FEE: "deposit",
  WITHDRAW: "withdrawal",
  WITHDRAW_FEE: "withdrawal_fee",
  CONTRACT_TRANSFER: "transfer",
  SUGAR: "airdrop",
  ENTRUST_PLACE: "order_freeze",
  ENTRUST_CANCEL: "order_unfreeze",
  ENTRUST_UNFROZEN: "order_unfreeze",
  // The simulator's name for a dust conversion [UNCONFIRMED] (enums.ts KNOWN_ACCOUNT_CHANGE_TYPES).
  SMALL_COIN_CONVERT: "conversion",
};

/**
 * The change type of a balance read from GET /api/v3/account rather than pushed (a name of the
 * client's, not one of MEXC's: client rest/toEvents.ts): at start, and after each gap in the stream,
 * the change being what was not pushed while unseen. Its ledger kind is "balance_read".
 */
export const BALANCE_READ_CHANGE_TYPE = "RECONCILE";

export function ledgerKindOf(changeType: string): LedgerKind {
  if (changeType === BALANCE_READ_CHANGE_TYPE) return "balance_read";
  const kind = KIND_OF_CHANGE[changeType];
  if (kind !== undefined) return kind;
  if (/CONVERT/i.test(changeType)) return "conversion";
  return /INTERNAL/i.test(changeType) ? "internal_transfer" : "unknown";
}
