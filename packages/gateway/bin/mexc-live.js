#!/usr/bin/env node
// The `mexc-live` command. Sources are TypeScript; tsx compiles them on load, so the command
// works right after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
