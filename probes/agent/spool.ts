import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { toAgentResult, type AgentResult } from "@/core/agent-batch";
import type { ProbeResult } from "@/core/probe-result";
import { openSpoolDatabase, SpoolError } from "./spool-db";
import { importLegacySpool } from "./spool-legacy";

export { SpoolError };

/**
 * The agent's outbox on disk: a SQLite database, spool.db, in the agent's folder
 * (WAL, every commit fsync'd: see spool-db.ts). A batch is written in one transaction
 * before the worker counts it written; the sender posts pending batches oldest first,
 * a page at a time, and a batch leaves the table in the transaction that records the
 * server's answer for it. A batch therefore survives a server that cannot be reached,
 * a crash and a restart, and is sent until the server has answered for it. A batch the
 * server refuses for good moves to the rejected table with the reason: kept, never
 * dropped. Nothing is ever read whole, so a million pending batches (a week offline)
 * open as fast as ten; there is nothing to compact, SQLite reuses freed pages.
 * A spool of the JSON Lines files earlier versions wrote is imported on open.
 */
export type SpooledBatch = { batchId: string; seq: number; createdAt: string; results: AgentResult[] };
export type RejectedBatch = SpooledBatch & { rejectedAt: string; reason: string };

/** The page the sender asks for when it needs the next batches. */
export const SPOOL_PAGE = 64;

export type Spool = {
  readonly dir: string;
  /** the database file (spool.db) */
  readonly file: string;
  /** how many batches wait to be sent */
  pendingCount(): number;
  /** the oldest `limit` pending batches, oldest first: a page, never the whole spool */
  pending(limit?: number): SpooledBatch[];
  append(results: ProbeResult[]): Promise<SpooledBatch>;
  /** several batches in one transaction (evidence split over batches): all written, or none */
  appendAll(parts: ProbeResult[][]): Promise<SpooledBatch[]>;
  /** the server has answered for the batch (accepted, duplicate, held): it leaves the spool */
  ack(batchId: string): Promise<void>;
  /** moves the batch to the rejected table with the reason, in one transaction */
  reject(batchId: string, reason: string): Promise<void>;
  /** batches the server refused for good, oldest first */
  rejected(limit?: number): RejectedBatch[];
  /**
   * Gives every pending batch a new id and a sequence above `aboveSeq`, in order (the
   * server knows a higher one). Safe even for a batch the server did store (its answer
   * was lost): results are stored once per probe and instant, whatever batch brings them.
   */
  resequence(aboveSeq: number): Promise<void>;
  /** resolves when a batch is appended (or at once if one is pending) */
  waitForPending(signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
};

type BatchRow = { batch_id: string; seq: number; created_at: string; results: string };

export async function openSpool(dir: string, opts: { now?: () => number } = {}): Promise<Spool> {
  const now = opts.now ?? Date.now;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "spool.db");
  const db = openSpoolDatabase(file);
  try {
    await importLegacySpool(db, dir);
  } catch (err) {
    db.close();
    throw err;
  }
  db.function("spool_uuid", () => randomUUID());

  const meta = (key: string) => (db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: number }).value;
  let lastSeq = meta("last_seq");
  let pendingCount = meta("pending");
  const setMeta = db.prepare("UPDATE meta SET value = ? WHERE key = ?");
  const insert = db.prepare("INSERT INTO batch (batch_id, seq, created_at, results) VALUES (?, ?, ?, ?)");
  const page = db.prepare("SELECT batch_id, seq, created_at, results FROM batch ORDER BY id LIMIT ?");
  const one = db.prepare("SELECT batch_id, seq, created_at, results FROM batch WHERE batch_id = ?");
  const remove = db.prepare("DELETE FROM batch WHERE batch_id = ?");
  const keepRejected = db.prepare("INSERT OR REPLACE INTO rejected (batch_id, seq, created_at, results, rejected_at, reason) VALUES (?, ?, ?, ?, ?, ?)");
  const rejectedPage = db.prepare("SELECT batch_id, seq, created_at, results, rejected_at, reason FROM rejected ORDER BY rowid LIMIT ?");
  const renumber = db.prepare(
    `UPDATE batch SET seq = ? + r.n, batch_id = spool_uuid()
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM batch) AS r WHERE batch.id = r.id`,
  );
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of waiters) w();
  };
  const open = () => {
    if (!db.open) throw new SpoolError(`the spool ${file} is closed`);
  };

  // The counters move in the same transaction as the rows, so a crash leaves them right.
  const appendTx = db.transaction((parts: ProbeResult[][]) => {
    const written: SpooledBatch[] = [];
    let seq = lastSeq;
    for (const results of parts) {
      if (results.length === 0) throw new SpoolError("an empty batch is not spooled");
      // The agent's clock in ms keeps sequences increasing even if this folder is lost; +1 when two batches share a millisecond.
      seq = Math.max(seq + 1, now());
      const batch: SpooledBatch = { batchId: randomUUID(), seq, createdAt: new Date(now()).toISOString(), results: results.map(toAgentResult) };
      insert.run(batch.batchId, batch.seq, batch.createdAt, JSON.stringify(batch.results));
      written.push(batch);
    }
    setMeta.run(seq, "last_seq");
    setMeta.run(pendingCount + written.length, "pending");
    return written;
  });
  const settleTx = db.transaction((batchId: string, reason: string | null) => {
    const row = one.get(batchId) as BatchRow | undefined;
    if (!row) return false;
    if (reason !== null) keepRejected.run(row.batch_id, row.seq, row.created_at, row.results, new Date(now()).toISOString(), reason);
    remove.run(batchId);
    setMeta.run(pendingCount - 1, "pending");
    return true;
  });
  /**
   * An answer is committed without waiting for the disk (synchronous = NORMAL, this one
   * transaction): it survives a crash of the agent, and if a power cut loses it, the batch
   * is sent again and the server answers "duplicate" (it stores results once). Waiting
   * for an fsync on every answer would stall the agent's event loop, and with it the
   * timing of its probes, for a few ms each time, dozens of times a second while it
   * drains a backlog. A new batch always waits for the disk, and its fsync of the WAL
   * carries the answers before it too.
   */
  const settle = (batchId: string, reason: string | null) => {
    open();
    db.pragma("synchronous = NORMAL");
    try {
      return settleTx(batchId, reason);
    } finally {
      db.pragma("synchronous = FULL");
    }
  };
  const highest = db.prepare("SELECT coalesce(max(seq), 0) AS seq FROM batch");
  const resequenceTx = db.transaction((base: number) => {
    renumber.run(base);
    const top = Math.max(base, (highest.get() as { seq: number }).seq);
    setMeta.run(top, "last_seq");
    return top;
  });

  const appendAll = (parts: ProbeResult[][]) => {
    open();
    const written = appendTx(parts);
    lastSeq = written.at(-1)?.seq ?? lastSeq;
    pendingCount += written.length;
    if (written.length > 0) wake();
    return written;
  };

  return {
    dir,
    file,
    pendingCount: () => pendingCount,
    pending(limit = SPOOL_PAGE) {
      open();
      const rows = page.all(limit) as BatchRow[];
      // A short page is the whole rest of the spool: the counter must say so (it always should; if it did
      // not, the sender would be woken for batches that are not there, again and again).
      if (rows.length < limit && rows.length !== pendingCount) {
        pendingCount = rows.length;
        setMeta.run(pendingCount, "pending");
      }
      return rows.map(toBatch);
    },
    append: async (results) => appendAll([results])[0]!,
    appendAll: async (parts) => appendAll(parts),
    async ack(batchId) {
      if (settle(batchId, null)) pendingCount--;
    },
    async reject(batchId, reason) {
      if (settle(batchId, reason)) pendingCount--;
    },
    rejected(limit = SPOOL_PAGE) {
      open();
      return (rejectedPage.all(limit) as (BatchRow & { rejected_at: string; reason: string })[]).map((r) => ({
        ...toBatch(r),
        rejectedAt: r.rejected_at,
        reason: r.reason,
      }));
    },
    async resequence(aboveSeq) {
      open();
      const base = Math.max(lastSeq, aboveSeq, now() - 1);
      lastSeq = resequenceTx(base);
    },
    waitForPending(signal) {
      if (pendingCount > 0 || signal.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          waiters.delete(done);
          signal.removeEventListener("abort", done);
          resolve();
        };
        waiters.add(done);
        signal.addEventListener("abort", done);
      });
    },
    async close() {
      if (!db.open) return;
      // Folds the WAL into the database file, so the next open starts from one file.
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    },
  };
}

function toBatch(r: BatchRow): SpooledBatch {
  return { batchId: r.batch_id, seq: r.seq, createdAt: r.created_at, results: JSON.parse(r.results) as AgentResult[] };
}
