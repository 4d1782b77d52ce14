import { createRequire } from "node:module";

/**
 * The few parts of better-sqlite3 the spool uses (the driver Prisma's SQLite adapter
 * already brings; its own type package is not installed, so the shape is written here).
 */
export type SpoolStatement = {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
};
export type SpoolDatabase = {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  exec(source: string): void;
  prepare(source: string): SpoolStatement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  function(name: string, fn: (...args: unknown[]) => unknown): void;
  close(): void;
  readonly open: boolean;
};

export class SpoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpoolError";
  }
}

const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string, options?: { timeout?: number }) => SpoolDatabase;

/**
 * Opens (or creates) the spool's database. WAL with synchronous = FULL: a commit has
 * reached the disk (the WAL is fsync'd) before `append` returns, so a batch the worker
 * counts as written survives a power cut, not only a crash of the agent — what the
 * fsync'd JSON Lines spool promised. NORMAL would only survive a crash of the process:
 * the last commits could vanish with the machine, while the worker believed them kept.
 * Appends come about once a second, so one fsync each costs nothing that matters.
 * (The server's answers are committed with NORMAL: see `settle` in spool.ts.)
 */
export function openSpoolDatabase(file: string): SpoolDatabase {
  const db = new Database(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec(`
    CREATE TABLE IF NOT EXISTS batch (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      batch_id TEXT NOT NULL UNIQUE,
      seq INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      results TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS rejected (
      batch_id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      results TEXT NOT NULL,
      rejected_at TEXT NOT NULL,
      reason TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT OR IGNORE INTO meta (key, value) VALUES ('last_seq', 0), ('pending', 0), ('legacy_imported', 0);
  `);
  return db;
}
