import { describe, expect, it } from "vitest";
import { ImportError } from "../../errors.js";
import { MAX_HEADER_CHARS } from "./limits.js";
import { parseMexcExport } from "./mexcExports.js";

const ROW = "BTC_USDT,2025-01-01 08:00:00,Buy,1,1,1,0USDT,Taker";
/** A trade export header whose Time column is padded with blanks before its zone to `length` characters. */
function paddedHeader(length: number, zone = "(UTC+08:00)"): string {
  const head = "Pairs,Time";
  const tail = `${zone},Side,Filled Price,Executed Amount,Total,Fee,Role`;
  return `${head}${" ".repeat(length - head.length - tail.length)}${tail}`;
}

describe("an export's header line (issue 37 item 6)", () => {
  it("reads a header of MAX_HEADER_CHARS, its zone after a run of blanks included", () => {
    const header = paddedHeader(MAX_HEADER_CHARS);
    expect(header).toHaveLength(MAX_HEADER_CHARS);
    const parsed = parseMexcExport(`${header}\r\n${ROW}`);
    expect(parsed.fills[0]?.timestamp).toBe(Date.UTC(2025, 0, 1, 0, 0, 0));
    expect(parseMexcExport(`${paddedHeader(200, "(utc-01:30)")}\n${ROW}`).fills[0]?.timestamp).toBe(
      Date.UTC(2025, 0, 1, 9, 30, 0),
    );
  });

  it("refuses a header one character longer, naming line 1 and the limit", () => {
    expect(() => parseMexcExport(`${paddedHeader(MAX_HEADER_CHARS + 1)}\n${ROW}`)).toThrow(
      new ImportError(
        `line 1: the header is ${MAX_HEADER_CHARS + 1} characters long, more than the ${MAX_HEADER_CHARS} of any MEXC export`,
        [],
      ).message,
    );
  });

  it("refuses an 88 KB header of blanks at once (it blocked 7.7 s)", () => {
    const hostile = [
      `Pairs,Time${" ".repeat(88_000)}x,Side,Filled Price,Executed Amount,Total,Fee,Role`,
      `Time${" ".repeat(88_000)}(UTC+08:00`,
      `${"Time ".repeat(17_600)}(UTC+8)`,
    ];
    for (const header of hostile) {
      const started = performance.now();
      expect(() => parseMexcExport(`${header}\n${ROW}`)).toThrow(/^line 1: the header is \d+ characters long/);
      // Generous: the linear refusal is well under a millisecond of work per KB.
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
