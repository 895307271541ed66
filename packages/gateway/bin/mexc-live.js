#!/usr/bin/env node
// The `mexc-live` command: the gateway's compiled build (`npm ci` builds it; `npm run build`
// after changing a source).
let main;
try {
  ({ main } = await import("../dist/cli/main.js"));
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cli/main.js")) throw error;
  process.stderr.write(
    "mexc-live: not built yet (packages/gateway/dist is missing): run `npm run build` in the repository\n",
  );
  process.exit(1);
}
const code = await main(process.argv.slice(2));
// The command is done (a gateway has stopped): the process ends now, once what was written to
// stdout and stderr is out. Nothing left behind (a connection still retrying, a library's timer)
// may keep it alive.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
