/**
 * Columns of the ledger: every balance change of an asset, what it was in words, the change
 * signed and coloured, the balance after it, and what caused it ("fill 5059…89X1"). A change type
 * mexc-live does not know is shown as MEXC sent it.
 */
import type { LedgerItem } from "@mexc-live/contract";
import type { LedgerKind } from "@mexc-live/protocol/wallet";
import { createColumnHelper } from "@tanstack/react-table";
import { DateTime, ZonedLabel } from "../format/DateTime.js";
import { AssetAmount, ShortId, SignedAmount } from "../tables/amounts.js";
import type { AnyColumn, ColumnMeta } from "../tables/rowPipeline.js";
import type { CardLayout } from "../tables/TableCards.js";

/** The raw type of a balance the gateway re-read from MEXC's REST after a gap in the stream. */
const RECONCILE_TYPE = "RECONCILE";
const RECONCILE_TITLE = "The balance as re-read from MEXC after a gap in the stream: what changed while it was missed";

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
  unknown: "Other",
};

/** "Trade fee"; for a type mexc-live does not know, MEXC's own ("RECONCILE", "SOME_NEW_TYPE"). */
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
  if (ref === null) return item.rawType === RECONCILE_TYPE ? { words: "re-read after a gap", id: "" } : null;
  const words = ref.kind === "transfer" ? (TRANSFER_CAUSE[item.type] ?? "transfer") : ref.kind;
  return { words, id: ref.id };
}

function LedgerType({ item }: { item: LedgerItem }) {
  if (item.type !== "unknown") return <>{LEDGER_TYPE_LABEL[item.type]}</>;
  const title =
    item.rawType === RECONCILE_TYPE ? RECONCILE_TITLE : "A change type mexc-live does not know; shown as MEXC sent it";
  return (
    <span className="unknown-value" title={title}>
      {ledgerTypeText(item)}
    </span>
  );
}

function Cause({ item }: { item: LedgerItem }) {
  const cause = ledgerCause(item);
  if (cause === null) return <span className="not-set">–</span>;
  if (cause.id === "") return <span title={RECONCILE_TITLE}>{cause.words}</span>;
  return <ShortId id={cause.id} prefix={`${cause.words} `} />;
}

const decimal = (width: number): ColumnMeta => ({ width, align: "right", sort: "decimal" });
const left = (width: number): ColumnMeta => ({ width });

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
    meta: left(200), // "withdrawal 1234…5678"
  }),
];

/** A ledger entry as a card at phone width. */
export const LEDGER_CARD: CardLayout = { head: ["time", "asset", "type"], fields: ["change", "balance", "cause"] };
