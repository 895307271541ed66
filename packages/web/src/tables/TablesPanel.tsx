/**
 * Open orders, order history and fills in tabs, with one filter bar for all three. Every tab's
 * Export CSV is the gateway's whole filtered set, never only the rows loaded so far (issue 40
 * item 7): GET /api/export/fills.csv (symbol, dates) and /api/export/orders.csv (open or closed,
 * symbol, side, dates). The counts say how many rows are
 * held out of how many the gateway stored ("200 of 7,833 fills": the page `total` of the same
 * query, useListTotal), since the page holds the newest ones and loads older ones on scrolling.
 */
import { type FillItem, isOpenOrder, type OrderItem } from "@mexc-live/contract";
import { useMemo, useState } from "react";
import { exportHref } from "../api/http.js";
import { useListTotal } from "../api/useListTotal.js";
import { useDisplay } from "../format/DisplayContext.js";
import { changeKey } from "../store/liveState.js";
import { ApiDisabledLegend } from "./ApiDisabled.js";
import { FILL_CARD, fillColumns, hasProtectivePrice, ORDER_CARD, ORDER_COLUMNS, ProtectiveLegend } from "./columns.js";
import { count, countText } from "./countText.js";
import { DataTable } from "./DataTable.js";
import { FilterFieldset } from "./FilterFieldset.js";
import { NO_FILTER, type TableFilter, tableChoices, toColumnFilters } from "./filters.js";
import { TabList } from "./TabList.js";

export type TableTab = "open" | "history" | "fills";

export interface TablesPanelProps {
  readonly orders: ReadonlyMap<string, OrderItem>;
  /** Newest first. */
  readonly fills: readonly FillItem[];
  readonly changed: ReadonlyMap<string, number>;
  readonly height: number;
  readonly onNearEndFills?: () => void;
  readonly onNearEndOrders?: () => void;
  /** A line under the fills ("loading older fills…", "all fills loaded"). */
  readonly fillsNote?: string;
  /** The fills and orders have not come yet (the stream's snapshot): the counts say loading, not "0 of". */
  readonly loading?: { readonly fills: boolean; readonly orders: boolean };
}

const ORDER_COLUMN_IDS = ["time", "symbol", "side"];
const FILL_COLUMN_IDS = ["time", "symbol", "side"];

export function TablesPanel(props: TablesPanelProps) {
  const { orders, fills, changed, height } = props;
  const { quote } = useDisplay();
  const fillsLoading = props.loading?.fills ?? false;
  const ordersLoading = props.loading?.orders ?? false;
  const fillCols = useMemo(() => fillColumns(quote), [quote]);
  const [tab, setTab] = useState<TableTab>("fills");
  const [filter, setFilter] = useState<TableFilter>(NO_FILTER);

  const { open, history } = useMemo(() => {
    const open: OrderItem[] = [];
    const history: OrderItem[] = [];
    for (const order of orders.values()) (isOpenOrder(order) ? open : history).push(order);
    return { open, history };
  }, [orders]);

  const symbols = useMemo(() => {
    const set = new Set<string>();
    for (const order of orders.values()) set.add(order.symbol);
    for (const fill of fills) set.add(fill.symbol);
    return [...set].sort();
  }, [orders, fills]);
  const choices = useMemo(() => tableChoices(symbols), [symbols]);

  const anyDisabled = useMemo(() => [...orders.values()].some((o) => o.apiTradingDisabled), [orders]);
  // A MARKET order's "≥ … protective" price is explained under the orders that show one.
  const shownOrders = tab === "open" ? open : tab === "history" ? history : [];
  const anyProtective = shownOrders.some(hasProtectivePrice);
  const orderFilters = useMemo(() => toColumnFilters(filter, ORDER_COLUMN_IDS), [filter]);
  const fillFilters = useMemo(() => toColumnFilters(filter, FILL_COLUMN_IDS), [filter]);

  // The open orders and the order history: the same columns, cards, filter and change marks.
  const orderTable = {
    columns: ORDER_COLUMNS,
    cards: ORDER_CARD,
    getRowId: (o: OrderItem) => o.orderId,
    height,
    columnFilters: orderFilters,
    changedAt: (id: string) => changed.get(changeKey("orders", id)),
  };
  const fillChanged = (id: string) => changed.get(changeKey("fills", id));

  const fillsQuery = { symbol: filter.symbol, from: filter.from, to: filter.to };
  const fillsCsv = exportHref("fills", fillsQuery);
  const ordersQuery = { symbol: filter.symbol, side: filter.side, from: filter.from, to: filter.to };
  const openCsv = exportHref("orders", { status: "open", ...ordersQuery });
  const historyCsv = exportHref("orders", { status: "closed", ...ordersQuery });
  // What the gateway stored, read again a moment after the newest fill or a new order.
  const version = `${fills[0]?.tradeId ?? ""}|${orders.size}`;
  const allFills = useListTotal("fills", fillsQuery, version);
  const allOrders = useListTotal("orders", { status: "all", symbol: filter.symbol }, version);
  // Open orders are all held; the rest of the stored ones are the history.
  const closedTotal = allOrders === null ? null : Math.max(allOrders - open.length, history.length);
  // The tab counts every fill: with a symbol or dates picked, that is another count.
  const narrowed = filter.symbol !== "" || filter.from !== undefined || filter.to !== undefined;
  const everyFill = useListTotal(narrowed ? "fills" : undefined, {}, version);
  const unfilteredFills = narrowed ? everyFill : allFills;

  const tabs: { id: TableTab; label: string }[] = [
    { id: "open", label: `Open orders (${count(open.length)})` },
    { id: "history", label: "Order history" },
    { id: "fills", label: `Fills (${count(Math.max(unfilteredFills ?? 0, fills.length))})` },
  ];

  return (
    <section className="panel tables" aria-label="Orders and fills">
      <div className="tables-head">
        <TabList tabs={tabs} selected={tab} onSelect={setTab} />
        <FilterFieldset label="Filter the tables" filter={filter} choices={choices} onChange={setFilter} />
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "open" && (
          <DataTable
            key="open"
            label="Open orders"
            data={open}
            {...orderTable}
            initialSorting={[{ id: "time", desc: true }]}
            emptyText={ordersLoading ? "Loading orders…" : "No open orders."}
            footer={(rows) => <OrdersFooter rows={rows} total={open.length} csv={openCsv} loading={ordersLoading} />}
          />
        )}
        {tab === "history" && (
          <DataTable
            key="history"
            label="Order history"
            data={history}
            {...orderTable}
            initialSorting={[{ id: "updateTime", desc: true }]}
            onNearEnd={props.onNearEndOrders}
            emptyText={ordersLoading ? "Loading orders…" : "No closed orders yet."}
            footer={(rows) => (
              <OrdersFooter
                rows={rows}
                total={filter.side === "" && filter.from === undefined && filter.to === undefined ? closedTotal : null}
                csv={historyCsv}
                loading={ordersLoading}
              />
            )}
          />
        )}
        {tab === "fills" && (
          <DataTable
            key="fills"
            label="Fills"
            data={fills}
            columns={fillCols}
            cards={FILL_CARD}
            getRowId={(f) => f.tradeId}
            height={height}
            columnFilters={fillFilters}
            initialSorting={[{ id: "time", desc: true }]}
            changedAt={fillChanged}
            onNearEnd={props.onNearEndFills}
            emptyText={fillsLoading ? "Loading fills…" : "No fills yet."}
            footer={(rows) => (
              <>
                <span data-testid="fills-count">
                  {filter.side === ""
                    ? countText(rows.length, allFills, "fills", fillsLoading)
                    : `${countText(rows.length, null, `${filter.side} fills`, fillsLoading)}${allFills === null ? "" : ` · ${count(allFills)} fills in all`}`}
                  {props.fillsNote ? ` · ${props.fillsNote}` : ""}
                </span>
                <a
                  className="button"
                  href={fillsCsv}
                  download
                  title="Every fill the gateway stored (symbol and dates as filtered)"
                >
                  Export CSV
                </a>
              </>
            )}
          />
        )}
      </div>
      {anyProtective && <ProtectiveLegend />}
      {anyDisabled && <ApiDisabledLegend />}
    </section>
  );
}

/**
 * `total`: the orders of the tab the gateway stored (null: not known for this filter); `csv`: the
 * gateway's export of every order of the tab and filter; `loading`: none came yet.
 */
function OrdersFooter(props: { rows: readonly OrderItem[]; total: number | null; csv: string; loading: boolean }) {
  const { rows, total, csv, loading } = props;
  return (
    <>
      <span>{countText(rows.length, total, "orders", loading)}</span>
      <a
        className="button"
        href={csv}
        download
        title="Every order the gateway stored (as filtered), not only those shown"
      >
        Export CSV
      </a>
    </>
  );
}
