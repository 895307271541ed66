/**
 * The account's history beyond trading, in tabs: the ledger (every balance change and what it
 * was) and the deposits, withdrawals and transfers. Both are read from the gateway page by page
 * with the filters as the query, refreshed when the balances move, and exported as CSV by the
 * gateway.
 */
import type { LedgerItem, TransferItem } from "@mexc-live/contract";
import { LEDGER_KINDS } from "@mexc-live/protocol/wallet";
import { useMemo, useState } from "react";
import { useDisplay } from "../format/DisplayContext.js";
import {
  type DateRange,
  type FilterChoice,
  FilterFieldset,
  type FilterOption,
  sameLabel,
} from "../tables/FilterFieldset.js";
import { TabList } from "../tables/TabList.js";
import { HistoryTable, type HistoryTableProps } from "./HistoryTable.js";
import { LEDGER_CARD, LEDGER_COLUMNS, LEDGER_TYPE_LABEL } from "./ledgerColumns.js";
import { TRANSFER_CARD, transferColumns } from "./transferColumns.js";
import "./history.css";

export type HistoryTab = "ledger" | "transfers";

export interface HistoryPanelProps {
  /** Assets to filter by (those held, or once held). */
  readonly assets: readonly string[];
  /** Changes when the ledger and transfers may have new rows (the balances topic moved). */
  readonly version: unknown;
  readonly height: number;
}

const TABS: readonly { id: HistoryTab; label: string }[] = [
  { id: "ledger", label: "Ledger" },
  { id: "transfers", label: "Transfers" },
];

/**
 * Asset, type and date range: they go to the gateway as the query of the pages and of the CSV
 * export, so the table holds every matching row, not just the matching part of what was loaded.
 */
interface HistoryFilter extends DateRange {
  /** "" for all. */
  readonly asset: string;
  /** "" for all; a ledger kind or a transfer type. */
  readonly type: string;
}

const NO_HISTORY_FILTER: HistoryFilter = { asset: "", type: "", from: undefined, to: undefined };

function historyChoices(
  assets: readonly string[],
  types: readonly FilterOption[],
  filter: HistoryFilter,
): readonly FilterChoice<HistoryFilter>[] {
  // The chosen asset stays in the list even when no balance holds it any more.
  const assetOptions = filter.asset === "" || assets.includes(filter.asset) ? assets : [filter.asset, ...assets];
  return [
    { field: "asset", label: "Asset", options: sameLabel(assetOptions) },
    { field: "type", label: "Type", options: types },
  ];
}

const LEDGER_TYPES = LEDGER_KINDS.map((kind) => ({
  value: kind,
  label: LEDGER_TYPE_LABEL[kind],
}));
const TRANSFER_TYPES = [
  { value: "deposit", label: "Deposit" },
  { value: "withdrawal", label: "Withdrawal" },
  { value: "transfer", label: "Transfer" },
  { value: "internal_transfer", label: "Internal transfer" },
  { value: "conversion", label: "Conversion" },
];

/**
 * Where the ledger starts and why, said above it: it is made of the balance changes MEXC pushes
 * while mexc-live runs (gateway store/ledger.ts), so it starts when mexc-live first ran, while the
 * fills and transfers read from MEXC's history go back further (issue 40: "all entries loaded" read
 * as the whole history).
 */
export const LEDGER_SCOPE =
  "The ledger is made of the balance changes MEXC pushes while mexc-live runs, so it starts when mexc-live first ran. " +
  "Older fills, deposits, withdrawals and transfers, read from MEXC's history, are in the Fills table and the Transfers tab.";

// Stable, module-level: the paged list keys its rows by them (usePagedList).
const ledgerId = (item: LedgerItem) => item.id;
/** A transfer is one per (type, id), as MEXC numbers each kind apart. */
const transferId = (item: TransferItem) => `${item.type}:${item.id}`;

/** What one tab's table is: all but the query, the version and the height, which the tabs share. */
type TabTable<T> = Omit<HistoryTableProps<T>, "query" | "version" | "height">;

const LEDGER_TABLE: TabTable<LedgerItem> = {
  label: "Ledger",
  read: "ledger",
  columns: LEDGER_COLUMNS,
  cards: LEDGER_CARD,
  idOf: ledgerId,
  timeOf: (item) => item.time,
  noun: "entries",
  emptyText: "No balance changes recorded yet.",
};

/** The transfers' table, its values in `quote`. */
function transfersTable(quote: string): TabTable<TransferItem> {
  return {
    label: "Transfers",
    read: "transfers",
    columns: transferColumns(quote),
    cards: TRANSFER_CARD,
    idOf: transferId,
    noun: "transfers",
    emptyText: "No deposits, withdrawals or transfers known.",
  };
}

function toQuery(filter: HistoryFilter) {
  return { asset: filter.asset, type: filter.type, from: filter.from, to: filter.to };
}

export function HistoryPanel({ assets, version, height }: HistoryPanelProps) {
  const { quote } = useDisplay();
  const transfers = useMemo(() => transfersTable(quote), [quote]);
  const [tab, setTab] = useState<HistoryTab>("ledger");
  const [filters, setFilters] = useState<Record<HistoryTab, HistoryFilter>>({
    ledger: NO_HISTORY_FILTER,
    transfers: NO_HISTORY_FILTER,
  });
  const filter = filters[tab];
  const query = useMemo(() => toQuery(filter), [filter]);
  return (
    <section className="panel area-history" aria-label="Ledger and transfers">
      <div className="tables-head">
        <TabList tabs={TABS} selected={tab} onSelect={setTab} />
        <FilterFieldset
          label={tab === "ledger" ? "Filter the ledger" : "Filter the transfers"}
          filter={filter}
          choices={historyChoices(assets, tab === "ledger" ? LEDGER_TYPES : TRANSFER_TYPES, filter)}
          onChange={(next) => setFilters((all) => ({ ...all, [tab]: next }))}
        />
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "ledger" && (
          <p className="history-scope" data-testid="ledger-scope">
            {LEDGER_SCOPE}
          </p>
        )}
        {tab === "ledger" ? (
          <HistoryTable key="ledger" {...LEDGER_TABLE} query={query} version={version} height={height} />
        ) : (
          <HistoryTable key="transfers" {...transfers} query={query} version={version} height={height} />
        )}
      </div>
    </section>
  );
}
