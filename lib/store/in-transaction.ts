import type { Db, Tx } from "@/lib/db";

/**
 * An interactive transaction, retried when SQLite reports the database busy.
 * Several processes write (the worker, the alerter, the web server); a
 * transaction that read before another process committed cannot then write
 * (SQLITE_BUSY_SNAPSHOT) and must start again; so must one that lost the race
 * to extend the audit chain (its prevHash is unique). Nothing is half-written: a failed
 * attempt rolls back whole.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts: { attempts?: number; timeout?: number; maxWait?: number } = {}): Promise<T> {
  const { attempts = 5, timeout = 30_000, maxWait = 15_000 } = opts;
  for (let i = 1; ; i++) {
    try {
      return await db.$transaction(fn, { timeout, maxWait });
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 20 * i + Math.floor(Math.random() * 30)));
    }
  }
}

function isRetryable(err: unknown): boolean {
  const e = err as { message?: string; cause?: unknown; code?: string; meta?: { target?: unknown } };
  // Prisma reports a busy SQLite as a timeout, with the driver's code inside `meta`.
  const text = `${e?.message ?? ""} ${String(e?.cause ?? "")} ${JSON.stringify((e as { meta?: unknown })?.meta ?? "")}`;
  if (/SQLITE_BUSY|database is locked/i.test(text)) return true;
  return e?.code === "P2002" && /prevHash/.test(`${JSON.stringify(e.meta?.target ?? "")} ${text}`);
}
