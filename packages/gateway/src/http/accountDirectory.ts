/**
 * The accounts an instance serves, by name: what the HTTP API's `?account=NAME` picks from, and
 * `GET /api/accounts` lists (name, mode, health, latest equity, and all of them together). On a
 * collector they are its own accounts (startAccount.ts); on a web instance, those the collectors
 * announce on Redis, answered from Redis. The default account (the deployment's first configured
 * one, with the plain topic names) answers routes without `?account=`; without it here, the first.
 */

import type { AlertService } from "@mexc-live/alerts";
import {
  type AccountItem,
  type AccountsAnswer,
  type EquityPoint,
  type Health,
  type ImportAnswer,
  sumEquityPoints,
} from "@mexc-live/contract";
import { HttpError } from "../errors.js";
import type { GatewayQueries } from "./queries/gatewayQueries.js";

/** Writes to the account's history the dashboard may ask for; absent on a `--role web` instance. */
export interface HistoryWrites {
  /** The cost per unit (quote) of an asset held before the known history; null forgets it. Resolves once the figures took it in. */
  setOpeningCost(asset: string, costPrice: string | null): void | Promise<void>;
  /**
   * Imports a file MEXC's website exported, or the ECB's history of reference rates (its CSV, or
   * the zip it serves as bytes), in slices of the event loop; rejects with ImportError (nothing
   * imported) when a row cannot be read, HttpError IMPORT_RUNNING while another import runs,
   * ImportStopped when the gateway stops half-way.
   */
  importFile(body: string | Uint8Array): Promise<ImportAnswer>;
}

/** One account as the HTTP side sees it. */
export interface AccountEntry {
  readonly name: string;
  readonly mode: "demo" | "live";
  /** undefined: the deployment's default account (plain topic names); else its name. */
  readonly topicAccount: string | undefined;
  readonly queries: GatewayQueries;
  /** Absent where there is no database (a web instance). */
  readonly writes: HistoryWrites | undefined;
  readonly alerts: AlertService | undefined;
  health(): Health;
  /** Its latest equity point; null before the first. */
  equity(): EquityPoint | null;
}

export class AccountDirectory {
  /**
   * `fallback`: the default account while none is known (a web instance before any collector
   * announced its accounts): routes without `?account=` still answer, from the plain topics.
   */
  constructor(
    private readonly entries: () => readonly AccountEntry[],
    private readonly fallback?: AccountEntry,
  ) {}

  /** Every account known now. */
  all(): readonly AccountEntry[] {
    return this.entries();
  }

  /** The named account, or the default one; HttpError naming the parameter otherwise. */
  pick(name: string | undefined): AccountEntry {
    const entries = this.entries();
    if (name === undefined) {
      const found = entries.find((entry) => entry.topicAccount === undefined) ?? entries[0] ?? this.fallback;
      if (found === undefined)
        throw new HttpError("COLLECTOR_FAILED", "account: no collector has announced an account yet");
      return found;
    }
    const entry = entries.find((candidate) => candidate.name === name);
    if (entry === undefined) {
      throw new HttpError("NOT_FOUND", `account: no account "${name}" here (GET /api/accounts lists them)`);
    }
    return entry;
  }

  list(): AccountsAnswer {
    const known = this.entries();
    const entries = known.length === 0 && this.fallback !== undefined ? [this.fallback] : known;
    const fallback = entries.some((entry) => entry.topicAccount === undefined) ? undefined : entries[0];
    const items: AccountItem[] = entries.map((entry) => ({
      name: entry.name,
      mode: entry.mode,
      default: entry.topicAccount === undefined || entry === fallback,
      topicPrefix: entry.topicAccount === undefined ? "" : `account.${entry.topicAccount}.`,
      health: entry.health(),
      equity: entry.equity(),
    }));
    return { items, total: totalOf(items) };
  }
}

/** The accounts' latest equity added up, in total and by asset (exact decimals; the contract's rule). */
export function totalOf(items: readonly AccountItem[]): AccountsAnswer["total"] {
  return sumEquityPoints(items.map((item) => item.equity));
}
