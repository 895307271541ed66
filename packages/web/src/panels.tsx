/**
 * The chart and market sections of the layout: fixed-size boxes around the presentational
 * components of src/charts and src/market, fed from the live store and the figures API (the
 * equity section is src/equity).
 */
import type { BalanceItem, MarketNote } from "@mexc-live/contract";
import { memo, useMemo } from "react";
import type { Figures } from "./api/useFigures.js";
import { groupAllocation, unpricedHeld } from "./charts/allocation.js";
import { AllocationChart, FeesChart, VolumeChart } from "./charts/index.js";
import { useDisplay } from "./format/DisplayContext.js";
import { useThrottled } from "./hooks/useThrottled.js";
import { MarketPanel } from "./market/index.js";
import { useLive } from "./store/LiveContext.js";
import { EMPTY_MARKET } from "./store/liveState.js";

/** Charts recomputed from all held fills follow them at most this often. */
const CHART_REFRESH_MS = 5_000;

function drawsNothing(balances: ReadonlyMap<string, BalanceItem>): boolean {
  return groupAllocation([...balances.values()]).length === 0;
}

export interface ChartsRowProps {
  readonly balances: ReadonlyMap<string, BalanceItem>;
  /** The balances' snapshot came (until then no balance is not "none": it is loading). */
  readonly balancesIn: boolean;
  readonly figures: Figures;
}

export function ChartsRow({ balances, balancesIn, figures }: ChartsRowProps) {
  const { quote, theme } = useDisplay();
  // Balances change with every fill and price: the donut follows them at most every CHART_REFRESH_MS,
  // but at once while it draws nothing (a first snapshot of nothing held, or of nothing priced yet,
  // is no reason to wait).
  const slowBalances = useThrottled(balances, CHART_REFRESH_MS, drawsNothing);
  const balanceList = useMemo(() => [...slowBalances.values()], [slowBalances]);
  const unpriced = useMemo(() => unpricedHeld(balanceList), [balanceList]);
  return (
    <>
      <section className="panel area-allocation" aria-label="Allocation">
        <h2 className="panel-title">Allocation</h2>
        <div className="chart-box chart-small">
          <AllocationChart
            balances={balanceList}
            unpriced={unpriced}
            quote={quote}
            theme={theme}
            loading={!balancesIn}
          />
        </div>
      </section>
      <section className="panel area-fees" aria-label="Fees">
        <h2 className="panel-title">Fees</h2>
        <div className="chart-box chart-small">
          <FeesChart days={figures.feeDays} summary={figures.fees} quote={quote} theme={theme} />
        </div>
      </section>
      <section className="panel area-volume" aria-label="Volume">
        <h2 className="panel-title">Volume by symbol and day</h2>
        <div className="chart-box chart-small">
          <VolumeChart items={figures.volume} quote={quote} theme={theme} loading={!figures.loaded.volume} />
        </div>
      </section>
    </>
  );
}

export interface MarketSectionProps {
  readonly symbol: string;
  readonly defaultSymbol: string;
  readonly onSymbol: (symbol: string) => void;
}

/**
 * The market panel (it changes several times a second: the dashboard has it follow the store
 * only while on screen, FollowWhenSeen).
 */
export const MarketSection = memo(function MarketSection({ symbol, defaultSymbol, onSymbol }: MarketSectionProps) {
  const { quote, theme } = useDisplay();
  const market = useLive((s) => s.market.get(symbol)) ?? EMPTY_MARKET;
  const orders = useLive((s) => s.orders);
  const balances = useLive((s) => s.balances);
  const fills = useThrottled(
    useLive((s) => s.fills.items),
    CHART_REFRESH_MS,
  );
  // Health comes every second: the symbol's notes are compared as text, so an unchanged one renders nothing.
  const notesText = useLive((s) => JSON.stringify((s.health?.value.market ?? []).filter((n) => n.symbol === symbol)));
  const notes = useMemo(() => JSON.parse(notesText) as MarketNote[], [notesText]);
  const symbols = useMemo(() => {
    const set = new Set<string>([defaultSymbol]);
    for (const order of orders.values()) set.add(order.symbol);
    for (const fill of fills) set.add(fill.symbol);
    // Each asset held, against the quote currency (a guess at its main market, offered to pick).
    for (const asset of balances.keys()) if (asset !== quote) set.add(`${asset}${quote}`);
    return [...set].sort();
  }, [orders, fills, balances, quote, defaultSymbol]);
  return (
    <section className="panel area-market" aria-label="Market">
      <h2 className="panel-title">Market</h2>
      <div className="market-box">
        <MarketPanel
          symbol={symbol}
          symbols={symbols}
          onSymbolChange={onSymbol}
          ticker={market.ticker}
          depth={market.depth}
          trades={market.trades}
          klines={market.klines}
          klinesIn={market.klinesIn}
          notes={notes}
          theme={theme}
          quote={quote}
        />
      </div>
    </section>
  );
});
