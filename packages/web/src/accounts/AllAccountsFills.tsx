/**
 * "Latest fills, all accounts" in the "All accounts" summary: the newest fills of every account
 * together, each with its account, as the summary last read them (every ACCOUNTS_REFRESH_MS, not
 * live per fill; it says so).
 */
import { formatDecimal } from "../format/decimal.js";
import { formatDateTime } from "../format/time.js";
import { SummaryReadNote, SummaryTitle } from "./SummarySection.js";
import type { LatestFills } from "./useAllAccountsFills.js";

export const FILLS_TITLE = "Latest fills, all accounts";

export function AllAccountsFills({ fills }: { fills: LatestFills }) {
  const { items, failed } = fills;
  return (
    <div className="all-accounts-fills">
      <SummaryTitle title={FILLS_TITLE} />
      <SummaryReadNote failed={failed} read={items !== null} />
      <div className="all-accounts-fills-scroll">
        <table aria-label={FILLS_TITLE}>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Account</th>
              <th scope="col">Symbol</th>
              <th scope="col">Side</th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col" className="num">
                Quantity
              </th>
            </tr>
          </thead>
          <tbody>
            {items?.map((fill) => (
              <tr key={`${fill.account ?? ""}:${fill.tradeId}`} data-row-id={fill.tradeId}>
                <td>{formatDateTime(fill.time)}</td>
                <td className="all-accounts-fills-account">{fill.account ?? "–"}</td>
                <td>{fill.symbol}</td>
                <td className={fill.side === "BUY" ? "side-buy" : "side-sell"}>{fill.side}</td>
                <td className="num">{formatDecimal(fill.price)}</td>
                <td className="num">{formatDecimal(fill.quantity)}</td>
              </tr>
            ))}
            {items?.length === 0 && (
              <tr>
                <td colSpan={6} className="all-accounts-note">
                  no fills yet
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
