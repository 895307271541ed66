// The protobufjs static code is JavaScript with its own .d.ts (npm run codegen writes both into
// src/generated/); tsc compiles only TypeScript, so the build copies the pair next to the
// compiled files that import it.
import { copyFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const from = fileURLToPath(new URL("../src/generated/", import.meta.url));
const to = fileURLToPath(new URL("../dist/generated/", import.meta.url));
mkdirSync(to, { recursive: true });
for (const file of ["mexc.js", "mexc.d.ts"]) copyFileSync(from + file, to + file);
