import type { Db } from "@/lib/db";
import { listAnnouncements, type AnnouncementView } from "./maintenance";

const DEFAULT_TZ = "Asia/Seoul";

export type DeskOutage = { id: number; functionName: string; functionNameEn: string; startedAt: string; endedAt: string | null; acknowledgement: { at: string; by: string } | null; openDisputes: number };
export type DeskService = {
  id: number;
  slug: string;
  name: string;
  nameEn: string;
  timeZone: string;
  open: DeskOutage[];
  recent: DeskOutage[];
  noticeMs: number;
  announcements: AnnouncementView[];
};

/** An operator's services: ongoing outages first, the last ten closed ones, and its maintenance announcements. */
export async function operatorDesk(db: Db, serviceIds: number[], now: Date): Promise<DeskService[]> {
  const services = await db.service.findMany({ where: { id: { in: serviceIds } }, orderBy: { slug: "asc" }, include: { contracts: { select: { timeZone: true }, orderBy: { termStart: "desc" }, take: 1 } } });
  const out: DeskService[] = [];
  for (const s of services) {
    const select = {
      id: true,
      startedAt: true,
      endedAt: true,
      function: { select: { name: true, nameEn: true } },
      acknowledgement: { select: { at: true, user: { select: { displayName: true } } } },
      _count: { select: { disputes: { where: { status: "OPEN" } } } },
    } as const;
    const [open, recent, maintenance] = await Promise.all([
      db.outage.findMany({ where: { serviceId: s.id, endedAt: null, source: "MEASURED" }, orderBy: { startedAt: "desc" }, select }),
      db.outage.findMany({ where: { serviceId: s.id, endedAt: { not: null }, source: "MEASURED" }, orderBy: { startedAt: "desc" }, take: 10, select }),
      listAnnouncements(db, s.id, new Date(now.getTime() - 30 * 86_400_000)),
    ]);
    const view = (o: (typeof open)[number]): DeskOutage => ({
      id: o.id,
      functionName: o.function.name,
      functionNameEn: o.function.nameEn,
      startedAt: o.startedAt.toISOString(),
      endedAt: o.endedAt?.toISOString() ?? null,
      acknowledgement: o.acknowledgement ? { at: o.acknowledgement.at.toISOString(), by: o.acknowledgement.user.displayName } : null,
      openDisputes: o._count.disputes,
    });
    out.push({ id: s.id, slug: s.slug, name: s.name, nameEn: s.nameEn, timeZone: s.contracts[0]?.timeZone ?? DEFAULT_TZ, open: open.map(view), recent: recent.map(view), noticeMs: maintenance.noticeMs, announcements: maintenance.items });
  }
  return out;
}

export async function adminDeskCounts(db: Db): Promise<{ openDisputes: number; failedDeliveries: number; heldBatches: number }> {
  const [openDisputes, failedDeliveries, heldBatches] = await Promise.all([
    db.dispute.count({ where: { status: "OPEN" } }),
    db.alertOutbox.count({ where: { status: "FAILED" } }),
    db.agentBatch.count({ where: { status: "HELD" } }),
  ]);
  return { openDisputes, failedDeliveries, heldBatches };
}
