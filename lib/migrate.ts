import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { openDb, type Db } from "./db";
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
  if (databaseUrl.startsWith("file:")) mkdirSync(path.dirname(path.resolve(databaseUrl.slice("file:".length))), { recursive: true });
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
export async function pendingMigrations(db: { $queryRawUnsafe: <T>(sql: string) => Promise<T> }, kind: "sqlite" | "postgresql"): Promise<string[]> {
  const { readdirSync } = await import("node:fs");
  // each database has its own migrations folder (their histories differ where one needed a step the other did not)
  const dir = path.resolve(import.meta.dirname, "../prisma", kind, "migrations");
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

/** A database some of whose migrations are applied and some not: the instance that owns it applies them. */
export class MigrationsMissingError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database lacks ${pending.length} migration${pending.length === 1 ? "" : "s"} of this release (${pending.join(", ")}). ` +
        "Migrations are applied by the instance that owns the database: start it (npm start applies them), " +
        "or, with the instance stopped, run `npx ledger migrate`. Then run this command again.",
    );
    this.name = "MigrationsMissingError";
  }
}

/**
 * The database for a command-line tool, ready for this release's code, without taking the migration lock of
 * a database a running instance owns: a current database is opened as it is; a new, empty one (nobody
 * else can be using it, as in the README's import-then-serve recipe) is migrated first; one that is
 * partly migrated is refused with what to run (MigrationsMissingError).
 */
export async function openReadyDb(databaseUrl: string, baseEnv: NodeJS.ProcessEnv): Promise<Db> {
  if (databaseUrl.startsWith("file:")) mkdirSync(path.dirname(path.resolve(databaseUrl.slice("file:".length))), { recursive: true });
  if (dbKind(databaseUrl) === "postgresql") await createPgDatabaseIfMissing(databaseUrl);
  const db = await openDb(databaseUrl);
  const pending = await pendingMigrations(db, dbKind(databaseUrl));
  if (pending.length === 0) return db;
  const fresh = !(await hasAppliedMigrations(db));
  await db.$disconnect();
  if (!fresh) throw new MigrationsMissingError(pending);
  await migrateDeploy(databaseUrl, baseEnv);
  return openDb(databaseUrl);
}

async function hasAppliedMigrations(db: { $queryRawUnsafe: <T>(sql: string) => Promise<T> }): Promise<boolean> {
  try {
    const rows = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM _prisma_migrations`);
    return Number(rows[0]?.n ?? 0) > 0;
  } catch {
    return false; // no migrations table: a new, empty database
  }
}
