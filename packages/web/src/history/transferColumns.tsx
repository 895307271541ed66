/**
 * Columns of deposits, withdrawals and transfers between the account's own wallets: amounts as
 * MEXC sent them, their value in the quote currency at the market price of their time (or
 * "unpriced"), MEXC's own status on hover, the transaction id shortened (whole on hover; a link to
 * the block explorer's page where MEXC gives one), a withdrawal's own id, and where the row came
 * from (MEXC's history or an imported file).
 */
import type { TransferItem } from "@mexc-live/contract";
import { createColumnHelper } from "@tanstack/react-table";
import { DateTime, ZonedLabel } from "../format/DateTime.js";
import { compareDecimal } from "../format/decimal.js";
import { AssetAmount, Money, ShortId } from "../tables/amounts.js";
import { type AnyColumn, decimal, left } from "../tables/rowPipeline.js";
import type { CardLayout } from "../tables/TableCards.js";

/**
 * "Deposit", "Withdrawal", "Transfer in" / "Transfer out" (to or from another of the account's
 * wallets), "Internal transfer in" / "out" (from or to another MEXC user), "Converted to MX" /
 * "MX from conversion" (small balances converted to MX).
 */
export function transferTypeText(item: Pick<TransferItem, "type" | "direction">): string {
  if (item.type === "deposit") return "Deposit";
  if (item.type === "withdrawal") return "Withdrawal";
  if (item.type === "internal_transfer")
    return item.direction === "in" ? "Internal transfer in" : "Internal transfer out";
  if (item.type === "conversion") return item.direction === "in" ? "MX from conversion" : "Converted to MX";
  return item.direction === "in" ? "Transfer in" : "Transfer out";
}

const SOURCE_TEXT: Readonly<Record<TransferItem["source"], string>> = { rest: "MEXC", import: "imported" };
const SOURCE_TITLE: Readonly<Record<TransferItem["source"], string>> = {
  rest: "Read from MEXC's wallet history",
  import: "From a file you imported",
};

function Status({ item }: { item: TransferItem }) {
  return (
    <span className={`transfer-${item.status}`} title={`MEXC's status: ${item.rawStatus}`}>
      {item.status}
    </span>
  );
}

/** Only an http(s) address becomes a link (the gateway checks it too: protocol's linkProblem). */
const LINKABLE = /^https?:\/\//i;

/** The transaction id, shortened; a link to its page on a block explorer where MEXC gives one. */
function TxId({ item }: { item: TransferItem }) {
  const { explorerUrl, txId } = item;
  if (explorerUrl === undefined || !LINKABLE.test(explorerUrl)) return <ShortId id={txId} keep={6} />;
  return (
    <a
      className="explorer-link"
      href={explorerUrl}
      target="_blank"
      rel="noopener noreferrer"
      title={`On a block explorer (MEXC's link): ${explorerUrl}`}
    >
      {txId === "" ? "explorer" : <ShortId id={txId} keep={6} />}
    </a>
  );
}

const transfer = createColumnHelper<TransferItem>();

/**
 * Deposits, withdrawals and transfers, with what each moved was worth in `quote` when it moved.
 * 1,198 px of columns in all: the panel's width at 1280 px, no sideways scrolling there.
 */
export function transferColumns(quote: string): AnyColumn<TransferItem>[] {
  return [
    transfer.accessor("time", {
      header: () => <ZonedLabel label="Time" />,
      cell: (c) => <DateTime ms={c.getValue()} />,
      meta: left(168),
    }),
    transfer.accessor(transferTypeText, { id: "type", header: "Type", meta: left(110) }),
    transfer.accessor("asset", { header: "Asset", meta: left(70) }),
    transfer.accessor("amount", {
      header: "Amount",
      // At the asset's places (18 decimals were shown), the exact amount on hover and in the CSV.
      cell: (c) => <AssetAmount exact={c.getValue()} asset={c.row.original.asset} />,
      meta: decimal(125),
    }),
    transfer.accessor((item) => item.value ?? null, {
      id: "value",
      header: () => (
        <span title="What moved (the fee apart), valued at the market price of its time; – when no price was near enough">
          Value ({quote})
        </span>
      ),
      cell: (c) => {
        const value = c.getValue() as string | null;
        return value === null ? (
          <span className="not-set" title="Unpriced: no market price near enough to its time">
            –
          </span>
        ) : (
          <Money value={value} />
        );
      },
      meta: decimal(110),
    }),
    transfer.accessor("fee", {
      header: "Fee",
      cell: (c) =>
        compareDecimal(c.getValue(), "0") === 0 ? (
          <span className="not-set">0</span>
        ) : (
          <AssetAmount exact={c.getValue()} asset={c.row.original.asset} />
        ),
      meta: decimal(95),
    }),
    transfer.accessor("network", {
      header: "Network",
      cell: (c) => c.getValue() || <span className="not-set">–</span>,
      meta: left(110),
    }),
    transfer.accessor("status", { header: "Status", cell: (c) => <Status item={c.row.original} />, meta: left(90) }),
    transfer.accessor("txId", {
      header: "Tx ID",
      cell: (c) => <TxId item={c.row.original} />,
      meta: left(130),
    }),
    // The id a withdrawal was asked with (MEXC's withdrawOrderId): the asker's own, to find it by.
    transfer.accessor((item) => item.withdrawOrderId ?? "", {
      id: "withdrawOrderId",
      header: () => <span title="The id the withdrawal was asked with (MEXC's withdrawOrderId)">Own ID</span>,
      cell: (c) => <ShortId id={c.getValue() as string} keep={6} />, // whole up to 13 characters, all on hover
      meta: left(110),
    }),
    transfer.accessor("source", {
      header: "Source",
      cell: (c) => <span title={SOURCE_TITLE[c.row.original.source]}>{SOURCE_TEXT[c.row.original.source]}</span>,
      meta: left(80),
    }),
  ];
}

/** A deposit, withdrawal or transfer as a card at phone width. */
export const TRANSFER_CARD: CardLayout = {
  head: ["time", "type", "asset"],
  // The transaction on a line of its own: a link to its block explorer page where MEXC gives one.
  fields: ["amount", "value", "fee", "status", "txId"],
  wide: ["txId"],
};
