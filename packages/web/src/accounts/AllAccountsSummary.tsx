/**
 * "All accounts": what the gateway's accounts hold together, at a glance and without switching,
 * shown above the dashboard when it watches several accounts (nothing with one). The total
 * equity as the gateway added it up; each account with its health badge, its equity and its
 * share of the total (a bar and a percentage; an account without equity yet shows "–" and is
 * left out of the shares), while its history is being read or waits for other accounts' (the
 * gateway reads a few at a time) how far it is, its name a button that shows it; the allocation by asset across
 * accounts in the dashboard's allocation donut; under them PnL across accounts (AllAccountsPnl),
 * the latest fills (AllAccountsFills) and the open orders (AllAccountsOrders) of all accounts.
 * The equity, shares, badges, latest fills and open orders are live over the page's stream (the
 * gateway's topics of all accounts together); the total is the sum of the equity shown per
 * account, as shown (to the cent). The realized PnL is read over HTTP, again after fills (not on a timer), and says so;
 * the unrealized PnL comes with each account's equity point, so it moves with the equity (or with
 * the PnL read where a point carries none), and the total is the sum of each account's shown beside it.
 */
import type { AccountItem, UpstreamState } from "@mexc-live/contract";
import { useMemo } from "react";
import { AllocationChart, type AssetValue } from "../charts/index.js";
import { ZonedClock } from "../format/DateTime.js";
import { useDisplay } from "../format/DisplayContext.js";
import { formatMoney, sumAsShown } from "../format/decimal.js";
import { formatDateTime } from "../format/time.js";
import { zoneLabel } from "../format/timeZone.js";
import { describeHistory } from "../header/historyProgress.js";
import type { GatewayLink } from "../live/accountState.js";
import { AllAccountsFills } from "./AllAccountsFills.js";
import { AllAccountsOrders } from "./AllAccountsOrders.js";
import { AllAccountsPnl } from "./AllAccountsPnl.js";
import { listedState } from "./accountBadge.js";
import { accountShares } from "./accountShares.js";
import type { LatestFills, OpenOrders } from "./allAccountsFeed.js";
import { liveUnrealized } from "./liveUnrealized.js";
import type { AccountsTotal } from "./useAccountList.js";
import type { PnlAcrossAccounts } from "./useAllAccountsPnl.js";
import "./accounts.css";
import "./allAccounts.css";

export interface AllAccountsSummaryProps {
  /** The default account first, as the gateway lists them. */
  readonly accounts: readonly AccountItem[];
  readonly total: AccountsTotal | null;
  /** When the list was read (ms since epoch). */
  readonly readAt: number | null;
  /** The equity and badges follow the stream (each account's as it moves), not only the list's read. */
  readonly live?: boolean | undefined;
  /** The name of the account shown. */
  readonly shown: string | undefined;
  /** The shown account's state from its live health topic; undefined before it arrived. */
  readonly shownState?: UpstreamState | undefined;
  /** The page's socket to the gateway: lost, every account says so and nothing is "live". */
  readonly link: GatewayLink;
  readonly onChoose: (name: string) => void;
  /** The latest fills of all accounts (allAccountsFeed, live); undefined: no such table. */
  readonly fills?: LatestFills | undefined;
  /** The open orders of all accounts (allAccountsFeed, live); undefined: no such table. */
  readonly orders?: OpenOrders | undefined;
  /** Why the latest fills and open orders are not shown (too many accounts to follow live). */
  readonly activityNote?: string | undefined;
  /** PnL combined and per account (useAllAccountsPnl); undefined: no such figures. */
  readonly pnl?: PnlAcrossAccounts | undefined;
}

/** Why the total equity is "–": no account has an equity point yet. */
const NO_EQUITY_YET = "not known yet: no account has an equity point yet (the first comes once the prices are in)";

/** Height (px) of the allocation donut; the list beside it scrolls within the same height. */
const ALLOCATION_HEIGHT = 170;

export function AllAccountsSummary(props: AllAccountsSummaryProps) {
  const { accounts, total, readAt, shown, shownState, link, onChoose, fills, orders, pnl, activityNote } = props;
  const { quote, theme } = useDisplay();
  const lost = link.socket === "lost";
  const live = props.live && link.socket === "open";
  const shares = useMemo(() => (total ? accountShares(accounts, total.equity) : []), [accounts, total]);
  // Each account's unrealized PnL as its PnL read answered it, for an equity point that carries none.
  const readUnrealized = useMemo(
    () => new Map((pnl?.byAccount ?? []).map((account) => [account.name, account.unrealized])),
    [pnl],
  );
  const unrealized = useMemo(() => liveUnrealized(accounts, readUnrealized), [accounts, readUnrealized]);
  const assets = useMemo<AssetValue[]>(
    () => Object.entries(total?.byAsset ?? {}).map(([asset, value]) => ({ asset, value })),
    [total],
  );
  if (accounts.length < 2 || total === null) return null;
  const unvalued = shares.filter((share) => share.equity === null).length;
  // No account's equity known yet (a fresh start, before the first prices): nothing measured, not 0.00.
  const noneValued = unvalued > 0 && unvalued === shares.length;
  // The total is the sum of the accounts' equity as shown beside it (to the cent), never the exact
  // sum rounded: 87,575.94 and 87,582.58 add up to 175,158.52 on the screen (issue 57 item 5).
  const shownTotal = shares.length > 0 ? sumAsShown(shares.map((share) => share.equity)).value : total.equity;
  const historyIncoming = accounts.some((account) => {
    const history = describeHistory(account.health.history);
    return history !== null && history.state !== "complete";
  });
  return (
    <section className="panel all-accounts" aria-label="All accounts">
      <h2 className="panel-title">
        <span>
          All accounts <small>{`${accounts.length} accounts`}</small>
        </span>
        <small
          className="all-accounts-read"
          title={
            lost
              ? "Connection to the gateway lost: each account's equity as last seen"
              : live
                ? "Each account's equity and state follow the page's stream as they move"
                : "As the gateway listed the accounts"
          }
          data-testid="all-accounts-read"
        >
          {lost ? (
            "gateway lost · as last seen"
          ) : live ? (
            "live"
          ) : readAt === null ? (
            ""
          ) : (
            <>
              listed <ZonedClock ms={readAt} />
            </>
          )}
        </small>
      </h2>
      <div className="all-accounts-body">
        <div className="all-accounts-total">
          <span className="all-accounts-label">Total equity</span>
          <span className="all-accounts-figure" data-testid="all-accounts-total">
            {noneValued ? (
              <span className="not-set" title={NO_EQUITY_YET}>
                –
              </span>
            ) : (
              formatMoney(shownTotal)
            )}{" "}
            <small>{quote}</small>
          </span>
          {unvalued > 0 && (
            <span className="all-accounts-note">
              {unvalued === 1 ? "1 account has no equity yet" : `${unvalued} accounts have no equity yet`}
            </span>
          )}
        </div>
        <div className="all-accounts-list">
          <table aria-label="Equity by account">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col" className="num">
                  {`Equity (${quote})`}
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account, index) => {
                const badge = listedState(account, link, shown, shownState);
                const share = shares[index]?.share ?? null;
                const isShown = account.name === shown;
                const history = describeHistory(account.health.history);
                return (
                  <tr key={account.name} data-account={account.name} className={isShown ? "shown" : undefined}>
                    <td>
                      <button
                        type="button"
                        className="all-accounts-name"
                        onClick={() => onChoose(account.name)}
                        aria-current={isShown ? "true" : undefined}
                        title={isShown ? `${account.name}: shown below` : `Show ${account.name}`}
                      >
                        <span className={`account-dot account-${badge.tone}`} aria-hidden="true" />
                        <span className="all-accounts-account">{account.name}</span>
                      </button>
                      <span
                        className={`all-accounts-state account-${badge.tone}`}
                        data-testid="all-accounts-badge"
                        data-level={badge.tone}
                        data-state={badge.name}
                        title={badge.sentence}
                      >
                        {badge.label}
                      </span>
                      {history !== null && history.state !== "complete" && (
                        <span
                          className="all-accounts-history"
                          title={history.detail}
                          data-testid="all-accounts-history"
                        >
                          {history.text}
                        </span>
                      )}
                    </td>
                    <td
                      className="num"
                      title={
                        account.equity ? `as of ${formatDateTime(account.equity.time)} ${zoneLabel()}` : "no equity yet"
                      }
                    >
                      {formatMoney(shares[index]?.equity ?? null)}
                    </td>
                    <td className="num all-accounts-share">
                      <span className="share-bar" aria-hidden="true">
                        {share !== null && <span style={{ width: `${share}%` }} />}
                      </span>
                      <span className="share-text">{share === null ? "–" : `${share}%`}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="all-accounts-allocation">
          <AllocationChart balances={assets} quote={quote} theme={theme} height={ALLOCATION_HEIGHT} />
        </div>
        {(pnl || fills || orders || activityNote) && (
          <div className="all-accounts-activity">
            {pnl && (
              <AllAccountsPnl pnl={pnl} unrealized={unrealized} historyIncoming={historyIncoming} streamDown={lost} />
            )}
            {fills && <AllAccountsFills fills={fills} />}
            {orders && <AllAccountsOrders orders={orders} />}
            {activityNote && (
              <p className="all-accounts-note" role="status">
                {activityNote}
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
