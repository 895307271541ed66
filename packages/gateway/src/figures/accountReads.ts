/**
 * One account's answers to the API table's reads (contract api/reads.ts), by name: each figure
 * row's read (figureRead.ts, gathered in figureReads.generated.ts) over the account's read models.
 * The store's queries (the gateway's http/queries/storeQueries.ts) serve these as they are; the
 * routes, the Redis request and reply and the fold of several accounts are generic over the table.
 * What a read answers for an account with no history (noHistory: what a web instance's mirror
 * gives for what it does not hold) is its figure read's, else an empty list or page.
 */
import {
  ACCOUNT_READ_NAMES,
  type AccountReadName,
  type FigureReadName,
  type Page,
  READS,
  type ReadAnswers,
} from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import type { FigureRead, ListReadName, NoHistory } from "./figureRead.js";
import { FIGURE_READS } from "./figureReads.generated.js";
import type { AccountModels } from "./keeper.js";
import type { TableReads } from "./tableReads.js";

/** The table's reads of the read models (its rows `of: "figures"`; the history's lists are the store's). */
const FIGURE_READ_NAMES = ACCOUNT_READ_NAMES.filter((name): name is FigureReadName => READS[name].of === "figures");

/** The table's reads of one account's read models, each wrapped by `wrap` (the store's errors as the API's). */
export function accountReads(
  models: AccountModels,
  wrap: <T>(read: () => T) => T = (read) => read(),
): Pick<TableReads, FigureReadName> {
  return Object.fromEntries(
    FIGURE_READ_NAMES.map((name) => {
      const read = FIGURE_READS[name] as FigureRead<typeof name, AccountModels>;
      return [name, (query: ReadQuery<typeof name>) => wrap(() => read.answer(models, query))];
    }),
  ) as unknown as Pick<TableReads, FigureReadName>;
}

/** The reads of the account's that are neither a figure's nor a list: what they answer with no history. */
const OTHER_NO_HISTORY: {
  readonly [K in Exclude<AccountReadName, ListReadName | FigureReadName>]: NoHistory<K>;
} = {
  precisions: () => ({ assets: {}, symbols: {} }),
};

/** An empty page (a new one each time: an answer may be marked partial): what every list answers with nothing in it. */
const noPage = <T>(): Page<T> => ({ items: [], nextCursor: null, total: 0 });

/** What the read `name` answers for an account with no history (an empty list or page, unless its read says). */
export function noHistory<K extends AccountReadName>(name: K, query: ReadQuery<K>, quote: string): ReadAnswers[K] {
  const figure = (FIGURE_READS as Readonly<Record<string, { readonly noHistory?: unknown }>>)[name];
  const own = (figure?.noHistory ?? (OTHER_NO_HISTORY as Readonly<Record<string, unknown>>)[name]) as
    | NoHistory<K>
    | undefined;
  if (own !== undefined) return own(query, quote);
  return (READS[name].fold === "pagesByTime" ? noPage() : []) as ReadAnswers[K];
}
