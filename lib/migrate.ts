import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { openDb } from "./db";
import { dbKind } from "./db-kind";
import { chainLegacyResults } from "./store/chain-legacy-results";

const run = promisify(execFile);

/**
 * Applies pending migrations with the Prisma CLI (`migrate deploy`): never drops data.
 * On PostgreSQL the database itself is created first when it does not exist yet, so
 * `DATABASE_URL=postgres://…/ledger npm start` works on an empty server. Then links
 * any results stored before the hash chain existed.
 */
export async function migrateDeploy(databaseUrl: string, baseEnv: NodeJS.ProcessEnv): Promise<string> {
  if (dbKind(databaseUrl) === "postgresql") await createPgDatabaseIfMissing(databaseUrl);
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");
  const { stdout } = await run(process.execPath, [cli, "migrate", "deploy"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...baseEnv, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    timeout: 120_000,
  });
  const db = await openDb(databaseUrl);
  try {
    const chained = await chainLegacyResults(db);
    return chained > 0 ? `${stdout}\nlinked ${chained} earlier results into their probes' hash chains\n` : stdout;
  } finally {
    await db.$disconnect();
  }
}

async function createPgDatabaseIfMissing(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!name) throw new Error("DATABASE_URL names no database (postgres://user@host:port/<database>)");
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Migrations in the folder that the database has not finished, by name. A
 * command that only needs the schema to be current checks this first, so it
 * does not take the migration lock of a database a running instance is writing.
 */
export async function pendingMigrations(db: { $queryRawUnsafe: <T>(sql: string) => Promise<T> }): Promise<string[]> {
  const { readdirSync } = await import("node:fs");
  const dir = path.resolve(import.meta.dirname, "../prisma/sqlite/migrations");
  const wanted = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  let done: { migration_name: string }[] = [];
  try {
    done = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
  } catch {
    return wanted; // a new, empty database
  }
  const have = new Set(done.map((d) => d.migration_name));
  return wanted.filter((w) => !have.has(w));
}
