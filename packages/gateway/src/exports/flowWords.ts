/**
 * The words every export's description column gives a fill, a movement or a conversion: what
 * MEXC called it and its ids, so a row in another tool leads back to the row in mexc-live.
 */
import type { TransferItem } from "@mexc-live/contract";
import type { ExportFill } from "./exportHistory.js";

export function fillWords(fill: ExportFill): string {
  return `MEXC ${fill.symbol} ${fill.side.toLowerCase()}, trade ${fill.tradeId}, order ${fill.orderId}`;
}

export function flowWords(transfer: TransferItem): string {
  const network = transfer.network === "" ? "" : ` (${transfer.network})`;
  switch (transfer.type) {
    case "deposit":
      return `MEXC deposit ${transfer.id}${network}`;
    case "withdrawal":
      return `MEXC withdrawal ${transfer.id}${network}`;
    case "transfer":
      return transfer.direction === "in"
        ? `MEXC transfer ${transfer.id} from the ${transfer.network} wallet to spot`
        : `MEXC transfer ${transfer.id} from spot to the ${transfer.network} wallet`;
    case "internal_transfer":
      return transfer.direction === "in"
        ? `MEXC internal transfer ${transfer.id} from another MEXC account`
        : `MEXC internal transfer ${transfer.id} to another MEXC account`;
    case "conversion":
      return `MEXC small-balance conversion ${transfer.txId || transfer.id}`;
  }
}

export function conversionWords(id: string, gave: readonly TransferItem[]): string {
  return `MEXC small-balance conversion ${id} of ${gave.map((leg) => leg.asset).join(", ")} to MX`;
}
