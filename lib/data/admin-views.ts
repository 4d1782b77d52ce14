import type { Db } from "@/lib/db";

/** The admins' views. Nothing here reads a password hash, a session token or a channel's address. */
export async function listUsers(db: Db) {
  const users = await db.user.findMany({
    orderBy: [{ disabledAt: "asc" }, { username: "asc" }],
    select: { id: true, username: true, displayName: true, role: true, disabledAt: true, createdAt: true, services: { select: { service: { select: { slug: true } } } } },
  });
  return users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabledAt !== null, createdAt: u.createdAt.toISOString(), services: u.services.map((s) => s.service.slug).sort() }));
}

export const DELIVERY_STATUSES = ["PENDING", "SENDING", "DELIVERED", "FAILED", "CANCELLED"] as const;

export async function listDeliveries(db: Db, opts: { status?: string; limit?: number } = {}) {
  const rows = await db.alertOutbox.findMany({
    where: opts.status ? { status: opts.status } : {},
    orderBy: { id: "desc" },
    take: opts.limit ?? 100,
    select: {
      id: true,
      kind: true,
      policyKey: true,
      channelKey: true,
      outageId: true,
      level: true,
      round: true,
      status: true,
      attempts: true,
      createdAt: true,
      nextAttemptAt: true,
      deliveredAt: true,
      lastError: true,
      service: { select: { slug: true, name: true, nameEn: true } },
      deliveryAttempts: { orderBy: { id: "asc" }, select: { id: true, at: true, durationMs: true, ok: true, detail: true } },
    },
  });
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    deliveryAttempts: r.deliveryAttempts.map((a) => ({ ...a, at: a.at.toISOString() })),
  }));
}

export async function deliveryCounts(db: Db): Promise<Record<string, number>> {
  const groups = await db.alertOutbox.groupBy({ by: ["status"], _count: true });
  return Object.fromEntries(groups.map((g) => [g.status, g._count]));
}

export async function listDisputes(db: Db) {
  const rows = await db.dispute.findMany({
    orderBy: [{ status: "asc" }, { at: "desc" }],
    take: 200,
    select: {
      id: true,
      at: true,
      reason: true,
      status: true,
      resolvedAt: true,
      resolution: true,
      user: { select: { displayName: true } },
      resolvedBy: { select: { displayName: true } },
      outage: { select: { id: true, startedAt: true, endedAt: true, service: { select: { slug: true, name: true, nameEn: true } }, function: { select: { name: true, nameEn: true } } } },
    },
  });
  return rows.map((d) => ({
    id: d.id,
    at: d.at.toISOString(),
    reason: d.reason,
    status: d.status,
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
    resolution: d.resolution,
    by: d.user.displayName,
    resolvedBy: d.resolvedBy?.displayName ?? null,
    outage: { id: d.outage.id, startedAt: d.outage.startedAt.toISOString(), endedAt: d.outage.endedAt?.toISOString() ?? null, service: d.outage.service, function: d.outage.function },
  }));
}
