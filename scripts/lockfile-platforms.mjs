#!/usr/bin/env node
// Completes package-lock.json with the other-platform optional packages (biome's, buf's, ...)
// that this workplace's npm registry mirror does not serve, so `npm install` here leaves them
// out of the lock and `npm ci` (npm 11) then refuses the lock as "Missing: ... from lock file".
// Each stub carries the version and the os/cpu/libc it is for, so npm skips it on Linux x64
// without fetching it. Run after any `npm install` that changes dependencies:
//   node scripts/lockfile-platforms.mjs          (rewrites package-lock.json)
//   node scripts/lockfile-platforms.mjs --check  (CI: exits 1 if stubs are missing)
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

const OS = ["android", "darwin", "linux", "win32", "freebsd", "openbsd", "netbsd", "sunos", "aix", "openharmony"];
const CPU = {
  arm64: "arm64",
  x64: "x64",
  armv7: "arm",
  arm: "arm",
  ia32: "ia32",
  ppc64: "ppc64",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loong64",
  mips64el: "mips64el",
  wasm32: "wasm32",
};

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os =
    parts.find((p) => OS.includes(p)) ??
    (parts.includes("macos") ? "darwin" : parts.includes("windows") ? "win32" : undefined);
  const cpuPart = parts.find((p) => p in CPU);
  const entry = {};
  if (os) entry.os = [os];
  if (cpuPart) entry.cpu = [CPU[cpuPart]];
  if (parts.includes("musl")) entry.libc = ["musl"];
  else if (parts.includes("gnu") || parts.includes("gnueabihf")) entry.libc = ["glibc"];
  return entry;
}

const missing = [];
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    missing.push({ key: `node_modules/${name}`, name, version, dev: meta.dev === true });
  }
}

// An unknown option or a stray argument stops it with node's own message.
const { check } = parseArgs({ options: { check: { type: "boolean", default: false } } }).values;
if (check) {
  if (missing.length) {
    console.error(
      `package-lock.json lacks ${missing.length} platform stubs (${missing.map((m) => m.name).join(", ")}); run node scripts/lockfile-platforms.mjs`,
    );
    process.exit(1);
  }
  process.exit(0);
}

for (const m of missing) {
  const platform = platformOf(m.name);
  if (!platform.os && !platform.cpu) {
    console.error(`lockfile-platforms: cannot tell the platform of ${m.name}; add it by hand`);
    process.exit(1);
  }
  packages[m.key] = { version: m.version, ...(m.dev ? { dev: true } : {}), optional: true, ...platform };
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile-platforms: added ${missing.length} stub(s)`);
