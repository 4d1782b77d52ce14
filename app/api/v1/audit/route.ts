import { AUDIT_PAGE, checkAuditChain, listAudit } from "@/lib/data/audit";
import { getDb } from "@/lib/db";
import { apiError, json } from "../responses";

/**
 * GET /api/v1/audit: the public activity log, newest first, with each entry's
 * hash and the previous entry's, so anyone can check the chain.
 * ?before=<id> pages back; ?limit= up to 1000; ?service=<slug> narrows it.
 */
export async function GET(req: Request): Promise<Response> {
  const q = new URL(req.url).searchParams;
  const before = q.get("before");
  const limit = q.get("limit");
  const service = q.get("service");
  if (before !== null && !/^[1-9]\d{0,9}$/.test(before)) return apiError(400, "invalid_parameter", "before must be an entry id", "before");
  if (limit !== null && (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000))
    return apiError(400, "invalid_parameter", "limit must be 1 to 1000", "limit");
  if (service !== null && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(service)) return apiError(400, "invalid_parameter", "service must be a slug", "service");
  const now = new Date();
  const db = await getDb();
  const [page, chain] = await Promise.all([
    listAudit(db, { before: before ? Number(before) : undefined, limit: limit ? Number(limit) : AUDIT_PAGE, service: service ?? undefined }),
    checkAuditChain(db),
  ]);
  return json({
    generatedAt: now.toISOString(),
    chain: { entries: chain.entries, intact: chain.brokenAtId === null, brokenAtId: chain.brokenAtId },
    entries: page.entries,
    older: page.older,
  });
}
