/** What the user says each asset held at the start of the known history cost (quote per unit). */
import type { Db } from "./database.js";
import { decimalField, textField } from "./validate.js";

export interface OpeningCost {
  readonly asset: string;
  readonly costPrice: string;
  readonly setAt: number;
}

export class OpeningCostsTable {
  private readonly upsert;
  private readonly remove;
  private readonly every;

  constructor(db: Db) {
    this.upsert = db.prepare(`
      INSERT INTO opening_positions (asset, cost_price, set_at) VALUES (@asset, @costPrice, @setAt)
      ON CONFLICT (asset) DO UPDATE SET cost_price = excluded.cost_price, set_at = excluded.set_at`);
    this.remove = db.prepare("DELETE FROM opening_positions WHERE asset = ?");
    this.every = db.prepare<[], OpeningCost>(
      "SELECT asset, cost_price AS costPrice, set_at AS setAt FROM opening_positions ORDER BY asset",
    );
  }

  set(asset: string, costPrice: string | null, now: number): void {
    const name = textField(asset, "asset");
    if (costPrice === null) this.remove.run(name);
    else this.upsert.run({ asset: name, costPrice: decimalField(costPrice, "costPrice"), setAt: now });
  }

  all(): OpeningCost[] {
    return this.every.all();
  }
}
