/**
 * "PnL, all accounts" in the "All accounts" summary: realized PnL today and over the last
 * PNL_SPAN_DAYS days of every account together, the latest day's unrealized, and each account's
 * realized over the same days; signed and coloured like the dashboard's other PnL figures, in the
 * quote currency, as the summary last read them (not live; it says so).
 */
import { SignedAmount } from "../tables/amounts.js";
import { PNL_SPAN_DAYS } from "./pnlAcrossAccounts.js";
import { SummaryReadNote, SummaryTitle } from "./SummarySection.js";
import type { PnlAcrossAccounts } from "./useAllAccountsPnl.js";

const PNL_TITLE = "PnL, all accounts";

/** A signed figure, or "–" when there is none. */
function Figure({ value }: { value: string | null | undefined }) {
  return value == null ? <span className="not-set">–</span> : <SignedAmount value={value} money />;
}

export function AllAccountsPnl({ pnl, quote }: { pnl: PnlAcrossAccounts; quote: string }) {
  const { combined, byAccount, failed } = pnl;
  const span = `${PNL_SPAN_DAYS} days`;
  return (
    <div className="all-accounts-pnl">
      <SummaryTitle title={PNL_TITLE} />
      <SummaryReadNote failed={failed} read={combined !== null} />
      <dl className="all-accounts-pnl-figures" aria-label={PNL_TITLE}>
        <dt>Realized today</dt>
        <dd data-testid="all-accounts-pnl-today">
          <Figure value={combined?.today} /> <small>{quote}</small>
        </dd>
        <dt>{`Realized, ${span}`}</dt>
        <dd data-testid="all-accounts-pnl-span">
          <Figure value={combined?.span} /> <small>{quote}</small>
        </dd>
        <dt title="Of what was held at the end of the latest day, at the last price known then">Unrealized</dt>
        <dd data-testid="all-accounts-pnl-unrealized">
          <Figure value={combined?.unrealized} /> <small>{quote}</small>
        </dd>
      </dl>
      {byAccount.length > 0 && (
        <div className="all-accounts-pnl-accounts">
          <table aria-label="Realized by account">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col" className="num">
                  {`Realized, ${span} (${quote})`}
                </th>
              </tr>
            </thead>
            <tbody>
              {byAccount.map((account) => (
                <tr key={account.name} data-account={account.name}>
                  <td className="all-accounts-fills-account">{account.name}</td>
                  <td className="num" title={account.realized === null ? "could not be read" : undefined}>
                    <Figure value={account.realized} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
