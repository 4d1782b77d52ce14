import { existsSync, renameSync, copyFileSync, statSync, rmSync, openSync, fsyncSync, closeSync } from "node:fs";
import path from "node:path";
import { openDb, type Db } from "@/lib/db";
import { dbKind } from "@/lib/db-kind";

/** PostgreSQL has its own tools for this; the ledger does not wrap them. */
export const PG_BACKUP_HINT = "ledger backup and restore work on a SQLite database; for PostgreSQL use pg_dump -Fc and pg_restore (docs/verify.md, Backups)";

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/**
 * An online backup: SQLite's VACUUM INTO writes a consistent copy of the
 * database as of one read transaction while the worker and the web keep
 * running, then the copy is checked (integrity_check) before it is reported done.
 */
export async function backupDatabase(db: Db, databaseUrl: string, target: string): Promise<{ file: string; bytes: number }> {
  if (dbKind(databaseUrl) !== "sqlite") throw new BackupError(PG_BACKUP_HINT);
  const file = path.resolve(target);
  if (existsSync(file)) throw new BackupError(`${file} already exists; a backup never overwrites a file`);
  if (!existsSync(path.dirname(file))) throw new BackupError(`folder ${path.dirname(file)} does not exist`);
  await db.$executeRawUnsafe(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
  await checkLedgerDatabase(file);
  return { file, bytes: statSync(file).size };
}

/** Opens a database file and checks that SQLite finds it intact and that it is a ledger database. */
export async function checkLedgerDatabase(file: string): Promise<void> {
  const copy = await openDb(`file:${file}`);
  try {
    const rows = await copy.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    if (rows.length !== 1 || rows[0]!.integrity_check !== "ok") throw new BackupError(`${file} is damaged: ${rows.map((r) => r.integrity_check).join("; ")}`);
    const tables = await copy.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('_prisma_migrations', 'Result', 'ChainHead')",
    );
    if (tables.length !== 3) throw new BackupError(`${file} is not an Uptime Ledger database (tables missing)`);
  } finally {
    await copy.$disconnect();
  }
}

/**
 * Puts a backup in place of the database. The ledger must be stopped first.
 * The backup is checked on a copy before anything is touched; the current
 * database (with its -wal and -shm files) is moved aside, never deleted.
 */
export async function restoreDatabase(databaseUrl: string, backup: string, now: Date): Promise<{ file: string; previous: string | null }> {
  if (dbKind(databaseUrl) !== "sqlite") throw new BackupError(PG_BACKUP_HINT);
  const src = path.resolve(backup);
  if (!existsSync(src)) throw new BackupError(`${src} does not exist`);
  const dest = path.resolve(databaseUrl.slice("file:".length));
  const staging = `${dest}.restoring`;
  for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) rmSync(f, { force: true });
  copyFileSync(src, staging);
  await checkLedgerDatabase(staging);
  // Fold the copy's own WAL back into it, so one file is all that moves.
  const check = await openDb(`file:${staging}`);
  await check.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await check.$disconnect();
  for (const f of [`${staging}-wal`, `${staging}-shm`]) rmSync(f, { force: true });
  const fd = openSync(staging, "r");
  fsyncSync(fd);
  closeSync(fd);

  let previous: string | null = null;
  if (existsSync(dest)) {
    previous = `${dest}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    renameSync(dest, previous);
    for (const ext of ["-wal", "-shm"]) if (existsSync(dest + ext)) renameSync(dest + ext, previous + ext);
  }
  renameSync(staging, dest);
  return { file: dest, previous };
}
