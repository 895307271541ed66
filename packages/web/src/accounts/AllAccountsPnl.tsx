/**
 * "PnL, all accounts" in the "All accounts" summary: realized PnL today and over the last
 * PNL_SPAN_DAYS days of every account together and each account's over the same days, as the
 * summary last read them (after fills; it says so), the span's total the sum of the rows as
 * shown; and the unrealized PnL of what is held now, all accounts' and each one's, live with the
 * equity above (each account's equity point carries it, measured at the same moment and prices),
 * or as the PnL read answered it where the point carries none (it then says "after each fill":
 * liveUnrealized.ts), the total the sum of the rows. While the page's stream is down every figure
 * says it is as last seen. Signed and coloured like the dashboard's other PnL figures, in the
 * quote currency.
 */

import { useDisplay } from "../format/DisplayContext.js";
import { sumAsShown } from "../format/decimal.js";
import { SignedAmount } from "../tables/amounts.js";
import type { LiveUnrealized } from "./liveUnrealized.js";
import { PNL_SPAN_DAYS } from "./pnlAcrossAccounts.js";
import { SummaryReadNote, SummaryTitle } from "./SummarySection.js";
import type { PnlAcrossAccounts } from "./useAllAccountsPnl.js";

const PNL_TITLE = "PnL, all accounts";
const UNREALIZED_HINT =
  "Value minus cost basis of what is held now, at the prices of the equity shown: it moves with the equity";
const NO_UNREALIZED: LiveUnrealized = { total: undefined, byAccount: new Map(), asRead: new Set() };
/** An account's unrealized PnL taken from the PnL read, its equity point carrying none. */
const AS_READ_HINT =
  "As the PnL read after the last fill answered it: the latest equity point carries none yet (a stored one, or its figures being worked out)";

/** A signed figure, or "–" when there is none. */
function Figure({ value, why }: { value: string | null | undefined; why?: string }) {
  return value == null ? (
    <span className="not-set" title={why}>
      –
    </span>
  ) : (
    <SignedAmount value={value} money />
  );
}

/**
 * Why an unrealized figure is "–": it cannot be valued (null), or it is not known now (undefined):
 * MEXC's history is still being read, or the equity point shown carries none (a stored one, or
 * the past prices the figures wait on are still being fetched). Only the cause that holds is named.
 * While some account's history is still read, "cannot be valued" is not said: what is held has no
 * known cost until the buys before it are read, nor a known pair until the account's symbols are
 * (a fresh demo: an account's figure null for seconds at 32 s, the history complete at 67 s).
 */
function unrealizedWhy(
  value: string | null | undefined,
  historyIncoming: boolean,
  awaited: readonly string[] = [],
  streamDown = false,
): string | undefined {
  if (value === null && !historyIncoming) return "something held has no price or no known cost";
  if (value == null) {
    // Nothing comes while the gateway is out of reach: no word of what it is doing now.
    if (streamDown) return "not known: the connection to the gateway is lost";
    if (historyIncoming) return "not known yet: MEXC's history is still being read, and the figures wait for it";
    // The cause Performance names beside it ("Not in these figures yet: BTC, ETH"), where the PnL read said it.
    if (awaited.length > 0)
      return `not known yet: the past prices or history of ${awaited.join(", ")} are still being fetched from MEXC`;
    return "not known yet: it comes with a later equity point of the gateway, once the prices it waits on are in";
  }
  return undefined;
}

export function AllAccountsPnl({
  pnl,
  unrealized = NO_UNREALIZED,
  historyIncoming = false,
  streamDown = false,
}: {
  pnl: PnlAcrossAccounts;
  unrealized?: LiveUnrealized;
  /** Some account's history is still being read from MEXC (its health says so). */
  historyIncoming?: boolean;
  /** The page's stream is down: the unrealized PnL is as last seen, not live. */
  streamDown?: boolean;
}) {
  const { quote } = useDisplay();
  const { combined, byAccount, failed } = pnl;
  const span = `${PNL_SPAN_DAYS} days`;
  // The span's total is the sum of the accounts' rows as shown, once every row was read.
  const everyRow = byAccount.length > 0 && byAccount.every((account) => account.realized !== null);
  const spanTotal = everyRow ? sumAsShown(byAccount.map((account) => account.realized)).value : combined?.span;
  // The assets the accounts' unrealized PnL not known now still waits on, as their PnL reads said.
  const awaited = [
    ...new Set(
      byAccount
        .filter((account) => unrealized.byAccount.get(account.name) === undefined)
        .flatMap((a) => a.awaited ?? []),
    ),
  ].sort();
  const unrealizedWhen = streamDown ? "as last seen" : unrealized.asRead.size > 0 ? "after each fill" : "live";
  const provisional =
    typeof unrealized.total === "string" ? "Realized and unrealized: provisional" : "Realized: provisional";
  return (
    <div className="all-accounts-pnl">
      <SummaryTitle title={PNL_TITLE} down={streamDown} />
      <SummaryReadNote failed={failed} read={combined !== null} />
      <dl className="all-accounts-pnl-figures" aria-label={PNL_TITLE}>
        <dt>Realized today</dt>
        <dd data-testid="all-accounts-pnl-today">
          <Figure value={combined?.today} /> <small>{quote}</small>
        </dd>
        <dt>{`Realized, ${span}`}</dt>
        <dd data-testid="all-accounts-pnl-span">
          <Figure value={spanTotal} /> <small>{quote}</small>
        </dd>
        <dt title={UNREALIZED_HINT}>
          Unrealized <small className="all-accounts-when">{unrealizedWhen}</small>
        </dt>
        <dd data-testid="all-accounts-pnl-unrealized">
          <Figure
            value={unrealized.total}
            why={unrealizedWhy(unrealized.total, historyIncoming, awaited, streamDown)}
          />{" "}
          <small>{quote}</small>
        </dd>
      </dl>
      {combined === null && !failed && (
        // Its first read waits for the accounts' figure passes (seconds on a fresh start, longer while
        // a history is read): its "–" said nothing of why.
        <p className="all-accounts-pnl-why" data-testid="all-accounts-pnl-reading">
          Realized: being worked out by the gateway, shown when it answers.
        </p>
      )}
      {historyIncoming && combined != null && (
        <p className="all-accounts-pnl-why" data-testid="all-accounts-pnl-provisional">
          {provisional} while MEXC's history is still being read (an older buy changes the cost of what was sold).
        </p>
      )}
      {unrealized.total == null && (
        // On the screen, not only in a tooltip (a phone has no hover): a backfill keeps it "–" for minutes.
        <p className="all-accounts-pnl-why" data-testid="all-accounts-pnl-unrealized-why">
          {`Unrealized: ${unrealizedWhy(unrealized.total, historyIncoming, awaited, streamDown)}.`}
        </p>
      )}
      {byAccount.length > 0 && (
        <div className="all-accounts-pnl-accounts">
          <table aria-label="PnL by account">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col" className="num">
                  {`Realized, ${span} (${quote})`}
                </th>
                <th scope="col" className="num" title={UNREALIZED_HINT}>
                  {`Unrealized (${quote})`}
                </th>
              </tr>
            </thead>
            <tbody>
              {byAccount.map((account) => {
                const open = unrealized.byAccount.get(account.name);
                return (
                  <tr key={account.name} data-account={account.name}>
                    <td className="all-accounts-fills-account">{account.name}</td>
                    <td className="num" title={account.realized === null ? "could not be read" : undefined}>
                      <Figure value={account.realized} />
                    </td>
                    <td
                      className="num"
                      data-testid="all-accounts-pnl-account-unrealized"
                      data-as-read={unrealized.asRead.has(account.name) || undefined}
                      title={unrealized.asRead.has(account.name) && open != null ? AS_READ_HINT : undefined}
                    >
                      <Figure value={open} why={unrealizedWhy(open, historyIncoming, account.awaited, streamDown)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
