import { readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { CONTENT_HASH } from "@/core/evidence/content-hash";
import type { Db } from "@/lib/db";

export type EvidenceSweep = {
  /** Evidence rows no result links to any more (their results were pruned), deleted */
  rows: number;
  /** files removed: blobs without a row, and temporary files a crash left behind */
  files: number;
  bytes: number;
};

/** What the sweep leaves alone: anything written or seen again within this time. */
export const EVIDENCE_GRACE_MS = 24 * 3_600_000;
const CHUNK = 500;
const SWEEPING = ".sweep-";

/**
 * Removes evidence nothing points to any more, so evidence follows the
 * retention of the results it backs:
 *
 * 1. rows of the Evidence table that no result links to (pruning deleted the
 *    results) and that are older than the grace period;
 * 2. files under the evidence folder without a row: the blobs of step 1, and
 *    the blobs a crash left between writing a file and committing its row
 *    (lib/store/evidence-store.ts writes files first, on purpose).
 *
 * A writer that finds a blob already on disk touches it before its transaction
 * links it, so a blob in use always looks recent. A file is first renamed
 * aside, then the database and the file's time are checked again: if a row has
 * appeared or the file was touched meanwhile, it is put back; otherwise it is
 * deleted. A sweep stopped half-way leaves files renamed aside, which the next
 * sweep puts back (a row names them) or deletes.
 */
export async function sweepEvidence(db: Db, opts: { dir: string; now: number; graceMs?: number }): Promise<EvidenceSweep> {
  const cutoff = opts.now - (opts.graceMs ?? EVIDENCE_GRACE_MS);
  const summary: EvidenceSweep = { rows: 0, files: 0, bytes: 0 };

  for (;;) {
    const unlinked = await db.evidence.findMany({ where: { results: { none: {} }, createdAt: { lt: new Date(cutoff) } }, select: { hash: true }, take: CHUNK });
    if (unlinked.length === 0) break;
    // The condition is repeated in the delete itself: a row linked again since the read stays.
    const r = await db.evidence.deleteMany({ where: { hash: { in: unlinked.map((e) => e.hash) }, results: { none: {} } } });
    summary.rows += r.count;
    if (unlinked.length < CHUNK) break;
  }

  const folders = await readdir(opts.dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
  for (const folder of folders) {
    if (!folder.isDirectory() || !/^[0-9a-f]{2}$/.test(folder.name)) continue;
    const where = path.join(opts.dir, folder.name);
    const names = await readdir(where);
    const blobs: string[] = [];
    for (const name of names) {
      const file = path.join(where, name);
      if (CONTENT_HASH.test(name)) {
        if (name.startsWith(folder.name)) blobs.push(name);
      } else if (name.includes(SWEEPING)) {
        await finishInterrupted(db, file, name.slice(0, name.indexOf(SWEEPING)), cutoff, summary);
      } else if (name.includes(".tmp-")) {
        // a write that never reached its rename
        const st = await stat(file).catch(() => null);
        if (st && st.mtimeMs < cutoff) await remove(file, st.size, summary);
      }
    }
    for (let i = 0; i < blobs.length; i += CHUNK) {
      const chunk = blobs.slice(i, i + CHUNK);
      const known = await knownHashes(db, chunk);
      for (const hash of chunk) {
        if (known.has(hash)) continue;
        const file = path.join(where, hash);
        const st = await stat(file).catch(() => null);
        if (!st || st.mtimeMs >= cutoff) continue;
        const aside = `${file}${SWEEPING}${process.pid}`;
        if (
          !(await rename(file, aside).then(
            () => true,
            () => false,
          ))
        )
          continue;
        const again = await stat(aside).catch(() => null);
        if (!again) continue;
        if ((await knownHashes(db, [hash])).size > 0 || again.mtimeMs >= cutoff) await putBack(aside, file);
        else await remove(aside, again.size, summary);
      }
    }
  }
  return summary;
}

async function knownHashes(db: Db, hashes: string[]): Promise<Set<string>> {
  return new Set((await db.evidence.findMany({ where: { hash: { in: hashes } }, select: { hash: true } })).map((e) => e.hash));
}

/** A file renamed aside by a sweep that stopped before deciding: deleted if no row names it and it is old, else put back. */
async function finishInterrupted(db: Db, aside: string, hash: string, cutoff: number, summary: EvidenceSweep): Promise<void> {
  if (!CONTENT_HASH.test(hash)) return;
  const file = path.join(path.dirname(aside), hash);
  const st = await stat(aside).catch(() => null);
  if (!st) return;
  if ((await knownHashes(db, [hash])).size === 0 && st.mtimeMs < cutoff) return remove(aside, st.size, summary);
  if (await stat(file).catch(() => null)) await rm(aside, { force: true });
  else await putBack(aside, file);
}

async function putBack(aside: string, file: string): Promise<void> {
  // A writer may have written the same bytes again meanwhile: same address, same content.
  await rename(aside, file);
}

async function remove(file: string, size: number, summary: EvidenceSweep): Promise<void> {
  await rm(file, { force: true });
  summary.files++;
  summary.bytes += size;
}
