import { existsSync } from "node:fs";
import { open, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { fileLines } from "@/lib/results-file/file-lines";
import { SpoolError, type SpoolDatabase } from "./spool-db";

/** The files of the JSON Lines spool earlier versions wrote. */
const LEGACY_FILES = ["batches.jsonl", "acks.jsonl", "rejected.jsonl", "state.json"] as const;
/** A batch is at most the server's 4 MB; a longer line is damage, not a batch. */
const MAX_LEGACY_LINE = 16 * 1024 * 1024;

/**
 * Imports the JSON Lines spool of an agent upgraded while it had batches waiting (a
 * long outage is exactly when that happens): every batch not acknowledged in
 * acks.jsonl becomes pending, in the order it was written, and rejected.jsonl joins the
 * rejected table. The files are read once, line by line, in one transaction; only after
 * it committed are they renamed to `<name>.imported`. A crash before the commit imports
 * them again from the start; a crash between the commit and the renames only renames
 * them (the database remembers it imported them). As before, a last line cut short by a
 * crash was never acknowledged as written and is left out; any other damaged line stops
 * the agent with its file and line number, and nothing is imported.
 */
export async function importLegacySpool(db: SpoolDatabase, dir: string): Promise<{ imported: number } | null> {
  const present = LEGACY_FILES.filter((f) => existsSync(path.join(dir, f)));
  if (present.length === 0) return null;
  const done = db.prepare("SELECT value FROM meta WHERE key = 'legacy_imported'").get() as { value: number };
  let imported = 0;
  if (done.value !== 1) {
    const acked = new Set<string>();
    for await (const { v } of records(path.join(dir, "acks.jsonl"), (v) => typeof v.batchId === "string")) acked.add(v.batchId as string);
    const insert = db.prepare("INSERT OR IGNORE INTO batch (batch_id, seq, created_at, results) VALUES (?, ?, ?, ?)");
    const keepRejected = db.prepare("INSERT OR IGNORE INTO rejected (batch_id, seq, created_at, results, rejected_at, reason) VALUES (?, ?, ?, ?, ?, ?)");
    const setMeta = db.prepare("UPDATE meta SET value = ? WHERE key = ?");
    let lastSeq = await legacyLastSeq(path.join(dir, "state.json"));
    const isBatch = (v: Record<string, unknown>) => typeof v.batchId === "string" && Number.isSafeInteger(v.seq) && Array.isArray(v.results);
    db.exec("BEGIN IMMEDIATE");
    try {
      for await (const { v } of records(path.join(dir, "batches.jsonl"), isBatch)) {
        // A loop, not Math.max(...seqs): spreading 150,000 arguments overflows the stack.
        lastSeq = Math.max(lastSeq, v.seq as number);
        if (acked.has(v.batchId as string)) continue;
        imported += insert.run(v.batchId, v.seq, createdAt(v), JSON.stringify(v.results)).changes;
      }
      for await (const { v } of records(path.join(dir, "rejected.jsonl"), isBatch))
        keepRejected.run(v.batchId, v.seq, createdAt(v), JSON.stringify(v.results), String(v.rejectedAt ?? ""), String(v.reason ?? ""));
      const counts = db.prepare("SELECT count(*) AS n FROM batch").get() as { n: number };
      const max = db.prepare("SELECT value FROM meta WHERE key = 'last_seq'").get() as { value: number };
      setMeta.run(Math.max(lastSeq, max.value), "last_seq");
      setMeta.run(counts.n, "pending");
      setMeta.run(1, "legacy_imported");
      db.exec("COMMIT");
    } catch (err) {
      db.exec("ROLLBACK");
      throw err;
    }
  }
  for (const f of present) {
    const from = path.join(dir, f);
    if (existsSync(from)) await rename(from, path.join(dir, `${f}.imported`));
  }
  const d = await open(dir, "r");
  await d.sync();
  await d.close();
  return { imported };
}

const createdAt = (v: Record<string, unknown>) => (typeof v.createdAt === "string" ? v.createdAt : "");

/** The records of one JSON Lines file, one at a time; a torn last line (no newline) is left out. */
async function* records(file: string, valid: (v: Record<string, unknown>) => boolean): AsyncGenerator<{ v: Record<string, unknown> }> {
  if (!existsSync(file)) return;
  const torn = !(await endsWithNewline(file));
  let previous: { n: number; text: string } | null = null;
  const parse = ({ n, text }: { n: number; text: string }) => {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      throw new SpoolError(`${file}:${n}: not a JSON line; the spool is damaged (move the file aside to start a new one; nothing in it is sent until then)`);
    }
    if (typeof v !== "object" || v === null || !valid(v as Record<string, unknown>)) throw new SpoolError(`${file}:${n}: not a spool record`);
    return { v: v as Record<string, unknown> };
  };
  for await (const line of fileLines(file, MAX_LEGACY_LINE)) {
    if ("tooLongBytes" in line) throw new SpoolError(`${file}:${line.n}: a line of ${line.tooLongBytes} bytes is not a spool record`);
    if (previous && previous.text.trim() !== "") yield parse(previous);
    previous = line;
  }
  if (previous && !torn && previous.text.trim() !== "") yield parse(previous);
}

async function endsWithNewline(file: string): Promise<boolean> {
  const fd = await open(file, "r");
  try {
    const { size } = await fd.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await fd.read(last, 0, 1, size - 1);
    return last[0] === 10;
  } finally {
    await fd.close();
  }
}

async function legacyLastSeq(file: string): Promise<number> {
  try {
    const v = JSON.parse(await readFile(file, "utf8")) as { lastSeq?: unknown };
    return Number.isSafeInteger(v.lastSeq) ? (v.lastSeq as number) : 0;
  } catch {
    return 0;
  }
}
