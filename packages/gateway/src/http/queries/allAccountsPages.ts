/**
 * One page of a list across accounts (orders, fills, transfers, ledger): every account's page
 * from its own cursor, merged newest first, each item with its `account`. The page's cursor holds
 * each account's own cursor (base64url JSON behind CURSOR_PREFIX), so paging never skips nor
 * repeats an item; the page's `total` is every account's total summed.
 */
import type { Page } from "@mexc-live/contract";
import { parseJsonObject } from "@mexc-live/protocol";
import { InvalidCursorError } from "../../errors.js";
import type { AccountEntry } from "../accountDirectory.js";
import type { GatewayQueries } from "./gatewayQueries.js";

const CURSOR_PREFIX = "all.";

/** Items of one list across accounts: each with its account's name. */
type WithAccount<T> = T & { readonly account: string };

/** A paged query: `cursor` absent for the first page. */
type PageQuery = { cursor?: string; limit: number };

/** One account's list read with a query of the list's kind. */
type ReadPage<T, Q> = (queries: GatewayQueries, query: Q) => Page<T> | Promise<Page<T>>;

/** One account's part of a merged page: its items read, its own next cursor, its total. */
interface AccountPart<T> {
  readonly entry: AccountEntry;
  readonly items: readonly T[];
  readonly next: string | null;
  readonly total: number;
}

/** One merged page: every account's page from its own cursor, newest first (`order`), then each account's next cursor. */
export async function mergedPage<T, Q extends PageQuery>(
  accounts: readonly AccountEntry[],
  query: Q,
  read: ReadPage<T, Q>,
  order: (a: T, b: T) => number,
): Promise<Page<WithAccount<T>>> {
  const cursors = decodeCursor(query.cursor, accounts);
  // Each account gets its own cursor (none: from its start), never the composite one.
  const { cursor: _composite, ...own } = query;
  const parts = await Promise.all(accounts.map((entry) => readPart(entry, own, cursors.get(entry.name), read)));
  const all = parts.flatMap(({ entry, items }) => items.map((item) => ({ entry, item })));
  all.sort((a, b) => order(a.item, b.item));
  const taken = all.slice(0, query.limit);
  const next = await nextCursors(parts, taken, cursors, own, read);
  const more = [...next.values()].some((cursor) => cursor !== null);
  return {
    items: taken.map(({ entry, item }) => ({ ...item, account: entry.name })),
    nextCursor: more ? encodeCursor(next) : null,
    total: parts.reduce((sum, part) => sum + part.total, 0),
  };
}

/** One account's page from `cursor` (undefined: its start; null: nothing more, only its total). */
async function readPart<T, Q extends PageQuery>(
  entry: AccountEntry,
  own: Omit<Q, "cursor">,
  cursor: string | null | undefined,
  read: ReadPage<T, Q>,
): Promise<AccountPart<T>> {
  if (cursor === null) {
    // Nothing more of this account, but its items still count in the total.
    const { total } = await read(entry.queries, { ...own, limit: 1 } as Q);
    return { entry, items: [], next: null, total };
  }
  const page = await read(entry.queries, { ...own, ...(cursor === undefined ? {} : { cursor }) } as Q);
  return { entry, items: [...page.items], next: page.nextCursor, total: page.total };
}

/** Each account's cursor after the items taken of it: unchanged, its page's next, or after exactly that many. */
async function nextCursors<T, Q extends PageQuery>(
  parts: readonly AccountPart<T>[],
  taken: readonly { entry: AccountEntry }[],
  cursors: ReadonlyMap<string, string | null | undefined>,
  own: Omit<Q, "cursor">,
  read: ReadPage<T, Q>,
): Promise<Map<string, string | null | undefined>> {
  const next = new Map<string, string | null | undefined>();
  for (const { entry, items, next: pageNext } of parts) {
    const count = taken.filter((pick) => pick.entry === entry).length;
    const start = cursors.get(entry.name);
    if (start === null || items.length === 0) next.set(entry.name, null);
    else if (count === 0) next.set(entry.name, start);
    else if (count === items.length) next.set(entry.name, pageNext);
    else {
      // Part of this account's page was taken: its own cursor after exactly that many.
      const part = await read(entry.queries, {
        ...own,
        limit: count,
        ...(start === undefined ? {} : { cursor: start }),
      } as Q);
      next.set(entry.name, part.nextCursor);
    }
  }
  return next;
}

/** name -> its cursor (undefined: from the start; null: nothing more). */
function decodeCursor(
  cursor: string | undefined,
  accounts: readonly AccountEntry[],
): Map<string, string | null | undefined> {
  const cursors = new Map<string, string | null | undefined>();
  if (cursor === undefined) return cursors;
  if (!cursor.startsWith(CURSOR_PREFIX)) throw new InvalidCursorError("cursor: not from a page of all accounts");
  const parsed = parseJsonObject(Buffer.from(cursor.slice(CURSOR_PREFIX.length), "base64url").toString("utf8"));
  if (parsed === undefined) throw new InvalidCursorError("cursor: malformed");
  const known = new Set(accounts.map((entry) => entry.name));
  for (const [name, value] of Object.entries(parsed)) {
    if (!known.has(name) || (value !== null && typeof value !== "string"))
      throw new InvalidCursorError("cursor: malformed");
    cursors.set(name, value);
  }
  // An account the cursor does not name (added since): from its start.
  return cursors;
}

function encodeCursor(cursors: ReadonlyMap<string, string | null | undefined>): string {
  const body: Record<string, string | null> = {};
  for (const [name, cursor] of cursors) if (cursor !== undefined) body[name] = cursor;
  return CURSOR_PREFIX + Buffer.from(JSON.stringify(body)).toString("base64url");
}
