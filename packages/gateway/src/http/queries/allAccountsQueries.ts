/**
 * All accounts together: what the account-scoped routes answer without `?account=` when an
 * instance serves several accounts (issue 16): every read of the API table as its row's `fold`
 * says (contract api/reads.ts; the folds: accountFolds.ts, allAccountsPages.ts,
 * sumAccounts.ts and allAccountsJournal.ts). The lists (orders, fills, transfers, ledger, the
 * journal's trips) are one list, newest first, each item with its `account`, under one cursor
 * that holds each account's own. The balances: per asset, free, locked and value summed.
 *
 * The rest (the tax report, the fills export, opening positions) answer for the default account;
 * the README says so.
 */
import { ACCOUNT_READ_NAMES, type AccountReadName, READS } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import type { TableReads } from "../../figures/tableReads.js";
import type { AccountEntry } from "../accountDirectory.js";
import { FOLDS, FOLDS_ASKING_NONE, type Fold } from "./accountFolds.js";
import { askRead, type GatewayQueries } from "./gatewayQueries.js";

export { sumSeries } from "./accountFolds.js";

type Entries = () => readonly AccountEntry[];

/** The queries of all accounts together: each read of every account, folded as its row says. */
export function allAccountsQueries(entries: Entries, fallback: GatewayQueries): GatewayQueries {
  // The default account's version is not all accounts': theirs is versionSum's (below).
  const { figuresVersion, ...fallbackReads } = fallback;
  const all: GatewayQueries = {
    ...fallbackReads,
    ...foldedReads(entries, fallback, () => all),
    ...versionSum(entries),
  };
  return all;
}
/**
 * The figures version of all accounts: the sum of each one's (each only increases, so the sum
 * moves whenever any account's does); none when an account keeps none.
 */
function versionSum(entries: Entries): Pick<GatewayQueries, "figuresVersion"> {
  const versions = entries().map((entry) => entry.queries.figuresVersion);
  if (versions.some((version) => version === undefined)) return {};
  return {
    figuresVersion: () => entries().reduce((sum, entry) => sum + (entry.queries.figuresVersion?.() ?? 0), 0),
  };
}

/** Each read of the API table: every account's answer (in the accounts' order), folded as its row says. */
function foldedReads(entries: Entries, fallback: GatewayQueries, all: () => GatewayQueries): TableReads {
  const read = async <K extends AccountReadName>(name: K, query: ReadQuery<K>) => {
    const kind = READS[name].fold;
    const fold = FOLDS[kind] as unknown as Fold<K>;
    const context = { fallback, entries: entries(), all: all() };
    if (FOLDS_ASKING_NONE.has(kind)) return fold([], query, context, name);
    const answers = await Promise.all(
      context.entries.map(async (entry) => ({
        account: entry.name,
        answer: await askRead(entry.queries, name, query),
      })),
    );
    return fold(answers, query, context, name);
  };
  return Object.fromEntries(
    ACCOUNT_READ_NAMES.map((name) => [name, (query: ReadQuery<typeof name>) => read(name, query)]),
  ) as unknown as TableReads;
}
