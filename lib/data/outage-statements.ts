import type { Db } from "@/lib/db";

/**
 * What the operator said about an outage, and what was done about its dispute:
 * shown beside the measurements, never mixed into them. Names are the accounts'
 * display names (public); nothing else about the accounts is read.
 */
export type OutageStatements = {
  /** when the first alert about the outage reached the operator, if one did */
  alertedAt: string | null;
  acknowledgement: { at: string; by: string; note: string } | null;
  updates: { id: number; at: string; by: string; body: string }[];
  disputes: { id: number; at: string; by: string; reason: string; status: "OPEN" | "ACCEPTED" | "REJECTED"; resolvedAt: string | null; resolvedBy: string | null; resolution: string | null }[];
};

export async function getOutageStatements(db: Db, outageId: number): Promise<OutageStatements> {
  const [alert, ack, updates, disputes] = await Promise.all([
    db.alertOutbox.findFirst({ where: { outageId, kind: "outage_opened", status: "DELIVERED" }, orderBy: { deliveredAt: "asc" }, select: { deliveredAt: true } }),
    db.outageAcknowledgement.findUnique({ where: { outageId }, select: { at: true, note: true, user: { select: { displayName: true } } } }),
    db.outageUpdate.findMany({ where: { outageId }, orderBy: { at: "asc" }, select: { id: true, at: true, body: true, user: { select: { displayName: true } } } }),
    db.dispute.findMany({
      where: { outageId },
      orderBy: { at: "asc" },
      select: { id: true, at: true, reason: true, status: true, resolvedAt: true, resolution: true, user: { select: { displayName: true } }, resolvedBy: { select: { displayName: true } } },
    }),
  ]);
  return {
    alertedAt: alert?.deliveredAt?.toISOString() ?? null,
    acknowledgement: ack ? { at: ack.at.toISOString(), by: ack.user.displayName, note: ack.note } : null,
    updates: updates.map((u) => ({ id: u.id, at: u.at.toISOString(), by: u.user.displayName, body: u.body })),
    disputes: disputes.map((d) => ({
      id: d.id,
      at: d.at.toISOString(),
      by: d.user.displayName,
      reason: d.reason,
      status: d.status === "ACCEPTED" || d.status === "REJECTED" ? d.status : "OPEN",
      resolvedAt: d.resolvedAt?.toISOString() ?? null,
      resolvedBy: d.resolvedBy?.displayName ?? null,
      resolution: d.resolution,
    })),
  };
}
