/** Picks the market shown; the current symbol is always listed, even when not in `symbols`. */

export interface SymbolPickerProps {
  readonly symbol: string;
  readonly symbols: readonly string[];
  readonly onSymbolChange: (symbol: string) => void;
}

export function SymbolPicker({ symbol, symbols, onSymbolChange }: SymbolPickerProps) {
  const options = symbols.includes(symbol) ? symbols : [symbol, ...symbols];
  return (
    <select
      className="market-symbol"
      aria-label="Symbol"
      value={symbol}
      onChange={(e) => onSymbolChange(e.target.value)}
    >
      {options.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </select>
  );
}
