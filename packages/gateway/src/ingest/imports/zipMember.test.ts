import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ECB_ZIP_FIXTURE, ecbFile } from "../../../test/ecbRates.js";
import { ImportError } from "../../errors.js";
import { importText } from "./importRates.js";
import { isZip, zipMember } from "./zipMember.js";

const ZIP = readFileSync(ECB_ZIP_FIXTURE);
/** Where the fixture's central directory header starts (its end record says). */
const CENTRAL = ZIP.readUInt32LE(ZIP.length - 22 + 16);

function patched(at: number, value: number, bytes = 4): Buffer {
  const copy = Buffer.from(ZIP);
  if (bytes === 4) copy.writeUInt32LE(value, at);
  else copy.writeUInt16LE(value, at);
  return copy;
}

async function refusal(bytes: Uint8Array, maxBytes = 1_000_000): Promise<string> {
  try {
    await zipMember(bytes, maxBytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as ImportError).message;
  }
  throw new Error("read");
}

describe("the one member of a zip, as the ECB serves eurofxref-hist.zip", async () => {
  it("is read whole: the CSV inside, byte for byte", async () => {
    expect(isZip(ZIP)).toBe(true);
    const member = await zipMember(ZIP, 1_000_000);
    expect(member.name).toBe("eurofxref-hist.csv");
    expect(member.data.toString("utf8")).toBe(ecbFile());
    expect(await importText(ZIP)).toBe(ecbFile());
  });

  it("is refused when it inflates to more than the bound, before or while inflating", async () => {
    const size = ecbFile().length;
    expect((await zipMember(ZIP, size)).data.length).toBe(size);
    expect(await refusal(ZIP, size - 1)).toBe(
      `the zip archive cannot be read: eurofxref-hist.csv is ${size} bytes unzipped; at most ${size - 1} are read`,
    );
    // An archive that says it holds less than it does is stopped at the bound, not inflated whole.
    expect(await refusal(patched(CENTRAL + 24, 100), 100)).toBe(
      "the zip archive cannot be read: eurofxref-hist.csv inflates to more than 100 bytes",
    );
  });

  it("is refused when damaged: a size or CRC that does not match, a cut-off archive, two members", async () => {
    expect(await refusal(patched(CENTRAL + 16, 12345))).toMatch(/eurofxref-hist.csv is damaged: its size or CRC-32/);
    expect(await refusal(patched(CENTRAL + 24, 3000))).toMatch(/eurofxref-hist.csv is damaged/);
    expect(await refusal(ZIP.subarray(0, ZIP.length - 30))).toBe(
      "the zip archive cannot be read: it has no end record: not a whole zip archive",
    );
    expect(await refusal(patched(ZIP.length - 22 + 10, 2, 2))).toBe(
      "the zip archive cannot be read: it holds 2 files; the ECB's holds one, eurofxref-hist.csv",
    );
    expect(await refusal(patched(CENTRAL + 10, 12, 2))).toMatch(/compressed by method 12, not deflate/);
    expect(await refusal(patched(CENTRAL + 8, 1, 2))).toMatch(/eurofxref-hist.csv is encrypted/);
  });
});
