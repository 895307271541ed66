/**
 * The accounts a collector watches, by name: what the HTTP API's `?account=NAME` picks from, and
 * `GET /api/accounts` lists (name, mode, health). The first account is the default: routes
 * without `?account=` answer for it.
 */
import type { AccountItem } from "@mexc-live/contract";
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

  list(): AccountItem[] {
    return this.runtimes.map((runtime, index) => ({
      name: runtime.name,
      mode: runtime.mode,
      default: index === 0,
      topicPrefix: index === 0 ? "" : `account.${runtime.name}.`,
      health: runtime.health(),
    }));
  }
}
