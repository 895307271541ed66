/**
 * Balances (free + locked per asset) and the journal of every change. Each change is one
 * BalanceEvent, kept in the account's journal and handed to `emit`; so for every account and
 * asset the journal sums to the balance, and across accounts an asset's total moves only by
 * credits (deposits, withdrawals, transfers to and from the futures wallet, which lies outside
 * the simulated exchange) — trading just moves it between accounts, fees included. A change is
 * stamped now, or at the time given (the wallet's past records, pastHistory.ts).
 *
 * The journal is the engine's own record (no MEXC route serves it; tests check it against the
 * balances): past JOURNAL_CAP entries, the oldest are folded into one CARRIED entry per asset at
 * its head, so it still sums to the balance and a demo left running for days stays bounded.
 */
import type { AccountChangeType } from "@mexc-live/protocol";
import type { SimClock } from "../clock.js";
import { engineErrors } from "../errors.js";
import type { Balance, BalanceEvent, JournalEntry } from "../types.js";
import { type Big, fmt, ZERO } from "./decimals.js";

interface AccountOptions {
  /** Pay trading fees in MX (20% off) while the account holds enough free MX. */
  readonly mxFeeDeduction?: boolean;
  /** Keep the journal of every change (default true; off for the market's internal accounts). */
  readonly keepHistory?: boolean;
}

interface Holding {
  free: Big;
  locked: Big;
}

interface AccountState {
  readonly options: AccountOptions;
  readonly holdings: Map<string, Holding>;
  journal: JournalEntry[];
}

/** Journal entries kept per account before the oldest are folded (CARRIED_CHANGE). */
const JOURNAL_CAP = 50_000;
/** The change type of an entry standing for the folded older entries of an asset (not a MEXC type). */
export const CARRIED_CHANGE = "CARRIED" as const satisfies JournalEntry["changeType"];

export interface Accounts {
  create(account: string, options?: AccountOptions): void;
  has(account: string): boolean;
  options(account: string): AccountOptions;
  free(account: string, asset: string): Big;
  locked(account: string, asset: string): Big;
  /** Apply one change and emit it; throws (changing nothing) if free or locked would go negative. */
  change(
    account: string,
    asset: string,
    freeChange: Big,
    lockedChange: Big,
    changeType: AccountChangeType,
    time?: number,
  ): void;
  /** Into (amount > 0) or out of (amount < 0) free from outside the exchange; counts towards `credited`. */
  credit(account: string, asset: string, amount: Big, changeType: AccountChangeType, time?: number): void;
  /** Non-zero balances, in the order the assets first appeared. */
  balances(account: string): Balance[];
  /**
   * Every change of the account since start, oldest first; past JOURNAL_CAP entries the oldest
   * are folded into one CARRIED entry per asset at the head.
   */
  journal(account: string): readonly JournalEntry[];
  /** Every account name, in creation order. */
  names(): string[];
  /** Net credits per asset since start (what all accounts together must hold). */
  credited(): Map<string, Big>;
}

export function createAccounts(clock: SimClock, emit: (event: BalanceEvent) => void): Accounts {
  const accounts = new Map<string, AccountState>();
  const credits = new Map<string, Big>();

  const state = (account: string): AccountState => {
    const found = accounts.get(account);
    if (!found) throw engineErrors.userDoesNotExist();
    return found;
  };
  const holding = (account: string, asset: string): Holding | undefined => accounts.get(account)?.holdings.get(asset);

  const change = (
    account: string,
    asset: string,
    freeChange: Big,
    lockedChange: Big,
    changeType: AccountChangeType,
    time = clock.now(),
  ) => {
    const { holdings, journal, options } = state(account);
    const current = holdings.get(asset) ?? { free: ZERO, locked: ZERO };
    const free = current.free.plus(freeChange);
    const locked = current.locked.plus(lockedChange);
    if (free.lt(0) || locked.lt(0)) {
      throw new Error(
        `balance of ${asset} in ${account} would go negative (free ${fmt(free)}, locked ${fmt(locked)}, ${changeType})`,
      );
    }
    holdings.set(asset, { free, locked });
    const event: BalanceEvent = {
      kind: "balance",
      account,
      asset,
      free: fmt(free),
      freeChange: fmt(freeChange),
      locked: fmt(locked),
      lockedChange: fmt(lockedChange),
      changeType,
      time,
    };
    if (options.keepHistory !== false) {
      journal.push(event);
      if (journal.length > JOURNAL_CAP + JOURNAL_CAP / 10) state(account).journal = foldJournal(journal, JOURNAL_CAP);
    }
    emit(event);
  };

  return {
    create: (account, options = {}) => {
      if (!accounts.has(account)) accounts.set(account, { options, holdings: new Map(), journal: [] });
    },
    has: (account) => accounts.has(account),
    options: (account) => state(account).options,
    free: (account, asset) => holding(account, asset)?.free ?? ZERO,
    locked: (account, asset) => holding(account, asset)?.locked ?? ZERO,
    change,
    credit: (account, asset, amount, changeType, time) => {
      if (amount.lt(0) && (holding(account, asset)?.free ?? ZERO).lt(amount.abs())) {
        throw engineErrors.insufficientBalance();
      }
      change(account, asset, amount, ZERO, changeType, time);
      credits.set(asset, (credits.get(asset) ?? ZERO).plus(amount));
    },
    balances: (account) => {
      const found = accounts.get(account);
      if (!found) return [];
      const out: Balance[] = [];
      for (const [asset, { free, locked }] of found.holdings) {
        if (!free.eq(0) || !locked.eq(0)) out.push({ asset, free: fmt(free), locked: fmt(locked) });
      }
      return out;
    },
    journal: (account) => accounts.get(account)?.journal ?? [],
    names: () => [...accounts.keys()],
    credited: () => new Map(credits),
  };
}

/**
 * The newest `keep` entries, after one CARRIED entry per asset for everything before them: its
 * changes sum those it stands for (so the journal still sums to the balance), its balance and
 * time are the last of them.
 */
export function foldJournal(journal: readonly JournalEntry[], keep: number): JournalEntry[] {
  const cut = journal.length - keep;
  if (cut <= 0) return [...journal];
  const carried = new Map<string, { free: Big; locked: Big; last: JournalEntry }>();
  for (const entry of journal.slice(0, cut)) {
    const sum = carried.get(entry.asset) ?? { free: ZERO, locked: ZERO, last: entry };
    carried.set(entry.asset, {
      free: sum.free.plus(entry.freeChange),
      locked: sum.locked.plus(entry.lockedChange),
      last: entry,
    });
  }
  const head = [...carried.values()].map(({ free, locked, last }) => ({
    ...last,
    freeChange: fmt(free),
    lockedChange: fmt(locked),
    changeType: CARRIED_CHANGE,
  }));
  return [...head, ...journal.slice(cut)];
}
