/**
 * Keeps the wallet history (deposits, withdrawals, transfers, internal transfers, dust
 * conversions) in sync after the backfill: at start, after every gap of the live stream, and a
 * few seconds after a balance push whose type says one of them happened. Each sync reads the wallet history from a day before the
 * newest one stored (a status that moved late, a deposit dated when MEXC first saw it) or from the
 * oldest one still pending, whichever is earlier; one sync at a time, a request during one runs
 * once more after it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { MexcClient } from "@mexc-live/client";
import {
  fetchWalletHistory,
  noteRefusals,
  RestEndpoints,
  UnknownValues,
  walletHorizon,
} from "@mexc-live/client/internals";
import { DAY_MS } from "@mexc-live/protocol";
import { ledgerKindOf, TRANSFER_TYPES, type WalletTransfer } from "@mexc-live/protocol/wallet";
import { WALLET_SYNC_DELAY_MS, WALLET_SYNC_OVERLAP_MS } from "../config/defaults.js";
import type { Logger } from "../logging.js";
import type { GatewayStore } from "../store/index.js";

/**
 * Balance push types that mean the wallet history has news (docs/mexc/enums.md#account-change-types), and those protocol's
 * ledgerKindOf takes for a conversion or an internal transfer (their types are not captured).
 */
const WALLET_CHANGE_TYPES: ReadonlySet<string> = new Set([
  "DEPOSIT",
  "DEPOSIT_FEE",
  "WITHDRAW",
  "WITHDRAW_FEE",
  "CONTRACT_TRANSFER",
]);
const isWalletChange = (changeType: string) =>
  WALLET_CHANGE_TYPES.has(changeType) ||
  ledgerKindOf(changeType) === "conversion" ||
  ledgerKindOf(changeType) === "internal_transfer";
/** With nothing stored, a sync reads this far back (MEXC's default window). */
const FIRST_SYNC_MS = 7 * DAY_MS;

export interface WalletSyncDeps {
  readonly client: MexcClient;
  readonly store: GatewayStore;
  readonly logger: Logger;
  /** Server time now, ms. */
  readonly now: () => number;
  /** Transfers were stored or changed. */
  readonly onStored: (count: number) => void;
  /** One transfer stored or moved forward (a deposit credited: alerts). */
  readonly onTransfer?: (transfer: WalletTransfer) => void;
  readonly delayMs?: number;
  /**
   * Where a refused row (out of protocol's bounds) is counted and said: one per account, shared by
   * the history backfill and the wallet sync, so a cause is said once. Default: this reader's own.
   */
  readonly refusedRows?: ReturnType<typeof noteRefusals>;
}

export class WalletSync {
  private readonly endpoints: RestEndpoints;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** A bad row is skipped alone, counted and said once per field and reason. */
  private readonly refusedRows: ReturnType<typeof noteRefusals>;

  constructor(private readonly deps: WalletSyncDeps) {
    this.refusedRows = deps.refusedRows ?? noteRefusals(new UnknownValues({ logger: deps.logger }));
    this.endpoints = new RestEndpoints(deps.client.rest);
  }

  /** A balance push arrived: if its type is a wallet movement, sync soon. */
  onBalanceChange(changeType: string): void {
    if (this.closed || !isWalletChange(changeType) || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sync(`account push ${changeType}`);
    }, this.deps.delayMs ?? WALLET_SYNC_DELAY_MS);
    this.timer.unref();
  }

  /** Reads what is new in the wallet history; resolves when this (and any queued) sync is done. */
  sync(reason: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.once(reason).catch((error: unknown) => {
          if (!this.closed)
            this.deps.logger.warn({ err: (error as Error).message, reason }, "wallet history sync failed");
        });
      } while (this.again && !this.closed);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async once(reason: string): Promise<void> {
    const { store, now } = this.deps;
    const to = now();
    const from = this.syncFrom(to);
    let changed = 0;
    for (const kind of TRANSFER_TYPES) {
      const transfers = await fetchWalletHistory(
        this.endpoints,
        kind,
        {
          from: Math.max(from, walletHorizon(kind, to)),
          to,
          now: to,
        },
        this.refusedRows,
      );
      for (const transfer of transfers) {
        if (!store.upsertTransfer(transfer)) continue;
        changed++;
        this.deps.onTransfer?.(transfer);
      }
      if (this.closed) return;
      await sleep(0);
    }
    this.deps.logger.info({ reason, changed, from: new Date(from).toISOString() }, "wallet history synced");
    if (changed > 0) this.deps.onStored(changed);
  }

  private syncFrom(now: number): number {
    const transfers = this.deps.store.allTransfers();
    if (transfers.length === 0) return now - FIRST_SYNC_MS;
    const newest = Math.max(...transfers.map((transfer) => transfer.time));
    const pending = transfers.filter((transfer) => transfer.status === "pending").map((transfer) => transfer.time);
    return Math.min(newest - WALLET_SYNC_OVERLAP_MS, ...pending);
  }
}
