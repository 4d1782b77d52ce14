import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Which database the tests run on. `TEST_DATABASE_URL` names a PostgreSQL server
 * (e.g. postgresql://postgres@127.0.0.1:5432/postgres): every test then gets a
 * fresh database of its own, copied from a migrated template and dropped at the
 * end of the run. Unset, tests run on SQLite files in a temporary folder.
 */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL?.match(/^postgres(ql)?:\/\//) ? process.env.TEST_DATABASE_URL : null;

export function pgUrlFor(database: string): string {
  const u = new URL(TEST_PG_URL!);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withPgAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL! });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function uniqueDbName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

/** CREATE DATABASE … TEMPLATE fails while another copy of the same template is being made: retry briefly. */
export async function createDatabaseFrom(template: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await withPgAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      return;
    } catch (err) {
      if (attempt >= 50 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
}

export async function dropDatabasesWithPrefix(prefix: string): Promise<void> {
  await withPgAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
