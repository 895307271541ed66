/**
 * The chart and market sections of the layout: fixed-size boxes around the presentational
 * components of src/charts and src/market, fed from the live store and the figures API.
 */
import type { BalanceItem, EquityPoint, FillItem } from "@mexc-live/contract";
import { useEffect, useMemo, useState } from "react";
import { getJson, type QueryValue } from "./api/http.js";
import type { Figures } from "./api/useFigures.js";
import { AllocationChart, EquityChart, type EquityRange, FeesChart, VolumeChart } from "./charts/index.js";
import { useThrottled } from "./hooks/useThrottled.js";
import { MarketPanel } from "./market/index.js";
import { useLive } from "./store/LiveContext.js";
import type { LiveStore } from "./store/liveStore.js";
import type { Theme } from "./theme/theme.js";

/** Charts recomputed from all held fills follow them at most this often. */
const CHART_REFRESH_MS = 1_000;
const HOUR = 3_600_000;

/** GET /api/equity for each range: its span and a step that keeps it to about 1,000-2,000 points. */
const EQUITY_QUERY: Record<EquityRange, (now: number) => Record<string, QueryValue>> = {
  "1h": (now) => ({ from: now - HOUR }),
  "1d": (now) => ({ from: now - 24 * HOUR, step: "1m" }),
  "1w": (now) => ({ from: now - 7 * 24 * HOUR, step: "10m" }),
  all: () => ({ step: "6h" }),
};

export function EquitySection({ store, quote, theme }: { store: LiveStore; quote: string; theme: Theme }) {
  const points = useLive((s) => s.equity);
  const [range, setRange] = useState<EquityRange>("1d");
  useEffect(() => {
    const controller = new AbortController();
    getJson<{ items: EquityPoint[] }>("/api/equity", EQUITY_QUERY[range](Date.now()), controller.signal)
      .then((page) => store.addEquityHistory(page.items))
      .catch(() => {
        // The stream's snapshot still fills the chart.
      });
    return () => controller.abort();
  }, [store, range]);
  return (
    <section className="panel area-equity" aria-label="Equity">
      <h2 className="panel-title">Equity and balances</h2>
      <div className="chart-box chart-equity">
        <EquityChart points={points} range={range} onRangeChange={setRange} theme={theme} quote={quote} />
      </div>
    </section>
  );
}

export interface ChartsRowProps {
  readonly balances: ReadonlyMap<string, BalanceItem>;
  readonly fills: readonly FillItem[];
  readonly figures: Figures;
  readonly quote: string;
  readonly theme: Theme;
}

export function ChartsRow({ balances, fills, figures, quote, theme }: ChartsRowProps) {
  const balanceList = useMemo(() => [...balances.values()], [balances]);
  const slowFills = useThrottled(fills, CHART_REFRESH_MS);
  return (
    <>
      <section className="panel area-allocation" aria-label="Allocation">
        <h2 className="panel-title">Allocation</h2>
        <div className="chart-box chart-small">
          <AllocationChart balances={balanceList} quote={quote} theme={theme} />
        </div>
      </section>
      <section className="panel area-fees" aria-label="Fees">
        <h2 className="panel-title">Fees</h2>
        <div className="chart-box chart-small">
          <FeesChart fills={slowFills} summary={figures.fees} quote={quote} theme={theme} />
        </div>
      </section>
      <section className="panel area-volume" aria-label="Volume">
        <h2 className="panel-title">Volume by symbol and day</h2>
        <div className="chart-box chart-small">
          <VolumeChart items={figures.volume} quote={quote} theme={theme} />
        </div>
      </section>
    </>
  );
}

export interface MarketSectionProps {
  readonly symbol: string;
  readonly defaultSymbol: string;
  readonly onSymbol: (symbol: string) => void;
  readonly theme: Theme;
}

const NO_MARKET = { ticker: null, depth: null, trades: [], klines: [] } as const;

export function MarketSection({ symbol, defaultSymbol, onSymbol, theme }: MarketSectionProps) {
  const market = useLive((s) => s.market.get(symbol)) ?? NO_MARKET;
  const orders = useLive((s) => s.orders);
  const balances = useLive((s) => s.balances);
  const fills = useThrottled(
    useLive((s) => s.fills.items),
    CHART_REFRESH_MS,
  );
  const quote = useLive((s) => s.health?.value.quote ?? s.hello?.quote ?? "USDT");
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
          theme={theme}
        />
      </div>
    </section>
  );
}
