/**
 * How long testing-library's waits (`waitFor`, `findBy*`) give the page: 5 s, not its default 1 s
 * (vitest.config.ts's unit-web projects). A wait ends as soon as what it waits for holds, so a
 * passing test is no slower; on this 2-core machine loaded to an average of 10, App.test.tsx's
 * cost-basis test took over 1 s to send its reads again and failed (2026-11-27). The tests' own
 * limit stays 20 s.
 */
import { configure } from "@testing-library/react";

configure({ asyncUtilTimeout: 5_000 });
