/**
 * The account's history beyond trading: deposits, withdrawals and transfers, the ledger that
 * explains every balance change, the backfill's progress, and opening positions. Money and
 * quantities are decimal strings; times are ms since epoch.
 */
import type { LedgerKind, TransferState, TransferType } from "@mexc-live/protocol/wallet";

/** Where a stored row came from: MEXC's REST history, or a file the user imported. */
export type HistorySource = "rest" | "import";

/** A deposit, withdrawal or transfer between the account's own wallets (GET /api/transfers). */
export interface TransferItem {
  /** The account it belongs to: set in answers for all accounts together (no `?account=` with several). */
  readonly account?: string;

  readonly id: string;
  readonly type: TransferType;
  /** "in" adds to the spot balance, "out" takes from it. */
  readonly direction: "in" | "out";
  readonly asset: string;
  /** What reached (in) or left (out) the balance besides `fee`; a withdrawal's `amount` + `fee` left the account. */
  readonly amount: string;
  readonly fee: string;
  /** The chain; for a transfer, the other wallet ("FUTURES"). "" when none. */
  readonly network: string;
  readonly status: TransferState;
  /** MEXC's own status, as sent. */
  readonly rawStatus: string;
  readonly txId: string;
  /**
   * A withdrawal's page on a block explorer, as MEXC links it (since 2026; an http(s) address,
   * protocol's linkProblem); absent when MEXC sends none.
   */
  readonly explorerUrl?: string;
  /** The id the withdrawal was asked with (MEXC's `withdrawOrderId`, its maker's own); absent when none. */
  readonly withdrawOrderId?: string;
  readonly time: number;
  readonly updateTime: number;
  readonly source: HistorySource;
  /**
   * What moved (amount, fee apart), in the quote currency at the market price of `time`; null
   * when no price is known near enough (shown as unpriced). Absent where the gateway has not
   * valued it (an older collector).
   */
  readonly value?: string | null;
}

/** What caused a ledger entry, where it could be matched. */
export interface LedgerRef {
  readonly kind: "fill" | "order" | "transfer";
  readonly id: string;
}

/** One balance change of one asset, and what it was (GET /api/ledger). */
export interface LedgerItem {
  /** The account it belongs to: set in answers for all accounts together (no `?account=` with several). */
  readonly account?: string;

  readonly id: string;
  readonly time: number;
  readonly asset: string;
  readonly type: LedgerKind;
  /** MEXC's account change type as pushed ("ENTRUST", "TRADE_FEE", ...). */
  readonly rawType: string;
  /** Change of the whole balance (free + frozen). */
  readonly change: string;
  readonly freeChange: string;
  readonly lockedChange: string;
  /** The whole balance (free + frozen) after the change. */
  readonly balance: string;
  readonly ref: LedgerRef | null;
}

/** How far the first start's backfill of MEXC's history has come (in health). */
export interface HistoryProgress {
  /** `queued`: planned, waiting while other accounts' backfills run (one at a time per gateway). */
  readonly state: "queued" | "backfilling" | "complete";
  /** While queued: how many accounts' backfills run or wait before this one. */
  readonly ahead?: number;
  /** Days of the month MEXC serves (fills) that are fetched, for every symbol. */
  readonly days: { readonly done: number; readonly total: number };
  readonly symbols: { readonly done: number; readonly total: number };
  /** Rows stored so far by the backfill. */
  readonly counts: {
    readonly fills: number;
    readonly orders: number;
    readonly deposits: number;
    readonly withdrawals: number;
    readonly transfers: number;
  };
  /** From when the history reaches (ms); the time the backfill was planned. */
  readonly from: number;
  readonly plannedAt: number;
  readonly completedAt: number | null;
}

/**
 * An asset held at the start of the known history: nobody knows what it cost. The user may say
 * (`source` "user"); otherwise it is valued at its market price when the history starts, from MEXC's
 * candles ("market_price"), and
 * marked as such wherever it is used.
 */
export interface OpeningPosition {
  readonly asset: string;
  readonly quantity: string;
  /** When the known history starts. */
  readonly time: number;
  /** Quote per unit; null when no price is known at all. */
  readonly costPrice: string | null;
  readonly source: "user" | "market_price";
  readonly quote: string;
}

/** What a file MEXC's website exported holds (POST /api/import), as the gateway reads it. */
export type ImportFormat = "trades" | "deposits" | "withdrawals";

/** POST /api/import's answer for MEXC's export: the rows read, those added, those already known. */
export interface ImportResult {
  readonly format: ImportFormat;
  readonly rows: number;
  readonly added: number;
  readonly duplicates: number;
  /** Said when the database does not keep the import (demo mode's is wiped at the next start). */
  readonly warning?: string;
}

/** POST /api/import's answer for the ECB's history of reference rates (docs/imports.md). */
export interface RatesImportResult {
  readonly format: "ecbRates";
  /** Days in the file. */
  readonly rows: number;
  /** Days stored now. */
  readonly added: number;
  /** Days stored before, with the same rates. */
  readonly duplicates: number;
  /** Days stored before with other rates, kept as stored: how many, and the first few. */
  readonly differing: number;
  readonly differingDays: readonly string[];
  /** Currencies in the file's header. */
  readonly currencies: number;
  /** The file's oldest and newest day. */
  readonly from: string;
  readonly to: string;
  /** As ImportResult's. */
  readonly warning?: string;
}

/** POST /api/import's answer: what the file was, and what it added. */
export type ImportAnswer = ImportResult | RatesImportResult;
