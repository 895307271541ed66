/**
 * Keyset-paged SELECTs over a table sorted by (time, id), one prepared statement per shape of
 * filter, prepared on first use. Table and column names are ours, never the caller's.
 */
import type { Statement } from "better-sqlite3";
import type { CursorKey } from "./cursor.js";
import type { Db } from "./database.js";

export interface PageFilter {
  readonly symbol?: string | undefined;
  /** ms, inclusive */
  readonly from?: number | null;
  /** ms, inclusive */
  readonly to?: number | null;
  /** Only rows with is_open = 1 (orders). */
  readonly open?: boolean;
  /** Only rows stored up to this rowid (an export's consistent view: the rows there were when it began). */
  readonly upToRow?: number | undefined;
}

export type Direction = "asc" | "desc";

export class SelectCache<Row> {
  private readonly statements = new Map<string, Statement<Record<string, unknown>, Row>>();
  private readonly counts = new Map<string, Statement<Record<string, unknown>, { n: number }>>();

  constructor(
    private readonly db: Db,
    private readonly table: "fills" | "orders",
    private readonly idColumn: "trade_id" | "order_id",
  ) {}

  /** Up to `limit` rows after `after` in `direction` order (newest first by default). */
  page(filter: PageFilter, after: CursorKey | undefined, limit: number, direction: Direction = "desc"): Row[] {
    const hasSymbol = filter.symbol !== undefined;
    const hasFrom = filter.from !== undefined && filter.from !== null;
    const hasTo = filter.to !== undefined && filter.to !== null;
    const hasUpTo = filter.upToRow !== undefined;
    const key = [hasSymbol, hasFrom, hasTo, filter.open === true, after !== undefined, direction, hasUpTo].join();
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(
        this.sql(hasSymbol, hasFrom, hasTo, filter.open === true, after !== undefined, direction, hasUpTo),
      );
      this.statements.set(key, statement);
    }
    return statement.all({
      ...(hasUpTo ? { upToRow: filter.upToRow } : {}),
      ...(hasSymbol ? { symbol: filter.symbol } : {}),
      ...(hasFrom ? { from: filter.from } : {}),
      ...(hasTo ? { to: filter.to } : {}),
      ...(after ? { afterTime: after.time, afterId: after.id } : {}),
      limit,
    });
  }

  /** How many rows `filter` matches in all (a page's `total`). */
  count(filter: PageFilter): number {
    const hasSymbol = filter.symbol !== undefined;
    const hasFrom = filter.from !== undefined && filter.from !== null;
    const hasTo = filter.to !== undefined && filter.to !== null;
    const key = [hasSymbol, hasFrom, hasTo, filter.open === true].join();
    let statement = this.counts.get(key);
    if (!statement) {
      const where = this.conditions(hasSymbol, hasFrom, hasTo, filter.open === true);
      statement = this.db.prepare(`SELECT COUNT(*) AS n FROM ${this.table} WHERE ${where.join(" AND ")}`);
      this.counts.set(key, statement);
    }
    const row = statement.get({
      ...(hasSymbol ? { symbol: filter.symbol } : {}),
      ...(hasFrom ? { from: filter.from } : {}),
      ...(hasTo ? { to: filter.to } : {}),
    });
    return row?.n ?? 0;
  }

  private conditions(symbol: boolean, from: boolean, to: boolean, open: boolean): string[] {
    const where = ["1 = 1"];
    if (symbol) where.push("symbol = @symbol");
    if (from) where.push("time >= @from");
    if (to) where.push("time <= @to");
    if (open) where.push("is_open = 1");
    return where;
  }

  private sql(
    symbol: boolean,
    from: boolean,
    to: boolean,
    open: boolean,
    after: boolean,
    dir: Direction,
    upTo: boolean,
  ): string {
    const id = this.idColumn;
    const where = this.conditions(symbol, from, to, open);
    if (upTo) where.push("rowid <= @upToRow");
    if (after) where.push(`(time, ${id}) ${dir === "desc" ? "<" : ">"} (@afterTime, @afterId)`);
    const order = dir === "desc" ? "DESC" : "ASC";
    return `SELECT * FROM ${this.table} WHERE ${where.join(" AND ")} ORDER BY time ${order}, ${id} ${order} LIMIT @limit`;
  }
}
