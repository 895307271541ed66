/**
 * Exact difference (for the spread) and mid (for a ticker without a last trade) of two decimal
 * strings, by integer arithmetic on BigInt: no float ever touches a displayed amount. Kept at
 * the larger number of decimals of the two.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parse(value: string): { units: bigint; scale: number } | undefined {
  const m = DECIMAL.exec(value.trim());
  if (!m) return undefined;
  const frac = m[3] ?? "";
  const units = BigInt(`${m[2]}${frac}`);
  return { units: m[1] === "-" ? -units : units, scale: frac.length };
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${int}${scale > 0 ? `.${frac}` : ""}`;
}

/** a - b, e.g. ("65000.50", "64999.9") -> "0.60"; undefined when either is not a plain decimal. */
export function subtractDecimal(a: string, b: string): string | undefined {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return undefined;
  const scale = Math.max(x.scale, y.scale);
  const ux = x.units * 10n ** BigInt(scale - x.scale);
  const uy = y.units * 10n ** BigInt(scale - y.scale);
  return format(ux - uy, scale);
}

/**
 * The mid price (a + b) / 2, exact: one more decimal than the inputs when the sum is odd in the
 * last place, e.g. ("3.2007", "3.2014") -> "3.20105"; undefined when either is not a plain decimal.
 */
export function midDecimal(a: string, b: string): string | undefined {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return undefined;
  // One extra place makes the halving exact: 10 * sum / 2 = 5 * sum.
  const scale = Math.max(x.scale, y.scale);
  const sum = x.units * 10n ** BigInt(scale - x.scale) + y.units * 10n ** BigInt(scale - y.scale);
  if (sum % 2n === 0n) return format(sum / 2n, scale);
  return format(sum * 5n, scale + 1);
}
