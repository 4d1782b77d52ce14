/**
 * `npm run test:pg`: the whole test suite (Vitest, then Playwright) again on PostgreSQL.
 * Each run creates its own databases on the server and drops them afterwards
 * (tests/helpers/global-setup.ts for Vitest; here, for the end-to-end stack's).
 *
 * The server is TEST_DATABASE_URL, by default the local one at 127.0.0.1:5432 (user postgres).
 */
import { spawnSync } from "node:child_process";
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
let status = 0;
for (const [cmd, args] of [
  ["vitest", ["run"]],
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
