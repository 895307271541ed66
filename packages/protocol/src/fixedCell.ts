/**
 * A Fixed (fixed.ts: a whole number of 10^-18) kept where the position engine works on it, in two
 * doubles while it fits and as the bigint once it outgrows them: the engine's fast path. Its
 * arithmetic allocates nothing (a bigint operation allocates its result: at 200,000 fills the
 * collector took a third of a pass, much of it the figures' bigints, issue 55), and gives exactly
 * fixed.ts's results, the rounding (half-even at 18 places) included: what does not fit is done
 * by fixed.ts.
 *
 *   value = hi x 10^15 + lo,  0 <= lo < 10^15,  |hi| < 2^52 (a magnitude below 4.5e12 whole units)
 *
 * Both are integers held exactly (below 2^53): a sum of two is exact before it is checked, and a
 * value whose hi would leave the range is kept as `big`. A value that fits is always in the limbs
 * (`big` undefined), so two cells holding the same value hold the same numbers.
 *
 * A share a x part / whole (the cost of what leaves a lot) is taken in the limbs when part and
 * whole, at their own scale (part = p x 10^-k), are whole numbers up to SMALL_LIMIT, part <= whole,
 * as a fill's quantities are (a few places, far below 10^14 units of them): a long division of
 * |a| x p by w in base-10^k digits (k = 5, 3 or 1, as wide as w lets each step stay below 2^53),
 * the remainder telling how to round.
 */
import { type Fixed, fixed, fixedText, product, share } from "./fixed.js";

/** The limbs' base: lo is the last 15 of the 18 places. */
const BASE = 1e15;
const BIG_BASE = 10n ** 15n;
/** A cell fits in its limbs while |hi| < HI_LIMIT: a sum of two such is still exact. */
const HI_LIMIT = 2 ** 52;
/**
 * p and w of a share in the limbs are at most this: a step of the long division in decimal digits
 * is r x 10 + d x p < 10 x 2w < 2^53 (r < w, d < 10, p <= w); below 4e10 it takes five digits a
 * step, below 4e12 three.
 */
const SMALL_LIMIT = 4e14;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const ZEROS = "000000000000000";

/** What a holder may read of a cell it does not own. */
export interface FixedRead {
  readonly hi: number;
  readonly lo: number;
  readonly big: bigint | undefined;
  /** The value as a Fixed (a bigint: allocates). */
  readonly value: Fixed;
  sign(): number;
  isZero(): boolean;
  compare(other: FixedRead): number;
  equals(other: FixedRead): boolean;
  /** fixedText(value): a plain decimal. */
  text(): string;
}

export class FixedCell implements FixedRead {
  hi = 0;
  lo = 0;
  big: bigint | undefined = undefined;

  static of(value: Fixed): FixedCell {
    return new FixedCell().setFixed(value);
  }

  static parse(text: string, field?: string): FixedCell {
    return new FixedCell().parse(text, field);
  }

  get value(): Fixed {
    if (this.big !== undefined) return this.big;
    if (this.hi === 0) return this.lo === 0 ? 0n : BigInt(this.lo);
    return BigInt(this.hi) * BIG_BASE + BigInt(this.lo);
  }

  zero(): this {
    this.hi = 0;
    this.lo = 0;
    this.big = undefined;
    return this;
  }

  set(other: FixedRead): this {
    this.hi = other.hi;
    this.lo = other.lo;
    this.big = other.big;
    return this;
  }

  setFixed(value: Fixed): this {
    // floor(value / BASE), and what is left (>= 0).
    let hi = value / BIG_BASE;
    let lo = value - hi * BIG_BASE;
    if (lo < 0n) {
      lo += BIG_BASE;
      hi -= 1n;
    }
    const h = Number(hi);
    if (h > -HI_LIMIT && h < HI_LIMIT) {
      this.hi = h;
      this.lo = Number(lo);
      this.big = undefined;
    } else this.big = value;
    return this;
  }

  /**
   * A plain decimal string, as fixed(text, field) reads it (the same grammar, the same error, more
   * than 18 places rounded half-even): read in the limbs when it has at most 18 places and 12
   * whole digits, else by fixed().
   */
  parse(text: string, field = "value"): this {
    const length = text.length;
    const negative = text.charCodeAt(0) === 45; /* - */
    let i = negative ? 1 : 0;
    const intStart = i;
    let whole = 0;
    for (; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < 48 || code > 57) break;
      whole = whole * 10 + (code - 48);
    }
    const wholeDigits = i - intStart;
    let hi = 0;
    let lo = 0;
    if (i < length) {
      // Its fraction: the first 3 places join hi (with the whole units), the next 15 are lo.
      if (wholeDigits === 0 || text.charCodeAt(i) !== 46 /* . */ || i === length - 1 || length - i - 1 > 18)
        return this.setFixed(fixed(text, field));
      const point = i++;
      let head = 0;
      for (; i < length && i <= point + 3; i++) {
        const code = text.charCodeAt(i);
        if (code < 48 || code > 57) return this.setFixed(fixed(text, field));
        head = head * 10 + (code - 48);
      }
      for (; i < length; i++) {
        const code = text.charCodeAt(i);
        if (code < 48 || code > 57) return this.setFixed(fixed(text, field));
        lo = lo * 10 + (code - 48);
      }
      const places = length - point - 1;
      if (places < 3) hi = head * (POW10[3 - places] as number);
      else {
        hi = head;
        lo *= POW10[18 - places] as number;
      }
    } else if (wholeDigits === 0) return this.setFixed(fixed(text, field));
    if (wholeDigits > 12) return this.setFixed(fixed(text, field));
    hi += whole * 1000;
    this.hi = hi;
    this.lo = lo;
    this.big = undefined;
    return negative ? this.negate() : this;
  }

  /**
   * A Fixed's whole number as text (String(fixed), as the journal's series lines hold it) read in the limbs
   * while it has at most 30 digits, without a bigint on the way; else by BigInt (its error too).
   */
  setInteger(text: string): this {
    const length = text.length;
    const negative = text.charCodeAt(0) === 45; /* - */
    const start = negative ? 1 : 0;
    if (length === start || length - start > 30) return this.setFixed(BigInt(text));
    // The last 15 digits are lo, those before them hi (at most 15 digits: below HI_LIMIT).
    const split = Math.max(start, length - 15);
    let hi = 0;
    let lo = 0;
    for (let i = start; i < length; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return this.setFixed(BigInt(text));
      if (i < split) hi = hi * 10 + digit;
      else lo = lo * 10 + digit;
    }
    this.big = undefined;
    if (!negative || (hi === 0 && lo === 0)) {
      this.hi = hi;
      this.lo = lo;
    } else {
      // -(hi x 10^15 + lo), lo kept at or above 0.
      this.hi = lo === 0 ? -hi : -hi - 1;
      this.lo = lo === 0 ? 0 : BASE - lo;
    }
    return this;
  }

  add(other: FixedRead): this {
    if (this.big !== undefined || other.big !== undefined) return this.setFixed(this.value + other.value);
    let lo = this.lo + other.lo;
    let hi = this.hi + other.hi;
    if (lo >= BASE) {
      lo -= BASE;
      hi += 1;
    }
    if (hi <= -HI_LIMIT || hi >= HI_LIMIT) return this.setFixed(this.value + other.value);
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  sub(other: FixedRead): this {
    if (this.big !== undefined || other.big !== undefined) return this.setFixed(this.value - other.value);
    let lo = this.lo - other.lo;
    let hi = this.hi - other.hi;
    if (lo < 0) {
      lo += BASE;
      hi -= 1;
    }
    if (hi <= -HI_LIMIT || hi >= HI_LIMIT) return this.setFixed(this.value - other.value);
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  negate(): this {
    if (this.big !== undefined) return this.setFixed(-this.big);
    if (this.lo === 0) this.hi = 0 - this.hi;
    else {
      this.hi = -this.hi - 1;
      this.lo = BASE - this.lo;
    }
    return this;
  }

  abs(): this {
    return this.sign() < 0 ? this.negate() : this;
  }

  /** a x part / whole (whole not zero), rounded half-even to 18 places: fixed.ts's share. */
  setShare(a: FixedRead, part: FixedRead, whole: FixedRead): this {
    if (a.big === undefined && part.big === undefined && whole.big === undefined && shareInLimbs(this, a, part, whole))
      return this;
    return this.setFixed(share(a.value, part.value, whole.value));
  }

  /** a x b rounded half-even to 18 places: fixed.ts's product (by it: a price times a quantity is rare here). */
  setProduct(a: FixedRead, b: FixedRead): this {
    return this.setFixed(product(a.value, b.value));
  }

  sign(): number {
    if (this.big !== undefined) return this.big < 0n ? -1 : this.big > 0n ? 1 : 0;
    return this.hi < 0 ? -1 : this.hi > 0 || this.lo > 0 ? 1 : 0;
  }

  isZero(): boolean {
    return this.hi === 0 && this.lo === 0 && this.big === undefined;
  }

  compare(other: FixedRead): number {
    if (this.big !== undefined || other.big !== undefined) {
      const a = this.value;
      const b = other.value;
      return a < b ? -1 : a > b ? 1 : 0;
    }
    if (this.hi !== other.hi) return this.hi < other.hi ? -1 : 1;
    return this.lo < other.lo ? -1 : this.lo > other.lo ? 1 : 0;
  }

  equals(other: FixedRead): boolean {
    if (this.big !== undefined || other.big !== undefined) return this.big === other.big;
    return this.hi === other.hi && this.lo === other.lo;
  }

  text(): string {
    if (this.big !== undefined) return fixedText(this.big);
    if (this.hi === 0 && this.lo === 0) return "0";
    const negative = absoluteLimbs(this.hi, this.lo);
    const hi = absHi;
    const lo = absLo;
    const units = Math.floor(hi / 1000);
    const head = hi - units * 1000;
    let fraction = lo === 0 ? "" : padded(lo, 15);
    if (fraction !== "") {
      let end = 15;
      while (fraction.charCodeAt(end - 1) === 48 /* 0 */) end--;
      fraction = `${padded(head, 3)}${fraction.slice(0, end)}`;
    } else if (head !== 0) {
      fraction = padded(head, 3);
      if (head % 10 === 0) fraction = fraction.slice(0, head % 100 === 0 ? 1 : 2);
    }
    const text = fraction === "" ? String(units) : `${units}.${fraction}`;
    return negative ? `-${text}` : text;
  }
}

/** The limbs of the last absoluteLimbs' |value|: read them at once. */
let absHi = 0;
let absLo = 0;

/** Puts |value|'s limbs in absHi and absLo (value's limbs hi, lo); whether value is negative. */
function absoluteLimbs(hi: number, lo: number): boolean {
  if (hi >= 0) {
    absHi = hi;
    absLo = lo;
    return false;
  }
  absHi = lo === 0 ? -hi : -hi - 1;
  absLo = lo === 0 ? 0 : BASE - lo;
  return true;
}

/** A whole number below 10^width in `width` digits. */
function padded(n: number, width: number): string {
  const text = String(n);
  return text.length === width ? text : ZEROS.slice(15 - width + text.length) + text;
}

/** Trailing zeros of the limbs' value (not zero), at most 18: its places are 18 - that. */
function trailingZeros(hi: number, lo: number): number {
  // Divisions, not %: a double's % is a call to fmod.
  if (lo === 0) {
    if (divides(1000, hi)) return 18;
    if (divides(100, hi)) return 17;
    return divides(10, hi) ? 16 : 15;
  }
  let n = 0;
  let x = lo;
  if (divides(1e8, x)) {
    n += 8;
    x /= 1e8;
  }
  if (divides(1e4, x)) {
    n += 4;
    x /= 1e4;
  }
  if (divides(100, x)) {
    n += 2;
    x /= 100;
  }
  return divides(10, x) ? n + 1 : n;
}

/** Whether d divides x (integers below 2^53, d a power of ten). */
function divides(d: number, x: number): boolean {
  return Math.floor(x / d) * d === x;
}

/** A value's limbs over 10^s (s <= 18, the value a multiple of it), or -1 beyond SMALL_LIMIT. */
function scaledDown(hi: number, lo: number, s: number): number {
  if (s >= 15) return hi / (POW10[s - 15] as number);
  const up = hi * (POW10[15 - s] as number);
  if (up > SMALL_LIMIT) return -1;
  return up + lo / (POW10[s] as number);
}

/** A share's digits of a limb, least significant first (at most 16: a limb is below 2^52). */
const digits = new Float64Array(16);

/** What the last divideDigits left over (< w): the next call carries on from it. */
let remainder = 0;

/**
 * One limb's step of the long division: the first `n` digits (most significant last) times p,
 * after `remainder`, divided by w a digit at a time (1 / w is `inverse`). Returns the quotient's
 * digits as one number and leaves the rest in `remainder`.
 */
function divideDigits(n: number, digit: number, p: number, w: number, inverse: number): number {
  let r = remainder;
  let quotient = 0;
  for (let i = n - 1; i >= 0; i--) {
    const cur = r * digit + (digits[i] as number) * p;
    let q = Math.floor(cur * inverse);
    r = cur - q * w;
    if (r < 0) {
      q -= 1;
      r += w;
    } else if (r >= w) {
      q += 1;
      r -= w;
    }
    quotient = quotient * digit + q;
  }
  remainder = r;
  return quotient;
}

/**
 * `into` = a x part / whole rounded half-even, in the limbs; false (nothing written) when the
 * operands are not ones the long division takes: part and whole > 0, part <= whole, both at most
 * SMALL_LIMIT at their scale.
 */
function shareInLimbs(into: FixedCell, a: FixedRead, part: FixedRead, whole: FixedRead): boolean {
  if (part.hi < 0 || whole.hi < 0 || whole.isZero()) return false;
  if (part.hi === 0 && part.lo === 0) {
    into.zero();
    return true;
  }
  // a = ±whole: exactly ±part (a lot that cost its quantity: the quote currency's own).
  if (a.lo === whole.lo && (a.hi === whole.hi || (a.lo === 0 && a.hi === -whole.hi))) {
    into.set(part);
    if (a.hi !== whole.hi) into.negate();
    return true;
  }
  if (a.lo === BASE - whole.lo && a.hi === -whole.hi - 1) {
    into.set(part).negate();
    return true;
  }
  const s = Math.min(trailingZeros(part.hi, part.lo), trailingZeros(whole.hi, whole.lo));
  const p = scaledDown(part.hi, part.lo, s);
  const w = scaledDown(whole.hi, whole.lo, s);
  if (p < 0 || w < 0 || w > SMALL_LIMIT || p > w) return false;
  // Digits as wide as the divisor lets each step stay below 2^53: r x D + d x p < D x 2w.
  const k = w <= 4e10 ? 5 : w <= 4e12 ? 3 : 1;
  const digit = POW10[k] as number;
  const inverse = 1 / w;
  const negative = absoluteLimbs(a.hi, a.lo);
  const hi = absHi;
  const lo = absLo;
  // Long division of |a| x p by w, a digit at a time, hi's digits then lo's: the remainder < w throughout;
  // qhi is floor(hi x p / w), qlo what the rest of the division adds to it (< 2 x BASE).
  remainder = 0;
  let n = 0;
  for (let x = hi; x > 0; n++) {
    const next = Math.floor(x / digit);
    digits[n] = x - next * digit;
    x = next;
  }
  let qhi = divideDigits(n, digit, p, w, inverse);
  n = 15 / k;
  for (let i = 0, x = lo; i < n; i++) {
    const next = Math.floor(x / digit);
    digits[i] = x - next * digit;
    x = next;
  }
  let qlo = divideDigits(n, digit, p, w, inverse);
  const r = remainder;
  const carry = Math.floor(qlo / BASE);
  qlo -= carry * BASE;
  qhi += carry;
  // Half-even on the remainder.
  const twice = 2 * r;
  if (twice > w || (twice === w && qlo % 2 === 1)) {
    qlo += 1;
    if (qlo === BASE) {
      qlo = 0;
      qhi += 1;
    }
  }
  into.hi = qhi;
  into.lo = qlo;
  into.big = undefined;
  if (negative) into.negate();
  return true;
}
