import path from "node:path";
import { CONTENT_HASH } from "@/core/evidence/content-hash";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { readEvidence } from "@/lib/store/evidence-store";

/** Where this installation keeps evidence blobs. */
export function evidenceDir(): string {
  return path.join(env.dataDir, "evidence");
}

/**
 * One stored blob by its hash, as the database describes it. Only hashes the
 * database knows are served, and the bytes are checked against the hash, so
 * what is shown is exactly what was recorded.
 */
export async function getEvidenceBlob(db: Db, dir: string, hash: string): Promise<{ bytes: Buffer; mediaType: string } | null> {
  if (!CONTENT_HASH.test(hash)) return null;
  const row = await db.evidence.findUnique({ where: { hash } });
  if (!row) return null;
  const bytes = await readEvidence(dir, hash);
  return bytes ? { bytes, mediaType: row.mediaType } : null;
}
