/**
 * `npm run test:pg`: the suite again on PostgreSQL: every Vitest file that reaches a database, then
 * Playwright. Files that cannot reach one (pure core, edge, sandbox, runners, renderers) ran once
 * already under `npm run test:unit` and would only repeat the same checks.
 * Each run creates its own databases on the server and drops them afterwards
 * (tests/helpers/global-setup.ts for Vitest; here, for the end-to-end stack's).
 *
 * The server is TEST_DATABASE_URL, by default the local one at 127.0.0.1:5432 (user postgres).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

const server = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 5_000 });
try {
  await client.connect();
  await client.end();
} catch (err) {
  process.stderr.write(
    `\nPostgreSQL is not reachable at ${server.replace(/\/\/([^:@/]+):[^@]*@/, "//$1:***@")}: ${(err as Error).message}\n` +
      "Start it (on Debian: pg_ctlcluster <version> main start) or point TEST_DATABASE_URL at a server where this user may create databases.\n\n",
  );
  process.exit(1);
}

// The end-to-end stack's databases are named here and dropped here, after Playwright has stopped
// the servers that use them (its global teardown runs while they are still up).
const e2eName = `ledger_e2e_${randomBytes(6).toString("hex")}`;
const e2eDatabases = [e2eName, `${e2eName}_record`];
const urlOf = (name: string) => {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
};
const env = {
  ...process.env,
  TEST_DATABASE_URL: server,
  E2E_DATABASE_URL: urlOf(e2eDatabases[0]!),
  E2E_RECORD_DATABASE_URL: urlOf(e2eDatabases[1]!),
  E2E_DROP_DATABASES: "after",
};
// A test reaches a database only through these: the test-database helpers, the factories and user
// helpers built on them, the database client, Prisma, the CLI, or a DATABASE_URL it hands a process.
const REACHES_DB = /helpers\/(test-db|test-database|factories|users)|@\/lib\/db|prisma|bin\/ledger|ledger\.mjs|DATABASE_URL|createTestDb|templateDb/;
const testFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p === path.join("tests", "e2e") ? [] : testFiles(p);
    return e.name.endsWith(".test.ts") ? [p] : [];
  });
const all = testFiles("tests");
// Files about a SQLite-only path: the import's prepared statements on the SQLite driver (PostgreSQL imports through Prisma).
const SQLITE_ONLY = new Set([path.join("tests", "store", "import-driver.test.ts")]);
const dbFiles = all.filter((f) => !SQLITE_ONLY.has(f) && REACHES_DB.test(readFileSync(f, "utf8")));
process.stdout.write(
  `\n${dbFiles.length} of ${all.length} Vitest files reach a database and run again on PostgreSQL; the other ${all.length - dbFiles.length} ran once.\n`,
);

let status = 0;
for (const [cmd, args] of [
  ["vitest", ["run", ...dbFiles]],
  ["playwright", ["test"]],
] as const) {
  process.stdout.write(`\n— ${cmd} on PostgreSQL —\n`);
  const r = spawnSync(process.execPath, [`node_modules/.bin/${cmd}`, ...args], { stdio: "inherit", env });
  if (r.status !== 0) {
    status = r.status ?? 1;
    break;
  }
}
const admin = new pg.Client({ connectionString: urlOf("postgres"), connectionTimeoutMillis: 5_000 });
await admin.connect();
try {
  for (const name of e2eDatabases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
} finally {
  await admin.end();
}
process.exit(status);
