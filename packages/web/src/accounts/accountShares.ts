/**
 * Each account's equity and its share of the total across accounts, from the gateway's exact
 * decimals (protocol's decimal module, no floats): the share is a percentage with SHARE_PLACES
 * places, rounded by largest remainder so the shares shown add up to exactly 100 %. An account
 * without an equity point (or with one that is not a plain decimal) has no share and is left
 * out of the others; every share is missing when the total is not above zero.
 */
import type { AccountItem } from "@mexc-live/contract";
import { Decimal, dec, isDecimal, ROUND_DOWN } from "@mexc-live/protocol";
import { compareDecimal } from "../format/decimal.js";

/** Places of a share in percent ("38.8"). */
const SHARE_PLACES = 1;
/** The total in units of the last place shown: 1000 tenths of a percent. */
const WHOLE = 10 ** (2 + SHARE_PLACES);

export interface AccountShare {
  readonly name: string;
  /** Its latest equity in the quote currency as the gateway sent it; null: none yet. */
  readonly equity: string | null;
  /** Its share of the total in percent with SHARE_PLACES places ("38.8"); null: left out. */
  readonly share: string | null;
}

interface Counted {
  readonly index: number;
  /** Whole units (integers up to WHOLE: exact as numbers). */
  units: number;
  readonly remainder: Decimal;
}

function equityOf(item: AccountItem): string | null {
  const equity = item.equity?.equity;
  return equity !== undefined && isDecimal(equity) ? equity : null;
}

export function accountShares(items: readonly AccountItem[], total: string | null): AccountShare[] {
  const equities = items.map(equityOf);
  const shares: (number | null)[] = equities.map(() => null);
  if (total !== null && isDecimal(total) && compareDecimal(total, "0") > 0) {
    const whole = dec(total, "total.equity");
    const counted: Counted[] = [];
    equities.forEach((equity, index) => {
      if (equity === null || compareDecimal(equity, "0") < 0) return;
      const exact = dec(equity).times(WHOLE).div(whole);
      const floor = exact.round(0, ROUND_DOWN);
      counted.push({ index, units: Number(floor.toFixed()), remainder: exact.minus(floor) });
    });
    // The units lost to rounding down go to the largest remainders: at most one each.
    const leftover = WHOLE - counted.reduce((sum, c) => sum + c.units, 0);
    if (leftover > 0 && leftover <= counted.length) {
      const byRemainder = [...counted].sort((a, b) => b.remainder.cmp(a.remainder) || a.index - b.index);
      for (const c of byRemainder.slice(0, leftover)) c.units += 1;
    }
    for (const c of counted) shares[c.index] = c.units;
  }
  return items.map((item, index) => {
    const units = shares[index] ?? null;
    return {
      name: item.name,
      equity: equities[index] ?? null,
      share: units === null ? null : new Decimal(units).div(10 ** SHARE_PLACES).toFixed(SHARE_PLACES),
    };
  });
}
