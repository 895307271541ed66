/**
 * PUT /api/opening-positions/ASSET {"costPrice": "123.45"} sets what an asset held before the
 * known history cost (quote per unit; null forgets it, back to the first known price); PnL is
 * recomputed with it. The answer is GET /api/opening-positions' (the API table's openingPositions
 * read, routes/reads.ts): every opening position with its cost.
 */
import { API_PATHS } from "@mexc-live/contract";
import { assetParam } from "@mexc-live/contract/api";
import { isUnsignedDecimal } from "@mexc-live/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { HttpError } from "../../errors.js";
import { scopeOf, writeScopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";

const body = z.strictObject({
  costPrice: z
    .string()
    .max(64)
    .refine(isUnsignedDecimal, { error: "must be a plain decimal such as 27150.5" })
    .nullable(),
});

export function openingCostRoute(app: FastifyInstance, deps: AppDeps): void {
  app.put<{ Params: { asset: string } }>(API_PATHS.openingCost, async (request) => {
    const asset = assetParam.safeParse(request.params.asset);
    if (!asset.success) throw new HttpError("BAD_REQUEST", "asset: must be 1-20 letters or digits, such as BTC");
    const parsed = body.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(
        "BAD_REQUEST",
        `costPrice: ${issue?.code === "unrecognized_keys" ? "the only field" : (issue?.message ?? "required")}`,
      );
    }
    const { writes } = writeScopeOf(deps, request);
    const { queries } = scopeOf(deps, request);
    if (writes === undefined) {
      throw new HttpError("NOT_ON_WEB_INSTANCE", "opening costs are kept by the collector: send this to it");
    }
    await writes.setOpeningCost(asset.data, parsed.data.costPrice);
    return { items: await queries.openingPositions() };
  });
}
