#!/usr/bin/env node
// Builds the web site once at install (`npm ci`, after the Prisma clients), so the
// first `npm start` serves pages within seconds instead of building first.
// LEDGER_SKIP_BUILD=1 skips it. A failed build does not fail the install: `npm start`
// builds again when the sources are newer than the build, and stops there with the error.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules/next/dist/bin/next");

if (process.env.LEDGER_SKIP_BUILD === "1") {
  console.log("LEDGER_SKIP_BUILD=1: the web site is built at the first `npm start` instead.");
} else if (!existsSync(next) || !existsSync(path.join(root, "node_modules/typescript"))) {
  console.log("Next.js or TypeScript is not installed (an install without dev dependencies?): the web site is built at the first `npm start`.");
} else {
  console.log("Building the web site once, so that `npm start` serves it at once (about a minute on two cores; LEDGER_SKIP_BUILD=1 skips this).");
  const r = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0)
    console.warn("\nThe web site did not build (see above). The install itself is complete; `npm start` will try the build again and stop with its error.\n");
}
