/**
 * "Open orders, all accounts" in the "All accounts" summary: the open orders of every account
 * together, each with its account, live (allAccountsFeed: each account's orders topic).
 */
import type { OrderItem } from "@mexc-live/contract";
import { PairFigure } from "../tables/amounts.js";
import type { OpenOrders } from "./allAccountsFeed.js";
import { accountColumn, type SummaryColumn, SummaryTable, sideColumn } from "./SummaryTable.js";

const ORDERS_TITLE = "Open orders, all accounts";

const COLUMNS: readonly SummaryColumn<OrderItem>[] = [
  accountColumn(),
  { label: "Symbol", cell: (order) => order.symbol },
  sideColumn(),
  { label: "Type", cell: (order) => order.type },
  {
    label: "Price",
    numeric: true,
    cell: (order) => <PairFigure exact={order.price} symbol={order.symbol} of="price" />,
  },
  {
    label: "Quantity",
    numeric: true,
    cell: (order) => <PairFigure exact={order.quantity} symbol={order.symbol} of="quantity" />,
  },
  {
    label: "Filled",
    numeric: true,
    cell: (order) => <PairFigure exact={order.executedQuantity} symbol={order.symbol} of="quantity" />,
  },
];

export function AllAccountsOrders({ orders }: { orders: OpenOrders }) {
  return (
    <SummaryTable
      title={ORDERS_TITLE}
      className="all-accounts-fills all-accounts-orders"
      list={orders}
      columns={COLUMNS}
      rowId={(order) => order.orderId}
      empty="No open orders"
    />
  );
}
