import { firstBrokenLink } from "@/core/audit/audit-chain";
import type { Db } from "@/lib/db";

export type AuditView = {
  id: number;
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  serviceSlug: string | null;
  subject: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

export const AUDIT_PAGE = 100;

/** Newest first; `before` pages back. The whole public log, as it is stored. */
export async function listAudit(db: Db, opts: { before?: number; limit?: number; service?: string } = {}): Promise<{ entries: AuditView[]; older: number | null }> {
  const limit = Math.min(opts.limit ?? AUDIT_PAGE, 1000);
  const service = opts.service ? await db.service.findUnique({ where: { slug: opts.service }, select: { id: true } }) : null;
  if (opts.service && !service) return { entries: [], older: null };
  const rows = await db.auditEntry.findMany({
    where: { ...(opts.before ? { id: { lt: opts.before } } : {}), ...(service ? { serviceId: service.id } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const slugs = new Map((await db.service.findMany({ select: { id: true, slug: true } })).map((s) => [s.id, s.slug]));
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorName: r.actorName,
      actorRole: r.actorRole,
      action: r.action,
      serviceSlug: r.serviceId !== null ? (slugs.get(r.serviceId) ?? null) : null,
      subject: r.subject,
      details: JSON.parse(r.details) as Record<string, unknown>,
      prevHash: r.prevHash,
      hash: r.hash,
    })),
    older: rows.length > limit ? page.at(-1)!.id : null,
  };
}

/** Checks the whole chain, oldest first: how many entries, and the first that does not fit. */
export async function checkAuditChain(db: Db): Promise<{ entries: number; brokenAtId: number | null }> {
  const rows = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
  const i = firstBrokenLink(rows.map((r) => ({ ...r, at: r.at.toISOString() })));
  return { entries: rows.length, brokenAtId: i === null ? null : rows[i]!.id };
}
