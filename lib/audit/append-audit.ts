import { auditHash, canonicalJson, GENESIS_HASH } from "@/core/audit/audit-chain";
import type { Tx } from "@/lib/db";

export type AuditActor = { id: number | null; name: string; role: string };

/**
 * Appends one entry to the public audit log, inside the caller's transaction, so
 * the action and its record are written together or not at all. The entry is
 * chained to the last one (prevHash is unique: two writers cannot both extend
 * the same entry; the second transaction fails and is retried).
 */
export async function appendAudit(
  tx: Tx,
  e: { at: Date; actor: AuditActor; action: string; serviceId: number | null; subject: string; details: Record<string, unknown> },
): Promise<{ id: number; hash: string }> {
  const last = await tx.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    at: e.at.toISOString(),
    actorName: e.actor.name,
    actorRole: e.actor.role,
    action: e.action,
    serviceId: e.serviceId,
    subject: e.subject,
    details: canonicalJson(e.details),
  };
  const hash = auditHash(prevHash, fields);
  const row = await tx.auditEntry.create({ data: { ...fields, at: e.at, actorId: e.actor.id, prevHash, hash }, select: { id: true } });
  return { id: row.id, hash };
}
