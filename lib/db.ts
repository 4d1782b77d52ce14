import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/prisma/generated/sqlite/client";
import { PrismaClient as PgPrismaClient } from "@/prisma/generated/postgresql/client";
import { dbKind } from "./db-kind";
import { env } from "./env";

export type Db = PrismaClient;

/** The better-sqlite3 connection under a SQLite client (the parts of its API the bulk writers use). */
export type SqliteDriver = {
  prepare(sql: string): SqliteStatement;
};
export type SqliteStatement = {
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): unknown[];
  safeIntegers(on: boolean): SqliteStatement;
};
const drivers = new WeakMap<object, SqliteDriver>();

/**
 * The adapter's one better-sqlite3 connection, kept as it is made, so an import can run
 * prepared statements on it inside the client's own interactive transaction (the same
 * connection, so the same BEGIN … COMMIT) instead of paying Prisma's cost per row.
 */
class DriverKeepingAdapter extends PrismaBetterSQLite3 {
  constructor(
    config: ConstructorParameters<typeof PrismaBetterSQLite3>[0],
    private readonly keep: (driver: SqliteDriver) => void,
  ) {
    super(config);
  }
  override async connect() {
    const adapter = await super.connect();
    this.keep((adapter as unknown as { client: SqliteDriver }).client);
    return adapter;
  }
}

/** The SQLite connection of a client opened by openDb, or null (PostgreSQL). */
export function sqliteDriver(db: Db): SqliteDriver | null {
  return drivers.get(db) ?? null;
}
/** A client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/**
 * The one database module. DATABASE_URL chooses the database: SQLite (file:) runs
 * in WAL mode with a busy timeout (10 s), so the web process reads while the
 * worker writes; PostgreSQL (postgres://) through a connection pool.
 */
export async function openDb(url: string): Promise<Db> {
  if (dbKind(url) === "postgresql") {
    // Both clients are generated from the same models (prisma/models.prisma) and
    // expose the same API; the SQLite client's type stands for both.
    const client = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
    await client.$connect();
    return client as unknown as Db;
  }
  const file = url.slice("file:".length);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Prisma connects again after a lost connection: the newest connection is the one kept.
  const held: { client?: Db; driver?: SqliteDriver } = {};
  const client = new PrismaClient({
    adapter: new DriverKeepingAdapter({ url: file, timeout: 10_000 }, (d) => {
      held.driver = d;
      if (held.client) drivers.set(held.client, d);
    }),
  });
  held.client = client;
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // FULL: a commit is on disk before it returns, so an acknowledged result survives
  // a power cut too (NORMAL only survives a crash of the process). Results are
  // written in batches of a second, so the extra sync per commit is cheap.
  await client.$queryRawUnsafe("PRAGMA synchronous = FULL");
  if (held.driver) drivers.set(client, held.driver);
  return client;
}

const cache = globalThis as unknown as { __ledgerDb?: Promise<Db> };

/** The process-wide client, created on first use and cached across hot reloads. */
export function getDb(): Promise<Db> {
  cache.__ledgerDb ??= openDb(env.databaseUrl);
  return cache.__ledgerDb;
}
