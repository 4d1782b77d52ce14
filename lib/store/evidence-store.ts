import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { CONTENT_HASH, contentHash } from "@/core/evidence/content-hash";
import type { EvidenceBlob, EvidenceRef } from "@/core/evidence/evidence-blob";

/**
 * Evidence blobs on disk, content-addressed: <dir>/<first two hex>/<sha256>.
 * A blob is written to a temporary name, flushed, then renamed into place, and
 * all of that happens before the database transaction that records its hash
 * commits. So a crash leaves at worst a blob nobody points to, never a hash
 * whose blob is missing; the evidence sweep removes such blobs later. The same
 * bytes are stored once.
 */
export function evidencePath(dir: string, hash: string): string {
  if (!CONTENT_HASH.test(hash)) throw new Error(`not an evidence hash: ${hash}`);
  return path.join(dir, hash.slice(0, 2), hash);
}

export async function writeEvidence(dir: string, blob: EvidenceBlob): Promise<EvidenceRef> {
  const hash = contentHash(blob.bytes);
  const ref: EvidenceRef = { hash, role: blob.role, step: blob.step, mediaType: blob.mediaType, size: blob.bytes.length };
  const final = evidencePath(dir, hash);
  const existing = await stat(final).catch(() => null);
  // Seen again: touched, so the evidence sweep (lib/store/sweep-evidence.ts) knows it is in use.
  // If the sweep took it meanwhile, it is written anew below.
  if (existing?.size === blob.bytes.length && (await touch(final))) return ref;
  await mkdir(path.dirname(final), { recursive: true });
  const temp = `${final}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const fh = await open(temp, "w", 0o644);
  try {
    await fh.writeFile(blob.bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(temp, final);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  // The rename itself must survive a crash too: flush the folder entry.
  const folder = await open(path.dirname(final), "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
  return ref;
}

async function touch(file: string): Promise<boolean> {
  const now = new Date();
  return utimes(file, now, now).then(
    () => true,
    () => false,
  );
}

/** The bytes of a blob, checked against its address; null when missing or altered. */
export async function readEvidence(dir: string, hash: string): Promise<Buffer | null> {
  const bytes = await readFile(evidencePath(dir, hash)).catch(() => null);
  if (!bytes || contentHash(bytes) !== hash) return null;
  return bytes;
}
