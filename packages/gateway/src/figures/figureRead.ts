/**
 * A figure's read: what one account's read models answer to a figure row of the API table
 * (contract api/reads.ts, rows `of: "figures"`), declared in the file of its answer as
 *
 *   export const holdingTimesRead = figureRead("holdingTimes", {
 *     answer: ({ keeper }: JournalModels, query) => ...,
 *   });
 *
 * The answer names the part of the account's models (keeper.ts AccountModels) it reads, by its
 * own type, so an answer beside its model imports nothing above it. `npm run codegen` gathers
 * every such declaration under figures/ into figureReads.generated.ts, and the compiler asks there
 * for one read per figure row, each fit for the account's models. So a new figure is two files: its
 * answer's (with this declaration) and its row in the contract's table (docs/development.md, "A
 * new figure"). A read whose answer is neither a list nor a page also says what an account with
 * no history answers (noHistory: what a web instance's mirror gives for a figure it does not
 * hold); the compiler asks for it.
 */
import type { AccountReadName, FigureReadName, Page, ReadAnswers } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import type { Answer } from "./tableReads.js";

/** What an account with no history answers to the read `K`, its money in `quote`. */
export type NoHistory<K extends AccountReadName> = (query: ReadQuery<K>, quote: string) => ReadAnswers[K];

/** The reads whose answer is a list or a page: with no history, an empty one. */
export type ListReadName = {
  [K in AccountReadName]: ReadAnswers[K] extends readonly unknown[] | Page<unknown> ? K : never;
}[AccountReadName];

/**
 * The figure row `K`'s read of the models `M` (the part of the account's it reads): its answer,
 * and its answer with no history unless a list's.
 */
export type FigureRead<K extends FigureReadName, M> = {
  readonly name: K;
  readonly answer: (models: M, query: ReadQuery<K>) => Answer<ReadAnswers[K]>;
} & (K extends ListReadName ? { readonly noHistory?: undefined } : { readonly noHistory: NoHistory<K> });

/** The read of the figure row `name` (gathered by `npm run codegen`: the declaration must be `export const <x> = figureRead(...)`). */
export function figureRead<K extends FigureReadName, M>(
  name: K,
  read: Omit<FigureRead<K, M>, "name">,
): FigureRead<K, M> {
  return { name, ...read } as FigureRead<K, M>;
}
