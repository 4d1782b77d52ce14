import { excusedTime } from "@/core/accounting/excused";
import type { ContractConfig } from "@/core/config/contract-schema";
import type { Db } from "@/lib/db";

export type AnnouncementView = {
  id: number;
  start: string;
  end: string;
  announcedAt: string;
  by: string;
  note: string;
  /** ms between the announcement and the start (negative: announced after it began) */
  leadMs: number;
  excused: boolean;
  why: string;
  whyKo: string;
};

/** The contract's notice period for maintenance, in ms (0: none). */
export async function maintenanceNoticeMs(db: Db, serviceId: number): Promise<number> {
  const c = await db.contract.findFirst({ where: { serviceId }, orderBy: { termStart: "desc" }, select: { definition: true } });
  return c ? ((JSON.parse(c.definition) as ContractConfig).maintenanceNotice ?? 0) : 0;
}

/**
 * A service's announced maintenance from `since` on, each with the contract's
 * notice rule applied exactly as the accounting applies it (core/accounting/excused.ts).
 */
export async function listAnnouncements(db: Db, serviceId: number, since: Date, limit = 50): Promise<{ noticeMs: number; items: AnnouncementView[] }> {
  const noticeMs = await maintenanceNoticeMs(db, serviceId);
  const rows = await db.maintenanceAnnouncement.findMany({ where: { serviceId, end: { gte: since } }, orderBy: { start: "desc" }, take: limit, include: { user: { select: { displayName: true } } } });
  const { decisions } = excusedTime({
    maintenance: rows.map((r) => ({ id: String(r.id), start: r.start.getTime(), end: r.end.getTime(), announcedAt: r.announcedAt.getTime() })),
    forceMajeure: [],
    noticeMs,
  });
  return {
    noticeMs,
    items: rows.map((r, i) => ({
      id: r.id,
      start: r.start.toISOString(),
      end: r.end.toISOString(),
      announcedAt: r.announcedAt.toISOString(),
      by: r.user.displayName,
      note: r.note,
      leadMs: r.start.getTime() - r.announcedAt.getTime(),
      excused: decisions[i]!.excused,
      why: decisions[i]!.why,
      whyKo: decisions[i]!.whyKo,
    })),
  };
}

/** The same for a service by slug (the public service page): the last 90 days and everything ahead. */
export async function announcementsForService(db: Db, slug: string, now: Date): Promise<{ noticeMs: number; items: AnnouncementView[] }> {
  const s = await db.service.findUnique({ where: { slug }, select: { id: true } });
  if (!s) return { noticeMs: 0, items: [] };
  return listAnnouncements(db, s.id, new Date(now.getTime() - 90 * 86_400_000));
}
