/**
 * `npm start`: one command for everything. Validates the configuration, applies
 * migrations, loads the configuration into the database, builds the site when
 * its sources changed, then runs web, probe worker and (for a configuration that
 * uses it) the sandbox operator as separate supervised processes.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { ConfigError, loadConfig, usesSandbox } from "@/lib/config/load-config";
import { configVars } from "@/lib/config/config-vars";
import { openDb } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { dbKind } from "@/lib/db-kind";
import { migrateDeploy, pendingMigrations } from "@/lib/migrate";
import { serverSecret } from "@/lib/secret";
import { syncConfig } from "@/lib/store/sync-config";
import { supervise, type ProcessSpec } from "@/lib/supervisor";

const root = path.resolve(import.meta.dirname, "..");
const log = logger("start");

function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig(env.configPath, configVars(env));
} catch (err) {
  if (err instanceof ConfigError)
    fail(
      `${err.message}\n\nNothing was started. Fix the configuration and run again (check it with: npx ledger check-config ${path.relative(root, env.configPath)}).`,
    );
  throw err;
}
const webOnly = env.LEDGER_ROLE === "web";
const sandbox = !webOnly && usesSandbox(env.configPath);
log.info({ config: env.configPath, demo: env.usingDemoConfig, services: config.services.length, sandbox }, "configuration valid");

mkdirSync(env.dataDir, { recursive: true });
// made once here (in <data dir>/secret unless LEDGER_SECRET is set), before the processes that share it start
serverSecret();
// A group of instances shares one token (set in each one's environment), so that each worker may tell every edge.
const internalToken = env.LEDGER_INTERNAL_TOKEN ?? randomBytes(24).toString("base64url");
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: env.databaseUrl,
  LEDGER_DATA_DIR: env.dataDir,
  LEDGER_CONFIG: env.configPath,
  LEDGER_NEXT_PORT: String(env.nextPort),
  LEDGER_INTERNAL_TOKEN: internalToken,
  LEDGER_INVALIDATE_URL: [`http://127.0.0.1:${env.PORT}`, ...env.peerEdges].map((u) => `${u}/_edge/invalidate`).join(","),
  NEXT_TELEMETRY_DISABLED: "1",
};
if (webOnly) {
  // A further instance of a group: the first instance (LEDGER_ROLE=all) owns the migrations and the configuration.
  const db = await openDb(env.databaseUrl);
  const pending = await pendingMigrations(db, dbKind(env.databaseUrl)).finally(() => db.$disconnect());
  if (pending.length > 0)
    fail(
      `The database lacks ${pending.length} migration(s) of this release (${pending.join(", ")}).\n` +
        "A web-only instance (LEDGER_ROLE=web) never migrates: start or upgrade the group's first instance (LEDGER_ROLE=all) first.",
    );
  log.info({ role: "web" }, "database ready; this instance serves the site only");
} else {
  await migrateDeploy(env.databaseUrl, childEnv);
  const db = await openDb(env.databaseUrl);
  const synced = await syncConfig(db, config);
  await db.$disconnect();
  log.info(synced, "database ready");
}

const tsx = ["--import", "tsx"];
const specs: ProcessSpec[] = [];
if (sandbox) {
  const tokenFile = path.join(env.dataDir, "sandbox-token");
  let token = env.LEDGER_SANDBOX_TOKEN;
  if (!token) {
    token = existsSync(tokenFile) ? readFileSync(tokenFile, "utf8").trim() : randomBytes(18).toString("base64url");
    writeFileSync(tokenFile, token, { mode: 0o600 });
  }
  specs.push({
    name: "sandbox",
    command: process.execPath,
    args: [...tsx, path.join(root, "sandbox/main.ts")],
    cwd: root,
    env: { ...childEnv, LEDGER_SANDBOX_TOKEN: token, LEDGER_SANDBOX_SCENARIO: sandboxScenario(env.LEDGER_SANDBOX_SCENARIO ?? config.sandboxScenario) },
  });
}
if (!webOnly) {
  specs.push({ name: "worker", command: process.execPath, args: [...tsx, path.join(root, "probes/main.ts")], cwd: root, env: childEnv });
  specs.push({ name: "alerter", command: process.execPath, args: [...tsx, path.join(root, "alerts/main.ts")], cwd: root, env: childEnv });
}

// Measuring starts at once; the site is built (first start, or changed sources) meanwhile,
// so its first page already shows results.
const supervisors = [supervise(specs, log)];
let stopping = false;
let building: ReturnType<typeof spawn> | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping all processes");
    building?.kill("SIGTERM");
    void Promise.all(supervisors.map((s) => s.stopAll())).then(() => process.exit(0));
  });
}

if (needsBuild()) {
  log.info({}, "building the web site (first start or changed sources; about a minute on two cores); measuring has started");
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, env: childEnv, stdio: "inherit" });
  building = child;
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  building = null;
  if (stopping) await new Promise(() => {}); // the signal handler exits once everything has stopped
  if (code !== 0) {
    await supervisors[0]!.stopAll();
    fail("The web build failed; see the output above.");
  }
}

// The Next.js server listens on loopback only; the edge (page cache) holds the public port.
supervisors.push(
  supervise(
    [
      {
        name: "web",
        command: process.execPath,
        args: [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(env.nextPort), "-H", "127.0.0.1"],
        cwd: root,
        env: childEnv,
      },
      { name: "edge", command: process.execPath, args: [...tsx, path.join(root, "edge/main.ts")], cwd: root, env: childEnv },
    ],
    log,
  ),
);

const url = `http://localhost:${env.PORT}`;
for (let i = 0; i < 120 && !stopping; i++) {
  try {
    const res = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/services`, { signal: AbortSignal.timeout(2000) });
    if (res.ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
process.stdout.write(
  `\n  Uptime Ledger is running: ${url}${webOnly ? " (the public site only: LEDGER_ROLE=web)" : ""}\n` +
    (env.usingDemoConfig && !webOnly
      ? `  Demo mode: measuring the sandbox operator (not a real service). Sandbox admin token: ${path.join(env.dataDir, "sandbox-token")}\n`
      : "") +
    `  Press Ctrl-C to stop.\n\n`,
);

function needsBuild(): boolean {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "core", "public", "prisma/generated", "next.config.ts", "proxy.ts", "package-lock.json"];
  return sources.some((s) => newerThan(path.join(root, s), builtAt));
}

function newerThan(p: string, t: number): boolean {
  if (!existsSync(p)) return false;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs > t;
  return readdirSync(p).some((name) => newerThan(path.join(p, name), t));
}

/** "none" (or empty) runs the sandbox without a scenario: every function answers correctly until told otherwise. */
function sandboxScenario(name: string | null | undefined): string {
  return !name || name === "none" ? "" : name;
}
