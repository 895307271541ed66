import { Decimal as Big } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { testExchange } from "../../test/testExchange.js";
import { SimError } from "../errors.js";
import { createRandom } from "../random.js";
import { DEFAULT_SYMBOLS } from "../symbols.js";
import type { PlaceOrderInput, SimOrderType } from "../types.js";
import { FEE_ACCOUNT } from "./matching.js";

const ORDERS = 10_000;
const ACCOUNTS = ["p1", "p2", "p3", "p4", "mx1", "mx2"];
const SYMBOLS = ["BTCUSDT", "ETHUSDT", "MXUSDT", "ETHBTC", "PEPEUSDT"];
const TYPES: SimOrderType[] = [
  "LIMIT",
  "LIMIT",
  "LIMIT",
  "LIMIT_MAKER",
  "IMMEDIATE_OR_CANCEL",
  "FILL_OR_KILL",
  "MARKET",
  "MARKET",
];
/** Rejections a random order may meet; anything else fails the test. */
const EXPECTED_REJECTIONS = new Set([10101, 30004, 30041, 30010, 30002]);
/** Wallet moves a random one may meet: free short, or a withdrawal not above its fee. */
const EXPECTED_WALLET_REJECTIONS = new Set([10101, 33333]);
const FUNDING: Record<string, string> = {
  USDT: "2000000",
  BTC: "20",
  ETH: "600",
  MX: "200000",
  PEPE: "50000000000",
};

const sum = (values: Iterable<string>) => [...values].reduce((total, value) => total.plus(value), new Big(0));

describe("the ledger after 10,000 random orders and wallet moves", () => {
  it("balances exactly: journals sum to balances, nothing negative, locks match open orders, totals match credits", () => {
    const t = testExchange({ seed: 2024 });
    const { exchange } = t;
    const random = createRandom(99);
    const configs = DEFAULT_SYMBOLS.filter((s) => SYMBOLS.includes(s.symbol));
    for (const account of ACCOUNTS) {
      exchange.createAccount(account, { mxFeeDeduction: account.startsWith("mx") });
      for (const [asset, amount] of Object.entries(FUNDING)) exchange.credit(account, asset, amount);
    }
    let balanceEvents = 0;
    exchange.onEvent((event) => {
      // The fee account keeps no journal (bounded memory); its balances are summed below.
      if (event.kind === "balance" && event.account !== FEE_ACCOUNT) balanceEvents += 1;
    });
    t.take();

    let walletMoves = 0;
    const walletMove = (account: string) => {
      const asset = random.pick(Object.keys(FUNDING));
      const amount = new Big(FUNDING[asset]!).times(random.int(1, 80)).div(1000).toFixed();
      try {
        const roll = random.next();
        if (roll < 0.3) exchange.deposit(account, { asset, amount });
        else if (roll < 0.6) exchange.withdraw(account, { asset, amount });
        else if (roll < 0.8) exchange.transfer(account, { asset, amount, from: "SPOT", to: "FUTURES" });
        else exchange.transfer(account, { asset, amount, from: "FUTURES", to: "SPOT" });
        walletMoves += 1;
      } catch (error) {
        if (!(error instanceof SimError) || !EXPECTED_WALLET_REJECTIONS.has(error.mexcCode)) throw error;
      }
    };
    let placed = 0;
    let rejected = 0;
    for (let i = 0; i < ORDERS; i += 1) {
      t.clock.set(t.clock.now() + random.int(0, 3));
      const account = random.pick(ACCOUNTS);
      const config = random.pick(configs);
      if (random.chance(0.15)) {
        const open = exchange.openOrders(account, config.symbol);
        if (open.length > 0) exchange.cancelOrder(account, config.symbol, { orderId: random.pick(open).orderId });
        if (random.chance(0.02)) exchange.cancelAllOrders(account, config.symbol);
      }
      if (random.chance(0.01)) exchange.credit(account, random.pick(Object.keys(FUNDING)), "1000");
      if (random.chance(0.03)) walletMove(account);

      const tick = new Big(10).pow(-config.pricePrecision);
      const drift = new Big(config.initialPrice).times(random.int(-30, 30)).div(1000);
      const price = new Big(config.initialPrice).plus(drift).round(config.pricePrecision).plus(tick);
      const minQuantity = new Big(config.minNotional)
        .div(price)
        .round(config.quantityPrecision, 3)
        .plus(config.minQuantity);
      const quantity = minQuantity.times(random.int(1, 40)).round(config.quantityPrecision, 0);
      const type = random.pick(TYPES);
      const input: PlaceOrderInput = {
        account,
        symbol: config.symbol,
        side: random.pick(["BUY", "SELL"] as const),
        type,
        source: "internal",
        clientOrderId: `c${i}`,
        ...(type !== "MARKET"
          ? { price: price.toFixed(), quantity: quantity.toFixed() }
          : random.chance(0.5)
            ? { quantity: quantity.toFixed() }
            : { quoteOrderQty: quantity.times(price).round(config.pricePrecision, 0).toFixed() }),
      };
      t.events.length = 0;
      try {
        exchange.placeOrder(input);
        placed += 1;
      } catch (error) {
        if (!(error instanceof SimError) || !EXPECTED_REJECTIONS.has(error.mexcCode)) throw error;
        expect(t.events).toEqual([]); // a rejection changes nothing
        rejected += 1;
      }
    }
    expect(placed).toBeGreaterThan(ORDERS / 2);
    expect(walletMoves).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(0);

    const credited = exchange.credited();
    const totals = new Map<string, Big>();
    let journalEntries = 0;
    for (const account of exchange.accountNames()) {
      const journal = exchange.journal(account);
      journalEntries += journal.length;
      const balances = new Map(exchange.balances(account).map((b) => [b.asset, b]));
      const assets = new Set(journal.map((entry) => entry.asset));
      for (const asset of assets) {
        const entries = journal.filter((entry) => entry.asset === asset);
        const free = sum(entries.map((entry) => entry.freeChange));
        const locked = sum(entries.map((entry) => entry.lockedChange));
        const balance = balances.get(asset) ?? { free: "0", locked: "0" };
        expect({ account, asset, free: free.toFixed(), locked: locked.toFixed() }).toEqual({
          account,
          asset,
          free: balance.free,
          locked: balance.locked,
        });
        expect(free.gte(0) && locked.gte(0)).toBe(true);
        totals.set(asset, (totals.get(asset) ?? new Big(0)).plus(free).plus(locked));
      }

      const needed = new Map<string, Big>();
      for (const order of exchange.openOrders(account)) {
        const symbol = configs.find((s) => s.symbol === order.symbol)!;
        const remaining = new Big(order.origQty).minus(order.executedQty);
        // A BUY also locks a reserve for its fee in quote: the larger of the symbol's rates (fees.ts).
        const reserve = Big(symbol.makerFee).gt(symbol.takerFee) ? Big(symbol.makerFee) : Big(symbol.takerFee);
        const [asset, amount] =
          order.side === "BUY"
            ? [symbol.quoteAsset, remaining.times(order.price).times(reserve.plus(1))]
            : [symbol.baseAsset, remaining];
        needed.set(asset, (needed.get(asset) ?? new Big(0)).plus(amount));
      }
      for (const asset of new Set([...needed.keys(), ...balances.keys()])) {
        expect({ account, asset, locked: balances.get(asset)?.locked ?? "0" }).toEqual({
          account,
          asset,
          locked: (needed.get(asset) ?? new Big(0)).toFixed(),
        });
      }
      expect(
        exchange.ledger(account).orders.filter((o) => o.status === "NEW" || o.status === "PARTIALLY_FILLED"),
      ).toEqual(exchange.openOrders(account));
    }
    for (const { asset, free, locked } of exchange.balances(FEE_ACCOUNT)) {
      totals.set(asset, (totals.get(asset) ?? new Big(0)).plus(free).plus(locked));
    }
    expect(exchange.journal(FEE_ACCOUNT)).toEqual([]);
    expect(journalEntries).toBe(balanceEvents + ACCOUNTS.length * Object.keys(FUNDING).length);
    expect(new Map([...totals].map(([asset, total]) => [asset, total.toFixed()]))).toEqual(credited);
    // and trading did happen, with fees in MX among them
    const trades = ACCOUNTS.flatMap((account) => exchange.ledger(account).trades);
    expect(trades.length).toBeGreaterThan(1000);
    expect(trades.some((trade) => trade.commissionAsset === "MX" && trade.commission !== "0")).toBe(true);
  });
});
