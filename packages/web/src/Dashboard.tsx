/**
 * The dashboard: header (with the account switcher when the gateway watches several accounts);
 * the "All accounts" summary above the rest with several accounts; performance over the range
 * picked (PnL, TWR, the bridge from start to end equity, equity and PnL over time); balances;
 * allocation, fees and volume; the order and fill tables; the ledger and transfers; PnL (by
 * period, by symbol, opening positions, tax report) by the cost-basis method picked, and the
 * import of older history; the alert rules and their delivery log; the market panel; the toasts
 * (and browser notifications) of alerts as they arrive. A copy of rounded amounts holds their full
 * values (tables/fullValueCopy.ts). One live store per mounted dashboard, fed
 * by one WebSocket. Each section reads only its own slices of the store, so a burst of fills
 * re-renders the fills table, not the charts; a section scrolled away, or a hidden tab, re-renders
 * nothing until seen again (FollowWhenSeen, LivePaused: issue 17, a light tab). The sections of
 * the account shown are mounted afresh for each account, so nothing one of them held (a figure,
 * a page of history, a toast) outlives a switch; the market panel stays.
 */
import {
  type AccountItem,
  DEFAULT_QUOTE,
  type FillItem,
  type MarketTopicKind,
  marketTopic,
  type OrderItem,
  type ServerMessage,
} from "@mexc-live/contract";
import { memo, type ReactNode, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { AccountSections, type AccountSectionsProps } from "./accountPanels.js";
import { AccountSwitcher, type AccountSwitcherProps } from "./accounts/AccountSwitcher.js";
import { AllAccountsSummary, type AllAccountsSummaryProps } from "./accounts/AllAccountsSummary.js";
import { accountTopics, shownName } from "./accounts/accountChoice.js";
import { ACCOUNTS_TOPICS, AllAccountsFeed, type AllAccountsLive, SUMMARY_TOPICS } from "./accounts/allAccountsFeed.js";
import { liveAccounts, liveTotal } from "./accounts/liveAccounts.js";
import { useAccountChoice } from "./accounts/useAccountChoice.js";
import { useAllAccountsPnl } from "./accounts/useAllAccountsPnl.js";
import { useReadAfterChange } from "./accounts/useReadAfterChange.js";
import { AlertsPanel } from "./alerts/AlertsPanel.js";
import { AlertToasts } from "./alerts/AlertToasts.js";
import { DisplayProvider } from "./format/DisplayContext.js";
import { TimeZoneProvider, useDisplayZone } from "./format/TimeZoneContext.js";
import { ZonePicker } from "./format/ZonePicker.js";
import { Header } from "./header/Header.js";
import { describeHealth } from "./header/healthView.js";
import { LivePaused, useLivePaused } from "./hooks/livePaused.js";
import { useNow } from "./hooks/useNow.js";
import { type GatewayLink, gatewayLink } from "./live/accountState.js";
import { useStream } from "./live/useStream.js";
import { ChartsRow, MarketSection } from "./panels.js";
import { PerformanceSection } from "./performance/PerformanceSection.js";
import { useCostMethod } from "./pnl/costMethod.js";
import { FiguresProvider, useFiguresContext } from "./store/FiguresContext.js";
import { FollowWhenSeen } from "./store/FollowWhenSeen.js";
import { LiveStoreProvider, useHeldWhilePaused, useLive, useLiveStore } from "./store/LiveContext.js";
import { FILLS_PAGE_SIZE } from "./store/limits.js";
import { LiveStore } from "./store/liveStore.js";
import { PrecisionProvider } from "./store/PrecisionContext.js";
import { usePagedHistory } from "./store/usePagedHistory.js";
import { BalancesPanel } from "./tables/BalancesPanel.js";
import { copyFullValues } from "./tables/fullValueCopy.js";
import { TablesPanel } from "./tables/TablesPanel.js";
import { type Theme, useTheme } from "./theme/theme.js";

const MARKET_STREAMS: readonly MarketTopicKind[] = ["ticker", "depth", "trades", "kline"];
/** Followed while the market panel is scrolled away too. */
const ALWAYS_MARKET_STREAMS: readonly MarketTopicKind[] = ["kline"];
const DEFAULT_SYMBOL = "BTCUSDT";
/** Fixed heights (px) of the table areas. */
const TABLE_HEIGHT = 420;
/** Beside the allocation and fees charts, one above the other. */
const BALANCES_HEIGHT = 500;

export function Dashboard({ onAuthRequired }: { onAuthRequired: () => void }) {
  const [store] = useState(() => new LiveStore());
  useEffect(() => () => store.dispose(), [store]);
  // A hidden tab renders nothing, ticks no clock and polls nothing (the store folds updates in),
  // and catches up in one render when shown; alerts still notify (AlertToasts).
  const [hidden, setHidden] = useState(() => document.visibilityState === "hidden");
  useEffect(() => {
    const follow = () => setHidden(document.visibilityState === "hidden");
    document.addEventListener("visibilitychange", follow);
    return () => document.removeEventListener("visibilitychange", follow);
  }, []);
  // A copy of rounded amounts holds their full values (tables/fullValueCopy.ts).
  useEffect(() => {
    document.addEventListener("copy", copyFullValues);
    return () => document.removeEventListener("copy", copyFullValues);
  }, []);
  return (
    <TimeZoneProvider>
      <PrecisionProvider>
        <LiveStoreProvider store={store}>
          <LivePaused paused={hidden}>
            <DashboardView store={store} onAuthRequired={onAuthRequired} />
          </LivePaused>
        </LiveStoreProvider>
      </PrecisionProvider>
    </TimeZoneProvider>
  );
}

function DashboardView({ store, onAuthRequired }: { store: LiveStore; onAuthRequired: () => void }) {
  const [theme, toggleTheme] = useTheme();
  const [method, setMethod] = useCostMethod();
  const { accounts, total, readAt, chosen, scope, choose, refresh } = useAccountChoice(store);
  // The "All accounts" summary, live on the same socket from the gateway's topics of all accounts
  // together: their latest fills and open orders while the summary is seen, each account's equity
  // and health (the switcher's badges too) whenever there are several (unsubscribed while the tab
  // is hidden; followed again, the gateway sends each topic's snapshot again).
  const [feed] = useState(() => new AllAccountsFeed());
  useEffect(() => () => feed.dispose(), [feed]);
  const several = accounts.length > 1;
  const [summarySeen, setSummarySeen] = useState(true);
  useEffect(() => {
    if (several) feed.setAccounts(accounts);
  }, [feed, several, accounts]);
  // The list is read again when the stream names an account it lacks, and when the stream
  // connects again (the gateway may have restarted with other accounts): never on a timer.
  useEffect(() => feed.onUnlisted(() => refresh()), [feed, refresh]);
  const hello = useLive((s) => s.hello);
  const firstHello = useRef(hello);
  useEffect(() => {
    if (hello === null || firstHello.current === hello) return;
    if (firstHello.current === null) firstHello.current = hello;
    else refresh();
  }, [hello, refresh]);
  const [picked, setPicked] = useState<string | null>(null);
  // Until the user picks one, the market panel shows the symbol of the first fill seen (then stays;
  // read from the store, not a slice: the fills that follow re-render nothing here).
  useEffect(() => {
    if (picked !== null) return;
    const look = () => {
      const first = store.getState().fills.items[0]?.symbol;
      if (first !== undefined) setPicked((current) => current ?? first);
    };
    look();
    return store.subscribe(look);
  }, [store, picked]);
  const symbol = picked ?? DEFAULT_SYMBOL;
  // The account shown's topics (none while the account the URL names is looked up), and the
  // market's: its candles always (about one update a second; the chart has the session's candles
  // when scrolled to), its ticker, book and trades only while its panel is on screen (dozens of
  // updates a second otherwise carried for nothing; scrolled to, the gateway sends what it holds).
  // A hidden tab does not see it either.
  const [marketSeen, setMarketSeen] = useState(false);
  const hidden = useLivePaused();
  const followMarket = marketSeen && !hidden;
  const followSummary = several && summarySeen && !hidden;
  const followAccounts = several && !hidden;
  const topics = useMemo(
    () => [
      ...(chosen ? accountTopics(chosen) : []),
      ...(followAccounts ? ACCOUNTS_TOPICS : []),
      ...(followSummary ? SUMMARY_TOPICS : []),
      ...(followMarket ? MARKET_STREAMS : ALWAYS_MARKET_STREAMS).map((stream) => marketTopic(symbol, stream)),
    ],
    [chosen, symbol, followMarket, followSummary, followAccounts],
  );
  const toFeed = useCallback((message: ServerMessage) => feed.receive(message), [feed]);
  const shownTopics = useMemo(() => (chosen ? accountTopics(chosen) : []), [chosen]);
  useStream(store, topics, onAuthRequired, toFeed, shownTopics);
  useEffect(() => feed.follow(topics), [feed, topics]);
  const quote = useLive((s) => s.health?.value.quote ?? s.hello?.quote ?? DEFAULT_QUOTE);
  const shown = chosen ? shownName(accounts, chosen) : undefined;
  // Sections read again whenever requests name another account (or the same one differently).
  const accountKey = scope ?? "";
  const switcher = useMemo(
    () => several && <LiveAccountSwitcher feed={feed} accounts={accounts} shown={shown} onChoose={choose} />,
    [several, feed, accounts, shown, choose],
  );

  return (
    <DisplayProvider quote={quote} theme={theme}>
      <div className="app">
        <LiveHeader
          theme={theme}
          onToggleTheme={toggleTheme}
          accountName={several ? shown : undefined}
          account={switcher}
        />
        {several && (
          <FollowWhenSeen onSeen={setSummarySeen}>
            <LiveAllAccounts
              feed={feed}
              accounts={accounts}
              total={total}
              readAt={readAt}
              shown={shown}
              onChoose={choose}
            />
          </FollowWhenSeen>
        )}
        <main className="grid">
          {chosen && <AccountView key={accountKey} store={store} method={method} onMethodChange={setMethod} />}
          <FollowWhenSeen onSeen={setMarketSeen}>
            <MarketSection symbol={symbol} defaultSymbol={DEFAULT_SYMBOL} onSymbol={setPicked} />
          </FollowWhenSeen>
        </main>
        {chosen && <AlertToasts key={accountKey} />}
      </div>
    </DisplayProvider>
  );
}

interface AccountViewProps extends AccountSectionsProps {
  readonly store: LiveStore;
}

/**
 * Every section of the account shown (the dashboard mounts it anew for each account), each
 * following the live store only while it is on screen.
 */
const AccountView = memo(function AccountView({ store, ...sections }: AccountViewProps) {
  const { method } = sections;
  return (
    <FiguresProvider method={method}>
      <FollowWhenSeen>
        <PerformanceSection store={store} method={method} />
      </FollowWhenSeen>
      <FollowWhenSeen>
        <LiveBalances />
      </FollowWhenSeen>
      <FollowWhenSeen>
        <LiveCharts />
      </FollowWhenSeen>
      <FollowWhenSeen>
        <LiveTables store={store} />
      </FollowWhenSeen>
      <AccountSections {...sections} />
      <FollowWhenSeen>
        <LiveAlerts />
      </FollowWhenSeen>
    </FiguresProvider>
  );
});

interface LiveHeaderProps {
  readonly theme: Theme;
  readonly onToggleTheme: () => void;
  /** The account shown, for the page title; undefined with one account. */
  readonly accountName: string | undefined;
  readonly account: ReactNode;
}

/**
 * Re-renders at once when the status says something new (the connection, MEXC's state, the
 * mode) and with the clock each second; the ages, skew and backfill progress are read from the
 * store then, so the health topic's own second beat (and every other update) re-renders nothing.
 */
function LiveHeader({ theme, onToggleTheme, accountName, account }: LiveHeaderProps) {
  const store = useLiveStore();
  useLive((s) => s.connection);
  useLive((s) => s.disconnectedAt);
  useLive((s) => s.health?.value.upstream.state);
  useLive((s) => s.health?.value.mode ?? s.hello?.mode);
  const now = useNow(1000);
  // The clock is in the zone picked: a new zone shows at once, not at the next second.
  useDisplayZone();
  const view = describeHealth(store.getState(), now);
  const mode = view.mode;
  useEffect(() => {
    document.title = ["mexc-live", mode, accountName].filter(Boolean).join(" · ");
  }, [mode, accountName]);
  return (
    <Header view={view} now={now} theme={theme} onToggleTheme={onToggleTheme} account={account} zone={<ZonePicker />} />
  );
}

/** The switcher, with the shown account's badge from its live health topic, any other's from `feed`. */
function LiveAccountSwitcher({
  feed,
  accounts,
  ...props
}: Omit<AccountSwitcherProps, "shownState" | "link"> & { readonly feed: AllAccountsFeed }) {
  const shownState = useLive((s) => s.health?.value.upstream.state);
  const link = useGatewayLink();
  const health = useSyncExternalStore(feed.subscribe, () => feed.getState().health);
  const items = useMemo(() => liveAccounts(accounts, null, health), [accounts, health]);
  return <AccountSwitcher {...props} accounts={items} shownState={shownState} link={link} />;
}

/** The page's socket to the gateway, as every account's state reads it (accountState). */
function useGatewayLink(): GatewayLink {
  const connection = useLive((s) => s.connection);
  const disconnectedAt = useLive((s) => s.disconnectedAt);
  return useMemo(() => gatewayLink({ connection, disconnectedAt }), [connection, disconnectedAt]);
}

type LiveAllAccountsProps = Omit<
  AllAccountsSummaryProps,
  "shownState" | "fills" | "orders" | "pnl" | "live" | "link"
> & {
  readonly feed: AllAccountsFeed;
};

/**
 * The summary of all accounts, live from `feed` (said to be as last seen while the stream is
 * down): each account's equity and health, the total as their sum, the latest fills and open
 * orders; with the shown account's badge from its own health topic; and their PnL, read with the
 * account list and again after fills (useReadAfterChange).
 */
function LiveAllAccounts({ feed, accounts, total, ...props }: LiveAllAccountsProps) {
  const shownState = useLive((s) => s.health?.value.upstream.state);
  const link = useGatewayLink();
  const down = link.socket === "lost";
  const live: AllAccountsLive = useSyncExternalStore(feed.subscribe, feed.getState);
  const items = useMemo(() => liveAccounts(accounts, live.equity, live.health), [accounts, live.equity, live.health]);
  const sum = useMemo(() => liveTotal(items, live.equity, total), [items, live.equity, total]);
  const fills = useMemo(() => ({ items: live.fills, failed: down }), [live.fills, down]);
  const orders = useMemo(() => ({ items: live.orders, failed: down }), [live.orders, down]);
  const names = useMemo(() => accounts.map((account: AccountItem) => account.name), [accounts]);
  // Scrolled away (or the tab hidden), the summary's own reads wait; seen again, they read at once.
  // Read again after fills, and as MEXC's history of any account comes in (its realized PnL moves).
  const backfilled = items.reduce((sum, item) => sum + (item.health.history?.counts.fills ?? 0), 0);
  const readAt = useHeldWhilePaused(useReadAfterChange(props.readAt, live.fillsSeen + backfilled));
  const pnl = useAllAccountsPnl(readAt, names);
  return (
    <AllAccountsSummary
      {...props}
      accounts={items}
      total={sum}
      live={live.equity !== null}
      shownState={shownState}
      link={link}
      fills={fills}
      orders={orders}
      pnl={pnl}
    />
  );
}

function LiveBalances() {
  const balances = useLive((s) => s.balances);
  const changed = useLive((s) => s.changed);
  const loading = useLive((s) => !s.listsIn.balances);
  return <BalancesPanel balances={balances} changed={changed} height={BALANCES_HEIGHT} loading={loading} />;
}

function LiveCharts() {
  const balances = useLive((s) => s.balances);
  const balancesIn = useLive((s) => s.listsIn.balances);
  const figures = useHeldWhilePaused(useFiguresContext().figures);
  return <ChartsRow balances={balances} balancesIn={balancesIn} figures={figures} />;
}

function LiveAlerts() {
  const newest = useLive((s) => s.raisedAlerts[s.raisedAlerts.length - 1]?.seq ?? 0);
  return <AlertsPanel alertsVersion={newest} />;
}

const HISTORY_NOTE = {
  idle: undefined,
  loading: "loading older fills…",
  done: "all fills loaded",
  partial: "only recent fills: the gateway's collector is not answering; scroll to retry",
  error: "older fills could not be loaded; scroll to retry",
} as const;

function LiveTables({ store }: { store: LiveStore }) {
  const orders = useLive((s) => s.orders);
  const fills = useLive((s) => s.fills.items);
  const changed = useLive((s) => s.changed);
  const listsIn = useLive((s) => s.listsIn);
  const loading = useMemo(() => ({ fills: !listsIn.fills, orders: !listsIn.orders }), [listsIn]);
  const addFills = useCallback((items: readonly FillItem[]) => store.addOlderFills(items), [store]);
  const addOrders = useCallback((items: readonly OrderItem[]) => store.addOlderOrders(items), [store]);
  const fillsQuery = useMemo(() => ({ limit: FILLS_PAGE_SIZE }), []);
  const ordersQuery = useMemo(() => ({ status: "all", limit: FILLS_PAGE_SIZE }), []);
  const olderFills = usePagedHistory<FillItem>("fills", fillsQuery, addFills);
  const olderOrders = usePagedHistory<OrderItem>("orders", ordersQuery, addOrders);
  return (
    <div className="area-tables">
      <TablesPanel
        orders={orders}
        fills={fills}
        changed={changed}
        height={TABLE_HEIGHT}
        onNearEndFills={olderFills.loadMore}
        onNearEndOrders={olderOrders.loadMore}
        fillsNote={HISTORY_NOTE[olderFills.state]}
        loading={loading}
      />
    </div>
  );
}
