import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { UnplacedFills } from "./UnplacedFills.js";

afterEach(cleanup);

describe("UnplacedFills", () => {
  it("names each pair the figures by asset leave out, with its fills and the gateway's reason", () => {
    render(<UnplacedFills unplaced={[{ symbol: "GHITRY", fills: 2, reason: "not in MEXC's symbol list" }]} />);
    expect(screen.getByRole("note").textContent).toContain(
      "2 fills of GHITRY: not in MEXC's symbol list. Importing MEXC's trade export",
    );
  });

  it("says nothing while every fill is placed, or to a gateway that does not say", () => {
    expect(render(<UnplacedFills unplaced={[]} />).container.textContent).toBe("");
    expect(render(<UnplacedFills unplaced={undefined} />).container.textContent).toBe("");
  });
});
