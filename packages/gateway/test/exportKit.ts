/** A real store in a temp dir with docs/exports.md's worked example, and an export's whole text. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ExportFileOptions, type ExportFormatName, exportFile } from "../src/exports/exportFile.js";
import { type GatewayStore, openStore } from "../src/store/index.js";
import { exampleMarketOf, storeExample } from "./exportExample.js";

export interface ExampleStore {
  readonly store: GatewayStore;
  close(): void;
}

export function openExampleStore(): ExampleStore {
  const dir = mkdtempSync(join(tmpdir(), "mexc-live-exports-"));
  const store = openStore({ path: join(dir, "account.db") });
  storeExample(store);
  return {
    store,
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The whole file of export `name` (head, every step, end). */
export function exportText(
  name: ExportFormatName,
  store: GatewayStore,
  options: Partial<ExportFileOptions> = {},
): string {
  const file = exportFile(name, store, { marketOf: exampleMarketOf, ...options });
  let text = file.head;
  for (const piece of file.steps) if (piece !== null) text += piece;
  return text;
}
