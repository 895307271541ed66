/**
 * "Open orders, all accounts" in the "All accounts" summary: the open orders of every account
 * together, each with its account, as the summary last read them (every ACCOUNTS_REFRESH_MS, not
 * live; it says so).
 */
import { formatDecimal } from "../format/decimal.js";
import { SummaryReadNote, SummaryTitle } from "./SummarySection.js";
import type { OpenOrders } from "./useAllAccountsOrders.js";

export const ORDERS_TITLE = "Open orders, all accounts";

export function AllAccountsOrders({ orders }: { orders: OpenOrders }) {
  const { items, failed } = orders;
  return (
    <div className="all-accounts-fills all-accounts-orders">
      <SummaryTitle title={ORDERS_TITLE} />
      <SummaryReadNote failed={failed} read={items !== null} />
      <div className="all-accounts-fills-scroll">
        <table aria-label={ORDERS_TITLE}>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Symbol</th>
              <th scope="col">Side</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col" className="num">
                Filled
              </th>
            </tr>
          </thead>
          <tbody>
            {items?.map((order) => (
              <tr key={`${order.account ?? ""}:${order.orderId}`} data-row-id={order.orderId}>
                <td className="all-accounts-fills-account">{order.account ?? "–"}</td>
                <td>{order.symbol}</td>
                <td className={order.side === "BUY" ? "side-buy" : "side-sell"}>{order.side}</td>
                <td>{order.type}</td>
                <td className="num">{formatDecimal(order.price)}</td>
                <td className="num">{formatDecimal(order.quantity)}</td>
                <td className="num">{formatDecimal(order.executedQuantity)}</td>
              </tr>
            ))}
            {items?.length === 0 && (
              <tr>
                <td colSpan={7} className="all-accounts-note">
                  No open orders
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
