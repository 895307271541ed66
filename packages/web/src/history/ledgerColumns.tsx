/**
 * Columns of the ledger: every balance change of an asset, what it was in words, the change
 * signed and coloured, the balance after it, and what caused it ("fill 5059…89X1"). A balance read
 * from MEXC rather than pushed (at start, after a gap in the stream) is a "Balance read", its cause
 * "first read, none known before" or "re-read after a gap" by whether a balance was known before
 * it (issue 57 item 8: the very first read said "re-read after a gap", its type a raw "RECONCILE").
 * A change type mexc-live does not know is shown as MEXC sent it.
 */
import type { LedgerItem } from "@mexc-live/contract";
import { subtractDecimal } from "@mexc-live/protocol";
import type { LedgerKind } from "@mexc-live/protocol/wallet";
import { createColumnHelper } from "@tanstack/react-table";
import { DateTime, ZonedLabel } from "../format/DateTime.js";
import { compareDecimal } from "../format/decimal.js";
import { AssetAmount, ShortId, SignedAmount } from "../tables/amounts.js";
import { type AnyColumn, decimal, left } from "../tables/rowPipeline.js";
import type { CardLayout } from "../tables/TableCards.js";

/** What a balance read is, on hover. */
const BALANCE_READ_TITLE =
  "The balance as read from MEXC (at start, and after each gap in the stream): the change is what mexc-live had not seen pushed";

export const LEDGER_TYPE_LABEL: Readonly<Record<LedgerKind, string>> = {
  trade: "Trade",
  trade_fee: "Trade fee",
  deposit: "Deposit",
  withdrawal: "Withdrawal",
  withdrawal_fee: "Withdrawal fee",
  transfer: "Transfer",
  airdrop: "Airdrop",
  conversion: "Conversion",
  internal_transfer: "Internal transfer",
  order_freeze: "Order freeze",
  order_unfreeze: "Order unfreeze",
  balance_read: "Balance read",
  unknown: "Other",
};

/** "Trade fee"; for a type mexc-live does not know, MEXC's own ("SOME_NEW_TYPE"). */
export function ledgerTypeText(item: Pick<LedgerItem, "type" | "rawType">): string {
  return item.type === "unknown" ? item.rawType || LEDGER_TYPE_LABEL.unknown : LEDGER_TYPE_LABEL[item.type];
}

/** What a ref of kind "transfer" is called, by the entry's type. */
const TRANSFER_CAUSE: Partial<Record<LedgerKind, string>> = {
  deposit: "deposit",
  withdrawal: "withdrawal",
  withdrawal_fee: "withdrawal",
  internal_transfer: "internal transfer",
  conversion: "conversion",
};

/** The cause in words and the id it names: "fill" + trade id, "order" + order id, "deposit" + its id. */
export function ledgerCause(item: LedgerItem): { readonly words: string; readonly id: string } | null {
  const ref = item.ref;
  if (ref === null) return item.type === "balance_read" ? { words: balanceReadWords(item), id: "" } : null;
  const words = ref.kind === "transfer" ? (TRANSFER_CAUSE[item.type] ?? "transfer") : ref.kind;
  return { words, id: ref.id };
}

/**
 * A balance read: the first, when no balance was known before it (the change is the whole
 * balance), or one after a gap (the change is what was missed).
 */
function balanceReadWords(item: Pick<LedgerItem, "balance" | "change">): string {
  const before = subtractDecimal(item.balance, item.change);
  return before !== undefined && compareDecimal(before, "0") === 0
    ? "first read, none known before"
    : "re-read after a gap";
}

function LedgerType({ item }: { item: LedgerItem }) {
  if (item.type === "balance_read") return <span title={BALANCE_READ_TITLE}>{LEDGER_TYPE_LABEL.balance_read}</span>;
  if (item.type !== "unknown") return <>{LEDGER_TYPE_LABEL[item.type]}</>;
  return (
    <span className="unknown-value" title="A change type mexc-live does not know; shown as MEXC sent it">
      {ledgerTypeText(item)}
    </span>
  );
}

function Cause({ item }: { item: LedgerItem }) {
  const cause = ledgerCause(item);
  if (cause === null) return <span className="not-set">–</span>;
  if (cause.id === "") return <span title={BALANCE_READ_TITLE}>{cause.words}</span>;
  return <ShortId id={cause.id} prefix={`${cause.words} `} />;
}

const ledger = createColumnHelper<LedgerItem>();

export const LEDGER_COLUMNS: AnyColumn<LedgerItem>[] = [
  ledger.accessor("time", {
    header: () => <ZonedLabel label="Time" />,
    cell: (c) => <DateTime ms={c.getValue()} />,
    meta: left(168),
  }),
  ledger.accessor("asset", { header: "Asset", meta: left(90) }),
  ledger.accessor(ledgerTypeText, {
    id: "type",
    header: "Type",
    cell: (c) => <LedgerType item={c.row.original} />,
    meta: left(140), // "Withdrawal fee", "Order unfreeze"
  }),
  ledger.accessor("change", {
    header: "Change",
    cell: (c) => (
      // Free and frozen apart: an order's freeze moves funds between them and changes the whole by 0.
      <span title={`free ${c.row.original.freeChange}, frozen ${c.row.original.lockedChange}`}>
        <SignedAmount value={c.getValue()} asset={c.row.original.asset} />
      </span>
    ),
    meta: decimal(160),
  }),
  ledger.accessor("balance", {
    header: "Balance",
    cell: (c) => <AssetAmount exact={c.getValue()} asset={c.row.original.asset} />,
    meta: decimal(160),
  }),
  ledger.accessor((item) => ledgerCause(item)?.words ?? "", {
    id: "cause",
    header: "Cause",
    cell: (c) => <Cause item={c.row.original} />,
    meta: left(210), // "first read, none known before", "withdrawal 1234…5678"
  }),
];

/** A ledger entry as a card at phone width. */
export const LEDGER_CARD: CardLayout = { head: ["time", "asset", "type"], fields: ["change", "balance", "cause"] };
