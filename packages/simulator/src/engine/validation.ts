/**
 * Checks an order request the way MEXC does before it reaches the book, with MEXC's codes:
 * 30014 symbol, 10001 account, 44444 missing parameter, 33333 malformed parameter (format,
 * sign, precision, both quantity and quoteOrderQty), 30002 below the minimum quantity/amount.
 * Balances and book-dependent checks come later (exchange.ts).
 */
import { isUnsignedDecimal, ORDER_TYPES, SIDES, type Side, STP_MODES, type StpMode } from "@mexc-live/protocol";
import { engineErrors, restErrors } from "../errors.js";
import type { PlaceOrderInput, SimOrderType, SymbolConfig } from "../types.js";
import { Big, decimalPlaces } from "./decimals.js";

export interface OrderRequest {
  readonly account: string;
  readonly config: SymbolConfig;
  readonly side: Side;
  readonly type: SimOrderType;
  /** Set for every type but MARKET. */
  readonly price: Big | undefined;
  /** Base quantity; undefined only for MARKET by quoteOrderQty. */
  readonly quantity: Big | undefined;
  readonly quoteOrderQty: Big | undefined;
  readonly clientOrderId: string;
  /** Self-trade prevention (selfTradePrevention.ts); "" none. */
  readonly stpMode: StpMode;
}

const SIM_ORDER_TYPES: readonly string[] = ORDER_TYPES.filter((type) => type !== "STOP_LIMIT");

const missing = restErrors.missingParameter;
const malformed = restErrors.badParameter;
const belowMinimum = engineErrors.belowMinimum;

function decimalParam(name: string, text: string | undefined, maxDecimals: number): Big | undefined {
  if (text === undefined || text === "") return undefined;
  if (!isUnsignedDecimal(text)) throw malformed(name, `"${text}" is not a decimal number`);
  const value = new Big(text);
  if (value.lte(0)) throw malformed(name, "must be positive");
  if (decimalPlaces(text) > maxDecimals) throw malformed(name, `"${text}" has more than ${maxDecimals} decimals`);
  return value;
}

export function validateOrder(
  input: PlaceOrderInput,
  symbols: ReadonlyMap<string, SymbolConfig>,
  hasAccount: (account: string) => boolean,
): OrderRequest {
  if (!input.symbol) throw missing("symbol");
  const config = symbols.get(input.symbol);
  if (!config) throw restErrors.invalidSymbol();
  if (!hasAccount(input.account)) throw engineErrors.userDoesNotExist();
  if (!input.side) throw missing("side");
  if (!(SIDES as readonly string[]).includes(input.side)) throw malformed("side", `"${input.side}" is not BUY or SELL`);
  if (!input.type) throw missing("type");
  if (!SIM_ORDER_TYPES.includes(input.type)) throw malformed("type", `"${input.type}" is not an order type`);

  const stpMode = input.stpMode ?? "";
  if (!(STP_MODES as readonly string[]).includes(stpMode)) {
    throw malformed("stpMode", `"${stpMode}" is not one of ${STP_MODES.filter(Boolean).join(", ")} or empty`);
  }
  const quantity = decimalParam("quantity", input.quantity, config.quantityPrecision);
  const base = { account: input.account, config, side: input.side, type: input.type, stpMode };
  const clientOrderId = input.clientOrderId ?? "";

  if (input.type === "MARKET") {
    const quoteDecimals = config.pricePrecision + config.quantityPrecision;
    const quoteOrderQty = decimalParam("quoteOrderQty", input.quoteOrderQty, quoteDecimals);
    if (!quantity && !quoteOrderQty) throw missing("quantity or quoteOrderQty");
    if (quantity && quoteOrderQty) throw malformed("quantity", "and quoteOrderQty: send one, not both");
    if (quantity?.lt(config.minQuantity)) throw belowMinimum(config.minQuantity, config.baseAsset);
    if (quoteOrderQty?.lt(config.minNotional)) throw belowMinimum(config.minNotional, config.quoteAsset);
    return { ...base, price: undefined, quantity, quoteOrderQty, clientOrderId };
  }

  const price = decimalParam("price", input.price, config.pricePrecision);
  if (!price) throw missing("price");
  if (!quantity) throw missing("quantity");
  if (quantity.lt(config.minQuantity)) throw belowMinimum(config.minQuantity, config.baseAsset);
  if (price.times(quantity).lt(config.minNotional)) throw belowMinimum(config.minNotional, config.quoteAsset);
  return { ...base, price, quantity, quoteOrderQty: undefined, clientOrderId };
}
