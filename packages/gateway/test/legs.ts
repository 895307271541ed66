/**
 * A trade leg for a test of a model that reads the leg's assets and values (the portfolio, the
 * tax report): its stored fill made from the same numbers (figures/ledger/legs.ts).
 */
import type { TradeLeg } from "../src/figures/ledger/legs.js";

export function withFill(trade: Omit<TradeLeg, "fill">): TradeLeg {
  return {
    ...trade,
    fill: {
      tradeId: trade.id,
      orderId: `o-${trade.id}`,
      clientOrderId: "",
      symbol: `${trade.base}${trade.quote}`,
      side: trade.side,
      price: "0",
      quantity: trade.quantity,
      amount: trade.amount,
      fee: trade.fee,
      feeCurrency: trade.feeCurrency,
      feeValue: trade.feeValue,
      feePairValue: null,
      amountValue: trade.value,
      time: trade.time,
    },
  };
}
