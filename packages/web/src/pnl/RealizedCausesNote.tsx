/**
 * Under PnL by pair's total: how the realized PnL by asset, the figure that leads, comes from the
 * pairs' total, cause by cause, in numbers that add up as shown (realizedCauses.ts; issue 57
 * item 1). A cause the gateway could not price says so and names the assets. The journal shows
 * the same line for its calendar's days (RealizedCausesLine).
 */
import type { AssetPnlItem, PnlItem, RealizedCauses } from "@mexc-live/contract";
import { SignedAmount } from "../tables/amounts.js";
import { type RealizedShown, realizedShown } from "./realizedCauses.js";

export function RealizedCausesNote({
  answer,
  assets,
  pairs,
  quote,
}: {
  answer: RealizedCauses | null;
  assets: readonly AssetPnlItem[] | null;
  pairs: readonly PnlItem[];
  quote: string;
}) {
  const shown = realizedShown(answer, assets, pairs, quote);
  if (shown === null) return null;
  return <RealizedCausesLine shown={shown} quote={quote} total="this total" testId="realized-causes" />;
}

/**
 * The line itself, wherever a by-pair total stands beside the figure by asset (here, and the
 * journal's calendar: JournalRealizedNote.tsx): lead = `total` + each cause, in numbers as shown.
 */
export function RealizedCausesLine({
  shown,
  quote,
  total,
  testId,
}: {
  shown: RealizedShown;
  quote: string;
  /** What the pairs' total is, in words ("this total"). */
  total: string;
  testId: string;
}) {
  return (
    <div className="legend realized-causes" data-testid={testId}>
      <p>
        Realized by asset{" "}
        <span data-figure="lead">
          <SignedAmount value={shown.lead} money />
        </span>{" "}
        {quote} = {total}{" "}
        <span data-figure="byPair">
          <SignedAmount value={shown.byPair} money />
        </span>
        {shown.causes.length > 0 ? ", plus:" : "."}
      </p>
      {shown.causes.length > 0 && (
        <ul>
          {shown.causes.map((cause) => (
            <li key={cause.cause} data-cause={cause.cause} data-exact={cause.exact ?? undefined}>
              <span className="realized-cause-amount" data-figure="cause">
                {cause.shown === null ? "not known" : <SignedAmount value={cause.shown} money />}
              </span>{" "}
              {cause.label}
            </li>
          ))}
        </ul>
      )}
      {shown.unpriced.length > 0 && (
        <p>
          Not known: a move of {shown.unpriced.join(", ")} had no price, so these do not add up to the figure by asset.
        </p>
      )}
    </div>
  );
}
