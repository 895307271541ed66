/**
 * Table cells for amounts and ids: an amount rounded for reading with the exact figure on hover
 * and in copies (fullValueCopy.ts), a signed change coloured by its direction, and a long id
 * shortened with the whole one on hover. All by string operations (format/decimal.ts), never
 * through floats.
 */
import { compareDecimal, formatAmount, formatAtPlaces, formatMoney } from "../format/decimal.js";
import { useAssetPlaces, usePairPlaces } from "../store/PrecisionContext.js";
import { FULL_VALUE_ATTRIBUTE } from "./fullValueCopy.js";

/** The exact figure on hover and in copies, when the one shown is rounded; nothing otherwise. */
function fullValue(rounded: boolean, exact: string): Record<string, string> {
  return rounded ? { title: exact, [FULL_VALUE_ATTRIBUTE]: exact } : {};
}

/** Whether `shown` ("1,210.94") is `exact` to the last digit (padding zeros change nothing). */
function showsExactly(shown: string, exact: string): boolean {
  const plain = shown.replaceAll(",", "");
  return plain === exact || (/^-?\d+(\.\d+)?$/.test(plain) && compareDecimal(plain, exact) === 0);
}

/**
 * An amount rounded for reading, the exact one as its tooltip when rounding changed it: at
 * `places` when known (the asset's or pair's, GET /api/precisions), otherwise by formatAmount.
 */
export function Rounded({ exact, unit = "", places }: { exact: string; unit?: string; places?: number | undefined }) {
  const shown = places === undefined ? formatAmount(exact) : formatAtPlaces(exact, places);
  const suffix = unit === "" ? "" : ` ${unit}`;
  return <span {...fullValue(!showsExactly(shown, exact), `${exact}${suffix}`)}>{`${shown}${suffix}`}</span>;
}

/** An amount of `asset` at the places MEXC keeps it in (a balance, a fee, a transfer), the exact one on hover. */
export function AssetAmount({ exact, asset, unit }: { exact: string; asset: string; unit?: string }) {
  return <Rounded exact={exact} places={useAssetPlaces(asset)} {...(unit === undefined ? {} : { unit })} />;
}

/** A price or quantity of `symbol` at the pair's places (exchangeInfo), the exact one on hover. */
export function PairFigure({ exact, symbol, of }: { exact: string; symbol: string; of: "price" | "quantity" }) {
  return <Rounded exact={exact} places={usePairPlaces(symbol, of)} />;
}

/** A table cell of the row's pair's price or quantity (PairFigure). */
export function pairCell(of: "price" | "quantity") {
  return (c: { getValue: () => string; row: { original: { readonly symbol: string } } }) => (
    <PairFigure exact={c.getValue()} symbol={c.row.original.symbol} of={of} />
  );
}

/** A value in a quote currency rounded for reading ("0.36"), the exact one as its tooltip. */
export function Money({ value }: { value: string }) {
  const shown = formatMoney(value);
  return <span {...fullValue(!showsExactly(shown, value), value)}>{shown}</span>;
}

/**
 * A change with its sign ("+0.01", "-650.001"), green up and red down; `money` rounds it as a
 * value in a quote currency (2 places: a change that rounds to 0.00 has no sign nor colour),
 * otherwise as an amount of an asset. The exact figure on hover when rounding changed it.
 */
export function SignedAmount({ value, money = false, asset }: { value: string; money?: boolean; asset?: string }) {
  const places = useAssetPlaces(asset);
  const shown = money ? formatMoney(value) : places === undefined ? formatAmount(value) : formatAtPlaces(value, places);
  const sign = compareDecimal(money ? shown.replaceAll(",", "") : value, "0");
  const text = sign > 0 ? `+${shown}` : shown;
  return (
    <span
      className={sign > 0 ? "change-up" : sign < 0 ? "change-down" : undefined}
      {...fullValue(!showsExactly(shown, value), value)}
    >
      {text}
    </span>
  );
}

/** "5059…89X1": the first and last `keep` characters of an id that is longer than it needs to be. */
function shortId(id: string, keep = 4): string {
  return id.length <= 2 * keep + 2 ? id : `${id.slice(0, keep)}…${id.slice(-keep)}`;
}

/** An id shortened for a narrow column, the whole id on hover; "–" for none. */
export function ShortId({ id, prefix = "", keep }: { id: string; prefix?: string; keep?: number }) {
  if (id === "") return <span className="not-set">–</span>;
  const short = shortId(id, keep);
  return <span title={short === id ? undefined : `${prefix}${id}`}>{`${prefix}${short}`}</span>;
}
