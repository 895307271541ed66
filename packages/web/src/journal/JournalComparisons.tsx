/**
 * The range against holding still and against a benchmark asset (GET /api/journal's
 * `againstHolding` and `againstBenchmark`; docs/figures.md "Journal"), said in words around the
 * gateway's figures (rounded for reading, exact on hover). A figure the gateway could not work out
 * says why (the assets with no price), never a guess.
 */
import type { JournalAgainstBenchmark, JournalAgainstHolding } from "@mexc-live/contract";
import { compareDecimal } from "@mexc-live/protocol";
import { pricesComingWords } from "../format/leftOut.js";
import { SignedAmount } from "../tables/amounts.js";

interface JournalComparisonsProps {
  readonly holding: JournalAgainstHolding | null;
  readonly benchmark: JournalAgainstBenchmark | null;
  readonly quote: string;
}

/** A money figure with its name for the browser test; "–" when there is none. */
function Figure({ name, value, quote }: { name: string; value: string | null; quote: string }) {
  return (
    <span className="journal-figure" data-figure={name}>
      {value === null ? "–" : <SignedAmount value={value} money />} {quote}
    </span>
  );
}

/** "Trading added +35.00 USDT" / "cost -12.00 USDT" / "made no difference". */
function Verdict({ name, difference, quote }: { name: string; difference: string; quote: string }) {
  const sign = compareDecimal(difference, "0");
  if (sign === 0) return <>Trading made no difference.</>;
  return (
    <>
      Trading {sign > 0 ? "added" : "cost"} <Figure name={name} value={difference} quote={quote} />.
    </>
  );
}

/**
 * "The account beat it by +35.00 USDT" / "trailed it by -12.00 USDT": against a benchmark the
 * difference is not what trading cost (the holdings were not the benchmark either), only how far apart.
 */
function BenchmarkVerdict({ difference, quote }: { difference: string; quote: string }) {
  const sign = compareDecimal(difference, "0");
  if (sign === 0) return <>The account made the same.</>;
  return (
    <>
      The account {sign > 0 ? "beat it by" : "trailed it by"}{" "}
      <Figure name="benchmarkDifference" value={difference} quote={quote} />.
    </>
  );
}

/** The assets a comparison leaves out: for good (no price), or until their past prices are fetched (pending). */
function LeftOut({ assets, pending }: { assets: readonly string[]; pending: boolean | undefined }) {
  return assets.length === 0 ? null : (
    <span className="journal-unpriced" data-unpriced={assets.join(",")} data-pending={pending || undefined}>
      {" "}
      {pending ? pricesComingWords(assets) : `Left out for want of a price: ${assets.join(", ")}.`}
    </span>
  );
}

/** "no price for X" of a comparison not worked out, or that its past prices are still coming. */
function NoPriceFor({ assets, pending }: { assets: readonly string[]; pending: boolean | undefined }) {
  return pending ? (
    <>the past prices or history of {assets.join(", ")} are still being fetched from MEXC.</>
  ) : (
    <>no price for {assets.join(", ")}.</>
  );
}

export function JournalComparisons({ holding, benchmark, quote }: JournalComparisonsProps) {
  if (holding === null) {
    return (
      <p className="journal-note">Against holding still: not worked out here (the collector keeps the holdings).</p>
    );
  }
  if (holding.pnl === null) {
    return <p className="journal-note">No performance figure for this range: nothing to compare.</p>;
  }
  return (
    <div className="journal-compare">
      <p data-compare="holding">
        <strong>Against holding still.</strong> The account made <Figure name="pnl" value={holding.pnl} quote={quote} />{" "}
        in this range.{" "}
        {holding.holdingPnl === null || holding.difference === null ? (
          <>
            What holding what it had at the start would have made is not worked out:{" "}
            <NoPriceFor assets={holding.unpriced} pending={holding.pricesPending} />
          </>
        ) : (
          <>
            Holding what it had at the start, with the same deposits and withdrawals and no trade, it would have made{" "}
            <Figure name="holdingPnl" value={holding.holdingPnl} quote={quote} />.{" "}
            <Verdict name="difference" difference={holding.difference} quote={quote} />
            <LeftOut assets={holding.unpriced} pending={holding.pricesPending} />
          </>
        )}
      </p>
      {benchmark !== null && (
        <p data-compare="benchmark">
          <strong>Against {benchmark.asset}.</strong>{" "}
          {benchmark.benchmarkPnl === null || benchmark.difference === null ? (
            <>
              Putting the money in {benchmark.asset} instead is not worked out:{" "}
              <NoPriceFor assets={benchmark.unpriced} pending={benchmark.pricesPending} />
            </>
          ) : (
            <>
              Had the starting equity and each deposit and withdrawal gone into {benchmark.asset} at its price then, it
              would have made <Figure name="benchmarkPnl" value={benchmark.benchmarkPnl} quote={quote} />.{" "}
              <BenchmarkVerdict difference={benchmark.difference} quote={quote} />
              <LeftOut assets={benchmark.unpriced} pending={benchmark.pricesPending} />
            </>
          )}
        </p>
      )}
    </div>
  );
}
