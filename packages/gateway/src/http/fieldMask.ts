/**
 * Configurable masks (issue 5 item 3, `--mask clientOrderId,orderId,tradeId`): the chosen id
 * fields are replaced by a pseudonym in everything sent to browsers: HTTP answers (queries/), and
 * topics (the account's fanout is handed `maskingUpdates`, startAccount.ts).
 * The pseudonym is a keyed hash, stable for the life of the process, so an order keeps one id
 * across its updates (the browser can still match them) without the real id leaving the
 * process. The database keeps the real values.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { MaskableField } from "../config/settings.js";
import type { UpdateMask } from "../fanout/accountFanout.js";

/** Hex characters of the pseudonym: 48 bits, collisions out of reach for one account's ids. */
const PSEUDONYM_HEX = 12;

export type FieldMask = <T>(item: T) => T;

export function createFieldMask(fields: readonly MaskableField[], key: Buffer = randomBytes(32)): FieldMask {
  if (fields.length === 0) return (item) => item;
  const pseudonym = (value: string) =>
    value === "" ? "" : `masked-${createHmac("sha256", key).update(value).digest("hex").slice(0, PSEUDONYM_HEX)}`;
  return <T>(item: T): T => {
    if (typeof item !== "object" || item === null) return item;
    let copy: Record<string, unknown> | undefined;
    for (const field of fields) {
      const value = (item as Record<string, unknown>)[field];
      if (typeof value !== "string") continue;
      copy ??= { ...(item as Record<string, unknown>) };
      copy[field] = pseudonym(value);
    }
    return (copy ?? item) as T;
  };
}

/** The account topics whose items carry the ids a mask hides (plain names: before an account's is put on). */
const MASKED_TOPICS: ReadonlySet<string> = new Set(["fills", "orders"]);

/**
 * Makes an update or snapshot of ingest's, raw, what browsers get: the items of the fills and
 * orders topics masked (a snapshot's every item), others as they are.
 */
export function maskingUpdates(mask: FieldMask): UpdateMask {
  return (update) => {
    if (!MASKED_TOPICS.has(update.topic)) return update;
    const data = Array.isArray(update.data) ? update.data.map((item: unknown) => mask(item)) : mask(update.data);
    return { ...update, data };
  };
}
