import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open, readFile, rename, writeFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { toAgentResult, type AgentResult } from "@/core/agent-batch";
import type { ProbeResult } from "@/core/probe-result";

/**
 * The agent's outbox on disk. Every batch of results is appended to batches.jsonl
 * and fsync'd before the agent counts it as written; the sender posts pending
 * batches oldest first and records each answer in acks.jsonl (also fsync'd).
 * A batch therefore survives a server that cannot be reached, a crash and a
 * restart, and is sent until the server has answered for it. A batch the server
 * refuses for good is copied to rejected.jsonl with the reason: kept, never dropped.
 * When everything is acknowledged the files are compacted (rewritten atomically).
 */
export type SpooledBatch = { batchId: string; seq: number; createdAt: string; results: AgentResult[] };

export class SpoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpoolError";
  }
}

/** Compact once this many batches are acknowledged, or this few when nothing is pending (cheap then). */
const COMPACT_AFTER_ACKS = 2000;
const COMPACT_WHEN_IDLE_AFTER = 100;

export type Spool = {
  readonly dir: string;
  /** pending batches, oldest first */
  pending(): SpooledBatch[];
  append(results: ProbeResult[]): Promise<SpooledBatch>;
  ack(batchId: string, outcome: string): Promise<void>;
  /** keeps the batch in rejected.jsonl with the reason, then acknowledges it */
  reject(batchId: string, reason: string): Promise<void>;
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

export async function openSpool(dir: string, opts: { now?: () => number } = {}): Promise<Spool> {
  const now = opts.now ?? Date.now;
  mkdirSync(dir, { recursive: true });
  const batchesFile = path.join(dir, "batches.jsonl");
  const acksFile = path.join(dir, "acks.jsonl");
  const rejectedFile = path.join(dir, "rejected.jsonl");
  const stateFile = path.join(dir, "state.json");

  const batches = await readLines<SpooledBatch>(
    batchesFile,
    (v) => typeof v?.batchId === "string" && Number.isSafeInteger(v?.seq) && Array.isArray(v?.results),
  );
  const acks = await readLines<{ batchId: string }>(acksFile, (v) => typeof v?.batchId === "string");
  const state = await readState(stateFile);
  const acked = new Set(acks.map((a) => a.batchId));
  let pending = batches.filter((b) => !acked.has(b.batchId));
  let lastSeq = Math.max(state.lastSeq, ...batches.map((b) => b.seq));
  let ackCount = acks.length;

  let batchesFd: FileHandle = await open(batchesFile, "a");
  let acksFd: FileHandle = await open(acksFile, "a");
  // One write at a time: appends, acks and compaction never interleave.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => {});
    return next;
  };
  const waiters = new Set<() => void>();

  async function appendLine(fd: FileHandle, value: unknown): Promise<void> {
    await fd.appendFile(`${JSON.stringify(value)}\n`);
    await fd.sync();
  }

  async function rewrite(records: SpooledBatch[]): Promise<void> {
    // New batches file first (atomic), then empty acks: a crash between leaves acks that name
    // batches no longer in the file, which are ignored.
    await batchesFd.close();
    await acksFd.close();
    await writeDurably(batchesFile, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
    await writeDurably(stateFile, JSON.stringify({ lastSeq }));
    await writeDurably(acksFile, "");
    batchesFd = await open(batchesFile, "a");
    acksFd = await open(acksFile, "a");
    ackCount = 0;
  }

  async function settle(batchId: string, record: Record<string, unknown>): Promise<void> {
    if (!pending.some((b) => b.batchId === batchId)) return;
    await appendLine(acksFd, { batchId, at: new Date(now()).toISOString(), ...record });
    pending = pending.filter((b) => b.batchId !== batchId);
    ackCount++;
    if (ackCount >= COMPACT_AFTER_ACKS || (pending.length === 0 && ackCount >= COMPACT_WHEN_IDLE_AFTER)) await rewrite(pending);
  }

  return {
    dir,
    pending: () => [...pending],
    append: (results) =>
      serial(async () => {
        if (results.length === 0) throw new SpoolError("an empty batch is not spooled");
        // The agent's clock in ms keeps sequences increasing even if this folder is lost; +1 when two batches share a millisecond.
        lastSeq = Math.max(lastSeq + 1, now());
        const batch: SpooledBatch = { batchId: randomUUID(), seq: lastSeq, createdAt: new Date(now()).toISOString(), results: results.map(toAgentResult) };
        await appendLine(batchesFd, batch);
        pending.push(batch);
        for (const w of waiters) w();
        return batch;
      }),
    ack: (batchId, outcome) => serial(() => settle(batchId, { outcome })),
    reject: (batchId, reason) =>
      serial(async () => {
        const batch = pending.find((b) => b.batchId === batchId);
        if (!batch) return;
        await writeFile(rejectedFile, `${JSON.stringify({ ...batch, rejectedAt: new Date(now()).toISOString(), reason })}\n`, { flag: "a" });
        const fd = await open(rejectedFile, "r+");
        await fd.sync();
        await fd.close();
        await settle(batchId, { outcome: "rejected", reason });
      }),
    resequence: (aboveSeq) =>
      serial(async () => {
        lastSeq = Math.max(lastSeq, aboveSeq, now() - 1);
        pending = pending.map((b) => ({ ...b, batchId: randomUUID(), seq: ++lastSeq }));
        await rewrite(pending);
      }),
    waitForPending(signal) {
      if (pending.length > 0 || signal.aborted) return Promise.resolve();
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
    close: () =>
      serial(async () => {
        await batchesFd.close();
        await acksFd.close();
      }),
  };
}

/**
 * Reads a JSON Lines file. A last line without its newline is a write cut short by a
 * crash (it was never acknowledged as written): it is cut off. Any other unreadable
 * line stops the agent with its number, so nothing is silently dropped.
 */
async function readLines<T>(file: string, valid: (v: T & Record<string, unknown>) => boolean): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const lines = text.split("\n");
  const torn = lines.pop();
  if (torn) await writeDurably(file, text.slice(0, text.length - torn.length));
  return lines.map((line, i) => {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new SpoolError(
        `${file}:${i + 1}: not a JSON line; the spool is damaged (move the file aside to start a new one; nothing in it is sent until then)`,
      );
    }
    if (!valid(v as T & Record<string, unknown>)) throw new SpoolError(`${file}:${i + 1}: not a spool record`);
    return v as T;
  });
}

async function readState(file: string): Promise<{ lastSeq: number }> {
  try {
    const v = JSON.parse(await readFile(file, "utf8")) as { lastSeq?: unknown };
    return { lastSeq: Number.isSafeInteger(v.lastSeq) ? (v.lastSeq as number) : 0 };
  } catch {
    return { lastSeq: 0 };
  }
}

/** Writes a file so that after a crash it holds either the old or the new content. */
async function writeDurably(file: string, content: string): Promise<void> {
  const tmp = `${file}.tmp`;
  const fd = await open(tmp, "w");
  await fd.writeFile(content);
  await fd.sync();
  await fd.close();
  await rename(tmp, file);
  const dir = await open(path.dirname(file), "r");
  await dir.sync();
  await dir.close();
}
