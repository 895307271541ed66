/**
 * The header's account switcher, shown when the gateway watches several accounts: a select of
 * the accounts, each with its health (live, reconnecting, down) in its option, and the shown
 * account's health as a coloured dot in the control. When another account is not live, a chip
 * beside it says so (a trader watching `main` should still see `sub1` go down). A native select:
 * keyboard and screen reader ready, the phone's own picker at phone width, and still usable with
 * thirty sub-accounts.
 */
import type { AccountItem, UpstreamState } from "@mexc-live/contract";
import { type AccountState, accountState, type GatewayLink } from "../live/accountState.js";
import { listedState } from "./accountBadge.js";
import "./accounts.css";

export interface AccountSwitcherProps {
  /** The default account first, as the gateway lists them. */
  readonly accounts: readonly AccountItem[];
  /** The name of the account shown. */
  readonly shown: string | undefined;
  /** The shown account's state from its live health topic, fresher than the list's; undefined before it arrived. */
  readonly shownState?: UpstreamState | undefined;
  /** The page's socket to the gateway: lost, every account says so. */
  readonly link: GatewayLink;
  readonly onChoose: (name: string) => void;
}

export function AccountSwitcher({ accounts, shown, shownState, link, onChoose }: AccountSwitcherProps) {
  if (accounts.length < 2) return null;
  const badgeOf = (account: AccountItem): AccountState => listedState(account, link, shown, shownState);
  const current = accounts.find((account) => account.name === shown);
  const badge = current ? badgeOf(current) : accountState(link, undefined);
  const troubled = accounts.filter((account) => account.name !== shown && badgeOf(account).tone !== "live");
  return (
    <span className="account-switcher">
      <span className="account-control" title={`Account shown: ${shown ?? "–"} (${badge.label})`}>
        <span
          className={`account-dot account-${badge.tone}`}
          data-testid="account-badge"
          data-state={badge.name}
          aria-hidden="true"
        />
        <select aria-label="Account" value={shown ?? ""} onChange={(event) => onChoose(event.target.value)}>
          {accounts.map((account) => (
            <option key={account.name} value={account.name}>
              {`${account.name} · ${badgeOf(account).label}`}
            </option>
          ))}
        </select>
      </span>
      {troubled.length > 0 && <TroubleChip accounts={troubled} badgeOf={badgeOf} />}
    </span>
  );
}

/** "sub1 down", or "3 accounts not live"; every one of them with its state in the tooltip. */
function TroubleChip({
  accounts,
  badgeOf,
}: {
  accounts: readonly AccountItem[];
  badgeOf: (account: AccountItem) => AccountState;
}) {
  const first = accounts[0];
  const worst = accounts.some((account) => badgeOf(account).tone === "down") ? "down" : "reconnecting";
  const text =
    accounts.length === 1 && first ? `${first.name} ${badgeOf(first).label}` : `${accounts.length} accounts not live`;
  return (
    <span
      className={`account-trouble account-${worst}`}
      data-testid="account-trouble"
      title={accounts.map((account) => `${account.name}: ${badgeOf(account).label}`).join(", ")}
    >
      {text}
    </span>
  );
}
