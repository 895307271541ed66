/**
 * The figure reads that are a model's own answer, asked as they are: the equity series (the
 * store's), fees, PnL by pair and volume (the figures by pair, figures.ts) and the realized PnL by
 * cause (the keeper's, realizedCauses.ts). The reads worked out of a model's state have their own
 * files beside their answers (figureRead.ts).
 */

import { figureRead } from "./figureRead.js";
import type { Figures } from "./figures.js";
import type { AccountModels, FiguresKeeper } from "./keeper.js";

/** The figures by pair once they hold everything stored (the one keeper's pass under way ended). */
async function currentFigures(keeper: FiguresKeeper): Promise<Figures> {
  await keeper.ready();
  await keeper.figures.load();
  return keeper.figures;
}

export const equityRead = figureRead("equity", { answer: ({ store }: AccountModels, query) => store.equity(query) });

export const feesRead = figureRead("fees", {
  answer: async ({ keeper }: AccountModels) => (await currentFigures(keeper)).fees(),
  noHistory: (_query, quote) => ({ quote, byCurrency: {}, valueByCurrency: {}, totalValue: "0" }),
});

export const pnlRead = figureRead("pnl", {
  answer: async ({ keeper }: AccountModels, query) => (await currentFigures(keeper)).pnl(query.method),
});

export const volumeRead = figureRead("volume", {
  answer: async ({ keeper }: AccountModels, query) => (await currentFigures(keeper)).volume(query),
});

export const realizedRead = figureRead("realized", {
  answer: ({ keeper }: AccountModels, query) =>
    keeper.queries.readings.current(() => {
      if (query.from === undefined) return keeper.realizedCauses(query.method);
      const range = { from: query.from, ...(query.to === undefined ? {} : { to: query.to }) };
      return keeper.realizedCausesOver(range, query.method);
    }),
  noHistory: (query, quote) => ({ quote, method: query.method ?? "avg", byAsset: "0", byPair: "0", causes: [] }),
});
