/**
 * Open orders, order history and fills in tabs, with one filter bar for all three. The fills tab
 * exports the gateway's full history as CSV (GET /api/export/fills.csv with the symbol and date
 * filter); the order tabs export what they show, client-side.
 */
import { type CsvColumn, type FillItem, isOpenOrder, type OrderItem, toCsv } from "@mexc-live/contract";
import { useMemo, useState } from "react";
import { apiPath } from "../api/http.js";
import { formatDecimal } from "../format/decimal.js";
import { changeKey } from "../store/liveState.js";
import { ApiDisabledLegend } from "./ApiDisabled.js";
import { FILL_COLUMNS, ORDER_COLUMNS } from "./columns.js";
import { downloadCsv } from "./csv.js";
import { DataTable } from "./DataTable.js";
import { FilterBar } from "./FilterBar.js";
import { NO_FILTER, type TableFilter, toColumnFilters } from "./filters.js";
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
}

const ORDER_CSV: CsvColumn<OrderItem>[] = [
  { header: "time", value: (o) => new Date(o.time).toISOString() },
  { header: "orderId", value: (o) => o.orderId },
  { header: "clientOrderId", value: (o) => o.clientOrderId },
  { header: "symbol", value: (o) => o.symbol },
  { header: "side", value: (o) => o.side },
  { header: "type", value: (o) => o.type },
  { header: "status", value: (o) => o.status },
  { header: "triggerPrice", value: (o) => o.trigger?.price ?? "" },
  { header: "triggerType", value: (o) => o.trigger?.type ?? "" },
  { header: "triggerState", value: (o) => o.trigger?.state ?? "" },
  { header: "ocoId", value: (o) => o.ocoId ?? "" },
  { header: "rawValues", value: (o) => (o.rawValues ? JSON.stringify(o.rawValues) : "") },
  { header: "price", value: (o) => o.price },
  { header: "quantity", value: (o) => o.quantity },
  { header: "executedQuantity", value: (o) => o.executedQuantity },
  { header: "avgPrice", value: (o) => o.avgPrice },
  { header: "cumulativeQuoteQuantity", value: (o) => o.cumulativeQuoteQuantity },
  { header: "updateTime", value: (o) => new Date(o.updateTime).toISOString() },
  { header: "apiTradingDisabled", value: (o) => o.apiTradingDisabled },
];

const ORDER_COLUMN_IDS = ["time", "symbol", "side"];
const FILL_COLUMN_IDS = ["time", "symbol", "side"];

function count(n: number): string {
  return formatDecimal(String(n));
}

export function TablesPanel(props: TablesPanelProps) {
  const { orders, fills, changed, height } = props;
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

  const anyDisabled = useMemo(() => [...orders.values()].some((o) => o.apiTradingDisabled), [orders]);
  const orderFilters = useMemo(() => toColumnFilters(filter, ORDER_COLUMN_IDS), [filter]);
  const fillFilters = useMemo(() => toColumnFilters(filter, FILL_COLUMN_IDS), [filter]);

  const orderChanged = (id: string) => changed.get(changeKey("orders", id));
  const fillChanged = (id: string) => changed.get(changeKey("fills", id));

  const fillsCsv = apiPath("/api/export/fills.csv", {
    symbol: filter.symbol,
    from: filter.from,
    to: filter.to,
  });

  const tabs: { id: TableTab; label: string }[] = [
    { id: "open", label: `Open orders (${count(open.length)})` },
    { id: "history", label: "Order history" },
    { id: "fills", label: `Fills (${count(fills.length)})` },
  ];

  return (
    <section className="panel tables" aria-label="Orders and fills">
      <div className="tables-head">
        <TabList tabs={tabs} selected={tab} onSelect={setTab} />
        <FilterBar symbols={symbols} filter={filter} onChange={setFilter} />
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "open" && (
          <DataTable
            key="open"
            label="Open orders"
            data={open}
            columns={ORDER_COLUMNS}
            getRowId={(o) => o.orderId}
            height={height}
            columnFilters={orderFilters}
            initialSorting={[{ id: "time", desc: true }]}
            changedAt={orderChanged}
            emptyText="No open orders."
            footer={(rows) => <OrdersFooter rows={rows} total={open.length} name="open-orders" />}
          />
        )}
        {tab === "history" && (
          <DataTable
            key="history"
            label="Order history"
            data={history}
            columns={ORDER_COLUMNS}
            getRowId={(o) => o.orderId}
            height={height}
            columnFilters={orderFilters}
            initialSorting={[{ id: "updateTime", desc: true }]}
            changedAt={orderChanged}
            onNearEnd={props.onNearEndOrders}
            emptyText="No closed orders yet."
            footer={(rows) => <OrdersFooter rows={rows} total={history.length} name="order-history" />}
          />
        )}
        {tab === "fills" && (
          <DataTable
            key="fills"
            label="Fills"
            data={fills}
            columns={FILL_COLUMNS}
            getRowId={(f) => f.tradeId}
            height={height}
            columnFilters={fillFilters}
            initialSorting={[{ id: "time", desc: true }]}
            changedAt={fillChanged}
            onNearEnd={props.onNearEndFills}
            emptyText="No fills yet."
            footer={(rows) => (
              <>
                <span>
                  {count(rows.length)} of {count(fills.length)} fills held
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
      {anyDisabled && <ApiDisabledLegend />}
    </section>
  );
}

function OrdersFooter({ rows, total, name }: { rows: readonly OrderItem[]; total: number; name: string }) {
  return (
    <>
      <span>
        {count(rows.length)} of {count(total)} orders
      </span>
      <button
        type="button"
        className="button"
        disabled={rows.length === 0}
        onClick={() => downloadCsv(`mexc-live-${name}.csv`, toCsv(ORDER_CSV, rows))}
      >
        Export CSV
      </button>
    </>
  );
}
