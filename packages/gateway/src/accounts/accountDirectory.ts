/**
 * The accounts a collector watches, by name: what the HTTP API's `?account=NAME` picks from, and
 * `GET /api/accounts` lists (name, mode, health). The first account is the default: routes
 * without `?account=` answer for it.
 */
import type { AccountItem, AccountsAnswer } from "@mexc-live/contract";
import { Decimal, exact } from "@mexc-live/protocol";
import { HttpError } from "../errors.js";
import type { AccountRuntime } from "./startAccount.js";

export class AccountDirectory {
  private readonly byName: ReadonlyMap<string, AccountRuntime>;

  constructor(private readonly runtimes: readonly AccountRuntime[]) {
    if (runtimes.length === 0) throw new RangeError("an account directory needs an account");
    this.byName = new Map(runtimes.map((runtime) => [runtime.name, runtime]));
  }

  get default(): AccountRuntime {
    return this.runtimes[0]!;
  }

  get size(): number {
    return this.runtimes.length;
  }

  /** The named account, or the default one; HttpError NOT_FOUND naming the parameter otherwise. */
  pick(name: string | undefined): AccountRuntime {
    if (name === undefined) return this.default;
    const runtime = this.byName.get(name);
    if (runtime === undefined) {
      throw new HttpError("NOT_FOUND", `account: no account "${name}" here (GET /api/accounts lists them)`);
    }
    return runtime;
  }

  list(): AccountsAnswer {
    const items: AccountItem[] = this.runtimes.map((runtime, index) => ({
      name: runtime.name,
      mode: runtime.mode,
      default: index === 0,
      topicPrefix: index === 0 ? "" : `account.${runtime.name}.`,
      health: runtime.health(),
      equity: runtime.store.latestEquity() ?? null,
    }));
    return { items, total: totalOf(items) };
  }
}

/** The accounts' latest equity added up, in total and by asset (exact decimals). */
export function totalOf(items: readonly AccountItem[]): AccountsAnswer["total"] {
  let equity = new Decimal(0);
  const byAsset = new Map<string, Decimal>();
  for (const item of items) {
    if (item.equity === null) continue;
    equity = equity.plus(item.equity.equity);
    for (const [asset, value] of Object.entries(item.equity.byAsset)) {
      byAsset.set(asset, (byAsset.get(asset) ?? new Decimal(0)).plus(value));
    }
  }
  const sorted = [...byAsset.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { equity: exact(equity), byAsset: Object.fromEntries(sorted.map(([asset, value]) => [asset, exact(value)])) };
}
