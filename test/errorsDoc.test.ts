import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERRORS_DOC, renderErrorsDoc } from "../scripts/errorTable.js";

describe("docs/errors.md", () => {
  it("is what the packages' error tables say (run `npm run docs:errors` after changing a table)", () => {
    expect(readFileSync(ERRORS_DOC, "utf8")).toBe(renderErrorsDoc());
  });

  it("lists every package's codes with their class and where they apply", () => {
    const doc = renderErrorsDoc();
    expect(doc).toContain("| `MEXC_ERROR` | varies |");
    expect(doc).toContain("| `ORDER_NOT_PLACED` | retryable |");
    expect(doc).toContain("| `USAGE` | fatal | exit 2 |");
    expect(doc).toContain("| `CONFIG_INVALID` | fatal | exit 2 |");
    expect(doc).toContain("| `UNAUTHORIZED` | not_retryable | HTTP 401 |");
    expect(doc).toContain("| `BAD_MESSAGE` | not_retryable | close 1008 |");
  });
});
