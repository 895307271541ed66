/**
 * Page cursors name the row a page ends on: its time and real id (store/cursor.ts). With id
 * masks on (`--mask orderId,tradeId,...`) that id must not leave the process either, so cursors
 * are sealed: AES-256-GCM under a key made per process, like the masks' pseudonyms. A browser
 * gets an opaque token only this process can open; like the pseudonyms, it does not survive a
 * restart (the API then answers 400 naming `cursor`, and the dashboard pages from the top).
 * Without masks, cursors pass unchanged.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface CursorSeal {
  seal(cursor: string): string;
  /** The cursor inside `sealed`; undefined when this process did not seal it. */
  open(sealed: string): string | undefined;
}

export const PLAIN_CURSORS: CursorSeal = { seal: (cursor) => cursor, open: (cursor) => cursor };

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createCursorSeal(key: Buffer = randomBytes(32)): CursorSeal {
  return {
    seal: (cursor) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      const sealed = Buffer.concat([cipher.update(cursor, "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
    },
    open: (text) => {
      const bytes = Buffer.from(text, "base64url");
      if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        return undefined; // another key (a restart), or altered
      }
    },
  };
}
